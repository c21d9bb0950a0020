#!/usr/bin/env bash
# [surge] in the forecast cycle (Damrey 2005 over Hainan): the surge NetCDF holds the
# products, the deterministic surge is physically plausible, 1 and 2 MPI ranks give bitwise
# the same surge fields, and more surge runs than ensemble members is refused (exit 2).
set -uo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
make_config "$src" "$work/surge.toml"
set_members "$work/surge.toml" 3   # ensemble.members and surge.members
sed -i -e 's|^lead_hours = .*|lead_hours = 48|' -e 's|^hours = 72|hours = 48|' "$work/surge.toml"
grep -q '^enabled = true' "$work/surge.toml" || fail "the demo configuration has no [surge]"
for n in 1 2; do
  "$mpiexec" --oversubscribe -np $n -x OMP_NUM_THREADS=1 "$taifeng" forecast "$work/surge.toml" \
    --out "$work/np$n" -q > /dev/null 2> "$work/np$n.log" || { cat "$work/np$n.log"; fail "surge on $n ranks"; }
done
/usr/bin/python3 - "$work" <<'PY' || fail "surge products"
import glob, json, sys
import numpy as np, netCDF4
w = sys.argv[1]
def ds(d): return netCDF4.Dataset(glob.glob(f"{w}/{d}/surge_200517_*.nc")[0])
a, b = ds("np1"), ds("np2")
names = ["surge_max", "inundation_depth_max", "surge_max_ensemble", "prob_surge_ge_0p5m",
         "prob_surge_ge_1m", "prob_surge_ge_2m", "prob_surge_ge_3m", "bed_elevation",
         "surge_max_member", "inundation_depth_max_member"]
for n in names:
    x, y = np.ma.filled(a[n][:], np.nan), np.ma.filled(b[n][:], np.nan)
    assert np.array_equal(x, y, equal_nan=True), f"{n} differs between 1 and 2 ranks"
s = np.ma.filled(a["surge_max"][:], np.nan)
bed = a["bed_elevation"][:]
# Damrey (80 kt) drove about 2-3 m of surge onto north-east Hainan: the model's peak must be
# a surge, not noise (> 0.5 m), and not absurd (< 6 m).
peak = np.nanmax(s)
assert 0.5 < peak < 6.0, peak
assert np.all(np.isnan(s[bed > 0])), "surge reported on land"
for n in names[3:7]:
    p = a[n][:]
    assert p.min() >= 0 and p.max() <= 1, n
ens = np.ma.filled(a["surge_max_ensemble"][:], np.nan)
assert np.nanmax(ens) >= peak - 1e-6, "the ensemble maximum is below the deterministic one"
# Per-run maxima: realization 0 is the deterministic run, their maximum the ensemble's, and
# a run counts toward prob_surge_ge_1m where its maximum reaches 1 m (all stored as floats).
mem = np.ma.filled(a["surge_max_member"][:], np.nan)
assert mem.shape[0] == 3 and list(a["realization"][:]) == [0, 1, 2], mem.shape
assert a["realization"].standard_name == "realization"
assert np.array_equal(mem[0], s, equal_nan=True), "realization 0 is not the deterministic run"
assert np.array_equal(np.nanmax(np.where(np.isnan(mem), -1e30, mem), axis=0),
                      np.where(np.isnan(ens), -1e30, ens)), "member maximum != ensemble maximum"
p1 = np.ma.filled(a["prob_surge_ge_1m"][:], 0)
assert np.allclose(p1, (np.nan_to_num(mem, nan=-1) >= 1.0).sum(axis=0) / 3, atol=1e-6)
inund = np.ma.filled(a["inundation_depth_max_member"][:], np.nan)
assert np.array_equal(inund[0], np.ma.filled(a["inundation_depth_max"][:], np.nan), equal_nan=True)
run = json.load(open(f"{w}/np1/run.json"))
assert run["surge"]["runs"] == 3, run["surge"]
units = json.load(open(f"{w}/np1/warnings/summary.json"))["units"]
assert all(u["surge"] is not None and u["surge_level"] is not None for u in units)
for u in units:  # population conserved in the inundation classes
    assert sum(u["surge"]["population_by_inundation_class"].values()) == u["population"], u["code"]
print(f"surge: peak {peak:.2f} m, ensemble peak {np.nanmax(ens):.2f} m; 1 and 2 ranks identical")
PY
sed -i "0,/^members = 3/s//members = 2/" "$work/surge.toml"   # ensemble.members now 2 < 3
"$taifeng" forecast "$work/surge.toml" --out "$work/bad" -q > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "surge.members" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "too many surge runs not refused"; }
echo "PASS surge"
