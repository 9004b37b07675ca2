#!/usr/bin/env bash
# Compares two builds' kernel CPU time side by side, alternating runs (KernelCpuTime):
#   bench/compare-cpu-time.sh OLD/benchmarks.jar NEW/benchmarks.jar [rounds]
# Both jars are bench/target/benchmarks.jar of a build (mvn -B package -DskipTests); this
# tree's KernelCpuTime class runs against each, so the old build needs no copy of it.
set -euo pipefail
old=$1
new=$2
rounds=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
classes="$here/target/classes"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
for job in "java float64 2000 relu() 5" "opencl float64 3000 relu() 5" "opencl float64 3000 erf(1,1,0) 5" \
    "opencl float64 3000 gelu() 5" "opencl float32 3000 relu() 5" "opencl float32 3000 erf(1,1,0) 5" \
    "opencl float32 3000 gelu() 5"; do
  for ((r = 0; r < rounds; r++)); do
    for build in old new; do
      jar=$old
      [ "$build" = new ] && jar=$new
      # shellcheck disable=SC2086
      echo "$build $(java -cp "$classes:$jar" org.ntk4j.bench.KernelCpuTime $job 5)"
    done
  done
done
echo "# load $(cut -d' ' -f1-3 /proc/loadavg)"
