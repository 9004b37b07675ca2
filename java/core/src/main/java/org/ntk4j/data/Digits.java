package org.ntk4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.ntk4j.io.Csv;
import org.ntk4j.linalg.Matrix;

/**
 * The UCI optical recognition of handwritten digits test set (E. Alpaydin, C. Kaynak, 1998;
 * CC BY 4.0), as shipped by scikit-learn: 1,797 images of 8×8 pixels with values 0..16, labels
 * 0..9. The file is {@code digits.csv.gz} from Debian's python3-sklearn, one image per line, the
 * 64 pixels row by row and then the label.
 */
public record Digits(Matrix features, int[] labels) {
  public static final int EXAMPLES = 1797;
  public static final int PIXELS = 64;
  public static final int CLASSES = 10;
  private static final String RESOURCE = "digits.csv.gz";

  /** Loads a fresh copy of the shipped data (about 50 ms). */
  public static Digits load() {
    Matrix all;
    try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the ntk4j jar");
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
          StandardCharsets.US_ASCII));
      all = Csv.parse(in, RESOURCE).values();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped " + RESOURCE, e);
    }
    if (all.rows() != EXAMPLES || all.cols() != PIXELS + 1) {
      throw new IllegalStateException(RESOURCE + " has shape " + all.shape() + ", expected ("
          + EXAMPLES + ", " + (PIXELS + 1) + ")");
    }
    Matrix features = Matrix.zeros(EXAMPLES, PIXELS);
    int[] labels = new int[EXAMPLES];
    for (int i = 0; i < EXAMPLES; i++) {
      System.arraycopy(all.data(), i * (PIXELS + 1), features.data(), i * PIXELS, PIXELS);
      labels[i] = (int) all.get(i, PIXELS);
    }
    return new Digits(features, labels);
  }

  /** Pixels standardized per column (zero mean, unit variance; constant pixels become 0). */
  public Matrix standardizedFeatures() {
    return Standardization.fit(features).apply(features);
  }

  /** Pixels divided by 16, so in [0, 1]. */
  public Matrix scaledFeatures() {
    double[] d = features.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] /= 16.0;
    }
    return new Matrix(features.rows(), features.cols(), d);
  }

  /** The labels as an n×1 matrix. */
  public Matrix labelColumn() {
    double[] d = new double[labels.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = labels[i];
    }
    return new Matrix(labels.length, 1, d);
  }

  /** One-hot targets, n×10: 1 in the label's column, 0 elsewhere. */
  public Matrix oneHot() {
    Matrix y = Matrix.zeros(labels.length, CLASSES);
    for (int i = 0; i < labels.length; i++) {
      y.set(i, labels[i], 1.0);
    }
    return y;
  }
}
