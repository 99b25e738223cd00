#!/usr/bin/env bash
# Builds the benchmarks, runs the whole suite and writes the results:
#   benchmarks/results/<date>.json   JMH's JSON (every score, error, raw iteration and -prof gc figure)
#   benchmarks/results/<date>.md     the Markdown table: absolute figures, ratios against the raw counter read,
#                                    allocation per operation, the sampler's CPU share, and the machine
# With --quick (a sanity run of a few minutes) the files are named <date>-quick.*.
#
# Usage: benchmarks/run.sh [--quick] [extra JMH arguments, e.g. a benchmark regex]
# Environment: JAVA (default: $JAVA_HOME/bin/java or java), MVN (default: mvn).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quick=false
if [[ "${1:-}" == "--quick" ]]; then
  quick=true
  shift
fi

java_cmd="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
java_cmd="${java_cmd:-java}"
mvn_cmd="${MVN:-mvn}"

date="$(date -u +%Y-%m-%d)"
name="$date"
if $quick; then
  name="$date-quick"
  # one fork, one short warm-up and three short measurements per benchmark, accounting over 100 000 records
  # instead of a million: minutes, not a publication
  jmh_opts=(-f 1 -wi 1 -w 500ms -i 3 -r 500ms -p records=100000)
  sampler_seconds=3
else
  jmh_opts=() # the benchmarks' own annotations: 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement
  sampler_seconds=20
fi

results="$root/benchmarks/results"
scratch="$root/benchmarks/target/bench-disk"
jar="$root/benchmarks/target/benchmarks.jar"
mkdir -p "$results" "$scratch"

echo "== building (mvn -q -pl benchmarks -am package -DskipTests)"
"$mvn_cmd" -q -pl benchmarks -am package -DskipTests

# The NVML read benchmark loads the fake libnvidia-ml of the NVML module's tests; without a C compiler it is left out.
fake_nvml="$root/benchmarks/target/fake-nvml/full/libnvidia-ml.so.1"
meter_params=()
if sh "$root/meters/nvml/src/test/c/build-fake-nvml.sh" "$root/benchmarks/target/fake-nvml"; then
  nvml_note="NVML: the fake libnvidia-ml of the NVML module's tests (it re-reads a control file per call)"
else
  echo "== no C compiler: the NVML meter read is left out" >&2
  meter_params=(-p meter=powercap,estimate)
  nvml_note="NVML: not run (no C compiler to build the fake libnvidia-ml)"
fi

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== load average before: $load_before"

echo "== running JMH ${jmh_opts[*]} -prof gc $*"
# Ledger files go to a real disk (fsync on tmpfs costs nothing); fake sysfs files go to tmpfs.
"$java_cmd" -jar "$jar" "${jmh_opts[@]}" "${meter_params[@]}" -prof gc \
  -jvmArgsAppend "-Dergon.bench.disk=$scratch -Dergon.bench.fake-nvml=$fake_nvml" \
  -rf json -rff "$results/$name.json" "$@" | tee "$root/benchmarks/target/jmh-$name.log"

# JMH records the forks' JVM arguments: keep the committed results free of this machine's absolute paths.
sed -i "s#$root/##g" "$results/$name.json"

echo "== measuring the sampler's CPU share (${sampler_seconds} s per period)"
"$java_cmd" -cp "$jar" dev.ergon.benchmarks.SamplerCpuShare --seconds "$sampler_seconds" \
  --out "$results/$name-sampler.json"

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== load average after: $load_after"

cpu_model="$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
cpu_model="${cpu_model:-$(uname -m)}"
jvm="$("$java_cmd" -XshowSettings:properties -version 2>&1 \
  | awk -F' = ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')"
disk_fs="$(df -T "$scratch" | awk 'NR==2 {print $2}')"
shm_fs="$(df -T /dev/shm 2>/dev/null | awk 'NR==2 {print $2}')"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  commit="$commit (with uncommitted changes)"
fi
if $quick; then command="benchmarks/run.sh --quick $*"; else command="benchmarks/run.sh $*"; fi
default_settings="with the settings annotated on each benchmark"

{
  echo "# Ergon overhead benchmarks, $date$($quick && echo ' (quick run)')"
  echo
  echo "- Machine: $(nproc) CPUs (nproc), $cpu_model, $(uname -sr), $(uname -m)"
  echo "- JVM: $jvm"
  echo "- Load average (1, 5, 15 min) before: $load_before; after: $load_after"
  echo "- Fake powercap files on ${shm_fs:-java.io.tmpdir} (/dev/shm); ledger files on $disk_fs; $nvml_note"
  echo "- Commit: $commit"
  echo "- Command: \`${command% }\` (JMH ${jmh_opts[*]:-$default_settings} -prof gc)"
  echo
  echo "Time per op is per thread (JMH average time); \"× floor\" divides it by one raw powercap counter read"
  echo "(\`RawCounterReadBenchmark.preadParse\`: pread on a kept descriptor and an ASCII parse). Alloc per op is"
  echo "\`gc.alloc.rate.norm\`. The meter in job, sampler and workload benchmarks is a synthetic constant-power"
  echo "counter (three channels), so those figures are Ergon's own cost."
  echo
  "$java_cmd" -cp "$jar" dev.ergon.benchmarks.report.ResultsTable "$results/$name.json" \
    "$results/$name-sampler.json"
} > "$results/$name.md"

echo "== wrote $results/$name.json and $results/$name.md"
