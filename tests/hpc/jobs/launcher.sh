#!/usr/bin/env bash
# hpc/jobs/taifeng-launch: --help; bad arguments end with one line and exit 2; the
# --dry-run plan of the demo cycle (1000 members, 20 surge runs, 121 output times) on 8
# and 30 ranks; the command and environment chosen locally (bound / oversubscribed), in a
# faked Slurm job (srun) and a faked PBS job (mpirun --hostfile); a real 2-rank run with the
# executable's path first (as the watcher calls it) identical to 1 rank; SIGTERM during a
# real cycle stops every rank and returns a failure; a job step that ignores SIGTERM is
# SIGKILLed after the grace.
# shellcheck source-path=SCRIPTDIR disable=SC2015  # "check && check || fail": fail exits
set -uo pipefail
taifeng=$1 src=$2 work=$3
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
unset_scheduler_env
unset TAIFENG MPIRUN TAIFENG_SRUN_MPI TAIFENG_LAUNCH_GRACE OMP_PLACES OMP_PROC_BIND OMP_WAIT_POLICY
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
launch=$src/hpc/jobs/taifeng-launch
rm -rf "$work" && mkdir -p "$work" && cd "$work" || fail "cd $work"

# expect_line FILE TEXT: FILE has a line containing TEXT (fixed string).
expect_line() { grep -qF -- "$2" "$1" || { cat "$1"; fail "no line with '$2' in $1"; }; }

# --- --help and bad arguments -----------------------------------------------------------
"$launch" --help > help.txt || fail "--help exits non-zero"
expect_line help.txt "Usage: taifeng-launch"
expect_line help.txt "--dry-run"
for bad in "--bogus -- forecast x.toml" "--ranks 0 -- forecast x.toml" "--threads two -- forecast x" \
  "--ranks" "--xvfb :1 -- forecast x" "" "-- /no/such/program forecast x.toml"; do
  # shellcheck disable=SC2086  # the words of each case
  "$launch" $bad > out.txt 2> err.txt
  rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -c . err.txt)" -eq 1 ] && [ ! -s out.txt ] ||
    { cat out.txt err.txt; fail "taifeng-launch $bad: exit $rc, expected one line and 2"; }
done
PBS_JOBID=1.srv "$launch" --dry-run -- forecast x.toml > out.txt 2> err.txt
[ $? -eq 2 ] && grep -q PBS_NODEFILE err.txt || fail "PBS_JOBID without PBS_NODEFILE accepted"

# --- the plan of the demo cycle ----------------------------------------------------------
make_config "$src" demo.toml
export TAIFENG=$taifeng
"$launch" --dry-run --ranks 8 --threads 1 -- forecast demo.toml > plan8.txt 2> plan8.err || fail "dry run"
expect_line plan8.txt "wind output times : 121 over 8 ranks: 16 on rank 0, 15 on ranks 1-7"
expect_line plan8.txt "ensemble members  : 1000 over 8 ranks: 125 on ranks 0-7"
expect_line plan8.txt "surge runs        : 20 over 8 ranks: 3 on ranks 0-3, 2 on ranks 4-7; 3 round(s), efficiency 20/24 = 83.3 %"
! grep -q warning plan8.txt plan8.err || fail "warnings for 8 ranks and 20 surge runs"
"$launch" --dry-run --ranks 30 -- forecast demo.toml > plan30.txt 2> plan30.err || fail "dry run"
expect_line plan30.txt "surge runs        : 20 over 30 ranks: 1 on ranks 0-19, 0 on ranks 20-29; 1 round(s), efficiency 20/30 = 66.7 %"
expect_line plan30.err "warning: 30 ranks > 20 surge runs: 10 rank(s) idle in the surge stage"
# The plan follows block_range of the program: every count sums to its total.
/usr/bin/python3 - plan8.txt plan30.txt << 'PY' || fail "plan counts do not add up"
import re, sys
for f in sys.argv[1:]:
    for line in open(f):
        m = re.search(r": (\d+) over (\d+) ranks: (.*?)(;|$)", line)
        if not m:
            continue
        total, R = int(m[1]), int(m[2])
        n = 0
        for count, a, b in re.findall(r"(\d+) on ranks? (\d+)(?:-(\d+))?", m[3]):
            n += int(count) * (int(b or a) - int(a) + 1)
        assert n == total, (f, line)
