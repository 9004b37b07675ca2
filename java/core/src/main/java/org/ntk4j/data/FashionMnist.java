package org.ntk4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ntk4j.InvalidInputException;
import org.ntk4j.linalg.Matrix;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; MIT licence): 28×28 grey images of 10 kinds of
 * clothing, 60,000 for training and 10,000 for testing, as IDX files — where Debian's
 * {@code dataset-fashion-mnist} installs them, or any directory with the same four files.
 */
public final class FashionMnist {
  /** Where Debian's dataset-fashion-mnist package puts the files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  public static final int CLASSES = 10;
  public static final int PIXELS = 28 * 28;

  private FashionMnist() {}

  /** Whether the four files are in {@code dir}. */
  public static boolean availableIn(Path dir) {
    for (String part : new String[] {"train", "t10k"}) {
      if (!Files.isRegularFile(images(dir, part)) || !Files.isRegularFile(labels(dir, part))) {
        return false;
      }
    }
    return true;
  }

  /** The 60,000 training images, pixels scaled to [0, 1]. */
  public static LabeledData train(Path dir) {
    return load(dir, "train");
  }

  /** The 10,000 test images, pixels scaled to [0, 1]. */
  public static LabeledData test(Path dir) {
    return load(dir, "t10k");
  }

  private static LabeledData load(Path dir, String part) {
    if (!availableIn(dir)) {
      throw new InvalidInputException("Fashion-MNIST is not in " + dir + "; install Debian's "
          + "dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or use --data digits");
    }
    try {
      Idx.Array images = Idx.read(images(dir, part));
      Idx.Array labels = Idx.read(labels(dir, part));
      int n = images.shape()[0];
      if (labels.shape()[0] != n || images.itemSize() != PIXELS) {
        throw new InvalidInputException(dir + ": " + part + " images have shape "
            + java.util.Arrays.toString(images.shape()) + " and labels "
            + java.util.Arrays.toString(labels.shape()) + "; expected (n, 28, 28) and (n)");
      }
      double[] pixels = images.values();
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] /= 255.0;
      }
      int[] l = new int[n];
      for (int i = 0; i < n; i++) {
        l[i] = (int) labels.values()[i];
      }
      return new LabeledData(new Matrix(n, PIXELS, pixels), l, CLASSES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir, e);
    }
  }

  static Path images(Path dir, String part) {
    return dir.resolve(part + "-images-idx3-ubyte.gz");
  }

  static Path labels(Path dir, String part) {
    return dir.resolve(part + "-labels-idx1-ubyte.gz");
  }
}
