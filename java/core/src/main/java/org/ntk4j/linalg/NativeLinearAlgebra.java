package org.ntk4j.linalg;

import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.ntk4j.Precision;
import org.ntk4j.InvalidInputException;

/**
 * {@link LinearAlgebra} on the host's native BLAS/LAPACK (OpenBLAS through JavaCPP's preset,
 * every core): Cholesky {@code potrf}, triangular solves {@code trsm}, products {@code gemm} and
 * {@code syrk}, the symmetric eigendecomposition by divide and conquer ({@code syevd}; MRRR
 * {@code syevr} where syevd's 2n² workspace cannot be indexed or only some eigenvalues are
 * wanted), on every core or as many threads as the user sets ({@link BlasThreads}). Computes
 * in float64 or float32 as created ({@link #name()} says which); open it
 * through {@link HostLinearAlgebra}, which falls back to the pure-Java oracle when the natives
 * do not load.
 *
 * <p>Arguments in native memory of this precision are read where they are; others are copied
 * into native memory first. Results of at least 2²² entries go to native memory when an
 * argument was off the heap (and any result larger than a Java array does); the rest to heap
 * float64 matrices.
 *
 * <p>LAPACK's integers are 32-bit: a call whose operand spans more than 2³¹ − 1 entries could
 * not be indexed and is refused (an {@link InvalidInputException} naming the size), never
 * passed down to overflow.
 */
public final class NativeLinearAlgebra implements LinearAlgebra {
  /** The largest entry count one 32-bit LAPACK call can index in one operand. */
  static final long MAX_CALL_ENTRIES = Integer.MAX_VALUE;
  /** The largest n whose n × n matrix one call can index. */
  public static final int MAX_SQUARE_ORDER = 46_340;
  /**
   * Cholesky runs as one potrf up to this order and blocked above it (potrf on diagonal blocks,
   * trsm and syrk/gemm updates), so no single call spans the whole of a very large matrix.
   */
  static final int CHOLESKY_BLOCK = 16384;
  /** Results from off-heap arguments stay off the heap from this size (32 MiB of float64). */
  static final long NATIVE_RESULT_ENTRIES = 1L << 22;

  private final Lapack lapack;
  private final Precision precision;
  private final int width;
  private final String library;
  private final int choleskyBlock;

  /** Call through {@link HostLinearAlgebra}, which checks that the natives load. */
  NativeLinearAlgebra(Precision precision, String library) {
    this(precision, library, CHOLESKY_BLOCK);
  }

  /** With another Cholesky block order (tests run the blocked path on small matrices). */
  NativeLinearAlgebra(Precision precision, String library, int choleskyBlock) {
    this.lapack = Lapack.of(precision);
    this.precision = precision;
    this.width = NativeStorage.bytesPer(precision);
    this.library = library;
    this.choleskyBlock = choleskyBlock;
  }

  @Override
  public String name() {
    return "native-" + precision.cliName() + " (" + library + ")";
  }

  public Precision precision() {
    return precision;
  }

  /** Native memory in this precision, where every routine works in place. */
  @Override
  public MatrixAllocator allocator() {
    return MatrixAllocator.of(precision, Placement.NATIVE);
  }

  // ---- factorizations ----

  @Override
  public Matrix cholesky(Matrix a) {
    Shapes.requireSquare(a, "cholesky's argument");
    int n = a.rows();
    try (Operand w = Operand.copyOf(a, precision)) {
      factorInPlace(w.matrix, a);
      zeroStrictUpper(w.matrix);
      return w.keep(result(w.matrix, a));
    }
  }

