#!/usr/bin/env bash
# taifeng watch, the scheduled-cycle service, on Damrey (2005):
#  1. a second watcher on the same archive refuses with the lock holder named (exit 3);
#  2. a set dropped into the inbox runs, is published as YYYYMMDDHH/ and `current` moves;
#  3. the watcher is stopped (SIGTERM, exit 0) and restarted: the next cycle's CAP messages
#     are Updates referencing the first cycle's (message history survives restarts);
#  4. corrupt input (a truncated track file; an unknown key) fails that cycle with its reason
#     recorded (failed/…/reason.json, history.jsonl, watch.jsonl), `current` stays, and the
#     watcher goes on to publish the next good set;
#  5. rerunning a published cycle gives byte-identical outputs (run.json differs only in its
#     times), and an older cycle does not move `current`;
#  6. SIGTERM during a cycle: nothing published, no partial folder, the set stays in the inbox
#     and runs at the next start; a cycle over its time limit is stopped and recorded;
#  7. a cycle through the MPI launcher (hpc/jobs/taifeng-launch --ranks 2) equals 1 rank;
#  all the while a reader polling current/warnings/cap/feed.xml never finds it missing or
#  malformed.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/watch_common.sh"
rm -rf "$work" && mkdir -p "$work/inbox"
# Background watchers and the reader never outlive the test.
trap 'touch "$work/stop_reader"; kill $(jobs -p) 2> /dev/null; wait' EXIT
station_config "$src" "$work/station.toml"
A=$work/archive IN=$work/inbox LOG=$work/archive/watch.jsonl
args=(watch --inbox "$IN" --config "$work/station.toml" --archive "$A" --poll-seconds 0.2)
watch() { "$taifeng" "${args[@]}" "$@"; }

# --- 1, 2: first cycle, lock ---------------------------------------------------------------
"$taifeng" "${args[@]}" > "$work/w1.out" 2>&1 &
w1=$!
wait_log "$LOG" '"event":"waiting"' 30
watch --once > "$work/w2.out" 2>&1
rc=$?
[ $rc -eq 3 ] || { cat "$work/w2.out"; fail "second watcher: exit $rc, expected 3"; }
[ "$(wc -l < "$work/w2.out")" -eq 1 ] || { cat "$work/w2.out"; fail "lock refusal is not one line"; }
grep -q "locked by another watcher (pid $w1 on" "$work/w2.out" \
  || { cat "$work/w2.out"; fail "lock message does not name the holder"; }
echo "ok: second watcher refused: $(cat "$work/w2.out")"

drop_set "$IN" c1 2005-09-24T12:00:00Z
wait_log "$LOG" '"event":"cycle_published".*"cycle":"2005092412"' 60
[ "$(check_archive "$A")" = 2005092412 ] || fail "current is not 2005092412"
[ ! -e "$IN/c1" ] || fail "published set c1 still in the inbox"
ls "$A"/inputs/2005092412-*/cycle.toml > /dev/null || fail "inputs of c1 not archived"
ls "$A"/logs/2005092412-*.log > /dev/null || fail "log of c1 not archived"
n_stage=$(count_log "$LOG" '"event":"stage_done".*"cycle":"2005092412"')
[ "$n_stage" -ge 8 ] || fail "only $n_stage stage events for c1"
echo "ok: cycle 2005092412 published, $n_stage stage events"

# A reader of the published feed, as an alert hub would poll it, from now to the end.
(
  bad=0 n=0
  while [ ! -e "$work/stop_reader" ]; do
    if ! xmllint --noout "$A/current/warnings/cap/feed.xml" 2> /dev/null; then
      bad=$((bad + 1))
    fi
    n=$((n + 1))
  done
  echo "$n $bad" > "$work/reader.out"
) &
reader=$!

# --- 3: restart, history survives -----------------------------------------------------------
kill -TERM $w1
wait $w1
rc=$?
[ $rc -eq 0 ] || { tail "$work/w1.out"; fail "watcher exit $rc on SIGTERM while idle"; }
wait_log "$LOG" '"event":"watcher_stopped"' 5
"$taifeng" "${args[@]}" > "$work/w3.out" 2>&1 &
w3=$!
drop_set "$IN" c2 2005-09-25T00:00:00Z
wait_log "$LOG" '"event":"cycle_published".*"cycle":"2005092500"' 60
[ "$(check_archive "$A")" = 2005092500 ] || fail "current is not 2005092500"
[ "$(run_previous "$A/2005092500")" = "$A/2005092412" ] \
  || fail "cycle 2 did not run with cycle 1 as --previous"
