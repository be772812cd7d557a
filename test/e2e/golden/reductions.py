"""Golden data for test/e2e/reductions.mlir: reductions along the inputs'
innermost dimension (split into vector accumulators by
tessera-cpu-tile-and-vectorize), computed in float64 / int64 by numpy."""
import numpy as np


def softmax_rows(rng):
    x = (rng.standard_normal((3, 37, 100)) * 4).astype(np.float32)
    # A row whose maximum is its last element (in the remainder) and one
    # whose maximum is its first.
    x[0, 5, 99] = 40.0
    x[1, 7, 0] = 40.0
    x64 = x.astype(np.float64)
    e = np.exp(x64 - x64.max(axis=-1, keepdims=True))
    return [x], [(e / e.sum(axis=-1, keepdims=True)).astype(np.float32)]


def row_sums_i32(rng):
    x = rng.integers(-(1 << 24), 1 << 24, size=(13, 70)).astype(np.int32)
    x[3, 69] = 1 << 28
    x[4, 0] = 1 << 28
    return [x], [x.astype(np.int64).sum(axis=1).astype(np.int32),
                 x.max(axis=1)]


def image_means(rng):
    x = rng.standard_normal((2, 24, 9, 13)).astype(np.float32)
    return [x], [(x.astype(np.float64).sum(axis=(2, 3)) * 0.008547008547)
                 .astype(np.float32)]


def row_norms_and_mins(rng):
    x = rng.standard_normal((64, 48)).astype(np.float32)
    s = rng.standard_normal((64, 5)).astype(np.float32)
    x64 = x.astype(np.float64)
    return [x, s], [np.sqrt((x64 * x64).sum(axis=1)).astype(np.float32),
                    x.min(axis=1), s.min(axis=1)]


def total(rng):
    x = rng.standard_normal(10007).astype(np.float32)
    return [x], [np.array(x.astype(np.float64).sum(), dtype=np.float32)]
