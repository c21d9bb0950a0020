#!/usr/bin/env bash
# Builds the bundled base registry data/hainan/registry.gpkg from the files in data/hainan
# (county polygons, 2020 census, the 65+ estimate, the synthetic shelter, enterprise and
# critical-facility samples) and ETOPO5 relief, with the given taifeng binary:
#   bash scripts/build-registry.sh build/app/taifeng
# Paths in the registry's metadata are relative to the repository root.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PATH/TO/taifeng" >&2; exit 2; }
taifeng=$(realpath "$1")
cd "$(dirname "$0")/.."
"$taifeng" registry build \
  --units data/hainan/counties_datav.geojson \
  --census data/hainan/census2020.csv \
  --relief /usr/share/ferret-vis/data/etopo5.cdf \
  --vulnerable data/hainan/aged65_2020_estimate.csv \
  --shelters data/hainan/shelters_synthetic.csv \
  --enterprises data/hainan/enterprises_synthetic.csv \
  --facilities data/hainan/facilities_synthetic.csv \
  -o data/hainan/registry.gpkg
"$taifeng" registry inspect data/hainan/registry.gpkg
