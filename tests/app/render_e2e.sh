#!/usr/bin/env bash
# The render stage end to end on a short demo cycle: under xvfb-run the cycle leaves an
# overview map and a 3-D evacuation scene of the configured size, one animation frame per
# hourly field plus an MP4 (or GIF), VTK files that VTK's readers open with the expected
# arrays and counts, and a bulletin page that headless Chromium opens (19 county rows after
# its script ran, non-blank screenshot). `taifeng render RUN_DIR` without a display writes
# the VTK files and the page, skips the images with one warning line, and succeeds.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
make_config "$src" "$work/c.toml"
set_members "$work/c.toml" 8
sed -i -e 's|^lead_hours = .*|lead_hours = 12|' -e 's|^hours = 72|hours = 12|' "$work/c.toml"
grep -q '^\[render\]' "$work/c.toml" || fail "the demo configuration has no [render]"
sed -i 's|^\[render\]|[render]\nwidth = 800\nheight = 600|' "$work/c.toml"
# -a searches from :99 upwards; start at a number of our own (two xvfb-runs at once may
# collide on one display)
xvfb-run -a -n $((RANDOM % 400 + 400)) -s "-screen 0 1280x1024x24" "$taifeng" forecast "$work/c.toml" --out "$work/run" -q > /dev/null 2> "$work/log" \
  || { cat "$work/log"; fail "forecast with rendering"; }
/usr/bin/python3 - "$work/run" <<'PY' || fail "rendered outputs"
import json, os, sys, glob
import vtk
d = sys.argv[1]
run = json.load(open(f"{d}/run.json"))
kinds = run["outputs"]
for k in ("png", "animation", "page", "vtk"):
    assert kinds.get(k), (k, kinds.keys())
def png_size(f):
    r = vtk.vtkPNGReader(); r.SetFileName(f); r.Update()
    return r.GetOutput().GetDimensions()[:2]
assert png_size(f"{d}/maps/overview.png") == (800, 600), png_size(f"{d}/maps/overview.png")
assert png_size(f"{d}/maps/evacuation_3d.png") == (800, 600)
frames = sorted(glob.glob(f"{d}/maps/wind/*.png"))
assert len(frames) == 13, len(frames)  # leads 0..12 h, hourly
assert any(f.endswith((".mp4", ".gif")) for f in kinds["animation"]), kinds["animation"]
r = vtk.vtkXMLPolyDataReader(); r.SetFileName(f"{d}/vtk/scene/counties.vtp"); r.Update()
cells = r.GetOutput().GetCellData()
assert cells.GetArray("signal") is not None and cells.GetArray("population") is not None
rng = cells.GetArray("signal").GetRange()
assert 0 <= rng[0] <= rng[1] <= 4, rng
r = vtk.vtkXMLPolyDataReader(); r.SetFileName(f"{d}/vtk/scene/shelters.vtp"); r.Update()
assert r.GetOutput().GetNumberOfPoints() == 55
assert "stage_wall_s" in run and run["stage_wall_s"]["render"] > 0
# CAP messages link the rendered maps (warnings.map_base_uri, {cycle} = YYYYMMDDHH).
import xml.etree.ElementTree as ET
C = {"c": "urn:oasis:names:tc:emergency:cap:1.2"}
wind = [f for f in kinds["cap"] if f.endswith(".wind.xml")]
assert wind, kinds["cap"]
for f in wind:
    uris = [u.text for u in ET.parse(f"{d}/{f}").getroot().findall("c:info/c:resource/c:uri", C)]
    assert uris and all(u == "https://hainan.example/taifeng/2005092500/maps/overview.png" for u in uris), uris
print("render: maps 800x600, 13 frames,", len(kinds["vtk"]), "VTK files")
PY
for f in "$work"/run/warnings/cap/*.xml; do
  [ "$(basename "$f")" = feed.xml ] && continue
  xmllint --noout --schema "$src/data/standards/CAP-v1.2.xsd" "$f" 2> /dev/null \
    || fail "$f with its map resource fails CAP-v1.2.xsd"
done
# The page in headless Chromium (phone width): 19 county rows once the script ran.
timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/chrome" \
  --dump-dom "file://$work/run/bulletin.html" > "$work/dom.html" 2> /dev/null \
  || fail "chromium cannot open the page"
rows=$(/usr/bin/python3 -c "
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
body = html[html.index('<tbody'):html.index('</tbody>')]
print(len(re.findall(r'<tr[ >]', body)))" "$work/dom.html")
[ "$rows" = 19 ] || fail "the page's table lists $rows counties, not 19"
timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/chrome" \
  --window-size=412,915 --screenshot="$work/shot.png" "file://$work/run/bulletin.html" \
  > /dev/null 2>&1 || fail "chromium screenshot"
/usr/bin/python3 - "$work/shot.png" <<'PY' || fail "blank screenshot"
import sys, vtk
from vtk.util.numpy_support import vtk_to_numpy
r = vtk.vtkPNGReader(); r.SetFileName(sys.argv[1]); r.Update()
a = vtk_to_numpy(r.GetOutput().GetPointData().GetScalars())
assert a.std() > 5, a.std()
print("page screenshot:", r.GetOutput().GetDimensions()[:2], "pixel std", round(float(a.std()), 1))
PY
# No display: re-render the folder; VTK files and page are written, images skipped, exit 0.
rm -rf "$work/run/maps" "$work/run/bulletin.html"
env -u DISPLAY "$taifeng" render "$work/run" > "$work/r.out" 2> "$work/r.err" \
  || { cat "$work/r.err"; fail "render without a display failed"; }
[ "$(grep -c "warn" "$work/r.err")" -eq 1 ] || { cat "$work/r.err"; fail "expected one warning line"; }
[ -f "$work/run/bulletin.html" ] && [ ! -e "$work/run/maps/overview.png" ] \
  || fail "without a display: page expected, no maps"
"$taifeng" render "$work/nope" > /dev/null 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] || { cat "$work/err.txt"; fail "render of a missing folder (exit $rc)"; }
echo "PASS render"