/usr/bin/python3 - "$A" << 'PY' || fail "history across the restart"
import json, sys
a = sys.argv[1]
m1 = {(m["unit_code"], m["hazard"]): m for m in
      json.load(open(f"{a}/2005092412/warnings/messages.json"))["messages"]}
m2 = json.load(open(f"{a}/2005092500/warnings/messages.json"))["messages"]
upd = [m for m in m2 if (m["unit_code"], m["hazard"]) in m1]
assert upd, "no warning continued from cycle 1"
for m in upd:
    assert m["msg_type"] == "Update", m
    assert m1[(m["unit_code"], m["hazard"])]["identifier"] in open(f"{a}/2005092500/{m['file']}").read()
print(f"ok: {len(upd)} messages of cycle 2 update cycle 1's after the watcher restarted")
PY

# --- 4: corrupt inputs ----------------------------------------------------------------------
mkdir -p "$IN/.incoming-bad"
head -c 300 "$src/data/tracks/jtwc_wp_1945_2012.csv" > "$IN/.incoming-bad/besttrack.csv"
echo '17,2005,9,25,6,19.0,11' >> "$IN/.incoming-bad/besttrack.csv"  # cut mid-record
printf '[storm]\nanalysis_time = 2005-09-25T06:00:00Z\ntrack_file = "besttrack.csv"\n' \
  > "$IN/.incoming-bad/cycle.toml"
