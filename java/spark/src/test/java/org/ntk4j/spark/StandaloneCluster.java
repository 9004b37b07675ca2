package org.ntk4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on the loopback address, from the Spark jars on the test class
 * path: a master and workers as child JVMs (one core, 512 MB and one GPU for executors each),
 * every worker with its own work directory, where it starts its executors' JVMs. Spark's
 * launcher wants a Spark home with a jars directory; an empty one serves, as the executors get
 * the test class path as their extra class path. The GPUs are what Spark's resource scheduling
 * sees: worker i's discovery script reports one GPU at address i (there is no device behind
 * it; a backend that needs none, java, ignores it).
 */
final class StandaloneCluster implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  private static final String MEMORY = "512m";
  private static final long START_TIMEOUT_MS = 90_000;

  private final Path root;
  private final int masterPort;
  private final String classPath;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();

  StandaloneCluster(Path root, int workers) throws IOException, InterruptedException {
    this.root = root;
    this.classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Files.createDirectories(root.resolve("spark-home").resolve("jars"));
    Path gpus = root.resolve("gpus.sh");
    Files.writeString(gpus, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"'"
        + "$NTK4J_TEST_GPU'\"]}'\n");
    gpus.toFile().setExecutable(true);
    this.masterPort = freePort();
    this.master = start("master", List.of(), Map.of(), "org.apache.spark.deploy.master.Master",
        "--host", HOST, "--port", Integer.toString(masterPort), "--webui-port", "0");
    awaitListening(masterPort);
    for (int i = 0; i < workers; i++) {
      Path work = root.resolve("worker-" + i);
      Files.createDirectories(work);
      workDirs.add(work);
      this.workers.add(start("worker-" + i, List.of("-Dspark.worker.resource.gpu.amount=1",
          "-Dspark.worker.resource.gpu.discoveryScript=" + gpus), Map.of("NTK4J_TEST_GPU",
          Integer.toString(i)), "org.apache.spark.deploy.worker.Worker", "--host", HOST,
          "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", MEMORY, "--work-dir",
          work.toString(), masterUrl()));
    }
  }

  String masterUrl() {
    return "spark://" + HOST + ":" + masterPort;
  }

  /**
   * A driver's configuration for this cluster: one executor of one core per worker, one GPU
   * for each task.
   */
  SparkConf driverConf(String appName) {
    return new SparkConf().setMaster(masterUrl()).setAppName(appName)
        .set("spark.driver.host", HOST)
        .set("spark.driver.bindAddress", HOST)
        .set("spark.executor.memory", MEMORY)
        .set("spark.executor.cores", "1")
        .set("spark.cores.max", Integer.toString(workers.size()))
        .set("spark.executor.resource.gpu.amount", "1")
        .set("spark.task.resource.gpu.amount", "1")
        .set("spark.executor.extraClassPath", classPath)
        .set("spark.executor.extraJavaOptions", "-XX:+UseSerialGC")
        .set("spark.ui.enabled", "false")
        .set("spark.log.level", "WARN");
  }

  /** The worker whose work directory holds {@code executorId}'s directory, or -1. */
  int workerOf(String appId, String executorId) {
    for (int i = 0; i < workDirs.size(); i++) {
      if (Files.isDirectory(workDirs.get(i).resolve(appId).resolve(executorId))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Kills the worker running {@code executorId} of {@code appId} ({@link #kill}); false when no
   * worker runs it. For Spark's listener thread: an interrupt is passed on, not thrown.
   */
  boolean killWorkerOf(String appId, String executorId) {
    int worker = workerOf(appId, executorId);
    if (worker < 0) {
      return false;
    }
    try {
      kill(worker);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  /** Kills worker {@code i} and its executors at once (SIGKILL: no shutdown of any kind). */
  void kill(int i) throws InterruptedException {
    Process w = workers.get(i);
    w.descendants().forEach(ProcessHandle::destroyForcibly);
    w.destroyForcibly();
    w.waitFor(30, TimeUnit.SECONDS);
  }

  /** The last lines each JVM printed, for a failure's message. */
  String logs() throws IOException {
    StringBuilder s = new StringBuilder();
    try (var files = Files.list(root)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        s.append("--- ").append(log.getFileName()).append('\n');
        lines.subList(Math.max(0, lines.size() - 15), lines.size())
            .forEach(l -> s.append(l).append('\n'));
      }
    }
    return s.toString();
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = 0; i < workers.size(); i++) {
      kill(i);
    }
    master.destroyForcibly();
    master.waitFor(30, TimeUnit.SECONDS);
  }

  private Process start(String name, List<String> jvmOptions, Map<String, String> environment,
      String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    command.addAll(jvmOptions);
    // Daemons with little to do: small heap, one GC thread, no optimizing compiler.
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", classPath, ChildJvm.class.getName(), mainClass));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(root.resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", root.resolve("spark-home").toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", HOST);
    env.put("SPARK_NO_DAEMONIZE", "1");
    env.putAll(environment);
    return pb.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  private void awaitListening(int port) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException("the Spark master exited:\n" + logs());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(HOST, port), 1000);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the Spark master did not listen within "
        + START_TIMEOUT_MS / 1000 + " s:\n" + logs());
  }
}
