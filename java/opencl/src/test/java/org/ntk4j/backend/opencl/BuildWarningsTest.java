package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PoCL's compiler prints "N warnings generated." to the process's stderr itself, past Java's
 * streams, whenever a program has warnings: builds run with warnings off unless NTK4J_DEBUG is
 * set, which also prints the build log. Checked in a child JVM, whose real stderr is visible.
 */
class BuildWarningsTest {
  /** A program with a warning (an implicit conversion that changes the value). */
  static final String WARNS = "__kernel void k(__global int *x) { int y = 1.5; x[0] = y; }";

  @TempDir Path dir;

  /** Builds {@link #WARNS} on the first device (run in the child JVM). */
  public static void main(String[] args) {
    try (OpenClContext context = new OpenClContext(OpenClPlatforms.probe().device(0))) {
      // A fresh comment defeats PoCL's on-disk cache, which would skip the compiler.
      context.program(WARNS + "/* " + System.nanoTime() + " */", "");
    }
    System.out.println("built");
  }

  private String child(boolean debug) throws Exception {
    Path log = dir.resolve("child-" + debug + ".log");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), BuildWarningsTest.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("NTK4J_DEBUG");
    if (debug) {
      pb.environment().put("NTK4J_DEBUG", "1");
    }
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child build hangs");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void buildWarningsReachTheUserOnlyWithTheDebugFlag() throws Exception {
    OpenClTestSupport.requireOpenCl();
    String quiet = child(false);
    assertEquals(List.of("built"), quiet.lines().toList());
    String debug = child(true);
    assertTrue(debug.contains("ntk4j: debug: OpenCL build log"), debug);
    assertTrue(debug.contains("implicit conversion"), debug);
    assertFalse(quiet.contains("warning"), quiet);
  }
}
