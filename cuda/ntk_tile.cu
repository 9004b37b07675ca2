/*
 * The fused tile kernels of opencl/ntk_tile.cl (written once for both dialects: row norms, the
 * diagonal with its variance tables, and tiles of pairs that read those tables), built for
 * CUDA: 64×64 outputs per thread block from 16-deep panels in shared memory, with the
 * architecture's flat KernelProgram run by the interpreter of ntk_program.cuh over the
 * encoding of org.ntk4j.backend.cuda.ProgramCode, passed as four more kernel arguments.
 * Every thread of the grid runs the same program, so the branches are uniform and cost a few
 * instructions per op next to the expectations' atan2/sqrt. This keeps kernels prebuilt as
 * PTX: run-time CUDA C compilation would need NVRTC, which JCuda 12.6 binds as
 * libnvrtc.so.12, absent on CUDA-13-only machines (README, "CUDA").
 *
 * Instantiated per precision (f64, f32) and register-set count: s1 keeps one register set in
 * registers (plain stacks), s16 holds up to NTK_MAX_SETS (fan-out architectures); the kernels
 * are named e.g. ntk_tile_f64_s1, ntk_diagonal_f64_s1, ntk_norms_f64_s1.
 */
#include "ntk_dialect.h"
#include "ntk_program.cuh"

#define BLK 16 /* threads per block edge */
#define WPT 4  /* outputs per thread per edge */
#define TK 16  /* depth of one shared-memory panel */
#define STORE REAL
#define ACC REAL
#define NTK_PROGRAM_PARAMS \
  , const int *NTK_RESTRICT code, const int ncode, const REAL *NTK_RESTRICT consts, const int out
#define NTK_DIAG(...) ntk_run_diag<REAL, NTK_SETS>(code, ncode, consts, out, __VA_ARGS__)
#define NTK_PAIR(...) ntk_run_pair<REAL, NTK_SETS>(code, ncode, consts, out, __VA_ARGS__)

#define REAL double
#define NTK_SETS 1
#define NTK_SUFFIX f64_s1
#include "ntk_tile.cl"
#undef NTK_SETS
#undef NTK_SUFFIX
#define NTK_SETS NTK_MAX_SETS
#define NTK_SUFFIX f64_s16
#include "ntk_tile.cl"
#undef REAL
#undef NTK_SETS
#undef NTK_SUFFIX

#define REAL float
#define NTK_SETS 1
#define NTK_SUFFIX f32_s1
#include "ntk_tile.cl"
#undef NTK_SETS
#undef NTK_SUFFIX
#define NTK_SETS NTK_MAX_SETS
#define NTK_SUFFIX f32_s16
#include "ntk_tile.cl"
#undef REAL
#undef NTK_SETS
#undef NTK_SUFFIX
