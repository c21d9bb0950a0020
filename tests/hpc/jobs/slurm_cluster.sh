#!/usr/bin/env bash
# hpc/jobs/taifeng.slurm on a real, private one-node Slurm cluster started here (munged,
# slurmctld, slurmd with their own key, socket, ports, state and logs in a temp folder):
#  1. sbatch --test-only accepts the script with 2 tasks and refuses its default directives
#     (10 tasks x 4 CPUs) on this 2-CPU node, so the #SBATCH lines are read;
#  2. the job (2 tasks x 1 CPU, small cycle) ends COMPLETED with exit code 0, its log has the
#     launcher's srun plan, run.json records 2 MPI ranks, and the wind and surge NetCDF are
#     byte-identical to a plain 1-rank run;
#  3. SIGTERM to the batch shell (what --signal=B:TERM@120 sends before the time limit)
#     reaches the ranks through the launcher and scancel: the job ends well within the
#     launcher's grace, FAILED, with nothing published and no rank left.
# Exit 77 (skipped) only when Slurm or munge is not installed, not root, or a daemon does
# not start; then the reason is printed.
# shellcheck source-path=SCRIPTDIR disable=SC2015  # "check && check || fail": fail exits
set -uo pipefail
taifeng=$1 src=$2 work=$3
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
skip() { echo "SKIP: $*"; exit 77; }
unset_scheduler_env
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1

for b in munged mungekey munge slurmctld slurmd sbatch scontrol scancel sinfo squeue; do
  command -v "$b" > /dev/null || skip "$b is not installed (scripts/install-deps.sh installs slurmctld slurmd slurm-client munge)"
done
[ "$(id -u)" -eq 0 ] || skip "the private cluster runs its daemons as root (SlurmUser=root)"

rm -rf "$work" && mkdir -p "$work"
# Unix socket paths are short (108 bytes): the daemons' folder is in /tmp.
run=$(mktemp -d /tmp/taifeng-slurm.XXXXXX)
export SLURM_CONF=$run/slurm.conf
stop_cluster() {
  local f pid
  if [ -f "$run/slurmctld.pid" ]; then
    scancel --partition=test > /dev/null 2>&1 || true
    for _ in $(seq 20); do [ -z "$(squeue -h 2> /dev/null)" ] && break; sleep 0.5; done
  fi
  for f in slurmd slurmctld munged; do
    [ -f "$run/$f.pid" ] || continue
    pid=$(cat "$run/$f.pid")
    kill "$pid" 2> /dev/null || continue
    for _ in $(seq 40); do kill -0 "$pid" 2> /dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2> /dev/null || true
  done
  cp -r "$run/log" "$work/slurm-logs" 2> /dev/null   # kept for a look after a failure
  cp "$SLURM_CONF" "$work/slurm-logs/" 2> /dev/null
  rm -rf "$run"
}
trap stop_cluster EXIT
show_logs() {
  local f
  for f in "$run"/log/*; do echo "--- $f"; tail -n 25 "$f"; done
}

# --- munge: own key and socket --------------------------------------------------------
mkdir -p "$run/munge" "$run/key" "$run/state" "$run/spool" "$run/log"
chmod 755 "$run" "$run/munge" && chmod 700 "$run/key"
mungekey --create --keyfile="$run/key/munge.key" || fail "mungekey"
munged --socket="$run/munge/munge.socket" --key-file="$run/key/munge.key" \
  --pid-file="$run/munged.pid" --seed-file="$run/key/munged.seed" \
  --log-file="$run/log/munged.log" || { show_logs; skip "munged does not start here"; }
munge -S "$run/munge/munge.socket" -n | unmunge -S "$run/munge/munge.socket" > /dev/null ||
  { show_logs; skip "munge credentials do not round-trip"; }

# --- slurm.conf: one node (this host, 2 CPUs), ports nobody else uses ----------------------
host=$(hostname -s)
read -r ctld_port slurmd_port < <(/usr/bin/python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
cat > "$SLURM_CONF" << EOF
ClusterName=taifengtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$run/munge/munge.socket
StateSaveLocation=$run/state
SlurmdSpoolDir=$run/spool/slurmd-%n
SlurmctldPidFile=$run/slurmctld.pid
SlurmdPidFile=$run/slurmd.pid
SlurmctldLogFile=$run/log/slurmctld.log
SlurmdLogFile=$run/log/slurmd.log
# No cgroups: processes tracked through /proc, tasks not bound.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$run/log/jobcomp.txt
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# No MPI plugin by default: the launcher must ask for PMIx itself (srun --mpi=pmix), or
# each task would be a separate 1-rank run.
MpiDefault=none
ReturnToService=2
MinJobAge=600
KillWait=10
SlurmdParameters=config_overrides
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=512 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -i -f "$SLURM_CONF" || { show_logs; skip "slurmctld does not start here"; }
slurmd -N "$host" -f "$SLURM_CONF" || { show_logs; skip "slurmd does not start here"; }
state=""
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o %T 2> /dev/null)
  [ "$state" = idle ] && break
  for d in slurmctld slurmd; do
    kill -0 "$(cat "$run/$d.pid" 2> /dev/null)" 2> /dev/null || { show_logs; skip "$d exited at start"; }
  done
  sleep 0.5
done
[ "$state" = idle ] || { show_logs; fail "node $host is '$state', not idle, 30 s after start"; }
echo "private Slurm cluster up: node $host idle, slurmctld port $ctld_port, slurmd port $slurmd_port"

# wait_job ID TIMEOUT_S: waits until the job has ended; prints its JobState and ExitCode.
wait_job() {
  local t0=$SECONDS info st
  while :; do
    info=$(scontrol show job "$1" 2> /dev/null)
    st=$(sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' <<< "$info")
    case $st in PENDING | CONFIGURING | RUNNING | COMPLETING | SUSPENDED | "") ;; *) break ;; esac
    [ $((SECONDS - t0)) -lt "$2" ] || { echo "TIMEOUT $st"; return; }
    sleep 0.5
  done
  echo "$st $(sed -n 's/.* ExitCode=\([0-9:]*\).*/\1/p' <<< "$info")"
}

