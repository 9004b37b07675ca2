// Runs the CUDA interpreter (cuda/ntk_program.cuh) on the CPU, for ProgramInterpreterHostTest,
// as the tile kernels do: the diagonal program of each input fills its variance table, the pair
// program reads the two tables.
// stdin:  bits(64|32) sets ncode code[ncode] nconst const[nconst] output npairs, then npairs
//         triples "q12 q11 q22" (hex floats or decimals)
// stdout: one line per pair "nngp ntk" from the pair program, then one line per pair
//         "nngp ntk" from the diagonal program at q11; %a (exact hex floats)
#include <cstdio>
#include <vector>

#include "ntk_program.cuh"

template <typename R, int SETS>
static void run(const std::vector<int> &code, const std::vector<double> &constants, int out,
    const std::vector<double> &pairs) {
  std::vector<R> k(constants.begin(), constants.end());
  size_t n = pairs.size() / 3;
  // An elementwise op takes 4 ints, so ncode bounds the variance points.
  std::vector<R> vars1(code.size() + 1), vars2(code.size() + 1);
  std::vector<R> diag(2 * n);
  for (size_t i = 0; i < n; i++) {
    R nngp, ntk;
    ntk_run_diag<R, SETS>(code.data(), (int)code.size(), k.data(), out, (R)pairs[3 * i + 1],
        &diag[2 * i], &diag[2 * i + 1], vars1.data(), 1);
    ntk_run_diag<R, SETS>(code.data(), (int)code.size(), k.data(), out, (R)pairs[3 * i + 2],
        &nngp, &ntk, vars2.data(), 1);
    ntk_run_pair<R, SETS>(code.data(), (int)code.size(), k.data(), out, (R)pairs[3 * i],
        vars1.data(), 1, vars2.data(), 1, &nngp, &ntk);
    std::printf("%a %a\n", (double)nngp, (double)ntk);
  }
  for (size_t i = 0; i < n; i++) {
    std::printf("%a %a\n", (double)diag[2 * i], (double)diag[2 * i + 1]);
  }
}

int main() {
  int bits, sets, ncode, nconst, out, npairs;
  if (std::scanf("%d %d %d", &bits, &sets, &ncode) != 3) return 2;
  std::vector<int> code(ncode);
  for (int &c : code) {
    if (std::scanf("%d", &c) != 1) return 2;
  }
  if (std::scanf("%d", &nconst) != 1) return 2;
  std::vector<double> constants(nconst);
  for (double &c : constants) {
    if (std::scanf("%lf", &c) != 1) return 2;
  }
  if (std::scanf("%d %d", &out, &npairs) != 2) return 2;
  std::vector<double> pairs(3 * npairs);
  for (double &p : pairs) {
    if (std::scanf("%lf", &p) != 1) return 2;
  }
  // The kernel variants: s1 when the program has one register set, else s16 (NTK_MAX_SETS).
  if (bits == 64) {
    if (sets == 1) run<double, 1>(code, constants, out, pairs);
    else run<double, NTK_MAX_SETS>(code, constants, out, pairs);
  } else {
    if (sets == 1) run<float, 1>(code, constants, out, pairs);
    else run<float, NTK_MAX_SETS>(code, constants, out, pairs);
  }
  return 0;
}
