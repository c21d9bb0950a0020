# Shared helpers of the job script, launcher and operations tests (tests/hpc/jobs/*.sh).
# shellcheck shell=bash source-path=SCRIPTDIR disable=SC2015  # "check && check || fail"
# shellcheck source=../../app/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../app/common.sh"

# small_config SOURCE_DIR OUT_FILE: the demo cycle cut down for tests (a few seconds on one
# core): 24 h lead, 20 ensemble members, 2 surge runs of 12 h, no rendering.
small_config() {
  make_config "$1" "$2"
  set_members "$2" 20
  sed -i -e 's|^lead_hours = .*|lead_hours = 24|' -e 's|^hours = 72|hours = 12|' \
    -e '/^\[surge\]/,/^\[/s|^members = .*|members = 2|' -e '/^\[render\]/a enabled = false' "$2"
  grep -q '^lead_hours = 24' "$2" && grep -q '^hours = 12' "$2" && grep -q '^enabled = false' "$2" ||
    fail "small_config: the demo configuration changed shape"
}

# long_config SOURCE_DIR OUT_FILE: the full demo cycle without rendering (about a minute on
# 2 cores): long enough to be stopped while it runs.
long_config() {
  make_config "$1" "$2"
  sed -i -e '/^\[render\]/a enabled = false' "$2"
}

# same_netcdf DIR_A DIR_B: the wind and surge NetCDF files of two cycle folders are
# byte-identical.
same_netcdf() {
  local f n=0
  for f in "$1"/wind_*.nc "$1"/surge_*.nc; do
    [ -f "$f" ] || fail "missing $f"
    cmp "$f" "$2/$(basename "$f")" || fail "$2/$(basename "$f") differs from $f"
    n=$((n + 1))
  done
  [ "$n" -eq 2 ] || fail "expected a wind and a surge file in $1, found $n files"
}

# ranks_of DIR: the MPI ranks recorded in a cycle's run.json.
ranks_of() {
  /usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["mpi_ranks"])' \
    "$1/run.json"
}

# No scheduler of the environment running the tests may leak into them.
unset_scheduler_env() {
  local v
  for v in $(compgen -e | grep -E '^(SLURM|PBS)_'); do unset "$v"; done
}
