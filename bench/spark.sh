#!/usr/bin/env bash
# The Spark jobs' done-when checks (issue 12), run with the project's jars on the first N
# Fashion-MNIST training images (default 3000) and 1000 test images, float64, --backend java on
# the executors and in the single process alike. Prints markdown for bench/RESULTS.md, with the
# machine and its load at the start. Needs the jars (mvn -B -q package -DskipTests: ntk4j.jar
# and ntk4j-spark.jar), Debian's dataset-fashion-mnist and, for the data files and the
# comparison, numpy.
#
#   bench/spark.sh kernel [N]    kernel --spark-master local[2] against the single-process run:
#                                NNGP and NTK of a depth-2 ReLU network, the bytes compared (cmp)
#   bench/spark.sh predict [N]   predict --spark-master local[2] (row panels cached, then
#                                --recompute-kernel) against the single-process iterative and
#                                direct solvers, depth-2 ReLU NTK, t = 10,100,inf, diag_reg 1e-3:
#                                the relative difference of the test outputs at every time, the
#                                wall time and the seconds per conjugate-gradient iteration
#
# WORK (default /tmp/ntk4j-spark) holds the data and outputs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/java/target/ntk4j.jar
SPARK_JAR=$ROOT/java/target/ntk4j-spark.jar
PY=$ROOT/bench/scripts/fashion_mnist_numpy.py
WORK=${WORK:-/tmp/ntk4j-spark}
DENSE='dense(512, w_std=1.5, b_std=0.05), relu()'
DEPTH2="$DENSE, $DENSE, dense(10, w_std=1.5, b_std=0.05)"
mkdir -p "$WORK"

# shellcheck source=scripts/machine.sh
. "$ROOT/bench/scripts/machine.sh"

data() {
  local dir=$WORK/fmnist-$1-1000
  [ -f "$dir/yte.npy" ] || { mkdir -p "$dir"; python3 "$PY" prep "$dir" "$1" 1000; }
  echo "$dir"
}

# seconds LOG CMD...: runs CMD, its stdout to LOG; prints the wall seconds.
seconds() {
  local log=$1 start
  shift
  start=$(date +%s.%N)
  "$@" >"$log" 2>"$log.err" || { echo "failed: $* (see $log.err)" >&2; tail -3 "$log.err" >&2
    return 1; }
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'
}

kernel() {
  machine
  local n=${1:-3000} dir
  dir=$(data "$n")
  local common=(kernel --arch "$DEPTH2" --x1 "$dir/xtr.npy" --backend java)
  local single spark
  single=$(seconds "$WORK/kernel-single.log" java -jar "$JAR" "${common[@]}" \
    --out-nngp "$WORK/nngp.npy" --out-ntk "$WORK/ntk.npy")
  spark=$(seconds "$WORK/kernel-spark.log" java -jar "$SPARK_JAR" "${common[@]}" \
    --spark-master 'local[2]' --out-nngp "$WORK/spark-nngp.npy" --out-ntk "$WORK/spark-ntk.npy")
  local same=identical
  cmp -s "$WORK/nngp.npy" "$WORK/spark-nngp.npy" && cmp -s "$WORK/ntk.npy" "$WORK/spark-ntk.npy" \
    || same=DIFFERENT
  echo "| kernel, N = $n, NNGP + NTK float64 | single process $single s | local[2] $spark s |" \
    "bytes $same ($(stat -c %s "$WORK/ntk.npy") per kernel) |"
}

# cg LOG: seconds per conjugate-gradient iteration, from the solver's line.
cg() {
  sed -n 's/^  conjugate gradients: \([0-9]*\) iterations.*, \([0-9.]*\) s$/\1 \2/p' "$1" \
    | awk '{printf "%d iterations, %.1f ms each", $1, 1000 * $2 / $1}'
}

predict() {
  machine
  local n=${1:-3000} dir
  dir=$(data "$n")
  local common=(predict --arch "$DEPTH2" --x-train "$dir/xtr.npy" --y-train "$dir/ytr.npy"
    --x-test "$dir/xte.npy" --y-test "$dir/yte.npy" --t 10,100,inf --diag-reg 1e-3
    --backend java)
  local t_direct t_single t_cached t_recomputed
  t_direct=$(seconds "$WORK/predict-direct.log" java -jar "$JAR" "${common[@]}" \
    --solver direct --out-mean "$WORK/direct.npy")
  t_single=$(seconds "$WORK/predict-single.log" java -jar "$JAR" "${common[@]}" \
    --solver iterative --out-mean "$WORK/single.npy")
  t_cached=$(seconds "$WORK/predict-cached.log" java -jar "$SPARK_JAR" "${common[@]}" \
    --spark-master 'local[2]' --out-mean "$WORK/cached.npy")
  t_recomputed=$(seconds "$WORK/predict-recomputed.log" java -jar "$SPARK_JAR" \
    "${common[@]}" --spark-master 'local[2]' --recompute-kernel --out-mean "$WORK/recomputed.npy")
  echo "| predict, N = $n | wall s | conjugate gradients | relative difference of the test" \
    "outputs at t = 10 / 100 / inf |"
  echo "|---|---|---|---|"
  echo "| single process, --solver direct | $t_direct | | (reference) |"
  for run in single cached recomputed; do
    local t_var=t_$run
    echo "| $run | ${!t_var} | $(cg "$WORK/predict-$run.log") | $(python3 - \
      "$WORK/$run.npy" "$WORK/direct.npy" "$WORK/single.npy" <<'PY'
import sys
import numpy as np
a, direct, single = (np.load(p) for p in sys.argv[1:4])
rel = lambda x, y: " / ".join(f"{np.linalg.norm(u - v) / np.linalg.norm(v):.1e}"
                              for u, v in zip(x, y))
print(f"vs direct {rel(a, direct)}; vs single-process iterative {rel(a, single)}")
PY
    ) |"
  done
  echo
  echo "local[2] solver lines:"
  sed -n 's/^\(solver: \|  \)/    /p' "$WORK/predict-cached.log"
  sed -n 's/^  train kernel/    --recompute-kernel: train kernel/p' "$WORK/predict-recomputed.log"
}

case "${1:-}" in
  kernel | predict) "$@" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
