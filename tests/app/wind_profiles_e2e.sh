#!/usr/bin/env bash
# wind.profile = holland1980 | holland2010 | willoughby: each runs the whole cycle (the
# deterministic fields and the Monte Carlo members), the NetCDF names the profile, the
# swaths differ between profiles but agree on the storm's strength (peak 2-min wind within
# 25-60 m/s for Damrey's 41 m/s 1-min analysis), the gust swath is the sustained swath
# times the WMO factors (1.15 at sea, 1.55 over land for 2-min winds), and an unknown
# profile is refused with one line and exit code 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
for p in holland1980 holland2010 willoughby; do
  make_config "$src" "$work/$p.toml"
  set_members "$work/$p.toml" 4
  sed -i -e "s|^profile = .*|profile = \"$p\"|" -e 's|^lead_hours = .*|lead_hours = 24|' -e 's|^hours = 72|hours = 24|' "$work/$p.toml"
  "$taifeng" forecast "$work/$p.toml" --out "$work/$p" -q > /dev/null 2> "$work/$p.log" \
    || { cat "$work/$p.log"; fail "forecast with profile $p"; }
done
/usr/bin/python3 - "$work" <<'PY' || fail "wind profiles"
import glob, sys
import numpy as np, netCDF4
peaks = {}
for p in ("holland1980", "holland2010", "willoughby"):
    nc = netCDF4.Dataset(glob.glob(f"{sys.argv[1]}/{p}/wind_*.nc")[0])
    assert p in nc.getncattr("source"), nc.getncattr("source")
    w = nc["wind_speed_max"][:].filled(0)
    g = nc["wind_speed_of_gust_max"][:].filled(0)
    land = nc["land_binary_mask"][:] > 0.5
    assert np.allclose(g[~land], 1.15 * w[~land], rtol=1e-6, atol=1e-4), p  # float32 storage
    assert np.allclose(g[land], 1.55 * w[land], rtol=1e-6, atol=1e-4), p  # float32 storage
    assert "prob_bf8_24h" in nc.variables
    peaks[p] = w
    print(f"{p}: peak {w.max():.1f} m/s, gale area {(w >= 17.2).sum()} points")
    assert 25 < w.max() < 60, (p, w.max())
assert not np.array_equal(peaks["holland1980"], peaks["willoughby"])
assert not np.array_equal(peaks["holland1980"], peaks["holland2010"])
PY
sed -i 's|^profile = .*|profile = "rankine"|' "$work/willoughby.toml"
"$taifeng" forecast "$work/willoughby.toml" --out "$work/bad" -q > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "wind.profile" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "unknown profile not refused"; }
echo "PASS wind profiles"
