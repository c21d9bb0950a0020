# Shared helpers of the watcher tests (tests/app/watch_*.sh): a small station configuration,
# input sets dropped into the inbox the way a producer does it, and waits on the JSON log.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

# station_config SRC FILE: the demo with a small ensemble, 24 h lead, 2 short surge runs and
# no rendering (a cycle takes about 2 s); the analysis time comes from each input set.
station_config() {
  make_config "$1" "$2"
  set_members "$2" 40
  sed -i -e 's/^lead_hours = .*/lead_hours = 24/' \
    -e '/^\[surge\]/,/^\[/s/^hours = .*/hours = 12/' \
    -e '/^\[surge\]/,/^\[/s/^members = .*/members = 2/' \
    -e '/^analysis_time = /d' \
    -e 's/^expires_hours = .*/expires_hours = 36/' "$2"
  sed -i '/^\[render\]/a enabled = false' "$2"
}

# drop_set INBOX NAME ANALYSIS_TIME [EXTRA_TOML]: writes the set under a hidden name, then
# renames it into place (what a producer must do: the watcher never sees half a set).
drop_set() {
  local d="$1/.incoming-$2"
  rm -rf "$d" && mkdir -p "$d"
  printf '[storm]\nanalysis_time = %s\n%s\n' "$3" "${4:-}" > "$d/cycle.toml"
  mv "$d" "$1/$2"
}

# wait_log FILE PATTERN [SECONDS]: waits until a line of FILE matches the extended regex.
wait_log() {
  local i
  for ((i = 0; i < ${3:-120} * 10; i++)); do
    grep -Eq "$2" "$1" 2> /dev/null && return 0
    sleep 0.1
  done
  echo "--- $1" >&2
  tail -20 "$1" >&2
  fail "timed out waiting for /$2/ in $1"
}

# count_log FILE PATTERN: number of matching lines.
count_log() { grep -Ec "$2" "$1" 2> /dev/null || true; }

# json_field FILE EVENT FIELD: FIELD of the last JSON line whose event is EVENT.
json_field() {
  /usr/bin/python3 - "$@" << 'PY'
import json, sys
f, ev, field = sys.argv[1:4]
val = None
for l in open(f):
    try:
        j = json.loads(l)
    except ValueError:
        continue
    if j.get("event") == ev:
        val = j.get(field)
print("" if val is None else val)
PY
}

# check_archive ARCHIVE: `current` points at a complete published cycle (run.json, a
# well-formed non-empty CAP feed, every output run.json lists present) and no cycle folder is
# half written. Prints the current cycle.
check_archive() {
  local cur
  cur=$(readlink "$1/current") || fail "$1/current is missing"
  [ -f "$1/$cur/run.json" ] || fail "current -> $cur has no run.json"
  xmllint --noout "$1/$cur/warnings/cap/feed.xml" || fail "current feed is not XML"
  /usr/bin/python3 - "$1/$cur" << 'PY' || fail "current cycle $cur is incomplete"
import json, os, sys
d = sys.argv[1]
run = json.load(open(f"{d}/run.json"))
for kind, files in run["outputs"].items():
    for f in files:
        assert os.path.getsize(f"{d}/{f}") > 0, (kind, f)
PY
  echo "$cur"
}

# run_previous CYCLE_DIR: the --previous folder the cycle ran with (from its run.json).
run_previous() {
  /usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1] + "/run.json"))["command"]
print(c[c.index("--previous") + 1] if "--previous" in c else "")' "$1"
}
