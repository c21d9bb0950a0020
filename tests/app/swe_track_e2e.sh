#!/usr/bin/env bash
# forecast.model = "swe" (the equivalent-barotropic shallow-water track model) on the
# synthetic analysis (configs/synth/hainan_ridge.toml: a Damrey-like vortex south of a ridge
# whose easterlies are about 5 m/s at the storm): the vortex must go west at roughly that
# speed with a northward (beta) component, end near the BAMD track with its 2 m/s beta drift,
# give the same track on 1 and 2 MPI ranks, and bad [forecast.swe] keys are refused with one
# line and exit code 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
"$taifeng" synth analysis "$src/configs/synth/hainan_ridge.toml" --out "$work/analysis.nc" -q \
  > /dev/null 2> "$work/synth.txt" || { cat "$work/synth.txt"; fail "synthetic analysis"; }
make_config "$src" "$work/swe.toml"
set_members "$work/swe.toml" 0
sed -i -e 's|^model = .*|model = "swe"|' -e 's|^lead_hours = .*|lead_hours = 24|' \
  -e 's|^hours = 72|hours = 24|' -e 's|^cliper_model = .*||' -e '/^\[surge\]/,/^\[/s|^enabled = .*|enabled = false|' "$work/swe.toml"
cat >> "$work/swe.toml" <<TOML

[forecast.swe]
file = "$work/analysis.nc"

[forecast.bam]
file = "$work/analysis.nc"
TOML
"$taifeng" forecast "$work/swe.toml" --out "$work/run" > /dev/null 2> "$work/log.txt" \
  || { cat "$work/log.txt"; fail "swe forecast"; }
grep -q "swe track model: +24 h of 24 h" "$work/log.txt" || fail "no progress report"
grep "swe track model: .* cells" "$work/log.txt" | sed 's/.*info //'
"$mpiexec" --oversubscribe -np 2 -x OMP_NUM_THREADS=1 "$taifeng" forecast "$work/swe.toml" \
  --out "$work/run_np2" -q > /dev/null 2> "$work/log_np2.txt" \
  || { cat "$work/log_np2.txt"; fail "swe forecast on 2 ranks"; }
sed -i 's|^model = "swe"|model = "bam"|' "$work/swe.toml"
"$taifeng" forecast "$work/swe.toml" --out "$work/run_bam" -q > /dev/null 2> "$work/log_bam.txt" \
  || { cat "$work/log_bam.txt"; fail "bam forecast"; }
/usr/bin/python3 - "$work/run/summary.json" "$work/run_np2/summary.json" \
  "$work/run_bam/summary.json" <<'PY' || fail "swe track"
import json, math, sys
def track(f):
    return {p["lead_h"]: p for p in json.load(open(f))["forecast_track"]}
swe, np2, bam = (track(f) for f in sys.argv[1:4])
assert max(swe) == 24, max(swe)
# The same numbers on 2 ranks (every rank runs the model; it is thread- and rank-independent).
assert [(p["lon"], p["lat"]) for p in swe.values()] == [(p["lon"], p["lat"]) for p in np2.values()]
# West at roughly the ridge's 5 m/s: 24 h x 5 m/s = 432 km = 4.1 deg at 18.9N (the flow
# varies over the ridge: 2.5-6 deg), and north of the start (beta drift): 0.1-1.5 deg.
dlon = swe[0]["lon"] - swe[24]["lon"]
dlat = swe[24]["lat"] - swe[0]["lat"]
assert 2.5 < dlon < 6.0, dlon
assert 0.1 < dlat < 1.5, dlat
# Near BAMD with its prescribed 2 m/s north-west drift: within 200 km after 24 h (the
# two models differ in the drift, which the swe model computes).
def km(a, b):
    la, lb = math.radians(a["lat"]), math.radians(b["lat"])
    dl = math.radians(b["lon"] - a["lon"])
    return 6371 * math.acos(min(1, math.sin(la) * math.sin(lb) + math.cos(la) * math.cos(lb) * math.cos(dl)))
d = km(swe[24], bam[24])
assert d < 200, d
print(f"swe: {dlon:.2f} deg west, {dlat:.2f} deg north in 24 h; {d:.0f} km from BAMD at 24 h; "
      "1 and 2 ranks identical")
PY
# Bad keys: one line naming the key, exit code 2.
sed -i 's|^model = "bam"|model = "swe"|' "$work/swe.toml"
check_refused() {  # NAME KEY_TEXT SED_EXPR
  sed "$3" "$work/swe.toml" > "$work/bad.toml"
  "$taifeng" forecast "$work/bad.toml" --out "$work/bad" -q > /dev/null 2> "$work/err.txt"
  local rc=$?
  [ $rc -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "$2" "$work/err.txt" \
    || { cat "$work/err.txt"; fail "$1 not refused (exit $rc)"; }
}
check_refused "removal radii" "forecast.swe.removal_inner_km" \
  "/^\[forecast.swe\]/a removal_inner_km = 900"
check_refused "missing file" "forecast.swe.file" "/^\[forecast.swe\]/,/^\[/{/^file = /d}"
check_refused "unknown tracker" "forecast.swe.tracker" "/^\[forecast.swe\]/a tracker = \"pressure\""
echo "PASS swe track"
