package org.ntk4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyDtype;

/**
 * Writes a seeded n × d float32 .npy of uniform(−1, 1) values: the input of the large streamed
 * job in bench/gpu-check.sh, made on the machine that runs it.
 * Usage: {@code java -cp benchmarks.jar org.ntk4j.bench.RandomInputs FILE N D}.
 */
public final class RandomInputs {
  private RandomInputs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: RandomInputs FILE N D");
      System.exit(2);
    }
    int n = Integer.parseInt(args[1]);
    int d = Integer.parseInt(args[2]);
    Npy.write(Path.of(args[0]), BenchInputs.uniform(n, d, 42), NpyDtype.FLOAT32);
  }
}
