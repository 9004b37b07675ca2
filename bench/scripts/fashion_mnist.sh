#!/usr/bin/env bash
# Fashion-MNIST prediction, ntk4j beside numpy in the same run (bench/RESULTS.md records it).
#
#   bench/scripts/fashion_mnist.sh N_TRAIN N_TEST TIMES [ntk4j options...]
#
# e.g. 10000 10000 inf --diag-reg 0.001  (the end-to-end job), 5000 10000 1,10,100,1000,inf.
# Needs Debian's dataset-fashion-mnist, python3 with numpy (the peer only) and the built jar
# (mvn -B -q package -DskipTests). Prints both timings, ntk4j's peak RSS, both accuracies and
# the relative difference of the predicted test means. Work files go to ${WORK:-/tmp/ntk4j-fm}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../../java/target/ntk4j.jar"
n_train=$1 n_test=$2 times=$3
shift 3
work="${WORK:-/tmp/ntk4j-fm}/$n_train-$n_test"
mkdir -p "$work"
arch="dense(512, w_std=1.5, b_std=0.05), relu(), dense(10, w_std=1.5, b_std=0.05)"

echo "== $(lscpu | grep 'Model name' | sed 's/ \+/ /g'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$work/xtr.npy" ] || python3 "$here/fashion_mnist_numpy.py" prep "$work" "$n_train" "$n_test"

echo "== numpy (kernels + linear algebra, same formulas)"
/usr/bin/time -f "numpy wall %e s, peak RSS %M KB" \
  python3 "$here/fashion_mnist_numpy.py" run "$work" --t "$times"

echo "== ntk4j (the README's command, no JVM flags)"
/usr/bin/time -f "ntk4j wall %e s, peak RSS %M KB" \
  java -jar "$jar" predict --arch "$arch" \
    --x-train "$work/xtr.npy" --y-train "$work/ytr.npy" \
    --x-test "$work/xte.npy" --y-test "$work/yte.npy" \
    --t "$times" --out-mean "$work/ntk4j_mean.npy" "$@"

python3 - "$work" <<'PY'
import sys, numpy as np
w = sys.argv[1]
a, b = np.load(f"{w}/ntk4j_mean.npy"), np.load(f"{w}/numpy_mean.npy")
for t in range(a.shape[0]):
    rel = np.linalg.norm(a[t] - b[t]) / np.linalg.norm(b[t])
    print(f"time {t}: ||ntk4j - numpy|| / ||numpy|| = {rel:.2e}")
PY
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
