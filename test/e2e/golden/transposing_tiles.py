"""Golden data for test/e2e/transposing-tiles.mlir: elementwise ops that
read an input transposed, which the code generator computes in square
tiles transposed in registers, computed by numpy."""
import numpy as np


def transpose_remainders(rng):
    a = rng.standard_normal((40, 52)).astype(np.float32)
    return [a], [np.ascontiguousarray(a.T)]


def divide_transposed(rng):
    # out[b, i, j] = a[b, j, i] / c[b, i, j]
    a = rng.standard_normal((3, 36, 20)).astype(np.float32)
    c = (rng.random((3, 20, 36)) + 0.5).astype(np.float32)
    out = a.astype(np.float64).transpose(0, 2, 1) / c.astype(np.float64)
    return [a, c], [out.astype(np.float32)]


def transpose_i32(rng):
    a = rng.integers(-1000, 1000, size=(24, 33)).astype(np.int32)
    return [a], [np.ascontiguousarray(a.T)]
