#!/usr/bin/env bash
# End-to-end check of the bulletin page in headless Chromium at phone size (412 x 915):
# the test binary writes the page (19 Hainan counties, two maps); Chromium renders it with
# its script running; the screenshot must be non-blank and the rendered table must list the
# 19 counties, in the default order and re-sorted by a "#sort=" fragment.
# Usage: bulletin_page_chromium.sh <tests_viz binary> <its scratch folder>/bulletin_page
set -euo pipefail
tests_viz=$1
dir=$2
chromium=${CHROMIUM:-chromium}
python=${PYTHON:-/usr/bin/python3}  # the system Python has vtk and numpy

"$tests_viz" "[bulletin_page_file]" > /dev/null
dir=$(cd "$dir" && pwd)
page="$dir/index.html"
test -s "$page"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
browse() {  # browse <output option> <url fragment>
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --window-size=412,915 "$1" "file://$page$2" 2> "$dir/chromium.log"
}
rm -f "$dir/shot.png"
(cd "$dir" && browse --screenshot=shot.png "") > /dev/null
browse --dump-dom "" > "$dir/dom.html"
browse --dump-dom "#sort=population" > "$dir/dom_population.html"
browse --dump-dom "#sort=-arrival" > "$dir/dom_arrival.html"

"$python" - "$dir" <<'EOF'
import sys, os
from html.parser import HTMLParser

d = sys.argv[1]
expected = {}
for line in open(os.path.join(d, "expected.csv")):
    code, pop, arrival = line.strip().split(",")
    expected[code] = (int(pop), float(arrival))
assert len(expected) == 19, len(expected)

class Rows(HTMLParser):
    """Codes of the rows of <table id="counties"><tbody>, and the table/html attributes."""
    def __init__(self):
        super().__init__()
        self.in_table = self.in_body = False
        self.codes, self.table_attrs, self.html_class = [], {}, ""
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_class = a.get("class") or ""
        if tag == "table" and a.get("id") == "counties":
            self.in_table, self.table_attrs = True, a
        if self.in_table and tag == "tbody":
            self.in_body = True
        if self.in_body and tag == "tr":
            self.codes.append(a.get("data-code"))
    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        if tag == "table":
            self.in_table = False

def rows(name):
    p = Rows()
    p.feed(open(os.path.join(d, name), encoding="utf-8").read())
    return p

default = rows("dom.html")
assert len(default.codes) == 19, f"rendered table has {len(default.codes)} rows, expected 19"
assert sorted(default.codes) == sorted(expected), "rendered rows are not the 19 counties"
assert "js" in default.html_class.split(), "the page script did not run"

by_pop = rows("dom_population.html")
assert by_pop.table_attrs.get("data-sorted") == "population", by_pop.table_attrs
pops = [expected[c][0] for c in by_pop.codes]
assert len(pops) == 19 and pops == sorted(pops), f"not sorted by population: {pops}"

by_arrival = rows("dom_arrival.html")
assert by_arrival.table_attrs.get("data-sorted") == "-arrival", by_arrival.table_attrs
arr = [expected[c][1] for c in by_arrival.codes]
known = [a for a in arr if a >= 0]
assert len(arr) == 19 and arr[:len(known)] == sorted(known, reverse=True), arr
assert all(a < 0 for a in arr[len(known):]), f"counties without gales not last: {arr}"

# Screenshot: phone size and not blank (many colours, a good share of non-white pixels).
import vtk
from vtk.util.numpy_support import vtk_to_numpy
import numpy as np
r = vtk.vtkPNGReader()
r.SetFileName(os.path.join(d, "shot.png"))
r.Update()
im = r.GetOutput()
w, h, _ = im.GetDimensions()
assert (w, h) == (412, 915), (w, h)
px = vtk_to_numpy(im.GetPointData().GetScalars())[:, :3].astype(int)
colours = len({tuple(p) for p in px[:: 7]})
ink = float(np.mean(px.sum(axis=1) < 3 * 240))
assert colours > 20 and ink > 0.05, f"screenshot looks blank: {colours} colours, {ink:.3f} non-white"
print(f"bulletin page in Chromium: 19 rows, sorted by population and by gale arrival; "
      f"screenshot {w}x{h}, {colours} colours, {100 * ink:.1f} % non-white")
EOF
