"""Golden data for test/e2e/strided-copies.mlir: padding and concatenation,
whose copies into strided views the CPU code generator makes rows of
vectors, computed by numpy."""
import numpy as np


def pad_long_rows(rng):
    x = rng.standard_normal((2, 3, 5, 200)).astype(np.float32)
    y = np.pad(x, ((0, 0), (0, 0), (1, 2), (3, 1)), constant_values=0.5)
    return [x], [y.astype(np.float32)]


def concat_bytes(rng):
    a = rng.integers(-128, 128, (4, 300), dtype=np.int8)
    b = rng.integers(-128, 128, (4, 77), dtype=np.int8)
    return [a, b], [np.concatenate([a, b], axis=1)]
