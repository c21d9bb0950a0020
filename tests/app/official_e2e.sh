#!/usr/bin/env bash
# forecast.model = "official": a "perfect" advisory written from Damrey's real best track
# (ATCF a-deck, technique JTWC, forecast hours 0..66) must come back exactly at the forecast
# hours; an advisory without the analysis cycle is refused with one line and exit code 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
/usr/bin/python3 - "$src/data/tracks/jtwc_wp_1945_2012.csv" > "$work/awp182005.dat" <<'PY'
import csv, datetime, sys
t0 = datetime.datetime(2005, 9, 25, 0)
for r in csv.reader(open(sys.argv[1])):
    if r[9] != "200517":
        continue
    tau = int((datetime.datetime(int(r[1]), int(r[2]), int(r[3]), int(r[4])) - t0).total_seconds() // 3600)
    if tau >= 0:
        print(f"WP, 18, 2005092500, 03, JTWC, {tau:3d}, {round(float(r[5]) * 10):3d}N, "
              f"{round(float(r[6]) * 10):4d}E, {int(float(r[7])):3d}, {int(float(r[8])):4d}, TY,   0,    ,"
              "    0,    0,    0,    0,")
PY
make_config "$src" "$work/official.toml"
set_members "$work/official.toml" 4
sed -i -e 's|^model = .*|model = "official"|' \
  -e "s|^cliper_model = .*|advisory_file = \"$work/awp182005.dat\"\ntechnique = \"JTWC\"|" "$work/official.toml"
"$taifeng" forecast "$work/official.toml" --out "$work/run" -q > /dev/null 2> "$work/log.txt" \
  || { cat "$work/log.txt"; fail "official forecast"; }
grep -q "advisory ends at +66 h" "$work/log.txt" || fail "no warning about the short advisory"
/usr/bin/python3 - "$work/run/summary.json" <<'PY' || fail "official track differs from the advisory"
import json, sys
t = {p["lead_h"]: p for p in json.load(open(sys.argv[1]))["forecast_track"]}
assert max(t) == 66, max(t)
# Best track of Damrey (JTWC 200517): +12 h 19.0N 111.6E, +24 h 18.6N 110.0E, +48 h 19.5N 106.2E.
for h, lat, lon in ((12, 19.0, 111.6), (24, 18.6, 110.0), (48, 19.5, 106.2)):
    assert abs(t[h]["lat"] - lat) < 1e-9 and abs(t[h]["lon"] - lon) < 1e-9, (h, t[h])
assert abs(t[6]["vmax_ms"] - 90 * 1852 / 3600) < 1e-9, t[6]
print("official track reproduces the advisory at +12/+24/+48 h")
PY
sed -i 's|^technique = .*|technique = "OFCL"|' "$work/official.toml"
"$taifeng" forecast "$work/official.toml" --out "$work/run2" -q > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "no OFCL forecast" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "missing technique not refused"; }
echo "PASS official"
