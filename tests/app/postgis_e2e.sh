#!/usr/bin/env bash
# PostGIS round trip: a private PostgreSQL 15 + PostGIS cluster (temporary directory, unix
# socket only) receives the Hainan registry through `taifeng registry build -o PG:…`; its
# `registry inspect --json --read` (layers, feature counts, population totals, metadata, and
# the whole registry read back by read_registry) equals the GeoPackage's; a rebuild replaces
# the tables and drops an optional layer no longer given; a build that fails inside the
# database (an event trigger refusing one table) leaves the previous registry untouched; and
# the forecast cycle gives the same counties, populations and signals from [registry] file =
# the GeoPackage and = the "PG:…" string. A GeoPackage loaded with ogr2ogr reads the same. Fails (does not skip) without PostgreSQL/PostGIS.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
relief=/usr/share/ferret-vis/data/etopo5.cdf
pgbin=/usr/lib/postgresql/15/bin
for b in initdb pg_ctl postgres psql; do
  [ -x "$pgbin/$b" ] || fail "PostgreSQL 15 not installed ($pgbin/$b missing; scripts/install-deps.sh installs postgresql-15 postgresql-15-postgis-3)"
done
[ -e /usr/share/postgresql/15/extension/postgis.control ] \
  || fail "PostGIS for PostgreSQL 15 not installed (package postgresql-15-postgis-3)"

# The cluster lives in a short temporary path (unix socket paths are limited to ~100 bytes)
# and listens on no TCP address, only on the socket in that directory, so the port number
# only names the socket file and cannot clash with another server. initdb refuses root:
# then the server runs as the system user postgres, owning the directory.
pgdir=$(mktemp -d /tmp/taifeng_pg.XXXXXX) || fail "mktemp"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id -u postgres > /dev/null 2>&1 || fail "running as root needs the system user 'postgres'"
  chown postgres "$pgdir" || fail "chown $pgdir"
  as_pg=(runuser -u postgres --)
fi
port=5432
stop_cluster() {
  (cd / && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop > /dev/null 2>&1)
  rm -rf "$pgdir"
}
trap stop_cluster EXIT
(cd / && "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 \
  --no-locale > "$work/initdb.log" 2>&1) || { cat "$work/initdb.log"; fail "initdb"; }
(cd / && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 30 \
  -o "-c listen_addresses='' -c unix_socket_directories='$pgdir' -p $port -c fsync=off" \
  start > "$work/pg_ctl.log" 2>&1) || { cat "$work/pg_ctl.log" "$pgdir/server.log"; fail "pg_ctl start"; }
psql_() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pgdir" -p "$port" -U postgres "$@"; }
psql_ -d postgres -c "CREATE DATABASE taifeng" || fail "create database"
psql_ -d taifeng -c "CREATE EXTENSION postgis" || fail "create extension postgis"
pg="PG:host=$pgdir port=$port dbname=taifeng user=postgres"

h=$src/data/hainan
build() {  # build OUT [extra options]: the Hainan registry
  local out=$1; shift
  "$taifeng" registry build --units "$h/counties_datav.geojson" --census "$h/census2020.csv" \
    --relief "$relief" --enterprises "$h/enterprises_synthetic.csv" \
    --facilities "$h/facilities_synthetic.csv" --vulnerable "$h/aged65_2020_estimate.csv" \
    -o "$out" -q "$@"
}
build "$work/hainan.gpkg" --shelters "$h/shelters_synthetic.csv" > /dev/null 2> "$work/b1.log" \
  || { cat "$work/b1.log"; fail "registry build into a GeoPackage"; }
build "$pg" --shelters "$h/shelters_synthetic.csv" > /dev/null 2> "$work/b2.log" \
  || { cat "$work/b2.log"; fail "registry build into PostGIS"; }
# A rebuild without shelters replaces the tables and drops the old shelters table.
build "$pg" > /dev/null 2> "$work/b3.log" || { cat "$work/b3.log"; fail "registry rebuild"; }
"$taifeng" registry inspect "$pg" --json --read > "$work/pg_noshelters.json" || fail "inspect PG"
# A build that fails in the database: the transaction is rolled back, nothing changes.
psql_ -d taifeng <<'SQL' || fail "create event trigger"
CREATE FUNCTION refuse_facilities() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()
             WHERE object_identity = 'public.critical_facilities') THEN
    RAISE EXCEPTION 'test refuses table critical_facilities';
  END IF;
END $$;
CREATE EVENT TRIGGER refuse_facilities ON ddl_command_end EXECUTE FUNCTION refuse_facilities();
SQL
build "$pg password=not-shown" --shelters "$h/shelters_synthetic.csv" > /dev/null 2> "$work/err.txt"
rc=$?
[ $rc -eq 2 ] && [ "$(grep -c . "$work/err.txt")" -eq 1 ] \
  && grep -q "critical_facilities" "$work/err.txt" && ! grep -q "not-shown" "$work/err.txt" \
  || { cat "$work/err.txt"; fail "failed PostGIS build: expected one line, exit 2 (exit $rc)"; }
"$taifeng" registry inspect "$pg" --json --read > "$work/pg_after_failure.json" || fail "inspect PG"
cmp -s "$work/pg_noshelters.json" "$work/pg_after_failure.json" \
  || fail "a failed build changed the PostGIS registry"
