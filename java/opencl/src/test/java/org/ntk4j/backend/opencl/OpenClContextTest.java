package org.ntk4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;

/** Device errors a user must be able to act on. */
class OpenClContextTest {

  @BeforeAll
  static void requireOpenCl() {
    OpenClTestSupport.requireOpenCl();
  }

  @Test
  void buildFailureShowsTheCompilerLog() {
    try (OpenClContext context = new OpenClContext(OpenClPlatforms.probe().device(0))) {
      OpenClException e = assertThrows(OpenClException.class, () -> context.program(
          "__kernel void broken(__global float *x) { x[0] = undeclared_name; }", ""));
      assertTrue(e.getMessage().contains("build log"), e.getMessage());
      assertTrue(e.getMessage().contains("undeclared_name"), e.getMessage());
    }
  }

  @Test
  void builtProgramsAreCached() {
    try (OpenClContext context = new OpenClContext(OpenClPlatforms.probe().device(0))) {
      String source = "__kernel void one(__global float *x) { x[0] = 1.0f; }";
      OpenClProgram first = context.program(source, "");
      assertSame(first, context.program(source, ""));
    }
  }

  @Test
  void deviceOutOfRangeNamesTheChoices() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> OpenClPlatforms.probe().device(99));
    assertTrue(e.getMessage().contains("ntk4j devices"), e.getMessage());
  }
}