PY

# --- commands and environment ------------------------------------------------------------
# Locally within the cores: bound, one core per thread.
"$launch" --dry-run --ranks 1 --threads 1 -- forecast demo.toml > local1.txt || fail "dry run"
expect_line local1.txt "command           : mpirun -np 1 --map-by slot:PE=1 --bind-to core $(realpath "$taifeng") forecast demo.toml"
expect_line local1.txt "environment       : OMP_NUM_THREADS=1 OMP_PLACES=cores OMP_PROC_BIND=close"
# Beyond the cores: oversubscribed, unbound, passive waiting.
"$launch" --dry-run --ranks 64 --threads 64 -- forecast demo.toml > over.txt 2> /dev/null || fail "dry run"
expect_line over.txt "command           : mpirun -np 64 --oversubscribe --bind-to none "
expect_line over.txt "environment       : OMP_NUM_THREADS=64 OMP_PLACES=(unset) OMP_PROC_BIND=false OMP_WAIT_POLICY=passive"
# Slurm: ranks and threads from the allocation; a stand-in scontrol tells the task plugin.
mkdir -p bin
cat > bin/scontrol << 'EOF'
#!/bin/sh
echo "TaskPlugin              = ${FAKE_TASK_PLUGIN:-task/affinity}"
EOF
chmod +x bin/scontrol
SLURM_JOB_ID=99 SLURM_NTASKS=8 SLURM_CPUS_PER_TASK=4 SLURM_JOB_NUM_NODES=2 PATH=$work/bin:$PATH \
  "$launch" --dry-run -- forecast demo.toml > slurm.txt || fail "dry run in Slurm"
expect_line slurm.txt "scheduler         : slurm (Slurm job 99 on 2 node(s)"
expect_line slurm.txt "command           : srun --mpi=pmix --cpu-bind=cores -n 8 -c 4 $(realpath "$taifeng") forecast demo.toml"
expect_line slurm.txt "environment       : OMP_NUM_THREADS=4 OMP_PLACES=cores OMP_PROC_BIND=close"
expect_line slurm.txt "ensemble members  : 1000 over 8 ranks: 125 on ranks 0-7"
# A cluster whose tasks are not bound (TaskPlugin=task/none): the threads stay unbound too.
SLURM_JOB_ID=99 SLURM_NTASKS=8 PATH=$work/bin:$PATH FAKE_TASK_PLUGIN=task/none "$launch" --dry-run \
  --ranks 4 --threads 2 --srun-mpi pmi2 -- forecast demo.toml > slurm2.txt || fail "dry run in Slurm"
expect_line slurm2.txt "command           : srun --mpi=pmi2 --cpu-bind=cores -n 4 -c 2 "
expect_line slurm2.txt "(TaskPlugin=task/none: tasks are not bound)"
expect_line slurm2.txt "environment       : OMP_NUM_THREADS=2 OMP_PLACES=(unset) OMP_PROC_BIND=false"
# PBS: ranks = lines of the node file (mpiprocs), threads = OMP_NUM_THREADS (ompthreads).
printf 'n001\nn001\nn002\nn002\n' > pbs_nodes
PBS_JOBID=77.pbs PBS_NODEFILE=$work/pbs_nodes OMP_NUM_THREADS=3 "$launch" --dry-run -- forecast demo.toml > pbs.txt ||
  fail "dry run in PBS"
expect_line pbs.txt "scheduler         : pbs (PBS job 77.pbs: 4 MPI slot(s) on 2 host(s)"
expect_line pbs.txt "command           : mpirun --hostfile $work/pbs_nodes -np 4 --map-by slot:PE=3 --bind-to core -x OMP_NUM_THREADS -x OMP_PLACES -x OMP_PROC_BIND $(realpath "$taifeng") forecast demo.toml"
PBS_JOBID=77.pbs PBS_NODEFILE=$work/pbs_nodes "$launch" --dry-run --ranks 6 -- forecast demo.toml > pbs6.txt 2> /dev/null ||
  fail "dry run in PBS"
