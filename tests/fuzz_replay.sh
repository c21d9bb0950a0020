#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, replays every kept corpus input once, then
# fuzzes each target briefly: the text track readers must stay crash-free.
set -euo pipefail
src=$1 work=$2 seconds=${3:-10}
cmake -S "$src/fuzz" -B "$work" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ > /dev/null
cmake --build "$work" -j "$(nproc)" > "$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
export TAIFENG_FUZZ_TMP="$work/tmp"
mkdir -p "$TAIFENG_FUZZ_TMP"
for t in fuzz_atcf fuzz_hurdat2 fuzz_cma fuzz_csv_tracks; do
  n=$(ls "$src/fuzz/corpus/$t" | wc -l)
  "$work/$t" -runs=0 "$src/fuzz/corpus/$t" > "$work/$t.replay.log" 2>&1 \
    || { tail -30 "$work/$t.replay.log"; echo "FAIL: $t corpus replay"; exit 1; }
  rm -rf "$work/new_$t" && mkdir -p "$work/new_$t"
  "$work/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 "$work/new_$t" \
    "$src/fuzz/corpus/$t" > "$work/$t.fuzz.log" 2>&1 \
    || { tail -40 "$work/$t.fuzz.log"; echo "FAIL: $t found a crash (see $work)"; exit 1; }
  echo "ok  $t: $n corpus inputs replayed; $(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$t.fuzz.log" | grep -o '[0-9]*$' || echo '?') new executions in ${seconds}s"
done
echo "PASS fuzz targets clean"
