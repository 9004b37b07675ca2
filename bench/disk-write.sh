#!/usr/bin/env bash
# Kernel output at disk speed: what writing the two .npy kernels of `ntk4j kernel` costs, beside
# what `dd` needs to write and fsync the same number of bytes on the same disk, measured side by
# side (interleaved, RUNS times).
#
#   bash bench/disk-write.sh            # after `mvn -B -q package -DskipTests`
#   N=6000 RUNS=5 DIR=/some/disk bash bench/disk-write.sh
#
# For each backend (java: in memory, then written; opencl: streamed tile by tile with the resume
# journal) the cost of output is the wall time of `kernel --out-nngp --out-ntk` minus that of the
# same `kernel` without outputs. The job is made cheap to compute (X: N × 16, a one-layer ReLU
# net) so that writing dominates. The outputs are 2 × N² float64 (2 × 288 MB at N = 6000); dd
# writes 576 MiB with conv=fsync, as a program that forces its file to disk once at the end.
# Prints one line per run (with the load average) and the medians; the ratio is taken per run, dd
# beside the kernel, as the disk's own speed varies from minute to minute.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-java/target/ntk4j.jar}
N=${N:-6000}
RUNS=${RUNS:-3}
if [ -z "${DIR:-}" ]; then
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/ntk4j-disk.XXXXXX")
  made_dir=1
fi
ARCH="dense(1, w_std=1.5, b_std=0.05), relu(), dense(1, w_std=1.5, b_std=0.05)"
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -q package -DskipTests first" >&2; exit 2; }
trap 'rm -f "$DIR"/x.csv "$DIR"/nngp.npy "$DIR"/ntk.npy "$DIR"/dd.bin; [ -z "${made_dir:-}" ] || rmdir "$DIR"' EXIT

# Seeded uniform(-1, 1) inputs, N rows of 16.
awk -v n="$N" 'BEGIN { srand(7); for (i = 0; i < n; i++) { l = "";
  for (k = 0; k < 16; k++) l = l (k ? "," : "") sprintf("%.6f", rand() * 2 - 1); print l } }' \
  > "$DIR/x.csv"

seconds() {  # wall seconds of a command, its output discarded
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

kernel() {
  java -jar "$JAR" kernel --arch "$ARCH" --x1 "$DIR/x.csv" "$@"
}

backends="java"
if java -jar "$JAR" devices | grep -q '^opencl *yes'; then
  backends="java opencl"
fi

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; disk of $DIR: $(df -h "$DIR" | awk 'NR == 2 { print $1 }')"
echo "N = $N: 2 x $(( N * N * 8 / 1000000 )) MB float64; dd: 576 MiB with conv=fsync"
for b in $backends; do
  costs=()
  dds=()
  ratios=()
  for r in $(seq "$RUNS"); do
    none=$(seconds kernel --backend "$b")
    out=$(seconds kernel --backend "$b" --out-nngp "$DIR/nngp.npy" --out-ntk "$DIR/ntk.npy")
    rm -f "$DIR/nngp.npy" "$DIR/ntk.npy"
    dd=$(seconds dd if=/dev/zero of="$DIR/dd.bin" bs=1M count=576 conv=fsync status=none)
    rm -f "$DIR/dd.bin"
    cost=$(echo "$out - $none" | bc -l)
    costs+=("$cost")
    dds+=("$dd")
    ratios+=("$(echo "$cost / $dd" | bc -l)")
    printf '%s run %d: kernel %.2f s without output, %.2f s with: output costs %.2f s; dd %.2f s; ratio %.2f; load %s\n' \
      "$b" "$r" "$none" "$out" "$cost" "$dd" "$(echo "$cost / $dd" | bc -l)" \
      "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
  printf '%s medians: output costs %.2f s, dd %.2f s; ratio per run %.2f (target <= 2)\n' "$b" \
    "$(median "${costs[@]}")" "$(median "${dds[@]}")" "$(median "${ratios[@]}")"
done
