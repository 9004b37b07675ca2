#!/usr/bin/env bash
# Predictions at any N (issue 11): what the Krylov solvers cost on Fashion-MNIST, measured with
# the project's jar beside numpy. Each part prints markdown rows for bench/RESULTS.md, with the
# machine and its load at the start. Needs the jar (mvn -B -q package -DskipTests), Debian's
# dataset-fashion-mnist, GNU time (/usr/bin/time) and, for the peer and the data files, numpy.
#
#   bench/krylov.sh table [N ...]   depth-1 ReLU NTK, t = inf, diag_reg 1e-3, 2000 test images:
#                                   wall time, peak RSS and accuracy of --solver iterative and
#                                   --solver direct (where it fits) per N (default 1000 2000 5000
#                                   10000)
#   bench/krylov.sh finite          N = 5000 / 2000, depth-2 ReLU NTK, t = 1,10,100,1000,inf:
#                                   ntk4j (--solver auto) against numpy's eigh closed form (kernels +
#                                   one eigh + products), timed one after the other, and the
#                                   relative difference of the test outputs at every time
#   bench/krylov.sh convergence     N = 10000: the residual against the iteration, drawn to
#                                   docs/experiments/convergence.png
#   bench/krylov.sh files [N M]     depth 1, t = inf, diag_reg 1e-3, --tolerance 1e-4, through
#                                   files: both kernels streamed to float32 .npy files on PoCL
#                                   (resumable with --resume), then predict over the files; the
#                                   default, the full data set 60000 / 10000, is the issue's
#                                   acceptance run (under 45 min, under 22 GB, at least 89%)
#
# Long parts want a quiet machine: check `uptime` first; WORK (default /tmp/ntk4j-krylov) holds
# the data and kernels (the full run writes 16.8 GB there).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/java/target/ntk4j.jar
PY=$ROOT/bench/scripts/fashion_mnist_numpy.py
WORK=${WORK:-/tmp/ntk4j-krylov}
DENSE='dense(512, w_std=1.5, b_std=0.05), relu()'
READOUT='dense(10, w_std=1.5, b_std=0.05)'
DEPTH1="$DENSE, $READOUT"
DEPTH2="$DENSE, $DENSE, $READOUT"
mkdir -p "$WORK"

# shellcheck source=scripts/machine.sh
. "$ROOT/bench/scripts/machine.sh"

# data N M: the first N training and M test images as .npy files, once.
data() {
  local dir=$WORK/fmnist-$1-$2
  [ -f "$dir/yte.npy" ] || { mkdir -p "$dir"; python3 "$PY" prep "$dir" "$1" "$2"; }
  echo "$dir"
}

# timed LOG CMD...: runs CMD with GNU time; sets SECONDS_TAKEN and RSS_GB from LOG.time.
timed() {
  local log=$1
  shift
  /usr/bin/time -f '%e %M' -o "$log.time" "$@" >"$log" 2>"$log.err" || {
    echo "failed: $* (see $log.err)" >&2; tail -3 "$log.err" >&2; return 1; }
  read -r SECONDS_TAKEN rss_kb <"$log.time"
  RSS_GB=$(awk -v k="$rss_kb" 'BEGIN {printf "%.2f", k / 1048576}')
}

# accuracy LOG: the test accuracy of the t=inf row.
accuracy() {
  awk '/^t=inf/ {print $NF}' "$1"
}

table() {
  machine
  echo "| N | solver | wall s | peak RSS GB | test acc | solver lines |"
  echo "|---|---|---|---|---|---|"
  local sizes=${*:-1000 2000 5000 10000}
  for n in $sizes; do
    local dir
    dir=$(data "$n" 2000)
    for solver in iterative direct; do
      local log=$WORK/table-$n-$solver.log
      if timed "$log" java -jar "$JAR" predict --arch "$DEPTH1" --x-train "$dir/xtr.npy" \
          --y-train "$dir/ytr.npy" --x-test "$dir/xte.npy" --y-test "$dir/yte.npy" \
          --t inf --diag-reg 1e-3 --solver "$solver"; then
        echo "| $n | $solver | $SECONDS_TAKEN | $RSS_GB | $(accuracy "$log") |" \
          "$(grep -E '^  ' "$log" | sed 's/^ *//' | paste -sd';' -) |"
      else
        echo "| $n | $solver | refused or failed: $(grep -m1 error "$log.err" | head -c 200) |"
      fi
    done
  done
}

