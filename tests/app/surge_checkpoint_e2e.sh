#!/usr/bin/env bash
# Killed runs resume to identical results:
#  1. taifeng forecast --checkpoint-dir: a cycle killed (kill -9 of its whole session)
#     as soon as the first surge checkpoint is on disk and run again with the same folder
#     resumes its surge runs, and its surge NetCDF and warnings/summary.json are
#     byte-identical to an uninterrupted cycle's; no checkpoint file in the published folder
#     and no staging folder left next to it. Again with the killed cycle on 2 MPI ranks (killed
#     once a run has completed and another has a checkpoint) and the resume on 1 rank, and
#     with a cycle killed while writing its outputs (its staging folder is removed by the
#     rerun). Checkpoints of another configuration are ignored with a warning.
#  2. taifeng swe: a run writing periodic checkpoints, killed, continued with --restart from
#     its last checkpoint ends with bitwise the uninterrupted run's state and maxima.
set -uo pipefail
taifeng=$1 src=$2 work=$3 mpiexec=${4:-mpirun}
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"

# start_then_kill LOG CONDITION COMMAND...: runs COMMAND in a session of its own and kill -9s
# the whole session (mpirun and its ranks: a node crash) once CONDITION succeeds.
start_then_kill() {
  local log=$1 condition=$2; shift 2
  setsid "$@" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 3000); do
    if $condition; then
      kill_session "$pid"
      wait "$pid" 2> /dev/null
      return 0
    fi
    kill -0 "$pid" 2> /dev/null || { cat "$log"; fail "$* ended before it could be killed"; }
    sleep 0.02
  done
  kill_session "$pid"
  fail "$*: condition '$condition' not met within 60 s"
}

# --- 1. forecast cycle: 4 surge runs of 36 h, checkpoints every 3 model hours --------------
make_config "$src" "$work/cycle.toml"
set_members "$work/cycle.toml" 4   # ensemble.members and surge.members
sed -i -e 's|^lead_hours = .*|lead_hours = 36|' \
  -e 's|^hours = 72|hours = 36\ncheckpoint_hours = 3|' \
  -e 's|^\[render\]|[render]\nenabled = false|' "$work/cycle.toml"
[ "$(grep -c '^checkpoint_hours = 3' "$work/cycle.toml")" -eq 1 ] || fail "no [surge] hours = 72"
forecast() {  # forecast OUT [args...]
  local out=$1; shift
  "$taifeng" forecast "$work/cycle.toml" --out "$work/$out" "$@"
}
forecast ref -q > /dev/null 2> "$work/ref.log" || { cat "$work/ref.log"; fail "reference cycle"; }
ls "$work"/ref/surge_*.nc > /dev/null || fail "no surge NetCDF"

# check_resumed NAME: the resumed cycle's outputs equal the reference's, byte for byte.
check_resumed() {
  local name=$1
  cmp "$work"/ref/surge_*.nc "$work/$name"/surge_*.nc || fail "$name: surge NetCDF differs"
  cmp "$work/ref/warnings/summary.json" "$work/$name/warnings/summary.json" \
    || fail "$name: warnings/summary.json differs"
  ! find "$work/$name" -name '*.h5*' | grep -q . || fail "$name: checkpoint in the output folder"
  ! ls -a "$work" | grep -q "^\.$name\.partial-" || fail "$name: staging folder left behind"
  /usr/bin/python3 - "$work/$name/run.json" "$work/ref/run.json" <<'PY' || fail "$name: run.json"
import json, sys
run, ref = (json.load(open(f)) for f in sys.argv[1:])
assert run["surge"]["steps"] == ref["surge"]["steps"], (run["surge"], ref["surge"])
c = run["surge"]["checkpoints"]
assert c["every_hours"] == 3 and c["runs_resumed"] + c["runs_completed_before"] >= 1, c
assert ref["surge"]["checkpoints"] is None
PY
}

