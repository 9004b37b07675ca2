#!/usr/bin/env bash
# One command to check ntk4j on a machine with an NVIDIA GPU: the selftest against the oracle,
# this GPU's roofline (copy bandwidth, FMA rates), the JMH GPU benchmarks and N = 100k float32
# streamed to an .npy on disk. Everything goes to $OUT (default gpu-check-<date>/), with a
# summary in $OUT/summary.txt.
#
#   bench/gpu-check.sh --make-runtime   # where a JDK is (e.g. the build machine): writes .jre/,
#                                       # a jlink runtime of ~35 MB, so the GPU machine needs
#                                       # no Java; carry it with bench/target/benchmarks.jar
#   bench/gpu-check.sh [PART...]        # on the GPU machine; PARTs: selftest roofline kernels
#                                       # linalg stream summary (default: all, in that order)
#
# Needs bench/target/benchmarks.jar (mvn -B package -DskipTests, with nvcc on the PATH so the
# jar carries the CUDA kernels) and Java 17+: $JAVA, else .jre/bin/java, else java on the PATH.
# The PTX from nvcc 13 needs a CUDA 13 (R580+) driver; `ntk4j devices` says if it is older.
# Each part is sized to take under 10 minutes on an H100 (an estimate: not yet run on a GPU);
# extra JMH options go in $JMH_ARGS
# (e.g. JMH_ARGS="-p n=16384 -wi 0 -i 1" for a quick look). Exit status: nonzero if the
# selftest missed a tolerance or any part failed.
set -uo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar

if [ "${1:-}" = "--make-runtime" ]; then
  rm -rf .jre
  # The JDK modules ntk4j, JCuda/JOCL and JMH use.
  jlink --add-modules java.base,jdk.unsupported,java.logging,java.management \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output .jre || exit 1
  echo "made .jre ($(du -sh .jre | cut -f1)); carry it with $jar ($(du -sh "$jar" | cut -f1))"
  exit 0
fi

if [ -n "${JAVA:-}" ]; then java=$JAVA
elif [ -x .jre/bin/java ]; then java=.jre/bin/java
elif command -v java >/dev/null 2>&1; then java=java
else echo "no Java: run bench/gpu-check.sh --make-runtime where a JDK is, and carry .jre/" >&2
  exit 2
fi
if [ ! -f "$jar" ]; then
  echo "$jar is missing: build it with 'mvn -B package -DskipTests' (nvcc on the PATH)" >&2
  exit 2
fi

out=${OUT:-gpu-check-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(selftest roofline kernels linalg stream summary)
ntk4j() { "$java" -Xmx32g -cp "$jar" org.ntk4j.cli.Main "$@"; }
jmh() { # jmh NAME REGEX: JMH results to $out/NAME.csv, the log to $out/NAME.txt
  # shellcheck disable=SC2086
  "$java" -jar "$jar" "$2" -rf csv -rff "$out/$1.csv" ${JMH_ARGS:-} 2>&1 | tee "$out/$1.txt"
  # JMH exits 0 when a benchmark throws; a results file without data rows is the failure.
  if [ "$(wc -l < "$out/$1.csv" 2>/dev/null || echo 0)" -lt 2 ]; then
    echo "JMH $1 produced no results (see $out/$1.txt)"
    return 1
  fi
}
status=0

for part in "${parts[@]}"; do
  echo "== $part ($(date -u +%H:%M:%S)) =="
  case $part in
    selftest)
      { nvidia-smi || echo "nvidia-smi not found"; } > "$out/nvidia-smi.txt" 2>&1
      ntk4j devices 2>&1 | tee "$out/devices.txt"
      ntk4j selftest 2>&1 | tee "$out/selftest.txt"
      [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "SELFTEST MISSED (see $out/selftest.txt)"; status=1; }
      ;;
    roofline) jmh roofline 'CudaRooflineBenchmark' || status=1 ;;
    kernels) jmh kernels 'CudaKernelBenchmark' || status=1 ;;
    linalg) jmh linalg 'CudaLinearAlgebraBenchmark' || status=1 ;;
    stream)
      # N = 100k, d = 784, float32, depth-5 ReLU NTK streamed tile by tile to a 40 GB .npy.
      n=${STREAM_N:-100000}
      dir=${STREAM_DIR:-$out}
      "$java" -Xmx8g -cp "$jar" org.ntk4j.bench.RandomInputs "$dir/x-$n.npy" "$n" 784 || status=1
      arch="dense(512, w_std=1.5, b_std=0.05), relu()"
      arch="$arch, $arch, $arch, $arch, $arch, dense(1, w_std=1.5, b_std=0.05)"
      start=$(date +%s.%N)
      ntk4j kernel --backend cuda --precision float32 --arch "$arch" --x1 "$dir/x-$n.npy" \
        --out-ntk "$dir/ntk-$n.npy" 2>&1 | tee "$out/stream.txt"
      rc=${PIPESTATUS[0]}
      end=$(date +%s.%N)
      echo "N=$n float32 NTK streamed to .npy: exit $rc, $(awk "BEGIN{print $end - $start}") s wall" \
        | tee -a "$out/stream.txt"
      ls -l "$dir/ntk-$n.npy" >> "$out/stream.txt" 2>&1
      rm -f "$dir/ntk-$n.npy" "$dir/x-$n.npy"
      [ "$rc" -eq 0 ] || status=1
      ;;
    summary)
      {
        echo "ntk4j GPU check, $(date -u)"
        head -3 "$out/nvidia-smi.txt" 2>/dev/null
        grep -E "^cuda|^ +- " "$out/devices.txt" 2>/dev/null
        tail -1 "$out/selftest.txt" 2>/dev/null
        grep -h MISS "$out/selftest.txt" 2>/dev/null
        for f in roofline kernels linalg; do
          [ -f "$out/$f.csv" ] || continue
          echo "-- $f (JMH: Score is per second for :bytes/:flops/:entries rows, else as Unit)"
          cat "$out/$f.csv"
        done
        grep -h "streamed" "$out/stream.txt" 2>/dev/null
      } > "$out/summary.txt"
      cat "$out/summary.txt"
      ;;
    *) echo "unknown part '$part': use selftest roofline kernels linalg stream summary" >&2
      exit 2 ;;
  esac
done
echo "results in $out/ (exit $status)"
exit $status
