#!/usr/bin/env bash
# Fault test: kill -9 of the watcher and of its running cycle (a node crash) at several
# stages, then a restart. After each crash `current` still points at the last good cycle,
# complete; no cycle folder of the killed cycle is visible; the restarted watcher removes
# what the crash left (staging folder, work log), reruns the set that was still in the
# inbox and publishes it. The restarted cycle's outputs equal an uninterrupted run of the
# same inputs (byte for byte, run.json and config.toml aside). A watcher killed alone takes
# its cycle with it (the cycle gets SIGTERM and publishes nothing).
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/watch_common.sh"
rm -rf "$work" && mkdir -p "$work/inbox"
trap 'kill -9 $(jobs -p) 2> /dev/null; wait' EXIT
station_config "$src" "$work/station.toml"
# Stages long enough to be caught: ~1500 members, 4 surge runs of 24 h.
sed -i -e '/^\[surge\]/,/^\[/s/^hours = .*/hours = 24/' \
  -e '/^\[surge\]/,/^\[/s/^members = .*/members = 4/' "$work/station.toml"
A=$work/archive IN=$work/inbox LOG=$work/archive/watch.jsonl
args=(watch --inbox "$IN" --config "$work/station.toml" --archive "$A" --poll-seconds 0.2)

drop_set "$IN" c0 2005-09-24T12:00:00Z
"$taifeng" "${args[@]}" --once > "$work/c0.out" 2>&1 || { cat "$work/c0.out"; fail "first cycle"; }
good=$(check_archive "$A")
[ "$good" = 2005092412 ] || fail "first cycle not current"

crash_at() {  # crash_at STAGE_DONE TIME STAMP [ckpt]: crash once STAGE_DONE is logged
  local stage=$1 time=$2 stamp=$3 w child
  drop_set "$IN" "k-$stamp" "$time" $'[ensemble]\nmembers = 1500'
  "$taifeng" "${args[@]}" >> "$work/w-$stamp.out" 2>&1 &
  w=$!
  wait_log "$LOG" "\"event\":\"stage_done\",\"cycle\":\"$stamp\",\"stage\":\"$stage\"" 120
  child=$(json_field "$LOG" cycle_started pid)
  if [ "${4:-}" = ckpt ]; then  # … and a surge run has written a checkpoint
    for ((i = 0; i < 600; i++)); do
      compgen -G "$A/.work/checkpoints/$stamp-*/surge_run_*.h5" > /dev/null && break
      sleep 0.05
    done
  fi
  # The cycle runs in a session of its own (the watcher's setsid): kill -9 of all of it.
  kill -9 "$w" "-$child" 2> /dev/null
  kill_session "$child"
  wait "$w" 2> /dev/null
  [ "$(check_archive "$A")" = "$good" ] || fail "current moved by a crashed cycle ($stage)"
  [ ! -e "$A/$stamp" ] || fail "crashed cycle $stamp visible in the archive"
  local left
  left=$(find "$A" -maxdepth 1 -name ".$stamp.partial-*" | wc -l)
  echo "crash after stage $stage of $stamp: current still $good, $left staging folder(s) left"
  # Restart: leftovers removed, the set (still in the inbox) rerun and published.
  [ -d "$IN/k-$stamp" ] || fail "set of the crashed cycle left the inbox"
  "$taifeng" "${args[@]}" --once > "$work/r-$stamp.out" 2>&1 \
    || { tail "$work/r-$stamp.out"; fail "restart after the crash at $stage"; }
  [ "$left" -eq 0 ] || grep -q "removed what an interrupted run left: $A/.$stamp.partial-" \
    "$work/r-$stamp.out" || fail "the restart did not report removing the staging folder"
  good=$(check_archive "$A")
  [ "$good" = "$stamp" ] || fail "rerun of $stamp not current"
  [ -z "$(find "$A" -maxdepth 1 -name '.*' ! -name .lock ! -name .work)" ] \
    || fail "hidden leftovers after the restart: $(ls -a "$A")"
  [ -z "$(find "$A/.work" -maxdepth 1 -name '*.log')" ] || fail "work log left after restart"
  [ -z "$(ls -A "$IN")" ] || fail "inbox not empty after the rerun: $(ls -A "$IN")"
}

crash_at wind 2005-09-25T00:00:00Z 2005092500      # during the ensemble
crash_at ensemble 2005-09-25T06:00:00Z 2005092506 ckpt  # during the surge runs
/usr/bin/python3 - "$A/2005092506/run.json" << 'PY' || fail "the rerun did not resume the surge"
import json, sys
c = json.load(open(sys.argv[1]))["surge"]["checkpoints"]
assert c["runs_completed_before"] + c["runs_resumed"] >= 1, c
print(f"ok: the rerun took {c['runs_completed_before']} finished and resumed {c['runs_resumed']} surge run(s) from checkpoints")
PY
crash_at netcdf 2005-09-25T12:00:00Z 2005092512    # during the warnings stage

# The rerun after a crash equals an uninterrupted run of the same inputs.
ov=$(ls -d "$A"/inputs/2005092506-*/cycle.toml)
"$taifeng" forecast "$work/station.toml" --overlay "$ov" --out "$work/ref" \
  --previous "$A/2005092500" -q > /dev/null 2> "$work/ref.log" || { cat "$work/ref.log"; fail "reference run"; }
diff -r -x run.json -x config.toml "$work/ref" "$A/2005092506" > "$work/ref.diff" \
  || { head "$work/ref.diff"; fail "cycle rerun after a crash differs from an uninterrupted run"; }
echo "ok: 2005092506 after a crash in its surge stage = uninterrupted run ($(find "$work/ref" -type f | wc -l) files)"

# kill -9 of the watcher alone: its cycle gets SIGTERM (parent-death signal), stops.
drop_set "$IN" orphan 2005-09-25T18:00:00Z $'[ensemble]\nmembers = 3000'
"$taifeng" "${args[@]}" > "$work/w-orphan.out" 2>&1 &
w=$!
wait_log "$LOG" '"event":"stage_done","cycle":"2005092518","stage":"wind"' 120
child=$(json_field "$LOG" cycle_started pid)
kill -9 $w
wait $w 2> /dev/null
for ((i = 0; i < 100; i++)); do kill -0 "$child" 2> /dev/null || break; sleep 0.1; done
kill -0 "$child" 2> /dev/null && fail "the cycle outlived its killed watcher by 10 s"
log=$(ls "$A"/.work/2005092518-*.log)
grep -q "stopped by SIGTERM" "$log" || { tail -3 "$log"; fail "orphaned cycle did not stop on SIGTERM"; }
[ ! -e "$A/2005092518" ] || fail "the orphaned cycle published"
[ -z "$(find "$A" -maxdepth 1 -name '.2005092518.partial-*')" ] \
  || fail "the orphaned cycle left its staging folder (it should remove it on SIGTERM)"
[ "$(check_archive "$A")" = 2005092512 ] || fail "current moved"
echo "ok: watcher killed alone: its cycle stopped on SIGTERM, removed its staging, published nothing"
echo PASS
