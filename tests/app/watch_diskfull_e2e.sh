#!/usr/bin/env bash
# Fault test: the archive's file system fills up. The archive is a small tmpfs that holds
# one cycle but not a second one. The second cycle fails on the full disk with the reason
# recorded, publishes nothing, leaves no staging folder, and `current` keeps the first
# cycle intact (its CAP feed still well-formed); the watcher keeps running, and once space
# is back (the tmpfs is grown) the next cycle is published. Needs permission to mount a
# tmpfs (root or CAP_SYS_ADMIN): without it the test is skipped (exit 77) and says so.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/watch_common.sh"
rm -rf "$work" && mkdir -p "$work/inbox" "$work/archive"
A=$work/archive IN=$work/inbox LOG=$work/watch.jsonl
if ! mount -t tmpfs -o size=1m taifeng_test "$A" 2> "$work/mount.err"; then
  echo "SKIP: cannot mount a tmpfs here ($(cat "$work/mount.err")); disk-full not simulated"
  exit 77
fi
trap 'kill $(jobs -p) 2> /dev/null; wait; umount "$A" 2> /dev/null' EXIT
station_config "$src" "$work/station.toml"

# Size of one published cycle, measured on the real disk.
drop_set "$IN" probe 2005-09-24T12:00:00Z
"$taifeng" watch --inbox "$IN" --config "$work/station.toml" --archive "$work/probe" --once \
  > "$work/probe.out" 2>&1 || { cat "$work/probe.out"; fail "probe cycle"; }
cycle_kb=$(du -sk "$work/probe/2005092412" | cut -f1)
total_kb=$(du -sk "$work/probe" | cut -f1)
size_kb=$((total_kb + cycle_kb / 2))  # room for one cycle and its records, not two
mount -o remount,size=${size_kb}k "$A" || fail "remount"
echo "one cycle: $cycle_kb kB; archive tmpfs: $size_kb kB"

"$taifeng" watch --inbox "$IN" --config "$work/station.toml" --archive "$A" \
  --poll-seconds 0.2 --log-json "$LOG" > "$work/w.out" 2>&1 &
w=$!
drop_set "$IN" c1 2005-09-24T12:00:00Z
wait_log "$LOG" '"event":"cycle_published".*"cycle":"2005092412"' 60
drop_set "$IN" c2 2005-09-25T00:00:00Z
wait_log "$LOG" '"event":"cycle_failed".*"set":"c2"' 60
reason=$(json_field "$LOG" cycle_failed reason)
echo "full disk: $reason"
echo "$reason" | grep -Eiq 'no space|disk|quota|write failed' \
  || fail "the failure reason does not say the disk is full: $reason"
kill -0 $w || fail "the watcher died on a full disk"
[ "$(check_archive "$A")" = 2005092412 ] || fail "current is not the good cycle"
[ ! -e "$A/2005092500" ] || fail "the cycle that hit the full disk was published"
[ -z "$(find "$A" -maxdepth 1 -name '.2005092500.*')" ] || fail "staging folder left on the full disk"
df -k "$A" | tail -1

mount -o remount,size=$((size_kb * 4))k "$A" || fail "remount larger"
drop_set "$IN" c3 2005-09-25T12:00:00Z
wait_log "$LOG" '"event":"cycle_published".*"cycle":"2005092512"' 60
[ "$(check_archive "$A")" = 2005092512 ] || fail "no cycle published once space was back"
[ "$(run_previous "$A/2005092512")" = "$A/2005092412" ] || fail "previous is not the last good cycle"
echo "ok: after the full disk the watcher published 2005092512 (previous 2005092412)"
echo PASS
