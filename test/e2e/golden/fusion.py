"""Golden data for test/e2e/fusion.mlir: contractions with elementwise
epilogues and producers (fused into the GEMM's strips by
tessera-cpu-tile-and-vectorize), at sizes that leave partial tiles."""
import math

import numpy as np

_erf = np.vectorize(math.erf)


def _gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _f32(*arrays):
    return [a.astype(np.float32) for a in arrays]


def matmul_bias_gelu(rng):
    a, b, bias = _f32(rng.standard_normal((100, 70)) / 8,
                      rng.standard_normal((70, 333)), rng.standard_normal(333))
    y = _gelu(a.astype(np.float64) @ b + bias)
    return [a, b, bias], _f32(y)


def batch_matmul_residual(rng):
    a, b, r = _f32(rng.standard_normal((3, 37, 50)) / 7,
                   rng.standard_normal((3, 50, 45)),
                   rng.standard_normal((3, 37, 45)))
    y = np.tanh(np.matmul(a.astype(np.float64), b)) + r
    return [a, b, r], _f32(y)


def conv1x1_bn_relu(rng):
    x, w, scale, shift = _f32(rng.standard_normal((1, 24, 15, 17)),
                              rng.standard_normal((40, 24, 1, 1)) / 5,
                              rng.standard_normal(40), rng.standard_normal(40))
    h = np.einsum("fc,nchw->nfhw", w[:, :, 0, 0].astype(np.float64), x)
    y = np.maximum(h * scale[None, :, None, None] +
                   shift[None, :, None, None], 0.0)
    return [x, w, scale, shift], _f32(y)


def dequant_matmul(rng):
    a, b, s, bias = _f32(rng.standard_normal((50, 64)),
                         rng.standard_normal((64, 200)),
                         rng.standard_normal(200) / 8, rng.standard_normal(200))
    y = np.tanh(a.astype(np.float64)) @ (b * s.astype(np.float64)) + bias
    return [a, b, s, bias], _f32(y)


def conv_chain(rng):
    x, w1, w2 = _f32(rng.standard_normal((1, 16, 9, 13)),
                     rng.standard_normal((24, 16, 1, 1)) / 4,
                     rng.standard_normal((16, 24, 1, 1)) / 5)
    h = np.tanh(np.einsum("fc,nchw->nfhw", w1[:, :, 0, 0].astype(np.float64), x))
    y = np.einsum("fc,nchw->nfhw", w2[:, :, 0, 0].astype(np.float64), h) + x
    return [x, w1, w2], _f32(y)
