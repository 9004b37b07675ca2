package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.ntk4j.InvalidInputException;

/** Without Spark on the class path (ntk4j.jar), --spark-master says where to get it. */
class SparkKernelsTest {
  @Test
  void aClassPathWithoutSparkIsRefusedWithTheFix() throws Exception {
    try (URLClassLoader withoutSpark = new URLClassLoader(new URL[0], null)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> SparkKernels.requireSpark(withoutSpark));
      assertTrue(e.getMessage().contains("java -jar ntk4j-spark.jar")
          && e.getMessage().contains("spark-submit"), e.getMessage());
    }
    assertDoesNotThrow(() -> SparkKernels.requireSpark(getClass().getClassLoader()));
  }
}
