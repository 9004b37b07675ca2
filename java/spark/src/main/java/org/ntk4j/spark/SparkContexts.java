package org.ntk4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.ntk4j.InvalidInputException;

/**
 * Starts the Spark driver for a kernel job run from the command line: the master given, or the
 * one spark-submit set; ntk4j's own jar shipped to the executors of a cluster; the driver of a
 * local master on the loopback address without a web UI; Spark's console progress and log off
 * unless configured (the command prints its own progress and errors). Settings come from
 * spark-submit or {@code -Dspark.*} properties, as for any Spark driver.
 */
final class SparkContexts {
  private static final int CONNECT_TIMEOUT_MS = 5000;
  private static final String LOG4J_CONFIGURATION = "log4j2.configurationFile";
  private static final String QUIET_LOGGING = "org/ntk4j/spark/log4j2-quiet.properties";

  private SparkContexts() {}

  /**
   * @param master a Spark master URL ({@code local[N]}, {@code spark://host:port}), or empty
   *     for the one spark-submit set ({@code spark.master})
   */
  static SparkContext start(String master) {
    quietLogging();
    SparkConf conf = new SparkConf();
    if (!master.isEmpty()) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      throw new InvalidInputException("--spark-master without a URL takes the master of"
          + " spark-submit, but this JVM was not started by spark-submit: give one, e.g."
          + " --spark-master local[2] or spark://host:7077");
    }
    String url = conf.get("spark.master");
    conf.setIfMissing("spark.app.name", "ntk4j");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    if (url.startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    } else {
      requireReachable(url);
      shipOwnJar(conf);
    }
    // Spark's launcher passes this to every JVM it starts; a driver started with java -jar
    // needs it too (Netty's direct buffers on Java 17).
    if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
      System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    }
    try {
      return new SparkContext(conf);
    } catch (Exception e) { // Spark throws its checked SparkException unannounced
      throw new InvalidInputException("cannot start Spark with master '" + url + "': "
          + e.getMessage());
    }
  }

  /**
   * Turns Spark's log off (the command line reports failures itself, in one line) unless the
   * user configured log4j or asked for debugging output (NTK4J_DEBUG).
   */
  private static void quietLogging() {
    ClassLoader loader = SparkContexts.class.getClassLoader();
    boolean configured = System.getProperty(LOG4J_CONFIGURATION) != null
        || loader.getResource("log4j2.properties") != null
        || loader.getResource("log4j2.xml") != null;
    if (!configured && System.getenv("NTK4J_DEBUG") == null) {
      System.setProperty(LOG4J_CONFIGURATION, QUIET_LOGGING);
    }
  }

  /** Fails fast, in one line, when no master of a spark:// URL (host:port[,host:port]) answers. */
  private static void requireReachable(String url) {
    if (!url.startsWith("spark://")) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (String hostPort : url.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      int port;
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new InvalidInputException("--spark-master " + url + ": '" + hostPort
            + "' is not host:port");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(hostPort.substring(0, colon), port), CONNECT_TIMEOUT_MS);
        return;
      } catch (IOException e) {
        failures.add(hostPort + " (" + e.getMessage() + ")");
      }
    }
    throw new InvalidInputException("cannot reach the Spark master at " + String.join(", ",
        failures) + ": start it, or check --spark-master");
  }

  /** Adds the jar holding ntk4j's classes to spark.jars, so the executors can load them. */
  private static void shipOwnJar(SparkConf conf) {
    Path jar;
    try {
      jar = Path.of(SparkContexts.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate ntk4j's jar", e);
    }
    if (!Files.isRegularFile(jar)) {
      return; // classes from a directory (an IDE, the tests): the executors' class path has them
    }
    String jars = conf.get("spark.jars", "");
    String uri = jar.toUri().toString();
    if (!jars.contains(jar.getFileName().toString())) {
      conf.set("spark.jars", jars.isEmpty() ? uri : jars + "," + uri);
    }
  }
}
