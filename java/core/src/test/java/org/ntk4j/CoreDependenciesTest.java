package org.ntk4j;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A library user who takes only ntk4j-core gets no GPU binding, CLI parser, plotting library or
 * Spark: none of them is on the core module's class path (its tests see exactly its
 * dependencies).
 */
class CoreDependenciesTest {
  @ParameterizedTest
  @ValueSource(strings = {"org.jocl.CL", "jcuda.driver.JCudaDriver", "jcuda.jcublas.JCublas2",
      "picocli.CommandLine", "org.knowm.xchart.XYChart", "org.apache.spark.SparkContext"})
  void isNotOnTheCoreClassPath(String className) {
    assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
  }
}
