#!/usr/bin/env bash
# README command 1: install dependencies, build, and run the demo forecast cycle on the
# bundled Hainan case (Typhoon Damrey, 2005). Prints where the results are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/app/taifeng forecast configs/hainan_demo.toml