small_config "$src" "$work/small.toml"
"$taifeng" forecast "$work/small.toml" --out "$work/ref" -q > /dev/null || fail "1-rank reference run"
job=$src/hpc/jobs/taifeng.slurm
alloc=(--ntasks=2 --ntasks-per-node=2 --cpus-per-task=1 --time=5)
export TAIFENG=$taifeng

# --- 1. the script's directives are read ------------------------------------------------
cd "$work" || fail "cd $work"
sbatch --test-only "${alloc[@]}" "$job" small.toml out > test_only.txt 2>&1 ||
  { cat test_only.txt; fail "sbatch --test-only refuses the script with 2 tasks"; }
grep -q "to start at" test_only.txt || { cat test_only.txt; fail "sbatch --test-only said no start"; }
if sbatch --test-only "$job" small.toml out > test_only_default.txt 2>&1; then
  cat test_only_default.txt
  fail "the default directives (10 tasks x 4 CPUs) fit a 2-CPU node: were they read?"
fi

# --- 2. a cycle as a batch job on 2 tasks -----------------------------------------------
id=$(sbatch --parsable "${alloc[@]}" "$job" small.toml "$work/slurm_out" -q) || fail "sbatch"
read -r st code <<< "$(wait_job "$id" 90)"
echo "job $id: $st, exit code $code"
[ "$st" = COMPLETED ] && [ "$code" = 0:0 ] ||
  { cat "taifeng-$id.out" "taifeng-$id.err"; show_logs; fail "job $id ended $st $code"; }
grep -q "JobId=$id .*JobState=COMPLETED" "$run/log/jobcomp.txt" || fail "job completion record"
[ -s "taifeng-$id.out" ] && grep -q "taifeng job $id on $host" "taifeng-$id.out" ||
  fail "no taifeng-$id.out (#SBATCH --output=taifeng-%j.out) with the job header"
grep -q "scheduler *: slurm (Slurm job $id" "taifeng-$id.err" &&
  grep -q "command *: srun --mpi=pmix --cpu-bind=cores -n 2 -c 1 " "taifeng-$id.err" ||
  { cat "taifeng-$id.err"; fail "the launcher's plan in taifeng-$id.err is not the Slurm one"; }
[ "$(ranks_of "$work/slurm_out")" = 2 ] || fail "run.json does not record 2 MPI ranks"
for f in summary.json warnings/summary.json warnings/cap/feed.xml tracks.csv; do
  [ -s "$work/slurm_out/$f" ] || fail "missing output $f"
done
same_netcdf "$work/ref" "$work/slurm_out"
echo "Slurm job $id: COMPLETED on 2 ranks, NetCDF identical to 1 rank"

# --- 3. SIGTERM before the time limit ------------------------------------------------------
long_config "$src" "$work/long.toml"
id=$(sbatch --parsable "${alloc[@]}" "$job" long.toml "$work/term_out") || fail "sbatch"
t0=$SECONDS
until grep -q "stage wind" "taifeng-$id.err" 2> /dev/null; do
  [ $((SECONDS - t0)) -lt 60 ] || { cat "taifeng-$id.err"; fail "job $id: no wind stage in 60 s"; }
  sleep 0.25
done
t1=$SECONDS
scancel --batch --signal=TERM "$id" || fail "scancel --batch --signal=TERM"
read -r st code <<< "$(wait_job "$id" 60)"
took=$((SECONDS - t1))
echo "job $id after SIGTERM: $st, exit code $code, ended ${took} s after the signal"
grep -E "SIG|srun|CANCELLED" "taifeng-$id.err" || true
[ "$st" = FAILED ] || fail "job $id: $st after SIGTERM (expected FAILED)"
[ "$took" -lt 40 ] || fail "job $id took $took s to stop: the ranks did not get the SIGTERM (grace 50 s)"
grep -q "SIGTERM at .*passing it to the launcher" "taifeng-$id.err" &&
  grep -q "sent SIGTERM to the tasks of job $id" "taifeng-$id.err" ||
  fail "the SIGTERM did not go batch shell -> launcher -> tasks"
[ ! -e "$work/term_out/run.json" ] || fail "a stopped cycle was published"
if pgrep -f "$work/term_out" > /dev/null; then
  pgrep -af "$work/term_out"
  fail "processes of the stopped job are still running"
fi
echo "PASS Slurm job script on a private Slurm cluster"