# 1a. One rank, killed at the first checkpoint of run 1.
first_checkpoint() { compgen -G "$work/ckpt1/surge_run_[0-9].h5" > /dev/null; }
start_then_kill "$work/killed1.log" first_checkpoint \
  "$taifeng" forecast "$work/cycle.toml" --out "$work/resumed1" --checkpoint-dir "$work/ckpt1"
[ ! -e "$work/resumed1" ] || fail "the killed cycle published its folder"
forecast resumed1 --checkpoint-dir "$work/ckpt1" > /dev/null 2> "$work/resumed1.log" \
  || { cat "$work/resumed1.log"; fail "resumed cycle (1 rank)"; }
grep -q "surge: run 1/4 resumed at +[0-9]* h from $work/ckpt1/surge_run_0.h5" "$work/resumed1.log" \
  || { cat "$work/resumed1.log"; fail "run 1 not resumed from its checkpoint"; }
! grep -q "\] warning " "$work/resumed1.log" || { cat "$work/resumed1.log"; fail "warnings on resume"; }
check_resumed resumed1

# 1b. Killed on 2 ranks (rank 0 has runs 1 and 2, rank 1 runs 3 and 4) once run 1 has
# completed and run 2 has a checkpoint; resumed on 1 rank.
done_and_checkpoint() { [ -e "$work/ckpt2/surge_run_0.done.h5" ] && [ -e "$work/ckpt2/surge_run_1.h5" ]; }
start_then_kill "$work/killed2.log" done_and_checkpoint \
  "$mpiexec" --oversubscribe -np 2 -x OMP_NUM_THREADS=1 "$taifeng" forecast "$work/cycle.toml" \
  --out "$work/resumed2" --checkpoint-dir "$work/ckpt2"
forecast resumed2 --checkpoint-dir "$work/ckpt2" > /dev/null 2> "$work/resumed2.log" \
  || { cat "$work/resumed2.log"; fail "resumed cycle (killed on 2 ranks)"; }
grep -q "run 1/4 completed before: results taken from $work/ckpt2/surge_run_0.done.h5" \
  "$work/resumed2.log" \
  && grep -q "run 2/4 resumed at +[0-9]* h from $work/ckpt2/surge_run_1.h5" "$work/resumed2.log" \
  || { cat "$work/resumed2.log"; fail "no run taken from its .done file and resumed"; }
check_resumed resumed2

# 1c. Killed while writing its outputs (its staging folder exists; every surge run is
# complete in ckpt1): the rerun, on 2 ranks, takes every run from its .done file and removes
# the killed cycle's staging folder.
staging() { compgen -G "$work/.resumed3.partial-*" > /dev/null; }
start_then_kill "$work/killed3.log" staging \
  "$taifeng" forecast "$work/cycle.toml" --out "$work/resumed3" --checkpoint-dir "$work/ckpt1"
staging || fail "the cycle killed while writing left no staging folder"
"$mpiexec" --oversubscribe -np 2 -x OMP_NUM_THREADS=1 "$taifeng" forecast "$work/cycle.toml" \
  --out "$work/resumed3" --checkpoint-dir "$work/ckpt1" > /dev/null 2> "$work/resumed3.log" \
  || { cat "$work/resumed3.log"; fail "cycle after a kill while writing"; }
grep -q "surge: checkpoints in $work/ckpt1: 4 run(s) completed before, 0 resumed, 0 from the start" \
  "$work/resumed3.log" || { cat "$work/resumed3.log"; fail "runs not taken from .done files"; }
check_resumed resumed3

# 1d. A checkpoint of another configuration (here Manning's n) is ignored with one warning
# per file and the results are those of that configuration.
sed 's|^checkpoint_hours = 3|checkpoint_hours = 3\nmanning_n = 0.03|' "$work/cycle.toml" \
  > "$work/other.toml"
