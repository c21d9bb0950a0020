#!/usr/bin/env bash
# Bad input of every kind ends with exactly one line "taifeng: error: <where>: <what>" and
# exit code 2 — no crash, no stack trace — and never damages a previous good output.
set -uo pipefail
taifeng=$1 src=$2 work=$3
source "$(dirname "$0")/common.sh"
rm -rf "$work" && mkdir -p "$work"
make_config "$src" "$work/good.toml"
set_members "$work/good.toml" 2
good_out="$work/published"
"$taifeng" forecast "$work/good.toml" --out "$good_out" -q > /dev/null || fail "good run failed"
good_sum=$(sha256sum "$good_out/run.json")
n_checked=0

# expect_error NAME CONFIG PATTERN... : run quietly, exit 2, one stderr line matching all patterns.
expect_error() {
  local name=$1 cfg=$2; shift 2
  local err="$work/$name.err" code
  "$taifeng" forecast "$cfg" --out "$good_out" -q > /dev/null 2> "$err"
  code=$?
  [ "$code" -eq 2 ] || { cat "$err"; fail "$name: exit code $code, expected 2"; }
  [ "$(grep -c . "$err")" -eq 1 ] || { cat "$err"; fail "$name: expected exactly one line on stderr"; }
  grep -q '^taifeng: error: ' "$err" || { cat "$err"; fail "$name: line does not start with 'taifeng: error: '"; }
  for pat in "$@"; do
    grep -qF -- "$pat" "$err" || { cat "$err"; fail "$name: message lacks '$pat'"; }
  done
  [ "$(sha256sum "$good_out/run.json")" = "$good_sum" ] || fail "$name: previous output was changed"
  ! ls -a "$work" | grep -q '\.partial-' || fail "$name: staging directory left behind"
  n_checked=$((n_checked + 1))
  echo "ok  $name: $(cat "$err")"
}

# variant NAME SED-EXPRESSION: a copy of the good config with one edit.
variant() { sed -e "$2" "$work/good.toml" > "$work/$1.toml"; echo "$work/$1.toml"; }
line_of() { grep -n -- "$1" "$2" | head -1 | cut -d: -f1; }

expect_error missing_config "$work/nope.toml" "nope.toml" "does not exist"

cfg=$(variant typo 's/^p_env_hpa = /p_env_hp = /')
expect_error typo_key "$cfg" "typo.toml:$(line_of '^p_env_hp ' "$cfg"):" "unknown key 'wind.p_env_hp'" \
  "did you mean 'wind.p_env_hpa'"

cfg=$(variant unknown_table 's/^\[output\]/[outputs]/')
expect_error unknown_table "$cfg" "unknown key 'outputs.netcdf'"

cfg=$(variant wrong_type 's/^lead_hours = 120/lead_hours = "120"/')
expect_error wrong_type "$cfg" "wrong_type.toml:$(line_of '^lead_hours' "$cfg"):" \
  "forecast.lead_hours" "expected an integer"

cfg=$(variant out_of_range 's/^resolution_deg = 0.05/resolution_deg = 5.0/')
expect_error out_of_range "$cfg" "out_of_range.toml:$(line_of '^resolution_deg' "$cfg"):" \
  "grid.resolution_deg" "out of range"

cfg=$(variant empty_box 's/^lon_max = 115.0/lon_max = 104.0/')
expect_error empty_box "$cfg" "empty_box.toml:$(line_of '^lon_max' "$cfg"):" \
  "key 'grid.lon_max': must exceed grid.lon_min"

cfg=$(variant surge_steps 's/^resolution_deg = 0.1/resolution_deg = 0.07/')
expect_error surge_steps "$cfg" "key 'surge.resolution_deg'" "does not divide the box"

cfg=$(variant bad_choice 's/^status = "Exercise"/status = "Real"/')
expect_error bad_choice "$cfg" "warnings.status" "Actual, Exercise"

cfg=$(variant syntax 's/^lat_min = 15.0/lat_min = = 15.0/')
expect_error toml_syntax "$cfg" "syntax.toml:$(line_of '^lat_min' "$cfg"):" "TOML syntax error"

cfg=$(variant missing_track "s|^track_file = .*|track_file = \"$work/no_such_track.csv\"|")
expect_error missing_track_file "$cfg" "storm.track_file" "no_such_track.csv" "does not exist"

sed "s/^17,2005,9,25,0,18.9,112.8,80.0,963.0,200517,/17,2005,9,25,0,18.9,112.8,eighty,963.0,200517,/" \
  "$src/data/tracks/jtwc_wp_1945_2012.csv" > "$work/broken_track.csv"
