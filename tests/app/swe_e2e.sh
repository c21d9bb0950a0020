#!/usr/bin/env bash
# taifeng swe: the analytic cases within their stated tolerances (--json), bitwise
# identical results on 1, 2 and 4 MPI ranks, a restart from a checkpoint equal to the
# uninterrupted run, and bad input refused with one line and exit code 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
run_json() {  # run_json NAME CONFIG [args...]: the --json output in $work/NAME.json
  local name=$1 cfg=$2; shift 2
  "$taifeng" swe "$cfg" --json -q --out "$work/$name" "$@" > "$work/$name.json" 2> "$work/$name.log" \
    || { cat "$work/$name.log"; fail "swe $name"; }
}
for c in stoker ritter lake_at_rest wind_setup; do run_json "$c" "$src/configs/swe/$c.toml"; done
# Thacker on a coarser grid than configs/swe/thacker.toml (100 x 100 cells of 4 cm) to keep
# the test short; one period.
sed -e 's|^nx = .*|nx = 100|' -e 's|^ny = .*|ny = 100|' -e 's|^dx_m = .*|dx_m = 0.04|' \
  "$src/configs/swe/thacker.toml" > "$work/thacker.toml"
run_json thacker "$work/thacker.toml"
/usr/bin/python3 - "$work" <<'PY' || fail "analytic cases"
import json, sys
w = sys.argv[1]
def get(n): return json.load(open(f"{w}/{n}.json"))
# Tolerances (m) on the mean absolute depth error L1 and the maximum Linf:
#  Stoker/Ritter, hl = 5 mm on 800 cells: L1 below 0.2 % of hl (a second-order scheme smears
#  the shock and the front over a few cells: Linf is dominated by them, 15 % of hl);
#  Thacker after one period on 100 x 100: L1 below 1 % of h0 (the moving shoreline is only
#  first order); lake at rest: round-off; wind set-up vs the exact steady depth after 48 h
#  with Manning damping: Linf below 2 % of the 2.8 m set-up.
limits = {"stoker": (1e-5, 7.5e-4), "ritter": (1e-5, 7.5e-4), "thacker": (1e-3, 2e-2),
          "lake_at_rest": (1e-14, 1e-13), "wind_setup": (0.03, 0.056)}
for n, (l1, linf) in limits.items():
    d = get(n)
    e = d["errors"]
    print(f"{n:13s} L1 {e['l1']:.3e} L2 {e['l2']:.3e} Linf {e['linf']:.3e} m; "
          f"mass {d['mass_rel_change']:.1e}; {d['steps']} steps")
    assert e["l1"] < l1 and e["linf"] < linf, (n, e)
# Closed domains conserve mass to round-off: 1e-12 relative; Thacker 1e-10 (its moving
# shoreline wets and dries cells every step, each clipping round-off-level depths).
for n, tol in (("lake_at_rest", 1e-12), ("wind_setup", 1e-12), ("thacker", 1e-10)):
    assert abs(get(n)["mass_rel_change"]) < tol, (n, get(n)["mass_rel_change"])
PY
# --- 1, 2, 4 ranks and restart: a small radial dam break -----------------------------------
sed -e 's|^nx = .*|nx = 120|' -e 's|^ny = .*|ny = 90|' -e 's|^dx_m = .*|dx_m = 2.0|' \
  -e 's|^end_s = .*|end_s = 6.0\ncheckpoint_every_s = 3.0|' \
  "$src/configs/swe/radial_dam_break.toml" > "$work/radial.toml"
for n in 1 2 4; do
  "$mpiexec" --oversubscribe -np $n "$taifeng" swe "$work/radial.toml" -q --out "$work/radial_np$n" \
    > /dev/null 2> "$work/radial_np$n.log" || { cat "$work/radial_np$n.log"; fail "radial on $n ranks"; }
done
ckpt=$(ls "$work"/radial_np1.checkpoints/*.h5 | head -1)
[ -n "$ckpt" ] || fail "no checkpoint written"
"$mpiexec" --oversubscribe -np 2 "$taifeng" swe "$work/radial.toml" -q --restart "$ckpt" \
  --out "$work/radial_restart" > /dev/null 2> "$work/restart.log" || { cat "$work/restart.log"; fail "restart"; }
/usr/bin/python3 - "$work" <<'PY' || fail "rank count / restart reproducibility"
import sys
import numpy as np, netCDF4
w = sys.argv[1]
def last(d):
    nc = netCDF4.Dataset(f"{w}/{d}/radial_dam_break.nc")
    return nc["time"][-1], np.array(nc["h"][-1]), np.array(nc["u"][-1]), np.array(nc["h_max"][:])
t1, h1, u1, m1 = last("radial_np1")
assert abs(t1 - 6.0) < 1e-12, t1
for d in ("radial_np2", "radial_np4", "radial_restart"):
    t, h, u, m = last(d)
    assert t == t1 and np.array_equal(h, h1) and np.array_equal(u, u1) and np.array_equal(m, m1), d
print("radial dam break: 1, 2, 4 ranks and a restart at 3 s give bitwise the same h, u, h_max")
PY
# --- bad input -----------------------------------------------------------------------------
sed 's|^cfl = 0.4|cfl = 0.4\ncfll = 0.3|' "$src/configs/swe/radial_dam_break.toml" > "$work/bad.toml"
"$taifeng" swe "$work/bad.toml" -q > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "did you mean 'time.cfl'" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "unknown key not refused"; }
"$taifeng" swe "$work/radial.toml" -q --restart "$work/stoker.json" > /dev/null 2> "$work/err2.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/err2.txt")" -eq 1 ] || { cat "$work/err2.txt"; fail "bad checkpoint not refused"; }
echo "PASS swe"
