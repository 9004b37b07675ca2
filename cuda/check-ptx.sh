#!/usr/bin/env bash
# Assembles every PTX file in <dir> for sm_90 with ptxas: any error fails (exit 1). Fails too
# when the directory holds no PTX, so a CI run that expected PTX notices when none was built.
#   check-ptx.sh <dir with .ptx files>
set -euo pipefail
dir=$1
shopt -s nullglob
files=("$dir"/*.ptx)
if [ ${#files[@]} -eq 0 ]; then
  echo "[ntk4j] no PTX files in $dir (was nvcc on the PATH during the build?)" >&2
  exit 1
fi
for ptx in "${files[@]}"; do
  ptxas -arch=sm_90 "$ptx" -o /dev/null
done
echo "[ntk4j] ptxas -arch=sm_90 assembled ${#files[@]} PTX file(s) in $dir"
