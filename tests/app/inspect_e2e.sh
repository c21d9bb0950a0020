#!/usr/bin/env bash
# `taifeng inspect --json` on every bundled track file and the Debian data files, values
# sampled in SI units, a synthetic analysis read back through the same path, and broken
# inputs rejected with one line and exit code 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
ferret=/usr/share/ferret-vis/data
py=/usr/bin/python3

# json FILE PYTHON-EXPR: inspect FILE --json and assert the expression over `d`.
json() {
  local file=$1 expr=$2 out="$work/$(basename "$1").json"
  "$taifeng" inspect "$file" --json > "$out" 2> "$work/err.txt" || { cat "$work/err.txt"; fail "inspect $file"; }
  $py -c "import json,sys; d=json.load(open(sys.argv[1])); assert $expr, sys.argv[1]" "$out" \
    || fail "inspect $file: $expr"
  echo "ok  inspect $(basename "$file")"
}
# sample FILE VAR AT PYTHON-EXPR over `v` (value) and `d` (document)
sample() {
  local out
  out=$("$taifeng" inspect "$1" --json --sample "$2" --at "$3") || fail "sample $1 $2 $3"
  $py -c "import json,sys; d=json.loads(sys.argv[1]); v=d['value']; assert $4, d" "$out" \
    || fail "sample $1 $2 $3: $4 (got $out)"
  echo "ok  sample $(basename "$1") $2 @ $3: $out"
}
# bad NAME PATTERN -- ARGS...: exit 2 and exactly one stderr line containing PATTERN
bad() {
  local name=$1 pat=$2; shift 3
  "$taifeng" "$@" > /dev/null 2> "$work/$name.err"; local code=$?
  [ $code -eq 2 ] || { cat "$work/$name.err"; fail "$name: exit $code, expected 2"; }
  [ "$(grep -c . "$work/$name.err")" -eq 1 ] || { cat "$work/$name.err"; fail "$name: not one line"; }
  grep -qF -- "$pat" "$work/$name.err" || { cat "$work/$name.err"; fail "$name: lacks '$pat'"; }
  echo "ok  $name: $(cat "$work/$name.err")"
}

# --- tracks -------------------------------------------------------------------------------
json "$src/data/tracks/jtwc_wp_1945_2012.csv" \
  "d['kind']=='tracks' and d['format']=='jtwc-csv' and len(d['storms'])==1955 and \
   [p for s in d['storms'] if s['id']=='200517' for p in s['members'][0]['points'] \
    if p['time']=='2005-09-25T00:00:00Z'][0]['pmin_hpa']==963.0"
json "$src/data/tracks/bdeck/bwp112014.dat" \
  "d['format']=='atcf' and d['storms'][0]['id']=='WP112014' and d['storms'][0]['name']=='HALONG' \
   and len(d['storms'][0]['members'][0]['points'])==58 \
   and abs(max(p['vmax_ms'] for p in d['storms'][0]['members'][0]['points'])-140*1852/3600)<1e-6"
json "$src/data/tracks/bdeck/bwp192014.dat" \
  "d['storms'][0]['name']=='VONGFONG' and min(p['pmin_hpa'] for p in d['storms'][0]['members'][0]['points'] if p['pmin_hpa'])==907"
json "$src/data/tracks/bdeck/bwp222014.dat" \
  "d['storms'][0]['name']=='HAGUPIT' and all(p['vmax_avg_min']==1 for p in d['storms'][0]['members'][0]['points'])"
json "$src/data/tracks/ecmwf/tracks_22S_HEROLD_2020031912.eps.bufr4" \
  "d['format']=='ecmwf-bufr' and d['storms'][0]['id']=='22S' and d['storms'][0]['name']=='HEROLD' \
   and sorted(m['member'] for m in d['storms'][0]['members'])==[i for i in range(1,53) if i not in (7,50)] \
   and all(m['points'][0]['time']=='2020-03-19T12:00:00Z' for m in d['storms'][0]['members'])"
json "$src/data/tracks/ecmwf/tracks_22S_HEROLD_2020031912.det.bufr4" \
  "[m['member'] for m in d['storms'][0]['members']]==[52] and d['storms'][0]['members'][0]['source']=='ECMWF HRES'"

# --- grids (Debian ferret-datasets) ------------------------------------------------------
json "$ferret/etopo5.cdf" "d['kind']=='grid' and d['format']=='netcdf' and d['variables'][0]['name']=='ROSE' \
  and d['variables'][0]['shape']==[2161,4320]"
json "$ferret/coads_climatology.cdf" "'SST' in [v['name'] for v in d['variables']] and \
  [v for v in d['variables'] if v['name']=='SST'][0]['missing']>0"
