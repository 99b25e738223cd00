#!/bin/sh
# Builds the fake libnvidia-ml.so.1 variants used by the NVML meter's tests (never shipped):
#   $1/full/libnvidia-ml.so.1  versioned (_v2/_v3) and legacy symbols, as a current driver exports
#   $1/v1/libnvidia-ml.so.1    legacy unversioned symbols only, as an old driver
#   $1/none/libnvidia-ml.so.1  a shared library without NVML's symbols
# Called by the exec-maven-plugin in generate-test-resources; fails the build when gcc is missing.
set -eu
out="$1"
src="$(dirname "$0")"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "ergon-meter-nvml: '$cc' not found. The NVML tests compile a fake libnvidia-ml.so.1 from" >&2
  echo "  $src/fake_nvml.c with a C compiler: install gcc (Debian/Ubuntu: apt-get install gcc;" >&2
  echo "  Fedora/RHEL: dnf install gcc), set CC to another compiler, or skip the tests with -DskipTests." >&2
  exit 1
fi
flags="-std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden -pthread"
mkdir -p "$out/full" "$out/v1" "$out/none"
"$cc" $flags -o "$out/full/libnvidia-ml.so.1" "$src/fake_nvml.c" -ldl
"$cc" $flags -DFAKE_NVML_V1_ONLY -o "$out/v1/libnvidia-ml.so.1" "$src/fake_nvml.c" -ldl
"$cc" $flags -o "$out/none/libnvidia-ml.so.1" "$src/not_nvml.c"
