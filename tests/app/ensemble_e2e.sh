#!/usr/bin/env bash
# forecast.model = "ensemble":
#  1. an a-deck with three techniques written from Damrey's real best track (the best track,
#     and copies shifted 0.5 deg north and south) must give back the best track as the
#     ensemble mean, and exactly three realizations; choosing two techniques moves the mean
#     0.25 deg north; an absent technique is refused with one line and exit code 2;
#  2. the real ECMWF ensemble BUFR of 22S Herold (2020-03-19 12 UTC, southern hemisphere),
#     without any best track, gives probability products around its members' positions.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
/usr/bin/python3 - "$src/data/tracks/jtwc_wp_1945_2012.csv" > "$work/awp182005.dat" <<'PY'
import csv, datetime, sys
t0 = datetime.datetime(2005, 9, 25, 0)
rows = [r for r in csv.reader(open(sys.argv[1])) if r[9] == "200517"]
for tech, dlat in (("PERF", 0.0), ("NRTH", 0.5), ("STH", -0.5)):
    for r in rows:
        tau = int((datetime.datetime(int(r[1]), int(r[2]), int(r[3]), int(r[4])) - t0).total_seconds() // 3600)
        if 0 <= tau <= 48:
            lat = round((float(r[5]) + dlat) * 10)
            print(f"WP, 18, 2005092500, 03, {tech:>4}, {tau:3d}, {lat:3d}N, "
                  f"{round(float(r[6]) * 10):4d}E, {int(float(r[7])):3d}, {int(float(r[8])):4d}, TY,   0,    ,"
                  "    0,    0,    0,    0,")
PY
make_config "$src" "$work/ens.toml"
set_members "$work/ens.toml" 0
sed -i -e 's|^model = .*|model = "ensemble"|' -e 's|^lead_hours = .*|lead_hours = 48|' -e 's|^hours = 72|hours = 48|' \
  -e "s|^cliper_model = .*|[forecast.members]\nfile = \"$work/awp182005.dat\"|" "$work/ens.toml"
# The [forecast.members] table must come last in [forecast]: move the remaining keys up.
/usr/bin/python3 - "$work/ens.toml" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
i = lines.index("[forecast.members]")
j = i + 2
rest = []
while lines[j].strip() and not lines[j].startswith("["):
    rest.append(lines[j]); j += 1
lines[i:j] = rest + lines[i:i + 2]
open(sys.argv[1], "w").write("\n".join(lines))
PY
"$taifeng" forecast "$work/ens.toml" --out "$work/run" -q > /dev/null 2> "$work/log.txt" \
  || { cat "$work/log.txt"; fail "ensemble forecast from three techniques"; }
/usr/bin/python3 - "$work/run" <<'PY' || fail "ensemble mean of three techniques"
import json, sys
run = json.load(open(sys.argv[1] + "/run.json"))
e = run["ensemble"]
assert e["members"] == 3 and sorted(e["member_labels"]) == ["NRTH", "PERF", "STH"], e
t = {p["lead_h"]: p for p in json.load(open(sys.argv[1] + "/summary.json"))["forecast_track"]}
assert max(t) == 48, max(t)
# Best track of Damrey (JTWC 200517): +12 h 19.0N 111.6E, +24 h 18.6N 110.0E. The mean of
# lat-0.5, lat, lat+0.5 on one meridian is lat (rounding of the unit-vector mean: 1e-9).
for h, lat, lon in ((12, 19.0, 111.6), (24, 18.6, 110.0)):
    assert abs(t[h]["lat"] - lat) < 1e-9 and abs(t[h]["lon"] - lon) < 1e-9, (h, t[h])
print("ensemble mean of three techniques = best track at +12/+24 h")
PY
sed -i "s|^file = \"$work/awp182005.dat\"|&\ntechniques = [\"PERF\", \"NRTH\"]|" "$work/ens.toml"
"$taifeng" forecast "$work/ens.toml" --out "$work/run2" -q > /dev/null 2> "$work/log2.txt" \
  || { cat "$work/log2.txt"; fail "ensemble forecast from two techniques"; }
/usr/bin/python3 - "$work/run2/summary.json" <<'PY' || fail "ensemble mean of two techniques"
import json, sys
t = {p["lead_h"]: p for p in json.load(open(sys.argv[1]))["forecast_track"]}
assert abs(t[12]["lat"] - 19.25) < 1e-9, t[12]
PY
sed -i 's|^techniques = .*|techniques = ["PERF", "AVNO"]|' "$work/ens.toml"
"$taifeng" forecast "$work/ens.toml" --out "$work/run3" -q > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "no AVNO forecast" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "absent technique not refused"; }

