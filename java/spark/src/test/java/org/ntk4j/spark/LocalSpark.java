package org.ntk4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/** The tests' local[2] Spark driver: two task threads in the test JVM, on 127.0.0.1, no UI. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkContext start() {
    return new SparkContext(new SparkConf().setMaster("local[2]").setAppName("ntk4j-test")
        .set("spark.ui.enabled", "false").set("spark.log.level", "WARN")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
  }
}
