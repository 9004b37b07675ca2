package org.ntk4j.io;

import java.nio.file.Path;

/** Test helper run in a child JVM: prepares a file, says so, then waits to be killed. */
public final class PendingFileHolder {
  private PendingFileHolder() {}

  public static void main(String[] args) throws Exception {
    AtomicFiles.prepare(Path.of(args[0]), ch -> ch.write(java.nio.ByteBuffer.allocate(1024)));
    System.out.println("prepared");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