bad_line=$(grep -n ',eighty,' "$work/broken_track.csv" | cut -d: -f1)
cfg=$(variant malformed_track "s|^track_file = .*|track_file = \"$work/broken_track.csv\"|")
expect_error malformed_track "$cfg" "broken_track.csv:$bad_line:" "VMax" "'eighty' is not a number"

printf 'CY,Year,Month,Day,Hour,Lat,Lon,VMax,MSLP,SN,Cat\n17,2005,9,25,0,18.9\n' > "$work/short_track.csv"
cfg=$(variant short_track "s|^track_file = .*|track_file = \"$work/short_track.csv\"|")
expect_error truncated_track "$cfg" "short_track.csv:2:" "expected 11 comma-separated columns"

cfg=$(variant no_cliper_model '/^cliper_model = /d')
expect_error cliper_without_model "$cfg" "forecast.cliper_model" "required for model 'cliper'"

cfg=$(variant no_error_stats '/^error_stats = /d')
expect_error ensemble_without_stats "$cfg" "ensemble.error_stats" "required when ensemble.members > 0"

cfg=$(variant not_covered 's/^analysis_time = .*/analysis_time = 2005-09-28T00:00:00Z/')
expect_error analysis_not_covered "$cfg" "storm.analysis_time" "not covered by track 200517"

cfg=$(variant unknown_storm 's/^id = "200517"/id = "209999"/')
expect_error unknown_storm "$cfg" "no record with SN = '209999'"

# A failure late in the cycle (the CAP schema is not a schema) must not publish anything.
echo "not a schema" > "$work/bad.xsd"
cfg=$(variant bad_schema "s|^cap_schema = .*|cap_schema = \"$work/bad.xsd\"|")
expect_error late_failure "$cfg" "bad.xsd"

# Without -q the log comes first, but there is still exactly one error line.
"$taifeng" forecast "$work/malformed_track.toml" --out "$good_out" > /dev/null 2> "$work/verbose.err"
[ $? -eq 2 ] || fail "verbose malformed track: exit code"
[ "$(grep -c '^taifeng: error: ' "$work/verbose.err")" -eq 1 ] || fail "verbose: expected one error line"
[ "$(tail -1 "$work/verbose.err" | grep -c '^taifeng: error: ')" -eq 1 ] || fail "verbose: error is not the last line"
! grep -qiE 'terminate|abort|what\(\)|segmentation|stack' "$work/verbose.err" || fail "verbose: crash output"

# Command-line misuse.
"$taifeng" frobnicate > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown subcommand: exit code"
"$taifeng" forecast > /dev/null 2>&1; [ $? -eq 2 ] || fail "missing config argument: exit code"
"$taifeng" --help | grep -q forecast || fail "--help does not list forecast"
"$taifeng" forecast --help | grep -q -- "--out" || fail "forecast --help lacks --out"
"$taifeng" --version | grep -qE '^taifeng [0-9]+\.[0-9]+\.[0-9]+' || fail "--version"

# taifeng watch: bad arguments end with one line and exit 2 before anything runs.
mkdir -p "$work/inbox"
watch_error() {  # watch_error PATTERN ARGS...
  local pat=$1
  shift
  "$taifeng" watch "$@" > /dev/null 2> "$work/watch.err"
  local rc=$?
  [ $rc -eq 2 ] || { cat "$work/watch.err"; fail "watch $*: exit $rc, expected 2"; }
  grep -q -- "$pat" "$work/watch.err" || { cat "$work/watch.err"; fail "watch $*: no '$pat'"; }
  [ "$(grep -c . "$work/watch.err")" -le 2 ] || { cat "$work/watch.err"; fail "watch: long error"; }
  n_checked=$((n_checked + 1))
}
watch_error "--inbox $work/no_inbox: no such folder" --inbox "$work/no_inbox" \
  --config "$work/good.toml" --archive "$work/arch"
watch_error "--config $work/no.toml: no such file" --inbox "$work/inbox" \
  --config "$work/no.toml" --archive "$work/arch"
watch_error "archive is required" --inbox "$work/inbox" --config "$work/good.toml"
watch_error "poll-seconds" --inbox "$work/inbox" --config "$work/good.toml" \
  --archive "$work/arch" --poll-seconds 0
[ ! -e "$work/arch" ] || fail "watch created the archive despite bad arguments"
"$taifeng" watch --help | grep -q -- "--launcher" || fail "watch --help lacks --launcher"

echo "PASS $n_checked bad-input cases"