expect_line pbs6.txt "command           : mpirun --hostfile $work/pbs_nodes -np 6 --oversubscribe --bind-to none -x OMP_NUM_THREADS -x OMP_PROC_BIND -x OMP_WAIT_POLICY "
# The executable first (a watcher's prefix), a virtual display, an overlay in the plan.
printf '[ensemble]\nmembers = 40\n' > overlay.toml
TAIFENG=/nonexistent "$launch" --dry-run --ranks 3 --xvfb 345 -- "$taifeng" forecast demo.toml \
  --overlay overlay.toml --out o --checkpoint-dir c > exe.txt || fail "dry run"
expect_line exe.txt "ensemble members  : 40 over 3 ranks: 14 on rank 0, 13 on ranks 1-2"
expect_line exe.txt "command           : xvfb-run -a -n 345 -s -screen\\ 0\\ 1280x1024x24 mpirun -np 3 "
expect_line exe.txt " $(realpath "$taifeng") forecast demo.toml --overlay overlay.toml --out o --checkpoint-dir c"

# --- real runs ----------------------------------------------------------------------------
small_config "$src" small.toml
"$taifeng" forecast small.toml --out ref -q > /dev/null || fail "1-rank reference run"
unset TAIFENG
"$launch" --ranks 2 -- "$taifeng" forecast small.toml --out np2 -q > np2.log 2>&1 ||
  { cat np2.log; fail "taifeng-launch --ranks 2 -- TAIFENG forecast"; }
[ "$(ranks_of np2)" = 2 ] || fail "run.json does not record 2 ranks"
same_netcdf ref np2
echo "taifeng-launch --ranks 2 -- taifeng forecast: NetCDF identical to 1 rank"

# SIGTERM during a cycle: every rank stops, nothing is published, the exit code says so.
long_config "$src" long.toml
"$launch" --ranks 2 -- "$taifeng" forecast long.toml --out "$work/stopped" > term.log 2>&1 &
pid=$!
t0=$SECONDS
until grep -qs "stage wind" term.log; do
  [ $((SECONDS - t0)) -lt 60 ] && kill -0 "$pid" 2> /dev/null || { cat term.log; fail "no wind stage"; }
  sleep 0.2
done
kill -TERM "$pid"
t1=$SECONDS
rc=0
wait "$pid" || rc=$?
echo "SIGTERM: taifeng-launch ended with exit code $rc after $((SECONDS - t1)) s"
[ "$rc" -ne 0 ] || fail "a stopped cycle exited 0"
[ $((SECONDS - t1)) -lt 15 ] || fail "taifeng-launch took $((SECONDS - t1)) s to stop"
grep -q "SIGTERM received, sending SIGTERM to the job step" term.log || { cat term.log; fail "no forwarding logged"; }
[ ! -e "$work/stopped/run.json" ] || fail "a stopped cycle was published"
sleep 1
if pgrep -f "$work/stopped" > /dev/null; then pgrep -af "$work/stopped"; fail "ranks left running"; fi

# A job step deaf to SIGTERM: SIGTERM again after the grace, then SIGKILL.
cat > deaf_mpirun << 'EOF'
#!/usr/bin/env bash
trap '' TERM INT
echo started
while :; do sleep 0.1; done
EOF
chmod +x deaf_mpirun
MPIRUN=$work/deaf_mpirun "$launch" --ranks 1 --grace 1 -- /bin/true forecast small.toml > deaf.log 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q started deaf.log && break; sleep 0.1; done
kill -TERM "$pid"
t1=$SECONDS
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 137 ] && [ $((SECONDS - t1)) -lt 10 ] || { cat deaf.log; fail "deaf step: exit $rc after $((SECONDS - t1)) s"; }
grep -q "still running 1 s after SIGTERM: SIGTERM to it" deaf.log && grep -q "still running: SIGKILL" deaf.log ||
  { cat deaf.log; fail "no escalation logged"; }
echo "PASS taifeng-launch"
