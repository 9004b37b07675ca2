package org.ntk4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA kernels themselves without a GPU: cuda/ntk_linalg.cu and cuda/ntk_tile.cu (the
 * shared opencl/ntk_linalg.cl and opencl/ntk_tile.cl in the CUDA dialect) compiled as C++
 * against a small CUDA emulation (cuda_host_shim.h: a block's threads are CPU threads,
 * __syncthreads a barrier) and launched with the Java host code's grids and call sequences
 * (kernels_host.cpp): GEMM in every transpose, blocked Cholesky (and its failure report),
 * triangular solves in every orientation, Jacobi eigh, the diagonal scaling, and fused tiles
 * reading the diagonal kernel's variance tables, symmetric and not, at several edges, bit for
 * bit against the same program on Gram entries summed in order. Not covered: what only a GPU shows (warp scheduling, memory limits, the
 * driver's JIT, JCuda's argument passing), which CudaFloat64ContractTest checks on a GPU.
 */
class KernelsHostTest {
  @TempDir Path dir;

  @Test
  void everyKernelAgreesWithPlainLoopsOnCpuThreads() throws Exception {
    assumeTrue(CudaPtxTest.onPath("g++"), "g++ is not on the PATH: cannot build the kernels"
        + " for the CPU");
    for (String source : new String[] {"ntk_linalg.cu", "ntk_tile.cu", "ntk_program.cuh",
        "ntk_program_codes.h"}) {
      copy("/org/ntk4j/cuda/" + source, source);
    }
    for (String shared : new String[] {"ntk_dialect.h", "ntk_linalg.cl", "ntk_tile.cl",
        "ntk_expectations.h"}) {
      copy("/org/ntk4j/opencl/" + shared, shared);
    }
    copy("/org/ntk4j/backend/cuda/cuda_host_shim.h", "cuda_host_shim.h");
    copy("/org/ntk4j/backend/cuda/kernels_host.cpp", "kernels_host.cpp");
    Path binary = dir.resolve("kernels_host");
    String build = run(new ProcessBuilder("g++", "-std=c++20", "-O1", "-ffp-contract=off",
        "-pthread", "-Wno-unknown-pragmas", "-I", dir.toString(),
        dir.resolve("kernels_host.cpp").toString(), "-o", binary.toString()), 300);
    assertTrue(Files.isExecutable(binary), "g++ failed:\n" + build);
    ProcessBuilder pb = new ProcessBuilder(binary.toString());
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the emulated kernels hung:\n" + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("ok tiles f64 symmetric edge 64"), out);
    assertTrue(out.strip().endsWith("0 failure(s)"), out);
  }

  private void copy(String resource, String name) throws IOException {
    try (InputStream in = KernelsHostTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is not on the classpath");
      Files.write(dir.resolve(name), in.readAllBytes());
    }
  }

  private static String run(ProcessBuilder pb, int seconds) throws Exception {
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "timed out:\n" + out);
    return out;
  }
}
