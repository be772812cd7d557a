"""Golden data for test/e2e/tosa.mlir: upstream tosa layers on the CPU path."""
import numpy as np


def mlp(rng):
    x = rng.standard_normal((2, 5, 8)).astype(np.float32)
    w = rng.standard_normal((2, 8, 3)).astype(np.float32)
    b = rng.standard_normal((1, 1, 3)).astype(np.float32)
    h = np.maximum(np.matmul(x, w) + b, 0.0)
    y = np.tanh(h).transpose(0, 2, 1).reshape(2, 15)
    return [x, w, b], [y.astype(np.float32)]
