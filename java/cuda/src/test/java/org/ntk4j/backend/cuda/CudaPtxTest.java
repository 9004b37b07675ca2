package org.ntk4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PTX the build made from cuda/*.cu is in the jar and assembles for a real GPU target, so
 * a CUDA error fails the build on a machine with no GPU.
 */
class CudaPtxTest {

  static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyModuleIsInTheJarAndAssemblesForSm90() throws Exception {
    assumeTrue(onPath("nvcc") && onPath("ptxas"),
        "nvcc/ptxas are not on the PATH here, so the build made no PTX to check");
    for (String module : CudaPtx.MODULES) {
      Optional<String> ptx = CudaPtx.read(module);
      assertTrue(ptx.isPresent(), module + ".ptx is missing from the jar although nvcc is here");
      assertTrue(ptx.get().contains(".entry"), module + ".ptx has no kernels");
      assertEquals(0, ptxas(ptx.get()), "ptxas rejected " + module + ".ptx");
    }
  }

  private static int ptxas(String ptx) throws IOException, InterruptedException {
    Path file = Files.createTempFile("ntk4j", ".ptx");
    try {
      Files.writeString(file, ptx, StandardCharsets.US_ASCII);
      Process p = new ProcessBuilder("ptxas", "-arch=sm_90", file.toString(), "-o", "/dev/null")
          .inheritIO().start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptxas took over two minutes");
      return p.exitValue();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void driverVersionNeededFollowsThePtxIsa() {
    assertEquals(13000, CudaPtx.requiredDriver("// x\n.version 9.0\n.target sm_75\n"));
    assertEquals(12050, CudaPtx.requiredDriver(".version 8.5\n"));
    assertEquals(12080, CudaPtx.requiredDriver(".version 8.7\n"));
    assertEquals(12090, CudaPtx.requiredDriver(".version 8.8\n"));
    assertEquals(12000, CudaPtx.requiredDriver(".version 8.0\n"));
    assertThrows(IllegalArgumentException.class, () -> CudaPtx.requiredDriver("hello"));
    assertEquals("13.0", CudaPtx.versionText(13000));
    assertEquals("12.9", CudaPtx.versionText(12090));
  }
}
