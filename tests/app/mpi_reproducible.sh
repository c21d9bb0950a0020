#!/usr/bin/env bash
# 1, 2 and 3 ranks (with 1 or 2 OpenMP threads) must give bitwise identical wind fields,
# swath, ensemble products, summaries and CAP messages.
set -euo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
make_config "$src" "$work/demo.toml"
set_members "$work/demo.toml" 6   # a small ensemble: its products must not depend on ranks either
OMP_NUM_THREADS=1 "$taifeng" forecast "$work/demo.toml" --out "$work/np1" -q > /dev/null
OMP_NUM_THREADS=2 "$mpiexec" --oversubscribe -np 2 "$taifeng" forecast "$work/demo.toml" \
  --out "$work/np2" -q > /dev/null
OMP_NUM_THREADS=1 "$mpiexec" --oversubscribe -np 3 "$taifeng" forecast "$work/demo.toml" \
  --out "$work/np3" -q > /dev/null
for other in np2 np3; do
/usr/bin/python3 - "$work/np1" "$work/$other" <<'PY'
import sys, numpy as np, netCDF4
a, b = (netCDF4.Dataset(f"{d}/wind_200517_2005092500.nc") for d in sys.argv[1:3])
names = ["wind_speed_max", "wind_speed", "storm_lat", "storm_lon", "storm_vmax",
         "gale_arrival_h", "wind_speed_max_ens_mean", "wind_speed_max_ens_p90",
         "strike_probability_100km", "cone_radius_km"] + [v for v in a.variables if v.startswith("prob_")]
# 4 Beaufort thresholds x 6 windows, 4 signal levels, gale
assert len([v for v in names if v.startswith("prob_")]) == 24 + 4 + 1, names
for v in names:
    x, y = a[v][:].filled(np.nan), b[v][:].filled(np.nan)
    assert x.shape == y.shape and np.array_equal(x, y, equal_nan=True), f"{v} differs: {sys.argv[2]}"
print("swath max", float(a["wind_speed_max"][:].max()), "identical on 1 rank and", sys.argv[2])
PY
diff -r "$work/np1/warnings" "$work/$other/warnings" > /dev/null || fail "warnings differ ($other)"
diff "$work/np1/summary.json" "$work/$other/summary.json" > /dev/null || fail "summary differs ($other)"
done
grep -q '"mpi_ranks": 2' "$work/np2/run.json" || fail "run.json does not record 2 ranks"
grep -q '"mpi_ranks": 3' "$work/np3/run.json" || fail "run.json does not record 3 ranks"
echo "PASS 1, 2 and 3 ranks identical"
