#!/usr/bin/env bash
# `taifeng registry build` from the bundled Hainan files (county polygons, 2020 census) and
# ETOPO5: the GeoPackage opens in ogrinfo, has 19 counties summing to 10,081,232 people
# (the census), and its dasymetric population grid sums to each county's census exactly;
# the synthetic shelter, enterprise and critical-facility samples land in the counties their
# ids name; aged_65_plus is the county census x the provincial 65+ share and sums to the
# census' 1,051,500; every unit has level "county"; `registry inspect --json --read` reports
# the same; bad input ends with one line and exit code 2.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
relief=/usr/share/ferret-vis/data/etopo5.cdf
"$taifeng" registry build --units "$src/data/hainan/counties_datav.geojson" \
  --census "$src/data/hainan/census2020.csv" --relief "$relief" \
  --shelters "$src/data/hainan/shelters_synthetic.csv" \
  --enterprises "$src/data/hainan/enterprises_synthetic.csv" \
  --facilities "$src/data/hainan/facilities_synthetic.csv" \
  --vulnerable "$src/data/hainan/aged65_2020_estimate.csv" -o "$work/hainan.gpkg" -q \
  > /dev/null 2> "$work/build.log" || { cat "$work/build.log"; fail "registry build"; }
ogrinfo -q -so "$work/hainan.gpkg" admin_units > /dev/null || fail "ogrinfo cannot open the registry"
"$taifeng" registry inspect "$work/hainan.gpkg" --json --read > "$work/inspect.json" \
  || fail "registry inspect"
/usr/bin/python3 - "$work" <<'PY' || fail "registry contents"
import json, sqlite3, sys
w = sys.argv[1]
inspect = json.load(open(f"{w}/inspect.json"))
layers = {l["name"]: l for l in inspect["layers"]}
assert layers["admin_units"]["features"] == 19, layers
assert layers["admin_units"]["population"] == 10081232, layers
assert layers["population_grid"]["population"] == 10081232, layers
db = sqlite3.connect(f"{w}/hainan.gpkg")  # a GeoPackage is SQLite
census = dict(db.execute("SELECT code, population FROM admin_units"))
grid = dict(db.execute("SELECT unit_code, SUM(people) FROM population_grid GROUP BY unit_code"))
assert census == grid, {k: (census[k], grid.get(k)) for k in census if census[k] != grid.get(k)}
assert layers["shelters"]["features"] == 55 and layers["enterprises"]["features"] == 37, layers
assert layers["critical_facilities"]["features"] == 41, layers
kinds = dict(db.execute("SELECT kind, COUNT(*) FROM critical_facilities GROUP BY kind"))
assert set(kinds) == {"hospital", "power_substation", "water_works", "telecom", "school", "port",
                      "fuel_depot"} and kinds["hospital"] == 19 - 1, kinds  # Sansha: a port only
for table in ("shelters", "enterprises", "critical_facilities"):
    wrong = [r for r in db.execute(f"SELECT id, unit_code FROM {table}") if r[0][1:7] != r[1]]
    assert not wrong, (table, wrong)
capacity = db.execute("SELECT SUM(capacity) FROM shelters").fetchone()[0]
assert 0.009 * 10081232 < capacity < 0.011 * 10081232, capacity  # the sample: 1 % of the census
# People aged 65+: each county's census x 1,051,500 / 10,081,232 (the provincial count of the
# 7th census), whole people summing to exactly that count; every unit is a county.
aged = list(db.execute("SELECT code, population, aged_65_plus, level FROM admin_units"))
for code, pop, old, level in aged:
    assert abs(old - pop * 1051500 / 10081232) < 1, (code, pop, old)
    assert level == "county", (code, level)
assert sum(r[2] for r in aged) == 1051500, aged
reg = inspect["registry"]  # the whole registry as read_registry returns it
assert reg["aged_65_plus"] == {"units_known": 19, "sum": 1051500}, reg
assert reg["critical_facilities"]["features"] == 41 and reg["units"] == {"county": 19}, reg
assert reg["population_grid"]["people"] == 10081232, reg
meta = dict(db.execute("SELECT item, value FROM registry_metadata"))
assert meta == inspect["metadata"] and meta["FACILITIES_SOURCE"].endswith("facilities_synthetic.csv"), meta
srs = db.execute("SELECT srs_id FROM gpkg_contents WHERE table_name = 'admin_units'").fetchone()
assert srs[0] == 4326, srs
print(f"registry: 19 counties, {sum(census.values())} people, "
      f"{layers['population_grid']['features']} populated grid points; grid sums equal the "
      f"census in every county; {capacity} shelter places; 41 facilities; 1051500 aged 65+")
PY
# A census row for a county that is not in the polygons: one line naming the file, exit 2.
{ cat "$src/data/hainan/census2020.csv"; echo "469999,测试,Test,1000"; } > "$work/bad.csv"
"$taifeng" registry build --units "$src/data/hainan/counties_datav.geojson" --census "$work/bad.csv" \
  --relief "$relief" -o "$work/bad.gpkg" -q > /dev/null 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] && grep -q "bad.csv" "$work/err.txt" \
  && [ ! -e "$work/bad.gpkg" ] || { cat "$work/err.txt"; fail "bad census not refused (exit $rc)"; }
