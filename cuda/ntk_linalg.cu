/*
 * The linear-algebra kernels of opencl/ntk_linalg.cl (written once for both dialects), built
 * for CUDA in both precisions: ntk_gemm_f64, ntk_gemm_f32, ... (NTK_KERNEL_NAME).
 */
#include "ntk_dialect.h"

/*
 * The panel width of the blocked Cholesky and triangular solves (CudaLinearAlgebra.NB): the
 * inner dimension of Cholesky's trailing GEMM updates, so wider panels halve their memory
 * traffic; 64 fills 33 KB of shared memory.
 */
#define NB 64

#define REAL double
#define NTK_SUFFIX f64
#include "ntk_linalg.cl"
#undef REAL
#undef NTK_SUFFIX

#define REAL float
#define NTK_SUFFIX f32
#include "ntk_linalg.cl"
#undef REAL
#undef NTK_SUFFIX
