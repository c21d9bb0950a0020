#!/usr/bin/env bash
# Only rank 0 writes: a 2-rank MPMD run with each rank under strace,
#   mpirun -np 1 strace -o T0 taifeng forecast C : -np 1 strace -o T1 taifeng forecast C
# (openat with write/create flags, creat, mkdir*, rename*, unlink*). Rank 1 may create,
# rename or remove files only in /dev/shm, OpenMPI's session folder (TMPDIR/ompi.*) and
# /proc; its trace must show it read the configuration (so it is a real taifeng rank).
# Positive control: the same check flags rank 0's writes of the cycle folder, and a forged
# trace line. The cycle is published with 2 ranks.
# shellcheck source-path=SCRIPTDIR disable=SC2015  # "check && check || fail": fail exits
set -uo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
command -v strace > /dev/null || fail "strace is not installed (scripts/install-deps.sh)"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
rm -rf "$work" && mkdir -p "$work" && cd "$work" || fail "cd $work"
small_config "$src" small.toml
calls=openat,creat,rename,renameat,renameat2,mkdir,mkdirat,unlink,unlinkat
trace=(strace -f -qq -e "trace=$calls")
"$mpiexec" --oversubscribe -np 1 "${trace[@]}" -o "$work/T0" "$taifeng" forecast small.toml --out "$work/out" -q \
  : -np 1 "${trace[@]}" -o "$work/T1" "$taifeng" forecast small.toml --out "$work/out" -q > run.log 2>&1 ||
  { cat run.log; fail "the traced 2-rank run failed"; }
[ "$(ranks_of out)" = 2 ] || fail "run.json does not record 2 ranks"
[ -s out/wind_200517_2005092500.nc ] && [ -s out/surge_200517_2005092500.nc ] || fail "no NetCDF published"

# writes TRACE: prints the successful calls of TRACE that create, rename or remove a file
# outside /dev/shm, the OpenMPI session folders and /proc; exit 1 when there are any.
writes() {
  /usr/bin/python3 - "$1" "${TMPDIR:-/tmp}" << 'PY'
import os, re, sys
trace, tmp = sys.argv[1], os.path.realpath(sys.argv[2])
allowed = ("/dev/shm/", "/proc/", f"{tmp}/ompi.", "/tmp/ompi.")
lines, pending = [], {}
for raw in open(trace, errors="replace"):
    raw = raw.rstrip("\n")
    # "PID  call": strace pads the PID column (two spaces after a 4-digit PID, one after 5)
    pid, _, rest = raw.partition(" ")
    rest = rest.lstrip()
    if rest.endswith("<unfinished ...>"):          # strace -f: a call split over two lines
        pending[pid] = rest[: -len("<unfinished ...>")].rstrip()
        continue
    m = re.match(r"<\.\.\. \w+ resumed>(.*)", rest)
    if m and pid in pending:
        rest = pending.pop(pid) + m[1]
    lines.append((raw, rest))
bad = []
for raw, call in lines:
    m = re.match(r"(\w+)\((.*)\)\s+=\s+(-?\d+)", call)
    if not m or int(m[3]) < 0:                     # not a call, or it failed
        continue
    name, args = m[1], m[2]
    if name in ("openat", "open") and not re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", args):
        continue                                   # read only
    paths = re.findall(r'"((?:[^"\\]|\\.)*)"', args)
    for p in paths:
        if not p.startswith("/") or not p.startswith(allowed):
            bad.append(raw)
            break
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
}

grep -q "small.toml\", O_RDONLY" T1 || { head -50 T1; fail "rank 1's trace does not show it reading the configuration"; }
if ! writes T1 > rank1_writes.txt; then
  echo "rank 1 created, renamed or removed files outside /dev/shm, OpenMPI's session folder and /proc:"
  cat rank1_writes.txt
  fail "rank 1 writes files"
fi
# Positive controls: rank 0 writes the cycle folder, and a forged write is caught.
writes T0 > rank0_writes.txt && fail "the check finds no write of rank 0 (it publishes the cycle)"
grep -q "$work/out" rank0_writes.txt || { cat rank0_writes.txt; fail "rank 0's writes do not include the cycle folder"; }
# Both widths of strace's PID column: "12345 call" and "4242  call".
{ cat T1; echo '12345 openat(AT_FDCWD, "'"$work"'/out/forged.nc", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 7'
  echo '4242  rename("'"$work"'/out/a", "'"$work"'/out/forged2.nc") = 0'; } > T1_forged
writes T1_forged > forged.txt && fail "a forged write in rank 1's trace is not caught"
[ "$(grep -c forged forged.txt)" -eq 2 ] && grep -q forged.nc forged.txt && grep -q forged2.nc forged.txt \
  || { cat forged.txt; fail "the forged writes are not the ones reported"; }
echo "rank 1: $(grep -c . T1) traced calls, none writes outside /dev/shm, OpenMPI's session folder and /proc;" \
  "rank 0: $(grep -c . rank0_writes.txt) writing calls"
echo "PASS only rank 0 writes"
