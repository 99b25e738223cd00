#!/bin/sh
# Builds the fake libamd_smi.so variants used by the amdsmi meter's tests (never shipped):
#   $1/full/libamd_smi.so  the amdsmi calls Ergon makes, with the amdsmi 24.x struct layouts or the 25.x ones
#                          (chosen at run time by the control file's "layout" key)
#   $1/none/libamd_smi.so  a shared library without amdsmi's symbols
# Called by the exec-maven-plugin in generate-test-resources; fails the build when gcc is missing.
set -eu
out="$1"
src="$(dirname "$0")"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "ergon-meter-amdsmi: '$cc' not found. The amdsmi tests compile a fake libamd_smi.so from" >&2
  echo "  $src/fake_amdsmi.c with a C compiler: install gcc (Debian/Ubuntu: apt-get install gcc;" >&2
  echo "  Fedora/RHEL: dnf install gcc), set CC to another compiler, or skip the tests with -DskipTests." >&2
  exit 1
fi
flags="-std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden -pthread"
mkdir -p "$out/full" "$out/none"
"$cc" $flags -o "$out/full/libamd_smi.so" "$src/fake_amdsmi.c" -ldl
"$cc" $flags -o "$out/none/libamd_smi.so" "$src/not_amdsmi.c"