psql_ -d taifeng -c "DROP EVENT TRIGGER refuse_facilities" || fail "drop event trigger"
build "$pg" --shelters "$h/shelters_synthetic.csv" > /dev/null 2> "$work/b4.log" \
  || { cat "$work/b4.log"; fail "registry build into PostGIS after the failure"; }

"$taifeng" registry inspect "$work/hainan.gpkg" --json --read > "$work/gpkg.json" \
  || fail "inspect the GeoPackage"
"$taifeng" registry inspect "$pg" --json --read > "$work/pg.json" || fail "inspect PG"
# A bureau's way (README): load a GeoPackage with ogr2ogr and point taifeng at the database.
psql_ -d postgres -c "CREATE DATABASE bureau" || fail "create database bureau"
psql_ -d bureau -c "CREATE EXTENSION postgis" || fail "create extension postgis in bureau"
bureau="PG:host=$pgdir port=$port dbname=bureau user=postgres"
ogr2ogr -f PostgreSQL "$bureau" "$work/hainan.gpkg" 2> "$work/ogr2ogr.log" \
  || { cat "$work/ogr2ogr.log"; fail "ogr2ogr into PostGIS"; }
"$taifeng" registry inspect "$bureau" --json --read > "$work/bureau.json" || fail "inspect bureau"
/usr/bin/python3 - "$work" <<'PY' || fail "PostGIS registry differs from the GeoPackage"
import json, sys
w = sys.argv[1]
g, p, o = (json.load(open(f"{w}/{n}.json")) for n in ("gpkg", "pg", "bureau"))
ga, pa, oa = ({l["name"]: l for l in d["layers"]} for d in (g, p, o))
# What ogr2ogr loaded reads the same as what taifeng wrote.
assert oa == pa and o["metadata"] == p["metadata"] and o["registry"] == p["registry"], (o, p)
assert ga == pa, (ga, pa)
names = {"admin_units", "population_grid", "shelters", "enterprises", "critical_facilities"}
assert set(ga) == names, ga.keys()
assert ga["admin_units"]["features"] == 19 and ga["admin_units"]["population"] == 10081232, ga
assert ga["population_grid"]["population"] == 10081232, ga
assert ga["critical_facilities"]["features"] == 41 and ga["shelters"]["features"] == 55, ga
assert g["metadata"] == p["metadata"] and "UNITS_SOURCE" in g["metadata"], (g["metadata"], p["metadata"])
# The whole registry read back by read_registry: the same from both.
assert g["registry"] == p["registry"], (g["registry"], p["registry"])
r = p["registry"]
assert r["county_population"] == 10081232 and r["population_grid"]["people"] == 10081232, r
assert r["aged_65_plus"] == {"units_known": 19, "sum": 1051500}, r  # the census' 65+ count
assert r["units"] == {"county": 19}, r
# The rebuild without shelters had dropped the old table.
nos = {l["name"] for l in json.load(open(f"{w}/pg_noshelters.json"))["layers"]}
assert nos == names - {"shelters"}, nos
print("PostGIS: the same 5 layers, counts, totals, metadata and read-back registry as the GeoPackage")
PY

# The forecast cycle from the GeoPackage and from PostGIS: the same county table.
make_config "$src" "$work/cycle.toml"
set_members "$work/cycle.toml" 0
sed -i -e 's|^lead_hours = .*|lead_hours = 24|' -e 's|^hours = 72|hours = 24|' \
  -e '/^\[surge\]/,/^\[/s|^enabled = .*|enabled = false|' "$work/cycle.toml"
sed "s|^file = .*|file = \"$work/hainan.gpkg\"|" "$work/cycle.toml" > "$work/cycle_gpkg.toml"
sed "s|^file = .*|file = \"$pg\"|" "$work/cycle.toml" > "$work/cycle_pg.toml"
"$taifeng" forecast "$work/cycle_gpkg.toml" --out "$work/run_gpkg" -q > /dev/null 2> "$work/c1.log" \
  || { cat "$work/c1.log"; fail "forecast from the GeoPackage registry"; }
"$taifeng" forecast "$work/cycle_pg.toml" --out "$work/run_pg" -q > /dev/null 2> "$work/c2.log" \
  || { cat "$work/c2.log"; fail "forecast from the PostGIS registry"; }
/usr/bin/python3 - "$work" <<'PY' || fail "forecast from PostGIS differs"
import json, sys
w = sys.argv[1]
def counties(d):  # every field: names, population, exposure, signal, evacuation, CAP files
    s = json.load(open(f"{w}/{d}/warnings/summary.json"))
    return {c["code"]: c for c in s["units"]}, s["shelters"]
(a, sa), (b, sb) = counties("run_gpkg"), counties("run_pg")
assert sa == sb, "shelter loads differ"
assert len(a) == 19 and a == b, [(k, a[k], b.get(k)) for k in a if a[k] != b.get(k)]
assert sum(c["population"] for c in a.values()) == 10081232, a
assert {c["signal"] for c in a.values()} != {"none"}, a  # Damrey raises signals somewhere
print("forecast from PostGIS: the same 19 counties, populations and signals as from the GeoPackage")
PY
echo "PASS postgis"
