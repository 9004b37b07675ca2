// Runs the CUDA interpreter (cuda/ntk_program.cuh) on the CPU, for ProgramInterpreterHostTest.
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
  for (size_t i = 0; i < n; i++) {
    R nngp, ntk;
    run_program<R, SETS, 3>(code.data(), (int)code.size(), k.data(), out, (R)pairs[3 * i],
        (R)pairs[3 * i + 1], (R)pairs[3 * i + 2], &nngp, &ntk);
    std::printf("%a %a\n", (double)nngp, (double)ntk);
  }
  for (size_t i = 0; i < n; i++) {
    R q = (R)pairs[3 * i + 1];
    R nngp, ntk;
    run_program<R, SETS, 1>(code.data(), (int)code.size(), k.data(), out, q, q, q, &nngp, &ntk);
    std::printf("%a %a\n", (double)nngp, (double)ntk);
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
  // The kernel variants: s1 when the program has one register set, else s16 (MANY).
  if (bits == 64) {
    if (sets == 1) run<double, 1>(code, constants, out, pairs);
    else run<double, 16>(code, constants, out, pairs);
  } else {
    if (sets == 1) run<float, 1>(code, constants, out, pairs);
    else run<float, 16>(code, constants, out, pairs);
  }
  return 0;
}
