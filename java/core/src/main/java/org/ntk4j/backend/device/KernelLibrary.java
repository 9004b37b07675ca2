package org.ntk4j.backend.device;

/**
 * The kernels of one built source, by the name they have there (e.g. {@code ntk_gemm} of
 * opencl/ntk_linalg.cl); a backend maps the name to its own (CUDA adds the precision suffix).
 */
@FunctionalInterface
public interface KernelLibrary {
  Kernel kernel(String name);
}
