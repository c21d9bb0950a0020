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
