// Just enough of CUDA to run ntk4j's kernels on CPU threads, for KernelsHostTest: a block's
// threads are std::threads meeting at a std::barrier for __syncthreads (a kernel that skips a
// barrier on some threads deadlocks here, as it would misbehave on a GPU); blocks run one at a
// time, so __shared__ arrays can be function statics. Kernels without __syncthreads run their
// threads in a loop.
#ifndef CUDA_HOST_SHIM_H
#define CUDA_HOST_SHIM_H
#include <barrier>
#include <cmath>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

using std::atan2;
using std::cos;
using std::exp;
using std::fabs;
using std::fma;
using std::fmax;
using std::sqrt;

struct dim3 {
  unsigned x = 1, y = 1, z = 1;
};
inline thread_local dim3 threadIdx, blockIdx;
inline dim3 blockDim, gridDim;
inline thread_local std::barrier<> *block_barrier = nullptr;

#define __global__
#define __device__
#define __forceinline__ inline
#define __noinline__
#define __shared__ static
#define __launch_bounds__(n)
#define __syncthreads() block_barrier->arrive_and_wait()

inline std::mutex atomic_mutex;
inline double atomicAdd(double *p, double v) {
  std::lock_guard<std::mutex> g(atomic_mutex);
  double old = *p;
  *p = old + v;
  return old;
}

/** Runs kernel() over grid × block; `barriers`: the kernel calls __syncthreads. */
inline void launch(dim3 grid, dim3 block, bool barriers, const std::function<void()> &kernel) {
  gridDim = grid;
  blockDim = block;
  unsigned threads = block.x * block.y * block.z;
  for (unsigned bz = 0; bz < grid.z; bz++)
    for (unsigned by = 0; by < grid.y; by++)
      for (unsigned bx = 0; bx < grid.x; bx++) {
        dim3 b{bx, by, bz};
        auto body = [&](unsigned t) {
          blockIdx = b;
          threadIdx = dim3{t % block.x, t / block.x % block.y, t / (block.x * block.y)};
          kernel();
        };
        if (!barriers) {
          for (unsigned t = 0; t < threads; t++) body(t);
          continue;
        }
        std::barrier<> bar(threads);
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; t++) {
          pool.emplace_back([&, t] {
            block_barrier = &bar;
            body(t);
          });
        }
        for (auto &th : pool) th.join();
      }
}
#endif