cp -r "$work/ckpt1" "$work/ckpt_other"
"$taifeng" forecast "$work/other.toml" --out "$work/other" --checkpoint-dir "$work/ckpt_other" \
  -q > /dev/null 2> "$work/other.log" || { cat "$work/other.log"; fail "other configuration"; }
[ "$(grep -c 'written for another run' "$work/other.log")" -eq 4 ] \
  || { cat "$work/other.log"; fail "checkpoints of another configuration not ignored"; }
"$taifeng" forecast "$work/other.toml" --out "$work/other_ref" -q > /dev/null 2>&1 \
  || fail "other configuration, reference"
cmp "$work"/other/surge_*.nc "$work"/other_ref/surge_*.nc || fail "other configuration differs"
# The checkpoint folder may not be inside the output folder (replaced at publication).
forecast bad --checkpoint-dir "$work/bad/ckpt" > /dev/null 2> "$work/bad.txt"
[ $? -eq 2 ] && [ "$(grep -c . "$work/bad.txt")" -eq 1 ] && grep -q -- "--checkpoint-dir" "$work/bad.txt" \
  || { cat "$work/bad.txt"; fail "checkpoint folder inside the output folder not refused"; }

# --- 2. taifeng swe: kill -9 after periodic checkpoints, --restart from the last one ---------
# 320 x 320 cells, 15 s (about 2 s of wall time on one thread), a checkpoint every 2.5 s.
sed -e 's|^nx = .*|nx = 320|' -e 's|^ny = .*|ny = 320|' -e 's|^dx_m = .*|dx_m = 3.125|' \
  -e 's|^end_s = .*|end_s = 15.0\ncheckpoint_every_s = 2.5|' \
  "$src/configs/swe/radial_dam_break.toml" > "$work/radial.toml"
export OMP_NUM_THREADS=1
"$taifeng" swe "$work/radial.toml" -q --out "$work/swe_ref" > /dev/null 2> "$work/swe_ref.log" \
  || { cat "$work/swe_ref.log"; fail "swe reference"; }
two_checkpoints() {
  [ "$(compgen -G "$work/swe_killed.checkpoints/*.h5" | wc -l)" -ge 2 ]
}
start_then_kill "$work/swe_killed.log" two_checkpoints \
  "$taifeng" swe "$work/radial.toml" --out "$work/swe_killed"
last=$(compgen -G "$work/swe_killed.checkpoints/*.h5" | sort | tail -1)
[ "$(compgen -G "$work/swe_ref.checkpoints/*.h5" | wc -l)" -gt \
  "$(compgen -G "$work/swe_killed.checkpoints/*.h5" | wc -l)" ] || fail "swe killed too late"
"$taifeng" swe "$work/radial.toml" --restart "$last" --out "$work/swe_killed" \
  > /dev/null 2> "$work/swe_restart.log" || { cat "$work/swe_restart.log"; fail "swe restart"; }
grep -q "restart from $last" "$work/swe_restart.log" || fail "swe did not restart from $last"
! ls -a "$work" | grep -q '^\.swe_killed\.partial-' || fail "swe: staging folder left behind"
/usr/bin/python3 - "$work" <<'PY' || fail "swe: restart after kill -9 differs"
import sys
import numpy as np, netCDF4
w = sys.argv[1]
a = netCDF4.Dataset(f"{w}/swe_ref/radial_dam_break.nc")
b = netCDF4.Dataset(f"{w}/swe_killed/radial_dam_break.nc")
assert a["time"][-1] == b["time"][-1] == 15.0, (a["time"][-1], b["time"][-1])
for v in ("h", "u", "v"):
    assert np.array_equal(np.array(a[v][-1]), np.array(b[v][-1])), v
for v in ("eta_max", "h_max"):
    assert np.array_equal(np.array(a[v][:]), np.array(b[v][:])), v
print(f"swe: killed, restarted at t = {b['time'][0]:g} s: bitwise the uninterrupted state")
PY
echo "PASS surge checkpoints"
