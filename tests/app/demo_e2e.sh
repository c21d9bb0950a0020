#!/usr/bin/env bash
# The demo cycle end to end: outputs exist, NetCDF opens (ncdump and xarray), every CAP
# message validates against the CAP 1.2 schema (xmllint), the feed lists them, VTK files
# open in VTK's own reader, and run.json records inputs, timings and every output.
set -euo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
make_config "$src" "$work/demo.toml"
set_members "$work/demo.toml" 8   # the demo runs 1000; 8 keep the test fast
out="$work/run"

"$taifeng" forecast "$work/demo.toml" --out "$out" > "$work/stdout.txt" 2> "$work/log.txt" \
  || { cat "$work/log.txt"; fail "forecast exited with $?"; }
grep -q "results: $out" "$work/stdout.txt" || fail "stdout does not say where the results are"
grep -q "configuration .* (resolved" "$work/log.txt" || fail "resolved configuration not echoed"

nc=$(ls "$out"/wind_200517_2005092500.nc) || fail "no NetCDF output"
ncdump -h "$nc" > "$work/ncdump.txt" || fail "ncdump cannot read $nc"
grep -q ':Conventions = "CF-1.8"' "$work/ncdump.txt" || fail "NetCDF lacks Conventions"

caps=("$out"/warnings/cap/cn.hainan.taifeng.200517.2005092500.*.xml)
[ ${#caps[@]} -ge 1 ] || fail "no CAP message"
xmllint --noout --schema "$src/data/standards/CAP-v1.2.xsd" "${caps[@]}" 2> "$work/xmllint.txt" \
  || { cat "$work/xmllint.txt"; fail "a CAP message does not validate"; }
xmllint --noout "$out/warnings/cap/feed.xml" || fail "feed is not well-formed"

/usr/bin/python3 - "$out" "$src" <<'PY'
import json, os, sys, hashlib
import numpy as np, xarray as xr, vtk
out, src = sys.argv[1], sys.argv[2]
run = json.load(open(os.path.join(out, "run.json")))
kinds = run["outputs"]
for k in ("netcdf", "cap", "feed", "sms", "evacuation", "vtk", "png", "summary"):
    assert k in kinds, f"run.json outputs lack kind {k}"
listed = [p for k in kinds for p in kinds[k]]
for p in listed:
    assert not os.path.isabs(p), f"output path {p} is not relative"
    assert os.path.isfile(os.path.join(out, p)), f"listed output {p} missing"
on_disk = sorted(os.path.relpath(os.path.join(d, f), out)
                 for d, _, fs in os.walk(out) for f in fs if f != "run.json")
assert sorted(listed) == on_disk, f"run.json outputs {sorted(listed)} != files {on_disk}"
# --out overrides run.output_dir, and the recorded configuration says so.
assert run["configuration"]["run"]["output_dir"] == os.path.abspath(out), run["configuration"]["run"]
assert run["output_dir"] == os.path.abspath(out), run["output_dir"]
for i in run["inputs"]:
    h = hashlib.sha256(open(i["path"], "rb").read()).hexdigest()
    assert h == i["sha256"], f"sha256 mismatch for {i['path']}"
assert {i["role"] for i in run["inputs"]} >= {"config", "track", "registry", "relief"}
for stage in ("inputs", "track", "wind", "hazard", "netcdf", "warnings", "vtk", "summary"):
    assert run["stage_wall_s"][stage] >= 0, stage
assert run["software"]["version"], "no version"
assert run["configuration"]["storm"]["id"] == "200517"
assert run["configuration"]["wind"]["p_env_hpa"] == 1010.0  # resolved defaults present

ds = xr.open_dataset(os.path.join(out, kinds["netcdf"][0]))
assert ds.sizes["time"] == 121 and ds.sizes["lat"] == 201 and ds.sizes["lon"] == 201, ds.sizes
assert str(ds.time.values[0]).startswith("2005-09-25T00"), ds.time.values[0]
assert float(ds.lon[0]) == 105.0 and abs(float(ds.lon[-1]) - 115.0) < 1e-9
assert ds.wind_speed.attrs["units"] == "m s-1" and ds.wind_speed.attrs["standard_name"] == "wind_speed"
swath = ds.wind_speed_max.values
assert np.array_equal(swath >= ds.wind_speed.max("time").values - 1e-4, np.ones_like(swath, bool)), \
    "swath below an hourly field"
# Damrey analysed at 80 kt (41.2 m/s, 1-min): the 2-min swath peak lies between 30 and 45 m/s.
assert 30 < float(swath.max()) < 45, float(swath.max())

# Monte Carlo products: probabilities in [0, 1], growing with the window and falling with
# the threshold; the cone widens with lead time; run.json records the ensemble.
ens = run["ensemble"]
assert ens["members"] >= 1 and ens["error_stats_model"] == "cliper", ens
prob = {(t, w): ds[f"prob_bf{t}_{w}h"].values for t in (6, 8, 10, 12) for w in (12, 24, 48, 72, 120)}
for (t, w), p in prob.items():
    assert np.nanmin(p) >= 0 and np.nanmax(p) <= 1, (t, w)
for t in (6, 8, 10, 12):
    for a_, b_ in ((12, 24), (24, 48), (48, 72), (72, 120)):
        assert (prob[(t, a_)] <= prob[(t, b_)] + 1e-12).all(), (t, a_, b_)
for w in (12, 24, 48, 72, 120):
    for a_, b_ in ((6, 8), (8, 10), (10, 12)):
        assert (prob[(b_, w)] <= prob[(a_, w)] + 1e-12).all(), (a_, b_, w)
assert prob[(6, 120)].max() == 1.0  # every member brings gales near the track
cone = ds["cone_radius_km"].values
assert cone[0] == 0 and cone[24] < cone[72] < cone[120], cone[[0, 24, 72, 120]]
sp = ds["strike_probability_100km"].values
assert 0 <= sp.min() and sp.max() == 1.0

# warnings/summary.json: the issue's schema; population conserved in the exposure classes
# and in the evacuation (assigned + unassigned = to evacuate); loads within capacities.
summary = json.load(open(os.path.join(out, "warnings", "summary.json")))
assert summary["issued"] == "2005-09-25T08:00:00+08:00", summary["issued"]
units = summary["units"]
assert len(units) == 19
assert sum(u["population"] for u in units) == 10081232
levels = ("none", "blue", "yellow", "orange", "red")
for u in units:
    for key in ("code", "name_zh", "name_en", "signal", "surge_level", "population", "exposed",
                "expected_exposed", "gale_arrival", "evacuate", "reason"):
        assert key in u, (u["code"], key)
    assert u["signal"] in levels and u["surge_level"] in levels, u
    assert sum(u["population_by_beaufort_class"].values()) == u["population"], u["code"]
    assert sum(u["surge"]["population_by_inundation_class"].values()) == u["population"], u["code"]
    e = u["exposed"]
    assert u["population"] >= e["b6"] >= e["b8"] >= e["b10"] >= e["b12"] >= 0, u["code"]
    assert 0 <= u["expected_exposed"] <= u["population"], u["code"]
    ev = u["evacuation"]
    assert ev["assigned"] + ev["unassigned"] == ev["to_evacuate"] == u["evacuate"], u["code"]
    if u["signal"] != "none":
        assert "P(" in u["reason"] and ">=" in u["reason"], u["reason"]
    if u["gale_arrival"] is not None:
        assert u["gale_arrival"].endswith("+08:00"), u["gale_arrival"]
for s in summary["shelters"]:
    assert 0 <= s["assigned"] <= s["capacity"], s
assert summary["unassigned"] == sum(u["evacuation"]["unassigned"] for u in units)
assert sum(s["assigned"] for s in summary["shelters"]) == sum(u["evacuation"]["assigned"] for u in units)
assert any(u["signal"] != "none" for u in units), "the demo storm raises no signal"

import xml.etree.ElementTree as ET
log = json.load(open(os.path.join(out, "warnings", "messages.json")))["messages"]
assert len(log) == len(kinds["cap"]), (len(log), len(kinds["cap"]))
assert {m["file"] for m in log} == set(kinds["cap"])
raised = {(u["code"], "wind") for u in units if u["signal"] != "none"} | \
         {(u["code"], "surge") for u in units if u["surge_level"] != "none"}
assert {(m["unit_code"], m["hazard"]) for m in log} == raised, "a message per raised county and hazard"
assert all(m["msg_type"] == "Alert" for m in log)  # first cycle: no previous messages
feed = ET.parse(os.path.join(out, "warnings", "cap", "feed.xml")).getroot()
ns = {"a": "http://www.w3.org/2005/Atom"}
assert len(feed.findall("a:entry", ns)) == len(log)
for cap in kinds["cap"]:
    root = ET.parse(os.path.join(out, cap)).getroot()
    c = {"c": "urn:oasis:names:tc:emergency:cap:1.2"}
    langs = [i.find("c:language", c).text for i in root.findall("c:info", c)]
    assert langs == ["zh-CN", "en-US"], langs
    assert root.find("c:sent", c).text.endswith("+08:00")
    code = root.find("c:info/c:area/c:geocode/c:value", c).text
    assert os.path.basename(cap).split(".")[-3] == code, (cap, code)
for sms in kinds["sms"]:
    lines = open(os.path.join(out, sms), encoding="utf-8").read().splitlines()
    assert lines and all(len(l) <= 160 for l in lines), sms
    assert all(len(l) <= 70 for l in lines[0::2]), sms  # zh lines: one UCS-2 SMS
n_caps = len(log)

r = vtk.vtkXMLImageDataReader(); r.SetFileName(os.path.join(out, "vtk", "wind_swath.vti")); r.Update()
img = r.GetOutput()
assert img.GetDimensions() == (201, 201, 1), img.GetDimensions()
assert img.GetPointData().GetArray("wind_speed_max") is not None
p = vtk.vtkXMLPolyDataReader(); p.SetFileName(os.path.join(out, "vtk", "track_forecast.vtp")); p.Update()
assert p.GetOutput().GetNumberOfPoints() == 121
print("demo outputs verified:", len(listed), "files,", n_caps, "CAP messages")
PY
# No staging directory is left behind.
! ls -a "$work" | grep -q '\.partial-' || fail "staging directory left behind"
echo "PASS demo end to end"
