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

caps=("$out"/cap/cn.hainan.taifeng.200517.2005092500.*.xml)
[ ${#caps[@]} -ge 1 ] || fail "no CAP message"
xmllint --noout --schema "$src/data/standards/CAP-v1.2.xsd" "${caps[@]}" 2> "$work/xmllint.txt" \
  || { cat "$work/xmllint.txt"; fail "a CAP message does not validate"; }
xmllint --noout "$out/cap/feed.xml" || fail "feed is not well-formed"

/usr/bin/python3 - "$out" "$src" <<'PY'
import json, os, sys, hashlib
import numpy as np, xarray as xr, vtk
out, src = sys.argv[1], sys.argv[2]
run = json.load(open(os.path.join(out, "run.json")))
kinds = run["outputs"]
for k in ("netcdf", "cap", "feed", "vtk", "png", "summary"):
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
assert {i["role"] for i in run["inputs"]} >= {"config", "track", "admin_units", "census", "relief"}
for stage in ("inputs", "track", "wind", "exposure", "netcdf", "cap", "vtk", "summary"):
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

summary = json.load(open(os.path.join(out, "summary.json")))
counties = summary["counties"]
assert len(counties) == 19
total = sum(c["population"] for c in counties)
assert total == 10081232, total
for c in counties:
    classes = sum(c["population_by_beaufort_class"].values())
    assert abs(classes - c["population"]) <= 3, (c["adcode"], classes, c["population"])  # rounding of 5 classes
    assert (c["cap"] is not None) == (c["max_beaufort"] >= 6), c["adcode"]
n_caps = sum(1 for c in counties if c["cap"])
assert n_caps == len(kinds["cap"]), (n_caps, len(kinds["cap"]))

import xml.etree.ElementTree as ET
feed = ET.parse(os.path.join(out, "cap", "feed.xml")).getroot()
ns = {"a": "http://www.w3.org/2005/Atom"}
assert len(feed.findall("a:entry", ns)) == n_caps
for cap in kinds["cap"]:
    root = ET.parse(os.path.join(out, cap)).getroot()
    c = {"c": "urn:oasis:names:tc:emergency:cap:1.2"}
    langs = [i.find("c:language", c).text for i in root.findall("c:info", c)]
    assert langs == ["zh-CN", "en-US"], langs
    assert root.find("c:sent", c).text.endswith("+08:00")
    code = root.find("c:info/c:area/c:geocode/c:value", c).text
    assert cap.endswith(code + ".xml")

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
