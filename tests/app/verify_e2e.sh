#!/usr/bin/env bash
# `taifeng fit cliper` reproduces the committed model file; `taifeng verify` shows CLIPER
# beating persistence at 72 h on the held-out years; bad options end with exit code 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
tracks="$src/data/tracks/jtwc_wp_1945_2012.csv"
"$taifeng" fit cliper --tracks "$tracks" --years 1945-2000 --out "$work/cliper_model.json" -q > /dev/null \
  || fail "fit cliper"
/usr/bin/python3 - "$work/cliper_model.json" "$src/data/models/cliper_wp_1945_2000.json" <<'PY' || fail "refit differs from data/models"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a.pop("source", None); b.pop("source", None)   # absolute paths differ between clones
assert a == b, "coefficients differ"
PY
for m in persistence cliper; do
  "$taifeng" verify --tracks "$tracks" --model $m --cliper "$src/data/models/cliper_wp_1945_2000.json" \
    --years 2001-2012 --box 100,180,0,50 --json > "$work/$m.json" || fail "verify $m"
done
/usr/bin/python3 - "$work/persistence.json" "$work/cliper.json" <<'PY' || fail "CLIPER does not beat persistence at 72 h"
import json, sys
pers, clip = (json.load(open(f)) for f in sys.argv[1:3])
p = {l["lead_h"]: l for l in pers["leads"]}
c = {l["lead_h"]: l for l in clip["leads"]}
assert sorted(p) == [12, 24, 48, 72, 96, 120], sorted(p)
assert c[72]["mean_km"] < p[72]["mean_km"], (c[72]["mean_km"], p[72]["mean_km"])
assert p[72]["skill_vs_cliper_pct"] < 0, p[72]
print("72 h mean error: CLIPER %.0f km, persistence %.0f km" % (c[72]["mean_km"], p[72]["mean_km"]))
PY
# Cone reliability out of sample: radii (67th percentile) from 1980-2000, applied to 2001-2012;
# the issue expects 57-77 % of the verifying positions inside at 24-72 h.
"$taifeng" verify --tracks "$tracks" --model cliper --cliper "$src/data/models/cliper_wp_1945_2000.json" \
  --years 2001-2012 --box 100,180,0,50 --cone --cone-years 1980-2000 --json > "$work/cone.json" \
  || fail "verify --cone"
/usr/bin/python3 - "$work/cone.json" <<'PY' || fail "cone reliability outside 57-77 %"
import json, sys
leads = {l["lead_h"]: l for l in json.load(open(sys.argv[1]))["leads"]}
for h in (24, 48, 72):
    f = leads[h]["inside_cone_fraction"]
    assert 0.57 <= f <= 0.77, (h, f)
    print("cone %d h: radius %.0f km, %.1f %% inside" % (h, leads[h]["cone_radius_km"], 100 * f))
PY
"$taifeng" verify --tracks "$tracks" --model persistence --cone-years 1980-2000 > /dev/null 2>&1
[ $? -eq 2 ] || fail "--cone-years without --cone"
"$taifeng" verify --tracks "$tracks" --model bam --years 2001-2012 > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown model"
"$taifeng" verify --tracks "$tracks" --model persistence --years 2012-2001 > /dev/null 2>&1; [ $? -eq 2 ] || fail "bad years"
"$taifeng" verify --tracks "$tracks" --model persistence --box 1,2,3 > /dev/null 2>&1; [ $? -eq 2 ] || fail "bad box"
echo "PASS fit/verify"
