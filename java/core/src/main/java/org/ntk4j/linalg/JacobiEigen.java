package org.ntk4j.linalg;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The host side of the device Jacobi eigensolvers (OpenCL and CUDA share it): what goes in (a
 * symmetric matrix built from one triangle) and what comes out (sorted eigenpairs).
 */
public final class JacobiEigen {
  /**
   * The largest order the device Jacobi solvers diagonalize. Cyclic Jacobi costs O(n³) per
   * sweep and needs several sweeps: 17 s at n = 1000 on PoCL, where the host's LAPACK
   * ({@code dsyevd}) takes a fraction of a second; larger matrices go to the host.
   */
  public static final int MAX_DEVICE_ORDER = 256;

  private JacobiEigen() {}

  /** Whether a device should diagonalize an n × n matrix itself (else: the host's LAPACK). */
  public static boolean onDevice(int n) {
    return n <= MAX_DEVICE_ORDER;
  }

  /** A copy of A with the upper triangle replaced by the lower (only one triangle is read). */
  public static Matrix lowerSymmetrized(Matrix a) {
    Matrix s = a.toHeap();
    for (int i = 0; i < a.rows(); i++) {
      for (int j = i + 1; j < a.cols(); j++) {
        s.set(i, j, a.get(j, i));
      }
    }
    return s;
  }

  /**
   * The eigenpairs of a converged Jacobi run, eigenvalues ascending: values = diag(D), and V's
   * column j is row perm[j] of Vᵀ.
   */
  public static SymmetricEigen sorted(Matrix d, Matrix vt) {
    int n = d.rows();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> d.get(i, i)));
    double[] values = new double[n];
    Matrix v = Matrix.zeros(n, n);
    for (int j = 0; j < n; j++) {
      values[j] = d.get(order[j], order[j]);
      for (int i = 0; i < n; i++) {
        v.set(i, j, vt.get(order[j], i));
      }
    }
    return new SymmetricEigen(values, v);
  }
}