# --- ECMWF ensemble BUFR, southern hemisphere, no best track ----------------------------
make_config "$src" "$work/herold.toml"
set_members "$work/herold.toml" 0
/usr/bin/python3 - "$work/herold.toml" "$src" <<'PY'
import re, sys
p, src = sys.argv[1], sys.argv[2]
s = open(p).read()
s = re.sub(r'track_file = .*\n', '', s)
s = re.sub(r'track_format = .*\n', '', s)
s = s.replace('id = "200517"', 'id = "22S"').replace('name_en = "Damrey"', 'name_en = "Herold"')
s = s.replace('name_zh = "达维"', 'name_zh = "赫罗尔德"')
s = s.replace('analysis_time = 2005-09-25T00:00:00Z', 'analysis_time = 2020-03-19T12:00:00Z')
s = re.sub(r'model = "cliper".*\n', 'model = "ensemble"\n', s)
s = re.sub(r'cliper_model = .*\n', '', s)
s = re.sub(r'lead_hours = 120', 'lead_hours = 24', s).replace('hours = 72', 'hours = 24')
s = re.sub(r'\[grid\]\n(.*\n){5}', '[grid]\nlon_min = 66.0\nlon_max = 80.0\nlat_min = -34.0\nlat_max = -20.0\nresolution_deg = 0.1\n', s)
s = s.replace('[geography]', '[forecast.members]\nfile = "%s/data/tracks/ecmwf/tracks_22S_HEROLD_2020031912.eps.bufr4"\n\n[geography]' % src)
open(p, "w").write(s)
PY
"$taifeng" forecast "$work/herold.toml" --out "$work/herold" -q > /dev/null 2> "$work/log3.txt" \
  || { cat "$work/log3.txt"; fail "ensemble forecast from ECMWF BUFR"; }
grep -q "ensemble mean ends at +12 h" "$work/log3.txt" || { cat "$work/log3.txt"; fail "no warning about members lost"; }
/usr/bin/python3 - "$work/herold" <<'PY' || fail "ECMWF ensemble products"
import glob, json, sys
import netCDF4
run = json.load(open(sys.argv[1] + "/run.json"))
assert run["ensemble"]["members"] == 50, run["ensemble"]["members"]
assert run["ensemble"]["realizations"] == "track-guidance members"
nc = netCDF4.Dataset(glob.glob(sys.argv[1] + "/wind_22S_*.nc")[0])
lat, lon = nc["lat"][:], nc["lon"][:]
strike = nc["strike_probability_100km"][:]
# Every member starts at 26.0S 72.0E: the strike probability there is 1; 1000 km away, 0.
j = abs(lat + 26.0).argmin(); i = abs(lon - 72.0).argmin()
assert abs(strike[j, i] - 1.0) < 1e-12, strike[j, i]
j2 = abs(lat + 26.0).argmin(); i2 = abs(lon - 79.9).argmin()
assert strike[j2, i2] == 0.0, strike[j2, i2]
p = nc["prob_bf6_12h"][:]
assert 0.0 <= p.min() and p.max() <= 1.0 and p.max() > 0.5, (p.min(), p.max())
print("ECMWF ensemble: 50 members, strike probability 1 at the analysis centre")
PY
echo "PASS ensemble"
