#!/usr/bin/env bash
# The job scripts, the launcher and these tests parse (bash -n) and pass shellcheck at
# every severity (style included); a script with a known defect must be reported, so the
# checker really runs.
set -uo pipefail
src=$1 work=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v shellcheck > /dev/null || fail "shellcheck is not installed (scripts/install-deps.sh)"
rm -rf "$work" && mkdir -p "$work"
scripts=("$src"/hpc/jobs/taifeng-launch "$src"/hpc/jobs/taifeng.slurm "$src"/hpc/jobs/taifeng.pbs
  "$src"/tests/hpc/jobs/*.sh)
for s in "${scripts[@]}"; do
  bash -n "$s" || fail "bash -n $s"
done
shellcheck -x -s bash "${scripts[@]}" || fail "shellcheck"
# shellcheck disable=SC2016  # the defect is meant literally
printf '#!/usr/bin/env bash\nrm -rf $1/*\n' > "$work/defect.sh"
shellcheck -s bash "$work/defect.sh" > /dev/null && fail "shellcheck does not report an unquoted \$1"
echo "PASS ${#scripts[@]} scripts: bash -n and shellcheck clean"
