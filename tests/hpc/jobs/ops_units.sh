#!/usr/bin/env bash
# hpc/ops: the systemd units pass "systemd-analyze verify" without a single warning (in a
# copy with this build's taifeng as ExecStart; a misspelt key in another copy must be
# reported, so warnings are seen here); they carry the settings operations rely on; the
# watcher's options are the documented ones (and, if this taifeng has "watch", known to
# it); their --launcher prefix is accepted by taifeng-launch; taifeng.cron's schedule lines
# are 5 valid fields and a command, and the cron schedule, the timer's OnCalendar= and
# "every 3 hours at 10 past" are the same instants over two days.
# shellcheck source-path=SCRIPTDIR disable=SC2015  # "check && check || fail": fail exits
set -uo pipefail
taifeng=$1 src=$2 work=$3
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
command -v systemd-analyze > /dev/null || fail "systemd-analyze is not installed (Debian package systemd)"
ops=$src/hpc/ops
rm -rf "$work" && mkdir -p "$work/units" && cd "$work" || fail "cd $work"
units=(taifeng-watch.service taifeng-cycle.service taifeng-cycle.timer)
for u in "${units[@]}"; do
  [ -f "$ops/$u" ] || fail "missing hpc/ops/$u"
  sed -e "s|/opt/taifeng/bin/taifeng|$taifeng|g" -e "s|/opt/taifeng/hpc/jobs/|$src/hpc/jobs/|g" \
    "$ops/$u" > "units/$u"
done

# verify FILES...: systemd-analyze verify exits 0 and says nothing (it exits 0 on unknown
# keys and unparsable values, only printing a warning).
verify() {
  local rc=0
  (cd units && systemd-analyze verify "$@") > verify.txt 2>&1 || rc=$?
  [ "$rc" -eq 0 ] && [ ! -s verify.txt ]
}
verify "${units[@]}" || { cat verify.txt; fail "systemd-analyze verify ${units[*]}"; }
sed 's/^RestartSec=/RestartSek=/' units/taifeng-watch.service > units/broken.service
verify broken.service && fail "systemd-analyze verify does not report a misspelt key here"
grep -q RestartSek verify.txt || fail "the misspelt key is not what verify reported"
rm units/broken.service

# key FILE KEY: the value of KEY= in a unit file (last one wins, as in systemd).
key() { sed -n "s/^$2=//p" "$ops/$1" | tail -n 1; }
for s in taifeng-watch.service taifeng-cycle.service; do
  [ "$(key "$s" User)" = taifeng ] || fail "$s: User= is not taifeng"
  [ "$(key "$s" KillSignal)" = SIGTERM ] || fail "$s: KillSignal="
  [ "$(key "$s" KillMode)" = mixed ] || fail "$s: KillMode= is not mixed (SIGTERM to the watcher only)"
  # Longer than the watcher's stop grace (30 s) plus the launcher's (20 s).
  [ "$(key "$s" TimeoutStopSec)" -gt 50 ] || fail "$s: TimeoutStopSec= not above 50 s"
  [ "$(key "$s" ProtectSystem)" = strict ] || fail "$s: ProtectSystem= is not strict"
  grep -q '^Environment=OMP_NUM_THREADS=[1-9]' "$ops/$s" || fail "$s: no Environment=OMP_NUM_THREADS"
  # Every folder the watcher writes is writable.
  rw=" $(key "$s" ReadWritePaths) "
  exec=$(key "$s" ExecStart)
  for opt in --inbox --archive; do
    dir=$(/usr/bin/python3 -c 'import shlex, sys; a = shlex.split(sys.argv[1]); print(a[a.index(sys.argv[2]) + 1])' "$exec" "$opt")
    [[ $rw == *" $dir "* ]] || fail "$s: $opt $dir is not in ReadWritePaths="
  done
done
[ "$(key taifeng-watch.service Restart)" = on-failure ] || fail "watch: Restart= is not on-failure"
[[ " $(key taifeng-watch.service RestartPreventExitStatus) " == *" 3 "* ]] ||
  fail "watch: restarts on exit 3 (archive locked by another watcher)"
[ "$(key taifeng-cycle.service Type)" = oneshot ] || fail "cycle: Type= is not oneshot"
[ "$(key taifeng-cycle.timer Persistent)" = true ] || fail "timer: Persistent= is not true"
[ "$(key taifeng-cycle.timer Unit)" = taifeng-cycle.service ] || fail "timer: Unit="

# The watcher's command lines (both units and cron): the documented interface, --once only
# for the scheduled variants, and a launcher prefix taifeng-launch accepts.
sed -n 's/^ExecStart=//p' "$ops/taifeng-watch.service" > cmd_watch
sed -n 's/^ExecStart=//p' "$ops/taifeng-cycle.service" > cmd_cycle
grep -E '^[0-9*]' "$ops/taifeng.cron" | sed -E 's/^([^ ]+ +){5}//; s/ >>.*//' > cmd_cron
[ "$(grep -c . cmd_cron)" -eq 1 ] || fail "taifeng.cron: expected one schedule line"
# (a taifeng without "watch" answers "watch --help" with its general help, exit 0)
if "$taifeng" watch --help > watch_help.txt 2>&1 && grep -q -- --inbox watch_help.txt; then
  echo "this taifeng has 'watch': checking the units' options against its --help"
else
  : > watch_help.txt
  echo "this taifeng has no 'watch' yet: checking the units' options against the documented interface"
fi
for c in cmd_watch cmd_cycle cmd_cron; do
  /usr/bin/python3 - "$(cat "$c")" "$c" "$src" "$taifeng" watch_help.txt << 'PY' || fail "$c: $(cat "$c")"