finite() {
  machine
  local dir
  dir=$(data 5000 2000)
  local times=1,10,100,1000,inf
  timed "$WORK/finite-numpy.log" python3 "$PY" run "$dir" --t "$times" --depth 2
  local numpy_s=$SECONDS_TAKEN numpy_gb=$RSS_GB
  timed "$WORK/finite-ntk4j.log" java -jar "$JAR" predict --arch "$DEPTH2" \
    --x-train "$dir/xtr.npy" --y-train "$dir/ytr.npy" --x-test "$dir/xte.npy" \
    --y-test "$dir/yte.npy" --t "$times" --diag-reg 1e-3 --out-mean "$WORK/finite-ntk4j.npy"
  echo "numpy (OpenBLAS): $numpy_s s, $numpy_gb GB; $(grep '^numpy: load' "$WORK/finite-numpy.log")"
  echo "ntk4j ($(sed -n 's/^solver: //p' "$WORK/finite-ntk4j.log")): $SECONDS_TAKEN s, $RSS_GB GB;" \
    "ratio $(awk -v a="$numpy_s" \
    -v b="$SECONDS_TAKEN" 'BEGIN {printf "%.2f", a / b}')x"
  sed -n 's/^  /  ntk4j: /p' "$WORK/finite-ntk4j.log"
  python3 - "$dir/numpy_mean.npy" "$WORK/finite-ntk4j.npy" "$times" <<'PY'
import sys
import numpy as np
a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
for t, x, y in zip(sys.argv[3].split(","), a, b):
    print(f"t={t}: relative difference {np.linalg.norm(x - y) / np.linalg.norm(x):.2e}")
PY
}

convergence() {
  machine
  local dir
  dir=$(data 10000 2000)
  timed "$WORK/convergence.log" java -jar "$JAR" predict --arch "$DEPTH1" \
    --x-train "$dir/xtr.npy" --y-train "$dir/ytr.npy" --x-test "$dir/xte.npy" \
    --y-test "$dir/yte.npy" --t inf --diag-reg 1e-3 --solver iterative --precision float32 \
    --plot-convergence "$ROOT/docs/experiments/convergence.png"
  echo "N = 10000: $SECONDS_TAKEN s, $RSS_GB GB, accuracy $(accuracy "$WORK/convergence.log")"
  sed -n 's/^  /  /p' "$WORK/convergence.log"
}

# files [N M]: the route for kernels larger than the heap, on the first N / M images (default: all
# of them, 60000 / 10000, by the data set names): both kernels streamed to float32 .npy files on
# PoCL (resumable with --resume), then predict over the memory-mapped files.
files() {
  machine
  local n=${1:-60000} m=${2:-10000} xtr xte ytr yte
  if [ "$n" = 60000 ] && [ "$m" = 10000 ]; then
    xtr=fashion-mnist-train xte=fashion-mnist-test
    ytr=fashion-mnist-train-onehot yte=fashion-mnist-test-onehot
  else
    local dir
    dir=$(data "$n" "$m")
    xtr=$dir/xtr.npy xte=$dir/xte.npy ytr=$dir/ytr.npy yte=$dir/yte.npy
  fi
  local k=$WORK/k_train-$n.npy kt=$WORK/k_test_train-$n-$m.npy
  timed "$WORK/files-k-$n.log" java -jar "$JAR" kernel --arch "$DEPTH1" --x1 "$xtr" \
    --out-ntk "$k" --precision float32 --backend opencl --resume
  echo "train-train kernel ($n): $SECONDS_TAKEN s, $RSS_GB GB"
  timed "$WORK/files-kt-$n.log" java -jar "$JAR" kernel --arch "$DEPTH1" --x1 "$xte" \
    --x2 "$xtr" --out-ntk "$kt" --precision float32 --backend opencl --resume
  echo "test-train kernel ($m x $n): $SECONDS_TAKEN s, $RSS_GB GB"
  timed "$WORK/files-predict-$n.log" java -jar "$JAR" predict --k-train "$k" --k-test-train \
    "$kt" --y-train "$ytr" --y-test "$yte" --t inf --diag-reg 1e-3 --tolerance 1e-4 \
    --plot-convergence "$WORK/files-convergence-$n.png"
  echo "predict: $SECONDS_TAKEN s, $RSS_GB GB, accuracy $(accuracy "$WORK/files-predict-$n.log")"
  cat "$WORK/files-predict-$n.log"
}

"${1:?usage: bench/krylov.sh table|finite|convergence|files}" "${@:2}"
