#!/usr/bin/env python3
"""The numpy peer of ntk4j's Fashion-MNIST prediction, and the inputs both read.

  prep DIR N_TRAIN N_TEST   writes DIR/{xtr,ytr,xte,yte}.npy: the first N_TRAIN training and
                            N_TEST test images of Debian's dataset-fashion-mnist, pixels / 255,
                            standardized per pixel with the training mean and std (constant
                            pixels -> 0), float64; targets one-hot (n, 10)
  run DIR [--t T,..] [--depth D]
                            ReLU NTK of D (default 1) x [dense(512, w_std=W, b_std=B), relu()],
                            dense(10, w_std=W, b_std=B) in NTK parameterization (the formulas of
                            ntk4j's README / neural-tangents), diag_reg 1e-3 relative to the mean
                            diagonal; t = inf: np.linalg.solve; finite t: np.linalg.eigh and the
                            closed form of Lee et al. 2019 (learning rate 1, n = y.size).
                            Prints test accuracy and seconds for kernels and linear algebra;
                            writes the test outputs (T, n_test, 10) to DIR/numpy_mean.npy.

numpy is only the peer measured beside ntk4j: the project itself needs no Python.
"""
import gzip
import sys
import time

import numpy as np

W_STD, B_STD, DIAG_REG = 1.5, 0.05, 1e-3
DATA = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def prep(out, n_train, n_test):
    xtr = idx(f"{DATA}/train-images-idx3-ubyte.gz")[:n_train].reshape(n_train, -1) / 255.0
    xte = idx(f"{DATA}/t10k-images-idx3-ubyte.gz")[:n_test].reshape(n_test, -1) / 255.0
    ytr = idx(f"{DATA}/train-labels-idx1-ubyte.gz")[:n_train]
    yte = idx(f"{DATA}/t10k-labels-idx1-ubyte.gz")[:n_test]
    mean, std = xtr.mean(0), xtr.std(0)
    safe = np.where(std > 0, std, 1.0)
    xtr = np.where(std > 0, (xtr - mean) / safe, 0.0)
    xte = np.where(std > 0, (xte - mean) / safe, 0.0)
    np.save(f"{out}/xtr.npy", xtr)
    np.save(f"{out}/xte.npy", xte)
    np.save(f"{out}/ytr.npy", np.eye(10)[ytr])
    np.save(f"{out}/yte.npy", np.eye(10)[yte])


def ntk(x1, x2, depth):
    """NTK of depth x (dense, relu), dense (NTK parameterization); Cho & Saul arc-cosine."""
    d = x1.shape[1]
    w2, b2 = W_STD ** 2, B_STD ** 2
    q11 = (x1 * x1).sum(1) / d
    q22 = (x2 * x2).sum(1) / d
    q12 = x1 @ x2.T / d
    theta = np.zeros_like(q12)
    for _ in range(depth):
        q11, q22, q12 = w2 * q11 + b2, w2 * q22 + b2, w2 * q12 + b2
        theta = q12 + w2 * theta
        s = np.sqrt(np.maximum(np.outer(q11, q22) - q12 * q12, 0))
        angle = np.arctan2(s, q12)
        theta = theta * (np.pi - angle) / (2 * np.pi)
        q12 = (s + (np.pi - angle) * q12) / (2 * np.pi)
        q11, q22 = q11 / 2, q22 / 2
    return w2 * q12 + b2 + w2 * theta


def run(folder, times, depth):
    t0 = time.perf_counter()
    xtr, ytr = np.load(f"{folder}/xtr.npy"), np.load(f"{folder}/ytr.npy")
    xte, yte = np.load(f"{folder}/xte.npy"), np.load(f"{folder}/yte.npy")
    t1 = time.perf_counter()
    k = ntk(xtr, xtr, depth)
    kt = ntk(xte, xtr, depth)
    t2 = time.perf_counter()
    n = k.shape[0]
    k[np.diag_indices(n)] += DIAG_REG * np.trace(k) / n
    out = {}
    finite = [t for t in times if np.isfinite(t)]
    if finite:
        lam, v = np.linalg.eigh(k)
        lam = np.maximum(lam, 0)
        proj = v.T @ ytr
        ktv = kt @ v
        for t in finite:
            growth = -np.expm1(-lam * t / ytr.size) / lam
            out[t] = ktv @ (growth[:, None] * proj)
    if any(not np.isfinite(t) for t in times):
        out[np.inf] = kt @ np.linalg.solve(k, ytr)
    t3 = time.perf_counter()
    for t in times:
        acc = (out[t].argmax(1) == yte.argmax(1)).mean()
        print(f"t={t}: test accuracy {acc:.4f}")
    print(f"numpy: load {t1 - t0:.2f} s, kernels {t2 - t1:.2f} s, linear algebra {t3 - t2:.2f} s,"
          f" total {t3 - t0:.2f} s (N={n}, {xte.shape[0]} test)")
    np.save(f"{folder}/numpy_mean.npy", np.stack([out[t] for t in times]))


if __name__ == "__main__":
    if sys.argv[1] == "prep":
        prep(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        options = dict(zip(sys.argv[3::2], sys.argv[4::2]))
        ts = options.get("--t", "inf")
        run(sys.argv[2], [float(t) for t in ts.split(",")], int(options.get("--depth", "1")))