  /**
   * Factors A in place: its lower triangle (diagonal included) becomes L with A = L·Lᵀ; the
   * strict upper triangle keeps A's values. On failure A is restored before the exception.
   */
  @Override
  public void choleskyInPlace(Matrix a) {
    Shapes.requireSquare(a, "cholesky's argument");
    if (a.address() != 0 && a.precision() == precision && !a.isReadOnly()) {
      factorInPlace(a, a);
      return;
    }
    try (Operand w = Operand.copyOf(a, precision)) {
      factorInPlace(w.matrix, a);
      int n = a.rows();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          a.set(i, j, w.matrix.get(i, j));
        }
      }
    }
  }

  /**
   * Factors {@code w} (native, this precision) in place; on failure restores it and reports
   * the smallest eigenvalue of {@code original} (w itself, or the matrix w is a copy of).
   */
  private void factorInPlace(Matrix w, Matrix original) {
    int n = w.rows();
    requireIndexable(n, n, "a Cholesky factorization");
    double[] diagonal = new double[n];
    for (int i = 0; i < n; i++) {
      diagonal[i] = w.get(i, i);
    }
    BlasThreads.adapt();
    int info = blockedPotrf(w.address(), n);
    if (info != 0) {
      // potrf wrote L only below the diagonal: the upper triangle still holds A.
      for (int i = 0; i < n; i++) {
        w.set(i, i, diagonal[i]);
        for (int j = 0; j < i; j++) {
          w.set(i, j, w.get(j, i));
        }
      }
      throw new NotPositiveDefiniteException(n, eigenvalues(original, 0, 1)[0]);
    }
  }

  /**
   * Right-looking blocked Cholesky of the row-major lower triangle: for each diagonal block K,
   * L_KK = potrf(A_KK); L_IK = A_IK·L_KK⁻ᵀ below it; then A_IJ −= L_IK·L_JKᵀ for the trailing
   * blocks (syrk on the diagonal, gemm off it). Returns potrf's info in global numbering.
   */
  private int blockedPotrf(long a, int n) {
    int nb = Math.min(n, choleskyBlock);
    for (int k0 = 0; k0 < n; k0 += nb) {
      int kb = Math.min(nb, n - k0);
      int info = lapack.potrfLower(kb, at(a, n, k0, k0), n);
      if (info != 0) {
        return info < 0 ? info : k0 + info;
      }
      int below = n - k0 - kb;
      if (below == 0) {
        break;
      }
      lapack.trsm(false, true, true, below, kb, at(a, n, k0, k0), n, at(a, n, k0 + kb, k0), n);
      for (int i0 = k0 + kb; i0 < n; i0 += nb) {
        int ib = Math.min(nb, n - i0);
        lapack.syrkLower(ib, kb, -1, at(a, n, i0, k0), n, 1, at(a, n, i0, i0), n);
        for (int j0 = k0 + kb; j0 < i0; j0 += nb) {
          lapack.gemm(false, true, ib, Math.min(nb, n - j0), kb, -1, at(a, n, i0, k0), n,
              at(a, n, j0, k0), n, 1, at(a, n, i0, j0), n);
        }
      }
    }
    return 0;
  }

  /** The address of entry (i, j) of a row-major block with leading dimension ld. */
  private long at(long base, int ld, int i, int j) {
    return base + ((long) i * ld + j) * width;
  }

  private void zeroStrictUpper(Matrix m) {
    int n = m.rows();
    long base = m.address();
    for (int i = 0; i < n - 1; i++) {
      Pointer.memset(NativeMemory.rawPointer(at(base, n, i, i + 1)), 0, (long) (n - i - 1) * width);
    }
  }

  @Override
  public Matrix solveTriangular(Matrix t, Triangle triangle, boolean transpose, Matrix b) {
    Shapes.requireRightHandSide(t, b);
    int n = t.rows();
    int k = b.cols();
    requireIndexable(n, n, "a triangular solve");
    requireIndexable(n, k, "a triangular solve's right-hand sides");
    try (Operand tt = Operand.of(t, precision); Operand x = Operand.copyOf(b, precision)) {
      if (n > 0 && k > 0) {
        lapack.trsm(true, triangle == Triangle.LOWER, transpose, n, k, tt.address(), n,
            x.address(), k);
      }
      return x.keep(result(x.matrix, t, b));
    }
  }

  @Override
  public Matrix solveWithCholesky(Matrix lower, Matrix b) {
    Shapes.requireRightHandSide(lower, b);
    int n = lower.rows();
    int k = b.cols();
    requireIndexable(n, n, "a Cholesky solve");
    requireIndexable(n, k, "a Cholesky solve's right-hand sides");
    try (Operand l = Operand.of(lower, precision); Operand x = Operand.copyOf(b, precision)) {
      if (n > 0 && k > 0) {
        lapack.trsm(true, true, false, n, k, l.address(), n, x.address(), k);
        lapack.trsm(true, true, true, n, k, l.address(), n, x.address(), k);
      }
      return x.keep(result(x.matrix, lower, b));
    }
  }

  // ---- eigendecompositions ----

  @Override
  public SymmetricEigen eigh(Matrix a) {
    Shapes.requireSquare(a, "eigh's argument");
    int n = a.rows();
    if (n == 0) {
      return new SymmetricEigen(new double[0], Matrix.zeros(0, 0));
    }
    requireIndexable(n, n, "an eigendecomposition");
    try (Operand w = Operand.copyOf(a, precision);
        Operand values = Operand.allocate(1, n, precision)) {
      Operand vectors = w;
      BlasThreads.adapt();
      if (syevdWorkIndexable(n)) {
        check(lapack.syevd(true, n, w.address(), values.address()), "syevd", a);
      } else {
        vectors = Operand.allocate(n, n, precision);
        check(lapack.syevr(true, n, w.address(), 1, n, values.address(), vectors.address()),
            "syevr", a);
      }
      try (Operand v = vectors) {
        // LAPACK leaves eigenvector j in column j, column-major: row j of the row-major block.
        lapack.transposeInPlace(n, v.address());
        return new SymmetricEigen(values.matrix.row(0), v.keep(result(v.matrix, a)));
      }
    }
  }

  /** syevd's workspace (1 + 6n + 2n² reals) must be indexable by a 32-bit integer. */
  public static boolean syevdWorkIndexable(long n) {
    return 1 + 6 * n + 2 * n * n <= MAX_CALL_ENTRIES;
  }

  /** All eigenvalues, ascending, without eigenvectors (syevd, O(n) workspace). */
  @Override
  public double[] eigenvalues(Matrix a) {
    Shapes.requireSquare(a, "eigenvalues' argument");
    int n = a.rows();
    if (n == 0) {
      return new double[0];
    }
    requireIndexable(n, n, "an eigenvalue computation");
    try (Operand w = Operand.copyOf(a, precision);
        Operand values = Operand.allocate(1, n, precision)) {
      check(lapack.syevd(false, n, w.address(), values.address()), "syevd", a);
      return values.matrix.row(0);
    }
  }

  /** Eigenvalues from..to−1 of the ascending order (e.g. (n−1, n): the largest) by MRRR. */
  @Override
  public double[] eigenvalues(Matrix a, int from, int to) {
    Shapes.requireSquare(a, "eigenvalues' argument");
    int n = a.rows();
    Shapes.requireEigenvalueRange(from, to, n);
    if (from == to) {
      return new double[0];
    }
    requireIndexable(n, n, "an eigenvalue computation");
    try (Operand w = Operand.copyOf(a, precision);
        Operand values = Operand.allocate(1, n, precision)) {
      check(lapack.syevr(false, n, w.address(), from + 1, to, values.address(), 0), "syevr", a);
      double[] all = values.matrix.row(0);
      return java.util.Arrays.copyOf(all, to - from);
    }
  }

  private static void check(int info, String routine, Matrix a) {
    if (info != 0) {
      throw new ArithmeticException(routine + " failed on a " + a.shape() + " matrix (info "
          + info + (info < 0 ? ", an argument was invalid" : ", it did not converge")
          + "; non-finite entries?)");
    }
  }

  // ---- products ----

  @Override
  public Matrix multiply(Matrix a, Matrix b) {
    Shapes.requireInner(a.cols(), b.rows(), a, b, "A·B");
    return gemm(a, false, b, false, a.rows(), b.cols(), a.cols());
  }

  @Override
  public Matrix multiplyTransposeA(Matrix a, Matrix b) {
    Shapes.requireInner(a.rows(), b.rows(), a, b, "Aᵀ·B");
    return gemm(a, true, b, false, a.cols(), b.cols(), a.rows());
  }

  @Override
  public Matrix multiplyTransposeB(Matrix a, Matrix b) {
    Shapes.requireInner(a.cols(), b.cols(), a, b, "A·Bᵀ");
    return gemm(a, false, b, true, a.rows(), b.rows(), a.cols());
  }

  private Matrix gemm(Matrix a, boolean ta, Matrix b, boolean tb, int m, int n, int k) {
    requireIndexable(a.rows(), a.cols(), "a matrix product");
    requireIndexable(b.rows(), b.cols(), "a matrix product");
    requireIndexable(m, n, "a matrix product's result");
    try (Operand x = Operand.of(a, precision); Operand y = Operand.of(b, precision);
        Operand c = Operand.allocate(m, n, precision)) {
      if (m > 0 && n > 0) {
        BlasThreads.adapt();
        lapack.gemm(ta, tb, m, n, k, 1, x.address(), a.cols(), y.address(), b.cols(),
            0, c.address(), n);
      }
      return c.keep(result(c.matrix, a, b));
    }
  }

  /** A·Aᵀ by syrk (half the multiply-adds of a general product), mirrored to both triangles. */
  @Override
  public Matrix gram(Matrix a) {
    int m = a.rows();
    requireIndexable(m, a.cols(), "a Gram matrix");
    requireIndexable(m, m, "a Gram matrix");
    try (Operand x = Operand.of(a, precision); Operand c = Operand.allocate(m, m, precision)) {
      if (m > 0) {
        lapack.syrkLower(m, a.cols(), 1, x.address(), a.cols(), 0, c.address(), m);
      }
      for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
          c.matrix.set(i, j, c.matrix.get(j, i));
        }
      }
      return c.keep(result(c.matrix, a));
    }
  }

  @Override
  public List<Matrix> diagonalScaledProducts(Matrix left, Matrix factors, Matrix right) {
    return StackedProducts.compute(this, left, factors, right);
  }

  // ---- storage of arguments and results ----

  /**
   * Where a computed native matrix goes: it stays in native memory when it is too large for an
   * array, or large (at least {@link #NATIVE_RESULT_ENTRIES}) with an argument off the heap;
   * otherwise it is copied to a heap float64 matrix (and the native one freed by the caller).
   */
  private static Matrix result(Matrix computed, Matrix... arguments) {
    boolean offHeap = false;
    for (Matrix m : arguments) {
      offHeap |= m.placement() != Placement.HEAP;
    }
    boolean large = computed.entries() >= NATIVE_RESULT_ENTRIES;
    return computed.entries() > Matrix.MAX_ARRAY || (offHeap && large) ? computed
        : computed.toHeap();
  }

  /**
   * Refuses an operand of rows × cols entries that a 32-bit LAPACK call cannot index, naming
   * the size and the way out.
   */
  public static void requireIndexable(long rows, long cols, String what) {
    if (rows * cols > MAX_CALL_ENTRIES) {
      throw new InvalidInputException(String.format(Locale.ROOT, "%s on a %dx%d matrix is"
          + " beyond what one call of the 32-bit-integer LAPACK can index (%d entries > %d,"
          + " i.e. n ≤ 46340 for a square matrix): use fewer examples", what, rows, cols,
          rows * cols, MAX_CALL_ENTRIES));
    }
  }

  /**
   * A matrix as a native block of the wanted precision: the matrix itself when it already is
   * one, else a native copy freed on {@link #close()}.
   */
  private static final class Operand implements AutoCloseable {
    final Matrix matrix;
    private boolean owned;

    private Operand(Matrix matrix, boolean owned) {
      this.matrix = matrix;
      this.owned = owned;
    }

    /** Reads {@code m} in place when it is native of {@code p}; copies it otherwise. */
    static Operand of(Matrix m, Precision p) {
      if (m.address() != 0 && m.precision() == p) {
        return new Operand(m, false);
      }
      return copyOf(m, p);
    }

    /** A native copy of {@code m} to work on (overwrite). */
    static Operand copyOf(Matrix m, Precision p) {
      return new Operand(m.to(p, Placement.NATIVE), true);
    }

    static Operand allocate(int rows, int cols, Precision p) {
      return new Operand(Matrix.allocate(rows, cols, p, Placement.NATIVE), true);
    }

    long address() {
      return matrix.address();
    }

    /** Hands {@code result} to the caller: when it is this operand's matrix it is not freed. */
    Matrix keep(Matrix result) {
      if (result == matrix) {
        owned = false;
      }
      return result;
    }

    @Override
    public void close() {
      if (owned) {
        matrix.close();
      }
    }
  }
}
