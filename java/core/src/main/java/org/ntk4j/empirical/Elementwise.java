package org.ntk4j.empirical;

import java.util.List;
import org.ntk4j.linalg.Matrix;

/** Elementwise helpers on same-shaped matrices. */
final class Elementwise {
  private Elementwise() {}

  static void addInPlace(Matrix into, Matrix x) {
    into.requireSameShape(x);
    double[] d = into.data();
    double[] s = x.data();
    for (int i = 0; i < d.length; i++) {
      d[i] += s[i];
    }
  }

  static Matrix sum(List<Matrix> terms) {
    Matrix s = terms.get(0).copy();
    for (int i = 1; i < terms.size(); i++) {
      addInPlace(s, terms.get(i));
    }
    return s;
  }

  /** The sum of the non-null terms, or null when all are null. */
  static Matrix sumOrNull(List<Matrix> terms) {
    Matrix s = null;
    for (Matrix t : terms) {
      if (t != null) {
        if (s == null) {
          s = t.copy();
        } else {
          addInPlace(s, t);
        }
      }
    }
    return s;
  }

  static Matrix multiply(Matrix a, Matrix b) {
    a.requireSameShape(b);
    Matrix c = a.copy();
    double[] d = c.data();
    double[] s = b.data();
    for (int i = 0; i < d.length; i++) {
      d[i] *= s[i];
    }
    return c;
  }
}
