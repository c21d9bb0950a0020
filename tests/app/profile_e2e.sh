#!/usr/bin/env bash
# `taifeng profile`: the published check values of BRIEF.md through the command, JSON shape,
# and bad options ending with one line and exit code 2.
set -uo pipefail
taifeng=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$("$taifeng" profile --model holland2010 --rmax-km 75 --vmax-ms 35 --b 1.75 --r-km 220,300 --json) \
  || fail "holland2010 run"
/usr/bin/python3 -c "
import json,sys; d=json.loads(sys.argv[1])
assert d['model']=='holland2010' and d['r_km']==[220.0,300.0], d
assert abs(d['v_ms'][0]-21.181497)<1e-5 and abs(d['v_ms'][1]-17.0)<1e-9, d   # BRIEF.md check value
" "$out" || fail "holland2010 values: $out"
# Holland 1980 without Coriolis at R_m: V = V_m exactly when B is derived (unclipped: 30 hPa, 40 m/s).
out=$("$taifeng" profile --model holland1980 --rmax-km 40 --dp-hpa 30 --vmax-ms 40 --r-km 40 --no-coriolis --json) \
  || fail "holland1980 run"
/usr/bin/python3 -c "
import json,sys; d=json.loads(sys.argv[1]); assert abs(d['v_ms'][0]-40.0)<1e-9, d" "$out" \
  || fail "holland1980 V(Rm): $out"
"$taifeng" profile --model willoughby --rmax-km 40 --vmax-ms 45 --lat 18 --r-km 40 --json | grep -q '"v_ms":\[45' \
  || fail "willoughby V(Rmax)"
"$taifeng" profile --model holland1980 --rmax-km 40 --lat 18 --r-km 10 > /dev/null 2> err.txt
[ $? -eq 2 ] && [ "$(grep -c . err.txt)" -eq 1 ] && grep -q -- "--dp-hpa is required" err.txt \
  || { cat err.txt; fail "missing parameter message"; }
"$taifeng" profile --model rankine --rmax-km 40 --r-km 10 > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown model exit"
echo "PASS profile"
