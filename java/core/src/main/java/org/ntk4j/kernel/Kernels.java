package org.ntk4j.kernel;

import org.ntk4j.linalg.Matrix;

/**
 * Computed kernels: NNGP and NTK matrices (n1 × n2; null when not asked for) and the kernels of
 * each input with itself (diagonals), for X1 and for X2.
 */
public record Kernels(Matrix nngp, Matrix ntk, double[] nngpDiag1, double[] ntkDiag1,
    double[] nngpDiag2, double[] ntkDiag2) {}