mv "$IN/.incoming-bad" "$IN/bad-track"
drop_set "$IN" bad-key 2005-09-25T06:00:00Z 'membres = 3'
wait_log "$LOG" '"event":"cycle_failed".*"set":"bad-track"' 60
wait_log "$LOG" '"event":"cycle_failed".*"set":"bad-key"' 60
r=$(cat "$A"/failed/*-bad-track/reason.json)
echo "$r" | grep -q 'besttrack.csv:' || { echo "$r"; fail "reason does not name the track file and line"; }
echo "$r" | grep -q '"exit_code": 2' || { echo "$r"; fail "bad track: exit code 2 expected"; }
r=$(cat "$A"/failed/*-bad-key/reason.json)
echo "$r" | grep -q "cycle.toml:3: unknown key 'storm.membres'" \
  || { echo "$r"; fail "reason does not name cycle.toml:3 and the key"; }
[ -f "$A"/failed/*-bad-track/cycle.log ] || fail "failed cycle's log not kept"
[ -f "$A"/failed/*-bad-track/inputs/besttrack.csv ] || fail "failed cycle's inputs not kept"
[ ! -e "$A/2005092506" ] || fail "a failed cycle was published"
[ ! -e "$IN/bad-track" ] || fail "failed set left in the inbox (would be retried forever)"
[ "$(check_archive "$A")" = 2005092500 ] || fail "current moved after a failure"
[ "$(grep -c '"outcome":"failed"' "$A/history.jsonl")" -eq 2 ] || fail "history lacks the failures"
echo "ok: corrupt inputs failed with: $(json_field "$LOG" cycle_failed reason)"
drop_set "$IN" c3 2005-09-25T12:00:00Z
wait_log "$LOG" '"event":"cycle_published".*"cycle":"2005092512"' 60
[ "$(check_archive "$A")" = 2005092512 ] || fail "the watcher did not go on after failures"
[ "$(run_previous "$A/2005092512")" = "$A/2005092500" ] \
  || fail "cycle 3's previous is not the last published cycle"
echo "ok: next good set published after the failures"

# --- 5: idempotent rerun; an older cycle does not move current -----------------------------
cp -a "$A/2005092500" "$work/first_2005092500"
drop_set "$IN" c2-again 2005-09-25T00:00:00Z
wait_log "$LOG" '"event":"cycle_published".*"set":"c2-again"' 60
diff -r -x run.json "$work/first_2005092500" "$A/2005092500" > "$work/rerun.diff" \
  || { head -20 "$work/rerun.diff"; fail "rerun of 2005092500 differs"; }
/usr/bin/python3 - "$work/first_2005092500/run.json" "$A/2005092500/run.json" << 'PY' \
  || fail "run.json of the rerun differs beyond its times"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for k in ("started_utc", "finished_utc", "wall_s", "stage_wall_s"):
    a.pop(k), b.pop(k)
assert a == b, [k for k in a if a[k] != b.get(k)]
PY
[ "$(check_archive "$A")" = 2005092512 ] || fail "rerun of an older cycle moved current"
echo "ok: rerun identical ($(find "$A/2005092500" -type f | wc -l) files), current stays"

# --- 6: SIGTERM during a cycle, timeout -----------------------------------------------------
drop_set "$IN" big 2005-09-25T18:00:00Z $'[ensemble]\nmembers = 4000'
wait_log "$LOG" '"event":"stage_done".*"cycle":"2005092518".*"stage":"wind"' 60
kill -TERM $w3
wait $w3
rc=$?
[ $rc -eq 0 ] || { tail "$work/w3.out"; fail "watcher exit $rc on SIGTERM during a cycle"; }
wait_log "$LOG" '"event":"cycle_stopped".*"cycle":"2005092518"' 5
grep -q 'stopped by SIGTERM' "$work/w3.out" && true
[ ! -e "$A/2005092518" ] || fail "a stopped cycle was published"
left=$(find "$A" -maxdepth 1 -name '.*partial*')
[ -z "$left" ] || fail "partial folder left: $left"
[ -d "$IN/big" ] || fail "the stopped cycle's set left the inbox"
[ "$(check_archive "$A")" = 2005092512 ] || fail "current changed by a stopped cycle"
echo "ok: SIGTERM during the ensemble: nothing published, set kept"
watch --once --cycle-timeout-minutes 0.01 --stop-grace-seconds 2 > "$work/w4.out" 2>&1
rc=$?
[ $rc -eq 4 ] || { tail "$work/w4.out"; fail "--once with a timed-out cycle: exit $rc, expected 4"; }
r=$(cat "$A"/failed/*-big/reason.json)
echo "$r" | grep -q 'timed out after 0.01 minutes' || { echo "$r"; fail "timeout reason"; }
[ "$(check_archive "$A")" = 2005092512 ] || fail "current changed by a timed-out cycle"
echo "ok: cycle over its time limit stopped and recorded"
drop_set "$IN" big2 2005-09-25T18:00:00Z $'[ensemble]\nmembers = 400'
watch --once > "$work/w5.out" 2>&1 || { tail "$work/w5.out"; fail "--once run"; }
[ "$(check_archive "$A")" = 2005092518 ] || fail "cycle after restart not published"

# --- 7: cycles through the MPI launcher (hpc/jobs/taifeng-launch, 2 ranks) ------------------
drop_set "$IN" c-mpi 2005-09-26T00:00:00Z
watch --once --launcher "$src/hpc/jobs/taifeng-launch --ranks 2 --" > "$work/w6.out" 2>&1 \
  || { tail "$work/w6.out"; fail "--once through the launcher"; }
[ "$(check_archive "$A")" = 2005092600 ] || fail "launcher cycle not published"
ranks=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["mpi_ranks"])' \
  "$A/2005092600/run.json")
[ "$ranks" = 2 ] || fail "the launcher cycle ran on $ranks rank(s), expected 2"
"$taifeng" forecast "$work/station.toml" --overlay "$(ls -d "$A"/inputs/2005092600-*/cycle.toml)" \
  --out "$work/one_rank" --previous "$A/2005092518" -q > /dev/null 2>&1 || fail "1-rank reference"
diff -r -x run.json -x config.toml "$work/one_rank" "$A/2005092600" > /dev/null \
  || fail "the 2-rank cycle through the launcher differs from 1 rank"
echo "ok: cycle through taifeng-launch on 2 ranks, identical to 1 rank"

touch "$work/stop_reader"
wait $reader
read -r n bad < "$work/reader.out"
[ "$n" -gt 10 ] || fail "the feed reader ran only $n times"
[ "$bad" -eq 0 ] || fail "the feed reader found current/warnings/cap/feed.xml missing or bad $bad of $n times"
echo "ok: $n reads of current/warnings/cap/feed.xml during publication, all well-formed"
python3 -c "
import json,sys
for l in open('$LOG'): json.loads(l)
" || fail "watch.jsonl has a line that is not JSON"
echo "PASS"
