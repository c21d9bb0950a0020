#!/usr/bin/env bash
# Three forecast cycles of Damrey (2005): approaching (09-24 12 UTC), near landfall (09-25 12
# UTC) and gone west over Vietnam (09-27 12 UTC), each with --previous pointing at the cycle
# before. A county warned in all of the first two and none in the third gets Alert → Update →
# Cancel, each referencing the message it replaces ("sender,identifier,sent" as written in
# that message); every CAP message validates against CAP-v1.2.xsd (xmllint), the Atom feeds
# against their messages. `taifeng warn` run alone on cycle 2's NetCDF with cycle 1 as the
# previous folder reproduces cycle 2's warnings byte for byte.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
make_config "$src" "$work/base.toml"
set_members "$work/base.toml" 60
sed -i -e 's|^lead_hours = .*|lead_hours = 48|' -e 's|^hours = 72|hours = 24|' \
  -e "/^\[surge\]/,/^\[/s|^members = .*|members = 3|" "$work/base.toml"
# Cycles 24-36 h apart: messages must not expire in between (an expired warning is not
# updated or cancelled but raised anew), so they last 72 h here.
sed -i -e 's|^expires_hours = .*|expires_hours = 72|' "$work/base.toml"
prev=""
for t in 2005-09-24T12:00:00Z 2005-09-25T12:00:00Z 2005-09-27T12:00:00Z; do
  tag=${t:0:13}
  sed -e "s|^analysis_time = .*|analysis_time = $t|" "$work/base.toml" > "$work/c_$tag.toml"
  "$taifeng" forecast "$work/c_$tag.toml" --out "$work/$tag" ${prev:+--previous "$prev"} -q \
    > /dev/null 2> "$work/$tag.log" || { cat "$work/$tag.log"; fail "cycle $t"; }
  for f in "$work/$tag"/warnings/cap/*.xml; do
    [ "$(basename "$f")" = feed.xml ] && continue
    xmllint --noout --schema "$src/data/standards/CAP-v1.2.xsd" "$f" 2> "$work/xsd.log" \
      || { cat "$work/xsd.log"; fail "$f fails CAP-v1.2.xsd"; }
  done
  xmllint --noout "$work/$tag/warnings/cap/feed.xml" || fail "feed of $t is not XML"
  prev="$work/$tag"
done
/usr/bin/python3 - "$work" <<'PY' || fail "Alert -> Update -> Cancel"
import json, os, re, sys
import xml.etree.ElementTree as ET
w = sys.argv[1]
cycles = ["2005-09-24T12", "2005-09-25T12", "2005-09-27T12"]
C = {"c": "urn:oasis:names:tc:emergency:cap:1.2"}
A = {"a": "http://www.w3.org/2005/Atom"}
def messages(cycle):
    out = {}
    for m in json.load(open(f"{w}/{cycle}/warnings/messages.json"))["messages"]:
        root = ET.parse(f"{w}/{cycle}/{m['file']}").getroot()
        get = lambda tag: root.find(f"c:{tag}", C).text
        assert get("identifier") == m["identifier"] and get("msgType") == m["msg_type"]
        refs = root.find("c:references", C)
        out[(m["unit_code"], m["hazard"])] = {
            "type": get("msgType"), "key": f"{get('sender')},{get('identifier')},{get('sent')}",
            "refs": refs.text.split() if refs is not None else [], "level": m["level"]}
    feed = ET.parse(f"{w}/{cycle}/warnings/cap/feed.xml").getroot()
    hrefs = sorted(e.find("a:link", A).get("href") for e in feed.findall("a:entry", A))
    assert hrefs == sorted(os.path.basename(f"{w}/{cycle}/{m}") for m in
                           [json_m["file"] for json_m in json.load(open(f"{w}/{cycle}/warnings/messages.json"))["messages"]]), hrefs
    return out
m1, m2, m3 = (messages(c) for c in cycles)
units = {u["code"]: u for u in json.load(open(f"{w}/{cycles[2]}/warnings/summary.json"))["units"]}
for k in m1:
    assert m1[k]["type"] == "Alert" and not m1[k]["refs"], (k, m1[k])
for k in m2:  # continued warnings are updated, new ones alerted
    if k in m1:
        assert m2[k]["type"] == "Update" and m2[k]["refs"] == [m1[k]["key"]], (k, m2[k], m1[k]["key"])
    else:
        assert m2[k]["type"] == "Alert" and not m2[k]["refs"], (k, m2[k])
for k in m3:  # the storm has gone: every active warning is cancelled, none raised
    assert k in m2, ("a new warning after the storm left", k, m3[k])
    assert m3[k]["type"] == "Cancel" and m3[k]["refs"] == [m2[k]["key"]], (k, m3[k], m2[k]["key"])
    assert m3[k]["level"] == "none"
assert set(m3) == set(m2), ("active warnings not cancelled", set(m2) - set(m3))
chain = [k for k in m1 if k in m2 and k in m3 and k[1] == "wind"]
assert chain, ("no county goes Alert -> Update -> Cancel", m1.keys(), m2.keys(), m3.keys())
assert all(units[k[0]]["signal"] == "none" for k in chain)
levels = {k: (m1[k]["level"], m2[k]["level"]) for k in chain}
ids = [v["key"].split(",")[1] for m in (m1, m2, m3) for v in m.values()]
assert len(ids) == len(set(ids)), "identifiers are not unique"
print(f"{len(chain)} counties: Alert -> Update -> Cancel with references; levels {levels}")
PY
# The warnings stage alone on cycle 2's NetCDF files and cycle 1 as the previous folder.
c2="$work/2005-09-25T12"
"$taifeng" warn "$work/c_2005-09-25T12.toml" --wind "$c2"/wind_*.nc --surge "$c2"/surge_*.nc \
  --previous "$work/2005-09-24T12" -o "$work/warn2" -q > /dev/null 2> "$work/warn.log" \
  || { cat "$work/warn.log"; fail "taifeng warn"; }
diff -r "$c2/warnings" "$work/warn2/warnings" > "$work/diff.txt" \
  || { head -20 "$work/diff.txt"; fail "taifeng warn differs from the cycle's warnings"; }
# A missing previous folder: one line, exit code 2.
"$taifeng" warn "$work/c_2005-09-25T12.toml" --wind "$c2"/wind_*.nc --previous "$work/nope" \
  -o "$work/warn3" -q > /dev/null 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "nope" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "missing previous folder not refused (exit $rc)"; }
# A surge file given as the wind file, and a malformed previous log: one line, exit code 2.
"$taifeng" warn "$work/c_2005-09-25T12.toml" --wind "$c2"/surge_*.nc -o "$work/warn4" -q \
  > /dev/null 2> "$work/err5.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err5.txt")" -eq 1 ] && grep -q "surge_200517" "$work/err5.txt" \
  || { cat "$work/err5.txt"; fail "a surge file as --wind not refused (exit $rc)"; }
mkdir -p "$work/badprev/warnings" && echo '{"messages": [{"identifier": 3}]}' \
  > "$work/badprev/warnings/messages.json"
"$taifeng" warn "$work/c_2005-09-25T12.toml" --wind "$c2"/wind_*.nc --previous "$work/badprev" \
  -o "$work/warn5" -q > /dev/null 2> "$work/err6.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err6.txt")" -eq 1 ] && grep -q "messages.json" "$work/err6.txt" \
  && [ ! -e "$work/warn5" ] || { cat "$work/err6.txt"; fail "a malformed message log not refused (exit $rc)"; }
# Hostile names: a county named with <, &, quotes and "]]>" still gives schema-valid CAP
# messages carrying the name verbatim, valid JSON and SMS text (registry from polygons +
# census, whose census line names it).
h="$src/data/hainan"
sed -e 's|^460100,海口市,Haikou,|460100,海口<市>\&"\x27]]>,Hai<kou> \& "Co" \x27x\x27 ]]>,|' \
  "$h/census2020.csv" > "$work/hostile.csv"
grep -q 'Hai<kou>' "$work/hostile.csv" || fail "hostile census not made"
sed -e "s|^file = .*|units = \"$h/counties_datav.geojson\"\ncensus = \"$work/hostile.csv\"|" \
  "$work/c_2005-09-25T12.toml" > "$work/hostile.toml"
"$taifeng" forecast "$work/hostile.toml" --out "$work/hostile" -q > /dev/null 2> "$work/h.log" \
  || { cat "$work/h.log"; fail "forecast with hostile names"; }
f=$(ls "$work"/hostile/warnings/cap/*.460100.wind.xml) || fail "no message for the hostile county"
xmllint --noout --schema "$src/data/standards/CAP-v1.2.xsd" "$f" \
  || fail "hostile names break the CAP message"
xmllint --noout "$work/hostile/warnings/cap/feed.xml" || fail "hostile names break the feed"
/usr/bin/python3 - "$work/hostile" "$f" <<'PY' || fail "hostile names"
import json, sys
import xml.etree.ElementTree as ET
d, f = sys.argv[1], sys.argv[2]
zh, en = '海口<市>&"\']]>', 'Hai<kou> & "Co" \'x\' ]]>'
C = {"c": "urn:oasis:names:tc:emergency:cap:1.2"}
areas = [a.text for a in ET.parse(f).getroot().findall("c:info/c:area/c:areaDesc", C)]
assert areas == [zh, en], areas
u = [u for u in json.load(open(f"{d}/warnings/summary.json"))["units"] if u["code"] == "460100"][0]
assert (u["name_zh"], u["name_en"]) == (zh, en), u
json.load(open(f"{d}/warnings/messages.json"))
sms = open(f"{d}/warnings/sms/460100.txt", encoding="utf-8").read()
assert zh in sms, sms
print("hostile names: valid CAP, JSON and SMS")
PY
echo "PASS warnings over three cycles"
