#!/usr/bin/env bash
# The reference job (depth-5 ReLU NNGP + NTK, N = 4000, d = 784, float64) on the CPU OpenCL
# device as a fraction of this machine's limit, measured in one run:
#   limit: LimitProbeBenchmark.limit (OpenBLAS dsyrk, the vectorized recursion over the upper
#          triangle, the mirror copy), and .straightforward (the whole Gram, then the recursion
#          over all N² entries: the limit as issue 15 computed it)
#   job:   OpenClKernelBenchmark (float64, the CPU block of this device's ISA)
#
#   bash bench/cpu-limit.sh                     # after `mvn -B -q package -DskipTests`
#   BASE=/path/to/old/benchmarks.jar bash bench/cpu-limit.sh   # the same job before a change
#   AVX2=1 bash bench/cpu-limit.sh              # also the AVX2 blocks, compiled for Haswell
#                                               # (with BASE: the old jar there too)
#
# AVX2=1 asks PoCL's distro build for its AVX2 kernel library (POCL_KERNELLIB_NAME=avx2, device
# pthread-haswell): code for 16 ymm registers, as on an AVX2-only CPU (Zen 3), run on this
# CPU; it compares the AVX-512 block (what every CPU got before) with the AVX2 one there.
# Wall time is what counts on a quiet machine; the CPU time per operation (ProcessCpu, every
# thread of the process) measures the work where other programs load the machine.
# JMH options as in bench/RESULTS.md; about 3.5 minutes (2 more with AVX2=1, 1 or 2 more with
# BASE).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-bench/target/benchmarks.jar}
OPTS=(-w 3s -r 5s -wi 2 -i 3 -f 1)
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -q package -DskipTests first" >&2; exit 2; }
out=$(mktemp -d "${TMPDIR:-/tmp}/ntk4j-limit.XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores;" \
  "AVX-512: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)," \
  "AVX2: $(grep -qw avx2 /proc/cpuinfo && echo yes || echo no)"
echo "PoCL device: $(clinfo 2>/dev/null | sed -n 's/^ *Device Name *//p' | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The score of the CSV row whose benchmark name ends in $2 (and that contains $3).
score() {
  awk -F, -v b="$2\"" -v p="${3:-}" 'NR > 1 && index($1, b) && index($0, p) { gsub(/"/, "", $5); print $5; exit }' "$1"
}

# CPU ms per operation (ProcessCpu: cpuMs over ops) of benchmark $2 (row containing $3).
cpu_ms() {
  echo "$(score "$1" "$2:cpuMs" "${3:-}") / $(score "$1" "$2:ops" "${3:-}")" | bc -l
}

# Per benchmark and parameters: wall ms/op and CPU ms/op.
table() {
  awk -F, 'NR == 1 { for (i = 8; i <= NF; i++) { h = $i; gsub(/"|Param: /, "", h); head[i] = h } next }
    { gsub(/"/, ""); name = $1; metric = ""; if (match(name, /:[a-zA-Z]+$/)) {
        metric = substr(name, RSTART + 1); name = substr(name, 1, RSTART - 1) }
      sub(/.*\./, "", name); key = name; for (i = 8; i <= NF; i++) key = key " " head[i] "=" $i
      if (metric == "") { wall[key] = $5; order[++n] = key } else v[key, metric] = $5 }
    END { for (k = 1; k <= n; k++) { key = order[k]
      printf "  %-70s wall %8.1f ms/op, CPU %8.1f ms/op\n", key, wall[key], v[key, "cpuMs"] / v[key, "ops"] } }' "$1"
}

bench() {  # name, jar, extra args...
  local name=$1 jar=$2
  shift 2
  # OpenBLAS's idle threads would otherwise spin, adding CPU time to the limit probe's.
  OPENBLAS_THREAD_TIMEOUT=4 java -jar "$jar" "$@" "${OPTS[@]}" -rf csv -rff "$out/$name.csv" \
    > "$out/$name.log" 2>&1 || { tail -20 "$out/$name.log"; exit 1; }
  table "$out/$name.csv"
}

echo "== limit probe and the job (float64; float32 beside it) =="
bench limit "$JAR" LimitProbeBenchmark
bench job "$JAR" OpenClKernelBenchmark
limit=$(score "$out/limit.csv" limit)
job=$(score "$out/job.csv" nngpAndNtk float64)
printf 'wall: symmetric bound %.1f ms (dsyrk, the recursion over the upper triangle, the mirror), job %.1f ms: the job at %.0f%% of it (%.1f M entries/s of %.1f M)\n' \
  "$limit" "$job" "$(echo "100 * $limit / $job" | bc -l)" "$(echo "16000 / $job" | bc -l)" \
  "$(echo "16000 / $limit" | bc -l)"
plain=$(score "$out/limit.csv" straightforward)
printf 'wall: limit as issue 15 states it %.1f ms (the Gram at the BLAS rate, then the recursion over all N² entries at its vectorized rate): the job at %.0f%% of it\n' \
  "$plain" "$(echo "100 * $plain / $job" | bc -l)"
limit_cpu=$(cpu_ms "$out/limit.csv" limit)
job_cpu=$(cpu_ms "$out/job.csv" nngpAndNtk float64)
printf 'CPU:  symmetric bound %.1f ms, job %.1f ms per operation (all threads): the job at %.0f%% of it\n' \
  "$limit_cpu" "$job_cpu" "$(echo "100 * $limit_cpu / $job_cpu" | bc -l)"

if [ -n "${BASE:-}" ]; then
  echo "== before: $BASE =="
  bench base "$BASE" OpenClKernelBenchmark
fi
if [ -n "${AVX2:-}" ]; then
  echo "== PoCL's AVX2 library (pthread-haswell): AVX-512 block vs AVX2 block =="
  POCL_KERNELLIB_NAME=avx2 bench avx2 "$JAR" OpenClKernelBenchmark -p cpuVariant=avx512,avx2
  if [ -n "${BASE:-}" ]; then
    echo "== before, PoCL's AVX2 library: $BASE =="
    POCL_KERNELLIB_NAME=avx2 bench avx2base "$BASE" OpenClKernelBenchmark
  fi
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
