# Shared helpers of the end-to-end scripts: a demo configuration with absolute paths.
fail() { echo "FAIL: $*" >&2; exit 1; }

# make_config SOURCE_DIR OUT_FILE: the demo config with every relative path made absolute.
make_config() {
  sed -e "s|\"\.\./data/|\"$1/data/|g" -e "s|\"\.\./out/|\"$(dirname "$2")/out/|g" \
    "$1/configs/hainan_demo.toml" > "$2"
}

# set_members CONFIG N: the ensemble size of a configuration (tests keep it small): the
# first `members =` is [ensemble]'s; [surge]'s, if present, becomes max(N, 1).
set_members() {
  grep -q '^members = ' "$1" || fail "$1 has no ensemble.members"
  local surge=$(( $2 > 0 ? $2 : 1 ))
  sed -i -e "0,/^members = .*/s//members = $2/" "$1"
  sed -i -e "/^\[surge\]/,/^\[/s|^members = .*|members = $surge|" "$1"
}

# kill_session SID: kill -9 of every process of session SID (a node crash). mpirun moves each
# rank into a process group of its own, so killing mpirun's group leaves the ranks running
# (they go on and write outputs). Returns once none is left (zombies aside); fails after 10 s.
kill_session() {
  local _
  for _ in $(seq 1 200); do
    pkill -KILL -s "$1" 2> /dev/null
    [ -z "$(ps -eo sid=,stat= | awk -v s="$1" '$1 == s && $2 !~ /^Z/')" ] && return 0
    sleep 0.05
  done
  fail "processes of session $1 still run 10 s after kill -9"
}