# A shelter at sea: the file and line are named.
{ head -5 "$src/data/hainan/shelters_synthetic.csv"; echo "X1,海上,At sea,110.0,17.0,100"; } > "$work/sea.csv"
"$taifeng" registry build --units "$src/data/hainan/counties_datav.geojson" \
  --census "$src/data/hainan/census2020.csv" --relief "$relief" --shelters "$work/sea.csv" \
  -o "$work/sea.gpkg" -q > /dev/null 2> "$work/err3.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err3.txt")" -eq 1 ] && grep -q "sea.csv:6" "$work/err3.txt" \
  || { cat "$work/err3.txt"; fail "shelter at sea not refused (exit $rc)"; }
# A vulnerable-groups row for a code that is no unit: file and line named.
{ echo "adcode,aged_65_plus"; echo "460100,1000"; echo "469999,5"; } > "$work/old.csv"
"$taifeng" registry build --units "$src/data/hainan/counties_datav.geojson" \
  --census "$src/data/hainan/census2020.csv" --relief "$relief" --vulnerable "$work/old.csv" \
  -o "$work/old.gpkg" -q > /dev/null 2> "$work/err5.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err5.txt")" -eq 1 ] && grep -q "old.csv:3" "$work/err5.txt" \
  && [ ! -e "$work/old.gpkg" ] || { cat "$work/err5.txt"; fail "bad vulnerable CSV not refused (exit $rc)"; }
"$taifeng" registry inspect "$work/missing.gpkg" > /dev/null 2> "$work/err2.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err2.txt")" -eq 1 ] \
  || { cat "$work/err2.txt"; fail "missing registry not refused (exit $rc)"; }
# The forecast cycle reads the registry ([registry] file) and gives the same counties,
# populations, exposure, signals and people to evacuate as from the polygons, census and CSV
# points it was built from (the dasymetric grid is recomputed in the cycle then).
make_config "$src" "$work/cycle.toml"
set_members "$work/cycle.toml" 0
sed -i -e 's|^lead_hours = .*|lead_hours = 24|' -e 's|^hours = 72|hours = 24|' \
  -e '/^\[surge\]/,/^\[/s|^enabled = .*|enabled = false|' "$work/cycle.toml"
h="$src/data/hainan"
sed -e "s|^file = .*|units = \"$h/counties_datav.geojson\"\ncensus = \"$h/census2020.csv\"\nshelters = \"$h/shelters_synthetic.csv\"\nenterprises = \"$h/enterprises_synthetic.csv\"\nfacilities = \"$h/facilities_synthetic.csv\"|" \
  "$work/cycle.toml" > "$work/cycle_csv.toml"
"$taifeng" forecast "$work/cycle_csv.toml" --out "$work/run_csv" -q > /dev/null 2> "$work/c1.log" \
  || { cat "$work/c1.log"; fail "forecast from polygons and census"; }
sed -e "s|^file = .*|file = \"$work/hainan.gpkg\"|" "$work/cycle.toml" > "$work/cycle_reg.toml"
"$taifeng" forecast "$work/cycle_reg.toml" --out "$work/run_reg" -q > /dev/null 2> "$work/c2.log" \
  || { cat "$work/c2.log"; fail "forecast from the registry"; }
/usr/bin/python3 - "$work" <<'PY' || fail "registry in the cycle"
import json, sys
w = sys.argv[1]
keys = ("population", "signal", "reason", "exposed", "expected_exposed", "gale_arrival",
        "population_by_beaufort_class", "evacuate", "enterprises")
def units(d):
    s = json.load(open(f"{w}/{d}/warnings/summary.json"))
    return {u["code"]: {k: u[k] for k in keys} for u in s["units"]}, [x["capacity"] for x in s["shelters"]]
(a, ca), (b, cb) = units("run_csv"), units("run_reg")
assert len(a) == 19 and a == b, [(k, a[k], b[k]) for k in a if a[k] != b[k]]
assert ca == cb and len(ca) == 55, (ca, cb)
inputs = {i["role"]: i for i in json.load(open(f"{w}/run_reg/run.json"))["inputs"]}
assert "registry" in inputs, inputs.keys()
print("forecast from the registry: the same 19 counties, populations, exposure, signals, evacuees")
PY
# Both a registry and polygons + census: refused, one line naming the key, exit code 2.
sed "s|^\[registry\]|[registry]\nfile = \"$work/hainan.gpkg\"|" "$work/cycle_csv.toml" > "$work/both.toml"
"$taifeng" forecast "$work/both.toml" --out "$work/both" -q > /dev/null 2> "$work/err4.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err4.txt")" -eq 1 ] && grep -q "registry.file" "$work/err4.txt" \
  || { cat "$work/err4.txt"; fail "registry and units together not refused (exit $rc)"; }
echo "PASS registry"
