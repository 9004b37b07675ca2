#!/usr/bin/env bash
# Compiles every cuda/*.cu to PTX for the jar (run by the Maven build, java/pom.xml).
#   build-ptx.sh <cuda source dir> <include dir for ntk_expectations.h> <output dir>
# Without nvcc on the PATH it builds nothing and says so: the jar then has no PTX and the CUDA
# backend reports itself unavailable for that reason. With nvcc, every PTX file is also
# assembled by ptxas (check-ptx.sh) so a CUDA error fails the build on machines with no GPU.
# compute_75 is the oldest target nvcc 13 accepts; its PTX (ISA 9.0 from nvcc 13) runs on any
# sm_75+ GPU with a CUDA 13 (R580+) driver, JIT-compiled by the driver on first load.
# --fmad=false: no contraction of a·b + c, so sums round as in the float64 oracle (explicit
# fma() calls, as in the GEMM, still fuse).
set -euo pipefail
src=$1
inc=$2
out=$3
arch=${NTK4J_PTX_ARCH:-compute_75}
if ! command -v nvcc >/dev/null 2>&1; then
  echo "[ntk4j] nvcc is not on the PATH: no PTX built; the CUDA backend will be unavailable"
  exit 0
fi
mkdir -p "$out"
for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  nvcc -arch="$arch" -ptx -std=c++17 --fmad=false -I "$inc" -o "$out/$name.ptx" "$cu"
done
echo "[ntk4j] built PTX with $(nvcc --version | tail -1) for $arch into $out"
"$(dirname "$0")/check-ptx.sh" "$out"
