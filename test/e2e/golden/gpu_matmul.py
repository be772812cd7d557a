"""Golden data for test/e2e/gpu_matmul.mlir: matmuls in float64 numpy."""
import numpy as np


def _f32(*shape, rng):
    return rng.standard_normal(shape).astype(np.float32)


def matmul_tiles(rng):
    a, b = _f32(64, 96, rng=rng), _f32(96, 128, rng=rng)
    c = a.astype(np.float64) @ b.astype(np.float64)
    return [a, b], [c.astype(np.float32)]


def matmul_ragged(rng):
    a, b, bias = (_f32(40, 70, rng=rng), _f32(70, 33, rng=rng),
                  _f32(40, 33, rng=rng))
    c = bias.astype(np.float64) + a.astype(np.float64) @ b.astype(np.float64)
    return [a, b, bias], [c.astype(np.float32)]


def batch_matmul_ragged(rng):
    x, w = _f32(3, 37, 45, rng=rng), _f32(3, 45, 50, rng=rng)
    y = np.matmul(x.astype(np.float64), w.astype(np.float64))
    return [x, w], [y.astype(np.float32)]
