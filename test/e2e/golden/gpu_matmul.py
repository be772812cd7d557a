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


def _f64(x):
    return x.astype(np.float64)


def matmul_transposed_b(rng):
    x, w, bias = (_f32(40, 70, rng=rng), _f32(33, 70, rng=rng),
                  _f32(40, 33, rng=rng))
    y = _f64(bias) + _f64(x) @ _f64(w).T
    return [x, w, bias], [y.astype(np.float32)]


def matmul_transposed_a(rng):
    a, b = _f32(70, 40, rng=rng), _f32(70, 33, rng=rng)
    return [a, b], [(_f64(a).T @ _f64(b)).astype(np.float32)]


def conv_1x1(rng):
    x, w = _f32(2, 40, 9, 11, rng=rng), _f32(36, 40, 1, 1, rng=rng)
    y = np.einsum("nchw,fc->nfhw", _f64(x), _f64(w[:, :, 0, 0]))
    return [x, w], [y.astype(np.float32)]


def contraction_flattened_m(rng):
    x, w = _f32(2, 35, 5, 7, rng=rng), _f32(34, 35, rng=rng)
    y = np.einsum("bchw,fc->bhwf", _f64(x), _f64(w))
    return [x, w], [y.astype(np.float32)]


def batch_qkt(rng):
    q, k = _f32(2, 37, 40, rng=rng), _f32(2, 33, 40, rng=rng)
    y = np.einsum("bik,bjk->bij", _f64(q), _f64(k))
    return [q, k], [y.astype(np.float32)]


def matmul_int8(rng):
    a = rng.integers(-128, 128, size=(40, 70)).astype(np.int8)
    b = rng.integers(-128, 128, size=(70, 33)).astype(np.int8)
    y = a.astype(np.int64) @ b.astype(np.int64)
    return [a, b], [y.astype(np.int32)]


def quantized_linear(rng):
    x = (_f32(40, 70, rng=rng) * 4).astype(np.float32)
    # Powers of two: the division is exact on every target (Vulkan's OpFDiv
    # may be off by ulps), so the rounding is the same.
    s = np.exp2(rng.integers(-1, 2, size=40)).astype(np.float32)
    w = rng.integers(-128, 128, size=(33, 70)).astype(np.int8)
    q = np.clip(np.round(x / s[:, None]), -8, 7).astype(np.int64)
    y = q @ w.astype(np.int64).T
    return [x, s, w], [y.astype(np.int32)]


def xnor_popcount(rng):
    a = rng.integers(-2**31, 2**31, size=(40, 70), dtype=np.int64).astype(np.int32)
    b = rng.integers(-2**31, 2**31, size=(33, 70), dtype=np.int64).astype(np.int32)
    x = ~(a.view(np.uint32)[:, None, :] ^ b.view(np.uint32)[None, :, :])
    bits = np.unpackbits(x.view(np.uint8), axis=-1).sum(axis=-1)
    return [a, b], [bits.astype(np.int32)]
