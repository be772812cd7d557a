"""Golden data for test/e2e/im2col.mlir: f32 NCHW convolutions with windows
larger than 1x1 (generated as input patches and a GEMM), computed in
float64 by numpy, window position by window position."""
import numpy as np


def _conv(rng, x_shape, w_shape, stride, dilation):
    x = rng.standard_normal(x_shape).astype(np.float32)
    w = rng.standard_normal(w_shape).astype(np.float32)
    n, c, h, wd = x_shape
    f, _, kh, kw = w_shape
    sh, sw = stride
    dh, dw = dilation
    oh = (h - (kh - 1) * dh - 1) // sh + 1
    ow = (wd - (kw - 1) * dw - 1) // sw + 1
    x64, w64 = x.astype(np.float64), w.astype(np.float64)
    y = np.zeros((n, f, oh, ow))
    for i in range(kh):
        for j in range(kw):
            window = x64[:, :, i * dh:i * dh + (oh - 1) * sh + 1:sh,
                         j * dw:j * dw + (ow - 1) * sw + 1:sw]
            y += np.einsum("nchw,fc->nfhw", window, w64[:, :, i, j])
    return [x, w], [y.astype(np.float32)]


def long_rows(rng):
    return _conv(rng, (1, 6, 12, 102), (5, 6, 3, 3), (1, 1), (1, 1))


def short_rows_batch(rng):
    return _conv(rng, (2, 4, 9, 9), (7, 4, 5, 3), (1, 1), (1, 1))


def strided(rng):
    return _conv(rng, (1, 8, 17, 21), (6, 8, 3, 3), (2, 2), (1, 1))


def dilated(rng):
    return _conv(rng, (1, 5, 20, 24), (4, 5, 3, 3), (1, 1), (2, 2))
