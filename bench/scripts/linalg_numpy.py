#!/usr/bin/env python3
"""numpy's times for LinearAlgebraBenchmark's operations, beside it: float64 Cholesky
(np.linalg.cholesky), eigh (np.linalg.eigh, LAPACK syevd) and GEMM (a @ b) of the same kind of
n x n matrix (Wigner + 3I, SPD). Best of REPEATS runs (1 at n >= 10000). numpy is the peer
measured, not a dependency of ntk4j.

  python3 bench/scripts/linalg_numpy.py 2000 5000 10000
"""
import sys
import time

import numpy as np


def best(f, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


for n in map(int, sys.argv[1:] or ["2000", "5000", "10000"]):
    rng = np.random.default_rng(7)
    w = rng.uniform(-1, 1, (n, n)) * np.sqrt(3.0 / n)
    a = np.tril(w) + np.tril(w, -1).T + 3 * np.eye(n)
    b = rng.uniform(-1, 1, (n, n))
    r = 1 if n >= 10000 else 3
    chol = best(lambda: np.linalg.cholesky(a), r)
    eigh = best(lambda: np.linalg.eigh(a), r)
    gemm = best(lambda: a @ b, r)
    print(f"numpy n={n}: cholesky {chol * 1e3:.0f} ms ({n ** 3 / 3 / chol / 1e9:.1f} GFLOP/s),"
          f" eigh {eigh * 1e3:.0f} ms, gemm {gemm * 1e3:.0f} ms"
          f" ({2 * n ** 3 / gemm / 1e9:.1f} GFLOP/s)", flush=True)
