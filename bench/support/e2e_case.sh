# Sourced by the benchmark scripts that run a case of the end-to-end tests (bench/*.sh):
# `e2e_case_setup NAME BUILD_DIR` checks that the tests are built and points them at the
# binary; `median VALUE...` prints the median (or "none").
e2e_case_setup() {
  bin="$2/tests/test_e2e"
  [ -x "$bin" ] || { echo "$1: build the tests first ($bin is missing)" >&2; exit 2; }
  export VILLAGECAST_BIN="$2/app/villagecast"
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {if (NR) print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2); else print "none"}'; }
