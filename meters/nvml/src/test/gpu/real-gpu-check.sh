#!/bin/sh
# Meters the real NVIDIA GPUs of this machine through ergon-meter-nvml: idle, then under load.
# Prepare on a build machine (needs Maven), from the repository root:
#   mvn -q -pl meters/nvml test-compile dependency:copy-dependencies -DincludeScope=runtime \
#       -DoutputDirectory=target/real-gpu-lib
# and carry meters/nvml/target to the GPU machine
# then run here (needs Java 17+ and the NVIDIA driver), from the repository root:
#   sh meters/nvml/src/test/gpu/real-gpu-check.sh [idle seconds] [load seconds] [load command ...]
# Without a load command it tries PyTorch (a matrix-multiply loop on every GPU); without PyTorch the load phase
# is a second idle phase. ERGON_NVML_LIBRARY points at another libnvidia-ml.so.1 (e.g. the test fake).
set -eu
module="$(dirname "$0")/../../.."
idle="${1:-10}"
busy="${2:-20}"
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
cp="$module/target/classes:$module/target/test-classes:$module/target/real-gpu-lib/*"
if [ $# -eq 0 ] && python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  set -- python3 -c '
import torch, time
xs = [torch.randn(8192, 8192, device=f"cuda:{i}") for i in range(torch.cuda.device_count())]
end = time.time() + 3600
while time.time() < end:
    for x in xs:
        x @ x
'
fi
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=index,name,uuid,driver_version,power.draw,power.limit --format=csv || true
exec java -cp "$cp" dev.ergon.meter.nvml.RealGpuCheck "$idle" "$busy" "$@"
