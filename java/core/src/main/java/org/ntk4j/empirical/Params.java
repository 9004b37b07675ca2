package org.ntk4j.empirical;

import java.util.Arrays;

/**
 * The parameters θ of a finite network (or a tangent or gradient of the same shape): one float64
 * array per tensor, in the network's layer order — each dense layer's weights W (n_in × n_out,
 * row-major) and then its bias b (n_out) when it has one. Vector operations treat θ as flat.
 */
public final class Params {
  private final double[][] tensors;

  Params(double[][] tensors) {
    this.tensors = tensors;
  }

  public Params copy() {
    double[][] t = new double[tensors.length][];
    for (int i = 0; i < t.length; i++) {
      t[i] = tensors[i].clone();
    }
    return new Params(t);
  }

  /** Tensor {@code i}, backing array (not a copy). */
  public double[] tensor(int i) {
    return tensors[i];
  }

  public int tensorCount() {
    return tensors.length;
  }

  /** The number of scalar parameters. */
  public long size() {
    long n = 0;
    for (double[] t : tensors) {
      n += t.length;
    }
    return n;
  }

  /** this += a·x, in place; returns this. */
  public Params addScaled(Params x, double a) {
    requireSameShape(x);
    for (int i = 0; i < tensors.length; i++) {
      double[] d = tensors[i];
      double[] s = x.tensors[i];
      for (int j = 0; j < d.length; j++) {
        d[j] += a * s[j];
      }
    }
    return this;
  }

  /** this *= a, in place; returns this. */
  public Params scale(double a) {
    for (double[] d : tensors) {
      for (int j = 0; j < d.length; j++) {
        d[j] *= a;
      }
    }
    return this;
  }

  /** this − other, as a new value. */
  public Params minus(Params other) {
    return copy().addScaled(other, -1.0);
  }

  public double dot(Params x) {
    requireSameShape(x);
    double s = 0;
    for (int i = 0; i < tensors.length; i++) {
      double[] a = tensors[i];
      double[] b = x.tensors[i];
      for (int j = 0; j < a.length; j++) {
        s += a[j] * b[j];
      }
    }
    return s;
  }

  /** The Euclidean norm ‖θ‖. */
  public double norm() {
    return Math.sqrt(dot(this));
  }

  /** All parameters as one flat array, in tensor order. */
  public double[] flatten() {
    double[] flat = new double[Math.toIntExact(size())];
    int at = 0;
    for (double[] t : tensors) {
      System.arraycopy(t, 0, flat, at, t.length);
      at += t.length;
    }
    return flat;
  }

  private void requireSameShape(Params x) {
    if (x.tensors.length != tensors.length) {
      throw new IllegalArgumentException("parameters of different networks: " + tensors.length
          + " vs " + x.tensors.length + " tensors");
    }
    for (int i = 0; i < tensors.length; i++) {
      if (x.tensors[i].length != tensors[i].length) {
        throw new IllegalArgumentException("parameter tensor " + i + " has "
            + x.tensors[i].length + " values, expected " + tensors[i].length);
      }
    }
  }

  @Override
  public String toString() {
    return "Params" + Arrays.toString(Arrays.stream(tensors).mapToInt(t -> t.length).toArray());
  }
}
