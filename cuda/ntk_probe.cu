/*
 * Roofline probes (bench/gpu-check.sh, CudaRooflineBenchmark): the copy bandwidth and the FMA
 * rate of the GPU, measured in the same run as the kernels so that their throughput can be
 * stated as a fraction of what this GPU can do.
 */

/* out[i] = in[i] over n 16-byte vectors, grid-stride: bytes moved = 2 · 16 · n. */
extern "C" __global__ void ntk_probe_copy(const float4 *__restrict__ in,
    float4 *__restrict__ out, long long n) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x) {
    out[i] = in[i];
  }
}

/*
 * CHAINS independent FMA chains per thread, iters steps each: 2 · CHAINS · iters flops per
 * thread. The sum is stored so the compiler cannot drop the work; m and c keep values bounded.
 */
#define CHAINS 8
template <typename T>
__device__ void fma_chains(T *out, int iters, T m, T c) {
  T x[CHAINS];
  for (int j = 0; j < CHAINS; j++) {
    x[j] = (T)(threadIdx.x + j) * (T)1e-3;
  }
  for (int i = 0; i < iters; i++) {
#pragma unroll
    for (int j = 0; j < CHAINS; j++) {
      x[j] = fma(x[j], m, c);
    }
  }
  T s = 0;
  for (int j = 0; j < CHAINS; j++) {
    s += x[j];
  }
  out[blockIdx.x * (long long)blockDim.x + threadIdx.x] = s;
}

extern "C" __global__ void ntk_probe_fma_f64(double *out, int iters, double m, double c) {
  fma_chains<double>(out, iters, m, c);
}

extern "C" __global__ void ntk_probe_fma_f32(float *out, int iters, float m, float c) {
  fma_chains<float>(out, iters, m, c);
}
