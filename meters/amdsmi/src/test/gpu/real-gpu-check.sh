#!/bin/sh
# Meters the real AMD GPUs of this machine through ergon-meter-amdsmi: idle, then under load.
# Prepare on a build machine (needs Maven), from the repository root:
#   mvn -q -pl core,meters/amdsmi -am package -DskipTests dependency:copy-dependencies -DincludeScope=runtime \
#       -DoutputDirectory=target/real-gpu-lib
# and carry meters/amdsmi/target (target/real-gpu-lib holds ergon-core and JNA) to the GPU machine,
# then run here (needs Java 17+ and ROCm's libamd_smi.so), from the repository root:
#   sh meters/amdsmi/src/test/gpu/real-gpu-check.sh [idle seconds] [load seconds] [load command ...]
# Without a load command it tries PyTorch for ROCm (a matrix-multiply loop on every GPU); without it the load
# phase is a second idle phase. ERGON_AMDSMI_LIBRARY points at another libamd_smi.so (e.g. the test fake).
set -eu
module="$(dirname "$0")/../../.."
idle="${1:-10}"
busy="${2:-20}"
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
cp="$module/target/classes:$module/target/test-classes:$module/target/real-gpu-lib/*"
if [ $# -eq 0 ] && python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() and torch.version.hip else 1)' 2>/dev/null; then
  set -- python3 -c '
import torch, time
xs = [torch.randn(8192, 8192, device=f"cuda:{i}") for i in range(torch.cuda.device_count())]
end = time.time() + 3600
while time.time() < end:
    for x in xs:
        x @ x
'
fi
command -v amd-smi >/dev/null 2>&1 && { amd-smi version || true; amd-smi list || true; amd-smi metric --power --energy || true; }
exec java -cp "$cp" dev.ergon.meter.amdsmi.RealGpuCheck "$idle" "$busy" "$@"
