#!/usr/bin/env bash
# The Slurm and PBS job scripts run unchanged outside a scheduler:
#   bash hpc/jobs/taifeng.slurm CONFIG OUT -q          (arguments, as sbatch passes them)
#   CONFIG=... OUT=... bash hpc/jobs/taifeng.pbs       (environment, as qsub -v passes it)
# each on 2 MPI ranks through the local mpirun, and once more inside a faked PBS job
# (PBS_JOBID, a PBS_NODEFILE listing localhost twice, started from / with PBS_O_WORKDIR):
# mpirun --hostfile. Every run records 2 ranks and writes wind and surge NetCDF files
# byte-identical to a plain 1-rank run. With a stand-in launcher: the scripts ask for a
# virtual X display keyed on the job id only when the configuration renders, and pass
# SIGTERM on to the launcher and return its exit code.
# shellcheck source-path=SCRIPTDIR disable=SC2015  # "check && check || fail": fail exits
set -uo pipefail
taifeng=$1 src=$2 work=$3
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
unset_scheduler_env
unset TAIFENG_LAUNCH TAIFENG_RANKS TAIFENG_THREADS DISPLAY
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
export TAIFENG=$taifeng
rm -rf "$work" && mkdir -p "$work" && cd "$work" || fail "cd $work"
small_config "$src" small.toml
"$taifeng" forecast small.toml --out ref -q > /dev/null || fail "1-rank reference run"
[ "$(ranks_of ref)" = 1 ] || fail "the reference is not a 1-rank run"

# check_run NAME: the cycle folder NAME has 2 ranks and the reference's NetCDF bytes.
check_run() {
  [ -s "$1/run.json" ] || { cat "$1.log"; fail "$1: no cycle published"; }
  [ "$(ranks_of "$1")" = 2 ] || fail "$1: run.json does not record 2 MPI ranks"
  same_netcdf ref "$1"
  echo "$1: 2 ranks, NetCDF identical to 1 rank"
}

# The Slurm script with bash: the local cores decide the ranks; ask for 2 so that the test
# means the same on any machine (TAIFENG_RANKS, passed to the launcher).
TAIFENG_RANKS=2 bash "$src/hpc/jobs/taifeng.slurm" small.toml slurm_local -q > slurm_local.log 2>&1 ||
  { cat slurm_local.log; fail "bash taifeng.slurm"; }
grep -q "scheduler *: local" slurm_local.log && grep -q "command *: mpirun -np 2 " slurm_local.log ||
  { cat slurm_local.log; fail "taifeng.slurm without Slurm did not use the local mpirun"; }
check_run slurm_local

# The PBS script with bash, the cycle in environment variables.
CONFIG=small.toml OUT=pbs_local TAIFENG_ARGS="-q" TAIFENG_RANKS=2 \
  bash "$src/hpc/jobs/taifeng.pbs" > pbs_local.log 2>&1 || { cat pbs_local.log; fail "bash taifeng.pbs"; }
grep -q "command *: mpirun -np 2 " pbs_local.log || { cat pbs_local.log; fail "taifeng.pbs: not the local mpirun"; }
check_run pbs_local

# The PBS script inside a (faked) PBS job: started in /, back in PBS_O_WORKDIR; ranks from
# the node file.
printf 'localhost\nlocalhost\n' > nodefile
(cd / && PBS_JOBID=4242.pbsserver PBS_NODEFILE=$work/nodefile PBS_O_WORKDIR=$work CONFIG=small.toml \
  OUT=pbs_job TAIFENG_ARGS="-q" bash "$src/hpc/jobs/taifeng.pbs") > pbs_job.log 2>&1 ||
  { cat pbs_job.log; fail "taifeng.pbs in a PBS job"; }
grep -q "scheduler *: pbs (PBS job 4242.pbsserver: 2 MPI slot(s) on 1 host(s)" pbs_job.log &&
  grep -q "command *: mpirun --hostfile $work/nodefile -np 2 --map-by slot:PE=1 --bind-to core -x OMP_NUM_THREADS" pbs_job.log ||
  { cat pbs_job.log; fail "taifeng.pbs in a PBS job did not use mpirun --hostfile"; }
check_run pbs_job

# Missing configuration: one line, exit 2, for both scripts.
for s in taifeng.slurm taifeng.pbs; do
  bash "$src/hpc/jobs/$s" no_such.toml > err.txt 2>&1
  rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -c . err.txt)" -eq 1 ] || { cat err.txt; fail "$s with a missing configuration: exit $rc"; }
done

# A stand-in launcher records its arguments, then sleeps until SIGTERM and exits 7.
cat > fake_launch << 'EOF'
#!/usr/bin/env bash
echo "$*" > "$FAKE_ARGS"
trap 'echo TERM >> "$FAKE_ARGS"; kill $! 2> /dev/null; exit 7' TERM
[ -z "${FAKE_WAIT:-}" ] && exit 0
sleep 30 & wait
EOF
chmod +x fake_launch
cp small.toml render.toml && sed -i 's/^enabled = false$/enabled = true/' render.toml
# Rendering configuration, no display: a virtual one from 100 + job id % 800 on.
SLURM_JOB_ID=1234 TAIFENG_LAUNCH=$work/fake_launch FAKE_ARGS=args1 bash "$src/hpc/jobs/taifeng.slurm" render.toml o > /dev/null ||
  fail "taifeng.slurm with a stand-in launcher"
grep -q -- "--xvfb 534 -- forecast render.toml --out o" args1 || { cat args1; fail "Slurm job 1234: no --xvfb 534"; }
PBS_JOBID=77.server PBS_NODEFILE=$work/nodefile TAIFENG_LAUNCH=$work/fake_launch FAKE_ARGS=args2 CONFIG=render.toml \
  bash "$src/hpc/jobs/taifeng.pbs" > /dev/null || fail "taifeng.pbs with a stand-in launcher"
grep -q -- "--xvfb 177 -- forecast render.toml" args2 || { cat args2; fail "PBS job 77: no --xvfb 177"; }
# No rendering, or a display already there: no virtual display.
SLURM_JOB_ID=1234 TAIFENG_LAUNCH=$work/fake_launch FAKE_ARGS=args3 bash "$src/hpc/jobs/taifeng.slurm" small.toml o > /dev/null
SLURM_JOB_ID=1234 DISPLAY=:5 TAIFENG_LAUNCH=$work/fake_launch FAKE_ARGS=args4 bash "$src/hpc/jobs/taifeng.slurm" render.toml o > /dev/null
! grep -q -- --xvfb args3 args4 || { cat args3 args4; fail "a virtual display without need"; }

# SIGTERM to a job script reaches the launcher; the script returns the launcher's code.
for s in taifeng.slurm taifeng.pbs; do
  rm -f args5
  CONFIG=small.toml TAIFENG_LAUNCH=$work/fake_launch FAKE_ARGS=args5 FAKE_WAIT=1 bash "$src/hpc/jobs/$s" small.toml > term.log 2>&1 &
  pid=$!
  for _ in $(seq 50); do [ -s args5 ] && break; sleep 0.1; done
  kill -TERM "$pid"
  rc=0
  wait "$pid" || rc=$?
  [ "$rc" -eq 7 ] && grep -q TERM args5 || { cat term.log args5; fail "$s: SIGTERM not passed on (exit $rc)"; }
  grep -q "SIGTERM at .*passing it to the launcher" term.log || { cat term.log; fail "$s: no log of the SIGTERM"; }
done
echo "PASS job scripts run unchanged with bash"