import shlex, subprocess, sys
line, which, src, taifeng, help_file = sys.argv[1:]
a = shlex.split(line)
assert a[0] == "/opt/taifeng/bin/taifeng" and a[1] == "watch", a[:2]
documented = {"--inbox": 1, "--config": 1, "--archive": 1, "--once": 0, "--poll-seconds": 1,
              "--cycle-timeout-minutes": 1, "--launcher": 1, "--log-json": 1}
opts, i = {}, 2
while i < len(a):
    assert a[i] in documented, f"{a[i]} is not a documented watch option"
    n = documented[a[i]]
    opts[a[i]] = a[i + 1] if n else True
    i += 1 + n
for required in ("--inbox", "--config", "--archive"):
    assert required in opts, f"no {required}"
assert ("--once" in opts) == (which != "cmd_watch"), "--once belongs to the timer and cron variants only"
helptext = open(help_file).read()
for o in opts:
    assert not helptext or o in helptext, f"taifeng watch --help does not know {o}"
# The launcher prefix + "<taifeng> forecast CONFIG ...", as the watcher runs it.
words = shlex.split(opts["--launcher"])
assert words[0] == "/opt/taifeng/hpc/jobs/taifeng-launch" and words[-1] == "--", words
cmd = [f"{src}/hpc/jobs/taifeng-launch"] + words[1:-1] + ["--dry-run", "--", taifeng, "forecast",
       f"{src}/configs/hainan_demo.toml", "--out", "/tmp/x"]
out = subprocess.run(cmd, capture_output=True, text=True)
assert out.returncode == 0, (cmd, out.stderr)
assert f"{taifeng} forecast" in out.stdout.replace("\\", ""), out.stdout
PY
done

# --- cron: 5 valid fields + a command; the same instants as the timer ---------------------
# cron_check FILE: every line is blank, a comment, NAME=value, or 5 valid fields + command.
cron_check() {
  /usr/bin/python3 - "$1" << 'PY'
import re, sys
names = {3: "jan feb mar apr may jun jul aug sep oct nov dec", 4: "sun mon tue wed thu fri sat"}
limits = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
def field_ok(f, k):
    lo, hi = limits[k]
    for part in f.split(","):
        m = re.fullmatch(r"(\*|(\w+)(?:-(\w+))?)(?:/(\d+))?", part)
        if not m:
            return False
        for v in (m[2], m[3]):
            if v is None:
                continue
            if v.isdigit():
                if not lo <= int(v) <= hi:
                    return False
            elif k not in names or v.lower() not in names[k].split():
                return False
        if m[4] is not None and int(m[4]) == 0:
            return False
    return True
n = 0
for no, line in enumerate(open(sys.argv[1]), 1):
    s = line.strip()
    if not s or s.startswith("#") or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*\s*=.*", s):
        continue
    f = s.split(None, 5)
    ok = len(f) == 6 and all(field_ok(f[k], k) for k in range(5)) and f[5].startswith("/")
    ok = ok and not re.search(r"(?<!\\)%", f[5])     # cron turns a bare % into a newline
    if not ok:
        print(f"{sys.argv[1]}:{no}: not 5 valid fields + an absolute command: {s}")
        sys.exit(1)
    n += 1
if n == 0:
    print(f"{sys.argv[1]}: no schedule line")
    sys.exit(1)
PY
}
cron_check "$ops/taifeng.cron" || fail "taifeng.cron does not parse"
printf '10 */3 * *  /bin/true\n' > bad1.cron
printf '61 */3 * * * /bin/true\n' > bad2.cron
printf '10 */3 * * * date +%%H\n' > bad3.cron
for b in bad1 bad2 bad3; do
  cron_check "$b.cron" > /dev/null && fail "the cron check accepts $b.cron: $(cat "$b.cron")"
done

# The instants of the next two days from a fixed start: cron line, timer, and the intent.
oncal=$(key taifeng-cycle.timer OnCalendar)
systemd-analyze calendar --iterations=16 --base-time='2024-09-09 23:59:59 UTC' "$oncal" > timer.txt ||
  fail "systemd-analyze calendar $oncal"
sched=$(grep -E '^[0-9*]' "$ops/taifeng.cron" | awk '{print $1, $2, $3, $4, $5}')
/usr/bin/python3 - "$sched" timer.txt << 'PY' || fail "cron '$sched' and timer '$oncal' differ"
import datetime as dt, re, sys
def expand(field, lo, hi):
    out = set()
    for part in field.split(","):
        m = re.fullmatch(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?", part)
        a, b = (lo, hi) if m[1] == "*" else (int(m[2]), int(m[3] or (hi if m[4] else m[2])))
        out.update(range(a, b + 1, int(m[4] or 1)))
    return out
mi, ho, dom, mon, dow = sys.argv[1].split()
M, H = expand(mi, 0, 59), expand(ho, 0, 23)
assert (dom, mon, dow) == ("*", "*", "*"), "daily schedule expected"
t = dt.datetime(2024, 9, 10, 0, 0, tzinfo=dt.timezone.utc)
cron = []
while len(cron) < 16:
    if t.minute in M and t.hour in H:
        cron.append(t)
    t += dt.timedelta(minutes=1)
timer = [dt.datetime.strptime(m[1], "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)
         for m in re.finditer(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC", open(sys.argv[2]).read())]
intent = [dt.datetime(2024, 9, 10, 0, 10, tzinfo=dt.timezone.utc) + dt.timedelta(hours=3 * k)
          for k in range(16)]
assert timer == intent, ("timer", timer[:3])
assert cron == intent, ("cron", cron[:3])
print(f"cron '{sys.argv[1]}' and the timer: the same 16 instants, {intent[0]:%H:%M} to {intent[-1]:%m-%d %H:%M} UTC")
PY
echo "PASS operations units and cron"
