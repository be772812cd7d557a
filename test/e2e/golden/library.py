"""Golden data for test/e2e/library.mlir: GEMMs that run either as generated
code or through oneDNN (--library-calls), checked against the same numpy
references. f32 products are computed in float64 and rounded once; int8
products exactly in int64 (the results fit int32)."""
import numpy as np

F32 = np.float32


def mm(a, b):
    return np.matmul(a.astype(np.float64), b.astype(np.float64))


def matmul(rng):
    a = rng.standard_normal((67, 45)).astype(F32)
    b = rng.standard_normal((45, 53)).astype(F32)
    return [a, b], [mm(a, b).astype(F32)]


def matmul_large(rng):
    a = rng.standard_normal((256, 192)).astype(F32)
    b = rng.standard_normal((192, 160)).astype(F32)
    return [a, b], [mm(a, b).astype(F32)]


def matmul_views(rng):
    # C + A[3:34, 5:69] @ B[:, ::2]: an offset view with leading dimension
    # 80, a column-strided view (not row-contiguous: copied) and an init
    # accumulated into.
    a = rng.standard_normal((40, 80)).astype(F32)
    b = rng.standard_normal((64, 48)).astype(F32)
    c = rng.standard_normal((31, 24)).astype(F32)
    y = c.astype(np.float64) + mm(a[3:34, 5:69], b[:, ::2])
    return [a, b, c], [y.astype(F32)]


def batch_matmul(rng):
    a = rng.standard_normal((4, 33, 29)).astype(F32)
    b = rng.standard_normal((4, 29, 17)).astype(F32)
    return [a, b], [mm(a, b).astype(F32)]


def extremes(rng, shape, lo, hi, dtype):
    """Random values with whole rows/columns at the extremes of the range,
    where kernels that saturate pairs of int8 products fail."""
    x = rng.integers(lo, hi + 1, size=shape)
    x[0, :] = hi
    x[1, :] = lo
    x[2, ::2], x[2, 1::2] = lo, hi
    return x.astype(dtype)


def acc(a, b, za, zb):
    r = (a.astype(np.int64) - za) @ (b.astype(np.int64) - zb)
    assert np.all(np.abs(r) < 2 ** 31)
    return r


def qmatmul_s8(rng):
    a = extremes(rng, (37, 300), -128, 127, np.int8)
    b = extremes(rng, (300, 29), -128, 127, np.int8)
    b[:, 0] = -128
    b[:, 1] = 127
    return [a, b], [acc(a, b, 3, -7).astype(np.int32)]


def qmatmul_u8(rng):
    a = extremes(rng, (37, 300), 0, 255, np.uint8)
    b = extremes(rng, (300, 29), -128, 127, np.int8)
    b[:, 0] = -128
    b[:, 1] = 127
    return [a, b], [acc(a, b, 128, 5).astype(np.int32)]


def qmatmul_u8_f32(rng):
    a = extremes(rng, (19, 64), 0, 255, np.uint8)
    b = extremes(rng, (64, 21), -128, 127, np.int8)
    sa = rng.uniform(0.01, 0.1, size=19).astype(F32)
    sb = rng.uniform(0.01, 0.1, size=21).astype(F32)
    r = acc(a, b, 120, 0)
    y = (sa.reshape(-1, 1) * sb.reshape(1, -1)) * r.astype(F32)
    return [a, b, sa, sb], [y.astype(F32)]


def conv(x, w, stride=(1, 1), dilation=(1, 1)):
    """NCHW x FCHW -> NFHW without padding, in float64: a sum over the
    window's positions of (strided input views) x (filter taps)."""
    x, w = x.astype(np.float64), w.astype(np.float64)
    (sh, sw), (dh, dw) = stride, dilation
    kh, kw = w.shape[2:]
    oh = (x.shape[2] - dh * (kh - 1) - 1) // sh + 1
    ow = (x.shape[3] - dw * (kw - 1) - 1) // sw + 1
    y = np.zeros((x.shape[0], w.shape[0], oh, ow))
    for i in range(kh):
        for j in range(kw):
            window = x[:, :, i * dh:i * dh + sh * (oh - 1) + 1:sh,
                       j * dw:j * dw + sw * (ow - 1) + 1:sw]
            y += np.einsum("nchw,fc->nfhw", window, w[:, :, i, j])
    return y


def conv_bias(rng):
    x = rng.standard_normal((1, 10, 28, 28)).astype(F32)
    w = rng.standard_normal((20, 10, 3, 3)).astype(F32)
    b = rng.standard_normal(20).astype(F32)
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    y = conv(padded, w) + b.reshape(1, -1, 1, 1)
    return [x, w, b], [y.astype(F32)]


def conv_strided_views(rng):
    x = rng.standard_normal((2, 24, 21, 19)).astype(F32)
    w = rng.standard_normal((16, 8, 3, 3)).astype(F32)
    w1 = rng.standard_normal((12, 24, 1, 1)).astype(F32)
    y = conv(x[:, 8:16], w, stride=(2, 1), dilation=(1, 2))
    y1 = conv(x[:, :, 2:11, 3:12], w1)
    return [x, w, w1], [y.astype(F32), y1.astype(F32)]
