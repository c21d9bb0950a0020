#!/usr/bin/env bash
# forecast.model = "bam" on the synthetic analysis (configs/synth/hainan_ridge.toml): a
# ridge north of the storm gives easterlies of about 5 m/s; with the beta drift off the
# BAMM storm moves west at about that speed, and the beta drift moves it north-west of
# that track. A file without the BAMD top level (200 hPa) is refused with one line, exit 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
"$taifeng" synth analysis "$src/configs/synth/hainan_ridge.toml" --out "$work/analysis.nc" -q \
  > /dev/null 2> "$work/synth.txt" || { cat "$work/synth.txt"; fail "synthetic analysis"; }
make_config "$src" "$work/bam.toml"
set_members "$work/bam.toml" 0
sed -i -e 's|^model = .*|model = "bam"|' -e 's|^lead_hours = .*|lead_hours = 24|' -e 's|^hours = 72|hours = 24|' \
  -e 's|^cliper_model = .*||' "$work/bam.toml"
cat >> "$work/bam.toml" <<TOML

[forecast.bam]
file = "$work/analysis.nc"
layer = "medium"
beta_speed_ms = 0.0
TOML
# [forecast.bam] appended at the end: TOML tables may come in any order.
"$taifeng" forecast "$work/bam.toml" --out "$work/run" -q > /dev/null 2> "$work/log.txt" \
  || { cat "$work/log.txt"; fail "bam forecast"; }
sed -i 's|^beta_speed_ms = 0.0|beta_speed_ms = 2.0|' "$work/bam.toml"
"$taifeng" forecast "$work/bam.toml" --out "$work/run_beta" -q > /dev/null 2> "$work/log2.txt" \
  || { cat "$work/log2.txt"; fail "bam forecast with beta drift"; }
/usr/bin/python3 - "$work/run/summary.json" "$work/run_beta/summary.json" <<'PY' || fail "bam track"
import json, math, sys
def track(f):
    return {p["lead_h"]: p for p in json.load(open(f))["forecast_track"]}
a, b = track(sys.argv[1]), track(sys.argv[2])
assert max(a) == 24
# Westward at roughly 5 m/s: 24 h x 5 m/s = 432 km = 4.1 deg of longitude at 18.9N.
dlon = a[0]["lon"] - a[24]["lon"]
assert 2.5 < dlon < 5.5, dlon
assert abs(a[24]["lat"] - a[0]["lat"]) < 1.0, a[24]
# Beta drift toward 315 deg at 2 m/s for 24 h: 122 km north and 122 km west of the no-beta
# track (the flow varies over the ridge: 30 % tolerance).
dn = (b[24]["lat"] - a[24]["lat"]) * 111.2
dw = (a[24]["lon"] - b[24]["lon"]) * 111.2 * math.cos(math.radians(a[24]["lat"]))
assert 85 < dn < 160 and 85 < dw < 160, (dn, dw)
print(f"BAMM: {dlon:.2f} deg west in 24 h; beta drift {dn:.0f} km north, {dw:.0f} km west")
PY
# A file without the BAMD top (levels 850/700/500 only) is refused.
sed 's|^levels_hpa = .*|levels_hpa = "850, 700, 500"|' "$src/configs/synth/hainan_ridge.toml" \
  > "$work/low.toml"
"$taifeng" synth analysis "$work/low.toml" --out "$work/low.nc" -q > /dev/null 2>&1 \
  || fail "synthetic analysis with low levels"
sed -i -e 's|^layer = "medium"|layer = "deep"|' -e "s|^file = \"$work/analysis.nc\"|file = \"$work/low.nc\"|" \
  "$work/bam.toml"
"$taifeng" forecast "$work/bam.toml" --out "$work/run3" -q > /dev/null 2> "$work/err.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "BAMD" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "missing BAMD levels not refused"; }
echo "PASS bam"
