# shellcheck shell=bash
# cjcore_cc LIB OUT SRC [cc arguments…]: a benchmark program built from SRC
# against the build's libcjcore.a (LIB), linked with the packages CMake
# links it with (LIB's folder/cjcore.pkgs, written by CMakeLists.txt), so a
# new dependency of the library needs no change here.
cjcore_cc() {
  local lib=$1 out=$2 src=$3 pkgs
  shift 3
  pkgs=$(dirname "$lib")/cjcore.pkgs
  [ -f "$pkgs" ] || { echo "cjcore_cc: $pkgs missing (build again: make build-c)" >&2; return 1; }
  # shellcheck disable=SC2046 # one word per package and flag
  cc -O2 -I src -I"$(pg_config --includedir)" -o "$out" "$src" "$lib" \
    $(pkg-config --cflags --libs $(cat "$pkgs")) -lpthread -lm "$@"
}
