#!/usr/bin/env python3
"""The numpy peer of KernelOperatorBenchmark: K @ V for a symmetric random N x N float64 K
(and float32 K with float64 V, which numpy computes by widening K to float64 first) and an
N x k float64 V, best of 5, with OpenBLAS on every core.

  kernel_product_numpy.py [N] [k]     prints ms per product and multiply-adds per second

numpy is only the peer measured beside ntk4j: the project itself needs no Python.
"""
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
k = int(sys.argv[2]) if len(sys.argv) > 2 else 10
rng = np.random.default_rng(1)
a = rng.random((n, n))
a = np.triu(a) + np.triu(a, 1).T
v = rng.random((n, k)) - 0.5
for name, kernel in (("float64", a), ("float32", a.astype(np.float32))):
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        kernel @ v
        best = min(best, time.perf_counter() - t)
    print(f"numpy {name} K @ V, N={n}, k={k}: {best * 1e3:.1f} ms,"
          f" {n * n * k / best / 1e9:.2f} G multiply-adds/s")
