package org.ntk4j.spark;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of a test's child JVM: runs {@code args[0]}'s main with the other arguments,
 * and halts as soon as the JVM that started it is gone, so that a test JVM killed by a timeout
 * leaves no Spark master or worker behind (a worker's executors then exit on their own).
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static void main(String[] args) throws Exception {
    ProcessHandle.current().parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
