/*
 * The two device dialects as one: the kernels written once for OpenCL and CUDA (ntk_tile.cl,
 * ntk_linalg.cl) use these macros for what the dialects spell differently, and plain C for the
 * rest. OpenCL C compilers define __OPENCL_C_VERSION__ (1.1: __OPENCL_VERSION__); anything else
 * is CUDA, compiled by nvcc (the .cu files of cuda/) or as C++ over the CPU emulation of the
 * host tests (cuda_host_shim.h).
 *
 *   NTK_KERNEL              qualifies an exported kernel
 *   NTK_GROUP_SIZE(x, y)    the work-group (thread block) shape a kernel requires, x·y items
 *   NTK_KERNEL_NAME(name)   an exported kernel's name: as is in OpenCL (one program per
 *                           precision), name_<NTK_SUFFIX> in CUDA (one module holds every
 *                           instantiation, e.g. ntk_gemm_f64)
 *   NTK_GLOBAL, NTK_LOCAL   address spaces: device memory, work-group (shared) memory
 *   NTK_RESTRICT            a pointer that aliases no other
 *   NTK_BARRIER()           every work-item of the group waits, local memory consistent
 *   NTK_LOCAL_ID(d), NTK_GROUP_ID(d), NTK_LOCAL_SIZE(d), NTK_GLOBAL_ID(d)
 *                           indices along dimension d = 0, 1, 2 (x, y, z), as int; d must be
 *                           a constant (PoCL cannot link get_global_id of a variable)
 *   NTK_LONG                a 64-bit integer
 *   NTK_UNROLL              asks for the next loop to be unrolled (CUDA only: OpenCL devices
 *                           get the loops as written)
 */
#ifndef NTK_DIALECT_H
#define NTK_DIALECT_H

#if defined(__OPENCL_C_VERSION__) || defined(__OPENCL_VERSION__)

#define NTK_KERNEL __kernel
#define NTK_GROUP_SIZE(x, y) __attribute__((reqd_work_group_size(x, y, 1)))
#define NTK_KERNEL_NAME(name) name
#define NTK_GLOBAL __global
#define NTK_LOCAL __local
#define NTK_RESTRICT
#define NTK_BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
#define NTK_LOCAL_ID(d) ((int)get_local_id(d))
#define NTK_GROUP_ID(d) ((int)get_group_id(d))
#define NTK_LOCAL_SIZE(d) ((int)get_local_size(d))
#define NTK_GLOBAL_ID(d) ((int)get_global_id(d))
#define NTK_LONG long
#define NTK_UNROLL

#else

#define NTK_KERNEL extern "C" __global__
#define NTK_GROUP_SIZE(x, y) __launch_bounds__((x) * (y))
#define NTK_PASTE(a, b) a##_##b
#define NTK_PASTE_EXPANDED(a, b) NTK_PASTE(a, b)
#define NTK_KERNEL_NAME(name) NTK_PASTE_EXPANDED(name, NTK_SUFFIX)
#define NTK_GLOBAL
#define NTK_LOCAL __shared__
#define NTK_RESTRICT __restrict__
#define NTK_BARRIER() __syncthreads()
/* dim3 members by dimension number; d is a constant at every use, so this folds away. */
#define NTK_DIM(v, d) ((int)((d) == 0 ? (v).x : (d) == 1 ? (v).y : (v).z))
#define NTK_LOCAL_ID(d) NTK_DIM(threadIdx, d)
#define NTK_GROUP_ID(d) NTK_DIM(blockIdx, d)
#define NTK_LOCAL_SIZE(d) NTK_DIM(blockDim, d)
#define NTK_GLOBAL_ID(d) (NTK_GROUP_ID(d) * NTK_LOCAL_SIZE(d) + NTK_LOCAL_ID(d))
#define NTK_LONG long long
#define NTK_UNROLL _Pragma("unroll")

#endif

#endif