json "$ferret/monthly_navy_winds.cdf" "[v for v in d['variables'] if v['name']=='UWND'][0]['time'][0]=='1982-01-16T20:00:00Z'"
# ETOPO5: South China Sea east of Hainan deeper than 1000 m, central Hainan above 500 m.
sample "$ferret/etopo5.cdf" surface_altitude 18,113 "v < -1000 and d['units']=='m'"
sample "$ferret/etopo5.cdf" ROSE 18.9,109.6 "v > 500"
# COADS SST in August near 18N 112E: 27..31 degC, reported in K (SI).
sample "$ferret/coads_climatology.cdf" sea_surface_temperature 18,112,0000-08-16T00:00:00Z \
  "300.15 < v < 304.15 and d['units']=='K' and d['time'].startswith('0000-08')"
# Navy winds found through the alias table, in m s-1, times from 'hour since'.
sample "$ferret/monthly_navy_winds.cdf" eastward_wind 15,115,1982-08-16T00:00:00Z \
  "abs(v) < 30 and d['units']=='m s-1' and d['variable']=='UWND' and d['time'].startswith('1982-08')"

# --- synthetic analysis, read back through the same readers --------------------------------
"$taifeng" synth analysis "$src/configs/synth/hainan_ridge.toml" --out "$work/synth.nc" -q > /dev/null \
  || fail "synth analysis"
json "$work/synth.nc" "set(v['name'] for v in d['variables']) >= {'u','v','gh','msl','sst'} and \
  [v for v in d['variables'] if v['name']=='u'][0]['levels']==[850,700,500,400,300,250,200]"
ncdump -h "$work/synth.nc" > "$work/synth.cdl" && grep -q ':synthetic = "yes"' "$work/synth.cdl" || fail "synthetic marker missing"
# Cyclonic vortex at 18.9N 112.8E: northerly west of it, southerly east of it at 850 hPa.
sample "$work/synth.nc" northward_wind 18.9,113.3,2005-09-25T00:00:00Z,850 "v > 20"
sample "$work/synth.nc" northward_wind 18.9,112.3,2005-09-25T00:00:00Z,850 "v < -20"

# --- broken inputs --------------------------------------------------------------------------
head -c 20000 "$ferret/monthly_navy_winds.cdf" > "$work/truncated.nc"
bad truncated_netcdf "truncated.nc" -- inspect "$work/truncated.nc" --json
bad wrong_variable "NO_SUCH_VAR" -- inspect "$ferret/coads_climatology.cdf" --json --sample NO_SUCH_VAR --at 18,112
$py - "$work/nan.nc" <<'PY'
import sys, numpy as np, netCDF4
ds = netCDF4.Dataset(sys.argv[1], "w")
ds.createDimension("lat", 3); ds.createDimension("lon", 4)
la = ds.createVariable("lat", "f8", ("lat",)); la.units = "degrees_north"; la[:] = [10, 11, 12]
lo = ds.createVariable("lon", "f8", ("lon",)); lo.units = "degrees_east"; lo[:] = [110, 111, 112, 113]
v = ds.createVariable("sst", "f4", ("lat", "lon")); v.units = "K"; v[:] = np.full((3, 4), np.nan)
ds.close()
PY
bad nan_field "no valid value" -- inspect "$work/nan.nc" --json --sample sst --at 11,111
head -c 3000 /dev/urandom > "$work/garbage.bufr"; printf 'BUFR' | dd of="$work/garbage.bufr" conv=notrunc 2> /dev/null
bad garbage_bufr "garbage.bufr" -- inspect "$work/garbage.bufr" --json
sed '3s/ 119N,/ 999N,/' "$src/data/tracks/bdeck/bwp112014.dat" > "$work/bad_999N.dat"
bad atcf_999N "bad_999N.dat:3:" -- inspect "$work/bad_999N.dat" --json
{ head -1 "$src/data/tracks/jtwc_wp_1945_2012.csv"; grep ',200517,' "$src/data/tracks/jtwc_wp_1945_2012.csv" | sed -n '1,5p'; \
  grep ',200517,' "$src/data/tracks/jtwc_wp_1945_2012.csv" | sed -n '2p'; } > "$work/backwards.csv"
bad non_monotonic "backwards.csv:7:" -- inspect "$work/backwards.csv" --json
printf 'hello, world\n' > "$work/unknown.txt"
bad unknown_format "unrecognised format" -- inspect "$work/unknown.txt" --json
bad missing_file "does not exist" -- inspect "$work/none.nc" --json
bad bad_at "--at" -- inspect "$ferret/etopo5.cdf" --json --sample ROSE --at 18,abc
echo "PASS inspect end to end"
