#!/usr/bin/env bash
# `taifeng swe` placed on the Earth (configs/swe/hainan_damrey.toml at 10 km cells):
#  1. still water over ETOPO5 with its emerged island and no forcing stays at rest to
#     round-off (well balanced over real relief);
#  2. Damrey's best track forces a surge whose peak lies at sea off north-east Hainan at
#     0.5-4 m (the 5 km, 48 h run gives 1.84 m near 110.9E 19.7N); 1 and 2 ranks give
#     bitwise the same maxima, and a restart from the 12 h checkpoint the same final state;
#  3. a run started (initial.case = "file") from the 12 h frame, with the forcing shifted to
#     start there and no ramp, ends within 1e-6 m of the uninterrupted run (the file holds
#     u = hu/h, not hu: round-off only);
#  4. a file on another grid, and a checkpoint under other physics, are refused (exit 2).
set -uo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
base="$work/damrey.toml"
sed -e "s|\"\.\./\.\./data/|\"$src/data/|" -e "s|^output_dir = .*|output_dir = \"$work/out\"|" \
  -e 's|^nx = .*|nx = 48|' -e 's|^ny = .*|ny = 45|' -e 's|^dx_m = .*|dx_m = 10000.0|' \
  -e 's|^end_s = .*|end_s = 86400.0|' -e 's|^output_every_s = .*|output_every_s = 43200.0|' \
  "$src/configs/swe/hainan_damrey.toml" > "$base"
run() {  # NAME CONFIG [extra args]: JSON to $work/NAME.json
  local name=$1 cfg=$2; shift 2
  "$@" "$taifeng" swe "$cfg" --json --out "$work/$name" > "$work/$name.json" 2> "$work/$name.log" \
    || { cat "$work/$name.log"; fail "swe run $name"; }
}
# 1. Lake at rest over the island.
sed -e '/^\[forcing\]/,/^interval_minutes/d' -e 's|^end_s = .*|end_s = 21600.0|' "$base" > "$work/rest.toml"
run rest "$work/rest.toml"
# 2. Surge: 1 rank, 2 ranks, restart.
run one "$base"
run two "$base" "$mpiexec" --oversubscribe -np 2 -x OMP_NUM_THREADS=1
ckpt=$(ls "$work/one.checkpoints/"*step*.h5 | head -1)
[ -n "$ckpt" ] || fail "no checkpoint"
"$mpiexec" --oversubscribe -np 2 -x OMP_NUM_THREADS=1 "$taifeng" swe "$base" --json \
  --restart "$ckpt" --out "$work/restarted" > "$work/restarted.json" 2> "$work/restarted.log" \
  || { cat "$work/restarted.log"; fail "restart"; }
# A checkpoint does not restart other physics (here Manning's n).
sed -e 's|^manning_n = .*|manning_n = 0.03|' "$base" > "$work/other.toml"
"$taifeng" swe "$work/other.toml" --json -q --restart "$ckpt" --out "$work/other" > /dev/null \
  2> "$work/other_err.txt"
rc=$?
[ $rc -eq 2 ] && grep -q "checkpoint of another scenario" "$work/other_err.txt" \
  || { cat "$work/other_err.txt"; fail "restart under other physics not refused (exit $rc)"; }
# 3. From the 12 h frame (written at output_every_s) of a 12 h run.
sed -e 's|^end_s = .*|end_s = 43200.0|' "$base" > "$work/half.toml"
run half "$work/half.toml"
sed -e 's|^case = "relief"|case = "file"\nfile = "'"$work"'/half/hainan_damrey.nc"|' \
  -e '/^level_m = /d' -e '/^\[bathymetry\]/,/^depth_cap_m/d' -e 's|^start = .*|start = 2005-09-25T12:00:00Z|' -e 's|^ramp_hours = .*|ramp_hours = 0.0|' \
  -e 's|^end_s = .*|end_s = 43200.0|' "$base" > "$work/cont.toml"
# A file case has no default boundaries of its own (wall): say the relief case's.
printf '\n[boundaries]\nwest = "level"\neast = "level"\nsouth = "level"\nnorth = "level"\n' \
  >> "$work/cont.toml"
run cont "$work/cont.toml"
/usr/bin/python3 - "$work" <<'PY' || fail "checks"
import json, sys
import numpy as np, xarray as xr
w = sys.argv[1]
def nc(name):
    return xr.open_dataset(f"{w}/{name}/hainan_damrey.nc")
rest = nc("rest")
b = rest.b.values
assert (b > 0).sum() > 100 and (b < 0).sum() > 100, "the box must hold land and sea"
wet = rest.h.isel(time=-1).values > 1e-6  # the dry tolerance: land may hold 1e-29 m films
speed = np.abs(rest.u.isel(time=-1).values).max() + np.abs(rest.v.isel(time=-1).values).max()
deta = np.abs(rest.eta.isel(time=-1).values[wet]).max()
j = json.load(open(f"{w}/rest.json"))
print(f"lake at rest over ETOPO5: max |u|+|v| {speed:.1e} m/s, max |eta| {deta:.1e} m, "
      f"mass change {j['mass_rel_change']:.1e}")
assert speed < 1e-12 and deta < 1e-12 and abs(j["mass_rel_change"]) < 1e-14
one, two, rs = nc("one"), nc("two"), nc("restarted")
sea = one.b.values < 0
emax = np.where(sea, one.eta_max.values, np.nan)
peak = np.nanmax(emax)
jj, ii = np.unravel_index(np.nanargmax(emax), emax.shape)
# The placed grid carries lon(x), lat(y) auxiliary coordinates (CF "coordinates").
assert "lon" in one.h.coords and "lat" in one.h.coords and one.lon.units == "degrees_east"
lon, lat = float(one.lon[ii]), float(one.lat[jj])
lat_c = 17 + 45 * 10000 / 2 / 6371000 * 180 / np.pi  # the grid's central latitude
assert abs(float(one.lon[0]) - 107.5 - 5000 / (6371000 * np.cos(np.radians(lat_c))) * 180 / np.pi) < 1e-9
print(f"Damrey surge at 10 km: peak {peak:.2f} m at {lon:.2f}E {lat:.2f}N")
assert 0.5 < peak < 4.0, peak
assert 109.5 < lon < 112.0 and 18.5 < lat < 21.0, (lon, lat)
for v in ("eta_max", "h_max"):
    assert np.array_equal(one[v].values, two[v].values, equal_nan=True), f"{v}: 1 vs 2 ranks"
    assert np.array_equal(one[v].values, rs[v].values, equal_nan=True), f"{v}: restart"
for v in ("h", "u", "v"):
    assert np.array_equal(one[v].isel(time=-1).values, rs[v].isel(time=-1).values), f"{v}: restart"
cont = nc("cont")
d = np.abs(cont.eta.isel(time=-1).values - one.eta.isel(time=-1).values)[one.h.isel(time=-1).values > 0].max()
print(f"continued from the 12 h frame: max |eta difference| at 24 h {d:.1e} m; 1/2 ranks and restart bitwise")
assert d < 1e-6, d
PY
# 4. A file from another grid.
sed -e 's|^nx = .*|nx = 40|' "$work/cont.toml" > "$work/bad.toml"
"$taifeng" swe "$work/bad.toml" --json -q --out "$work/bad" > /dev/null 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "expected grid.nx x grid.ny" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "a file on another grid not refused (exit $rc)"; }
echo "PASS swe on the Earth"
