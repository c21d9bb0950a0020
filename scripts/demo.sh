#!/usr/bin/env bash
# README command 1: install dependencies, build, and run the demo forecast cycle on the
# bundled Hainan case (Typhoon Damrey, 2005). Prints where the results are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Maps need an X display: without one, xvfb-run provides a virtual one.
if [ -n "${DISPLAY:-}" ]; then
  ./build/app/taifeng forecast configs/hainan_demo.toml
else
  xvfb-run -a -s "-screen 0 1280x1024x24" ./build/app/taifeng forecast configs/hainan_demo.toml
fi
