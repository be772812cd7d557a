"""Golden references of the quant ops (OPERATORS.md section 6).

Written from the definitions, in numpy:
  quantize    q = sat(round(r / s) + z): the division in float32, np.rint
              (round half to even), + float32(z), saturation to the storage
              range with np.fmax/np.fmin (a NaN goes to the low end, like the
              constant folder's std::fmax/std::fmin);
  dequantize  r = float32(q - z) * s;
  qmatmul     acc = sum_k (a - za)(b - zb) in int64 (then int32), f32 result
              (sa * sb) * float32(acc), requantized as quantize(that, so, zo);
  hadamard    explicit Sylvester matrix H[i, j] = (-1)^popcount(i & j) built
              by H_2n = [[H, H], [H, -H]], applied per block in float64;
  power_quantize  s = max|x|^a / (2^(b-1) - 1), q = sat(round(sign(x)|x|^a / s)),
              q = 0 when s = 0; power_dequantize x = sign(q) (|q| s)^(1/a).
Every case returns ([inputs], [outputs]) with the exact dtypes of the MLIR
function in test/e2e/quant.mlir.
"""
import numpy as np

F32 = np.float32

RANGES = {"i8": (-128, 127), "u8": (0, 255), "i4": (-8, 7), "u4": (0, 15)}
DTYPES = {"i8": np.int8, "u8": np.uint8, "i4": np.int8, "u4": np.uint8}


def quantize(r, s, z, kind):
    """Elementwise affine quantization; s and z broadcast against r."""
    lo, hi = RANGES[kind]
    r = np.asarray(r, dtype=F32)
    v = np.rint(r / np.asarray(s, dtype=F32)) + np.asarray(z).astype(F32)
    v = np.fmin(np.fmax(v, F32(lo)), F32(hi))
    return v.astype(np.int64)


def dequantize(q, s, z):
    d = np.asarray(q).astype(np.int64) - np.asarray(z).astype(np.int64)
    return d.astype(F32) * np.asarray(s, dtype=F32)


def axis_shape(ndim, axis):
    shape = [1] * ndim
    shape[axis] = -1
    return shape


# ---- quantize --------------------------------------------------------------

def quantize_i8_static(rng):
    x = rng.normal(0.0, 20.0, size=(6, 8)).astype(F32)
    flat = x.reshape(-1)
    # r / 0.5 = k + 0.5 exactly: ties to even, positive and negative.
    flat[:12] = [0.25, 0.75, 1.25, -0.25, -0.75, -1.25, 2.25, -2.25,
                 10.75, -10.75, 0.0, -0.0]
    # Saturation at both ends (with the zero point 3), infinities and NaN.
    flat[12:20] = [62.25, 62.0, -65.5, -65.75, 1e6, -1e6, np.inf, -np.inf]
    flat[20] = np.nan
    q = quantize(x, 0.5, 3, "i8").astype(np.int8)
    return [x], [q]


def quantize_i8_operand(rng):
    x = rng.normal(0.0, 3.0, size=(5, 7)).astype(F32)
    x[0, :4] = [100.0, -100.0, 0.0, -0.0]
    s = np.array([0.037], dtype=F32)
    z = np.array([-20], dtype=np.int32)
    q = quantize(x, s, z, "i8").astype(np.int8)
    return [x, s, z], [q]


def quantize_i8_scale1(rng):
    x = rng.uniform(-40.0, 40.0, size=13).astype(F32)
    x[:4] = [0.5, 1.5, -0.5, -2.5]   # ties with s = 1
    x[4:6] = [200.0, -200.0]
    s = np.array([1.0], dtype=F32)
    q = quantize(x, s[0], 0, "i8").astype(np.int8)
    return [x, s], [q]


def quantize_i8_axis(rng):
    x = rng.normal(0.0, 2.0, size=(2, 5, 3)).astype(F32)
    s = np.array([0.01, 0.05, 0.1, 0.5, 0.02], dtype=F32)
    z = np.array([0, 10, -10, 100, -128], dtype=np.int32)
    sh = axis_shape(3, 1)
    q = quantize(x, s.reshape(sh), z.reshape(sh), "i8").astype(np.int8)
    return [x, s, z], [q]


def quantize_i8_axis_static(rng):
    x = rng.normal(0.0, 30.0, size=(3, 9)).astype(F32)
    x[0, :3] = [0.25, -0.75, 1.25]        # ties for s = 0.5
    x[1, :3] = [0.125, -0.375, 0.625]     # ties for s = 0.25
    x[2, :3] = [0.75, -2.25, 3.75]        # ties for s = 1.5
    s = np.array([0.5, 0.25, 1.5], dtype=F32).reshape(3, 1)
    z = np.array([0, -5, 7]).reshape(3, 1)
    q = quantize(x, s, z, "i8").astype(np.int8)
    return [x], [q]


def quantize_ui8_zp128(rng):
    x = rng.normal(0.0, 20.0, size=(4, 10)).astype(F32)
    flat = x.reshape(-1)
    flat[:8] = [0.125, -0.125, 0.375, -0.375, 40.0, -40.0, 31.875, -32.125]
    q = quantize(x, 0.25, 128, "u8").astype(np.uint8)
    return [x], [q]


def quantize_ui8_axis(rng):
    x = rng.normal(0.0, 1.0, size=(6, 4)).astype(F32)
    x[0] = [-100.0, 100.0, 0.0, -0.0]
    s = np.array([0.01, 0.02, 0.003, 0.1], dtype=F32)
    z = np.array([128, 0, 255, 17], dtype=np.int32)
    q = quantize(x, s.reshape(1, 4), z.reshape(1, 4), "u8").astype(np.uint8)
    return [x, s, z], [q]


# ---- dequantize ------------------------------------------------------------

def dequantize_i8_static(rng):
    q = rng.integers(-128, 128, size=(4, 16)).astype(np.int8)
    q[0, :2] = [-128, 127]
    return [q], [dequantize(q, 0.05, -3)]


def dequantize_ui8_zp128(rng):
    q = rng.integers(0, 256, size=(3, 11)).astype(np.uint8)
    q[0, :3] = [0, 128, 255]
    return [q], [dequantize(q, 0.125, 128)]


def dequantize_i8_axis(rng):
    q = rng.integers(-128, 128, size=(5, 3, 2)).astype(np.int8)
    s = rng.uniform(0.001, 1.0, size=5).astype(F32)
    z = np.array([0, -128, 127, 5, -9], dtype=np.int32)
    sh = axis_shape(3, 0)
    return [q, s, z], [dequantize(q, s.reshape(sh), z.reshape(sh))]


def dequantize_ui8_operand(rng):
    q = rng.integers(0, 256, size=17).astype(np.uint8)
    s = np.array([0.3], dtype=F32)
    z = np.array([200], dtype=np.int32)
    return [q, s, z], [dequantize(q, s, z)]


# ---- 4-bit round trips -----------------------------------------------------

def roundtrip_i4(rng):
    x = rng.normal(0.0, 3.0, size=(3, 8)).astype(F32)
    flat = x.reshape(-1)
    flat[:10] = [0.25, 0.75, -0.25, -0.75, 2.75, -3.25, 3.0, 3.5, -4.5, -4.75]
    q = quantize(x, 0.5, 1, "i4")
    return [x], [dequantize(q, 0.5, 1)]


def roundtrip_ui4_axis(rng):
    x = rng.normal(0.0, 1.0, size=(5, 3)).astype(F32)
    x[0] = [-10.0, 10.0, 0.0]
    x[1] = [10.0, -10.0, 0.05]
    s = np.array([0.1, 0.25, 0.1], dtype=F32)
    z = np.array([8, 0, 15], dtype=np.int32)
    q = quantize(x, s.reshape(1, 3), z.reshape(1, 3), "u4")
    return [x, s, z], [dequantize(q, s.reshape(1, 3), z.reshape(1, 3))]


def roundtrip_si4(rng):
    x = rng.uniform(-3.0, 3.0, size=16).astype(F32)
    x[:6] = [0.125, 0.375, -0.125, -0.375, 1.5, -1.5]
    q = quantize(x, 0.25, -2, "i4")
    return [x], [dequantize(q, 0.25, -2)]


def roundtrip_si8(rng):
    x = rng.normal(0.0, 8.0, size=20).astype(F32)
    x[:2] = [50.0, -50.0]
    s = F32(0.1)
    q = quantize(x, s, 10, "i8")
    return [x], [dequantize(q, s, 10)]


# ---- 4-bit arguments and results ---------------------------------------------
# i4 data travels as int8 arrays with values in [-8, 7], ui4 as uint8 in
# [0, 15] (the runtime packs them two per byte for the compiled code).

def quantize_i4_result(rng):
    x = rng.normal(0.0, 3.0, size=(7, 5)).astype(F32)
    flat = x.reshape(-1)
    flat[:10] = [0.25, 0.75, -0.25, -0.75, 2.75, -3.25, 3.0, 3.5, -4.5, -4.75]
    flat[-1] = -100.0   # the lone value of the last byte saturates low
    flat[-2] = 100.0
    q = quantize(x, 0.5, 1, "i4").astype(np.int8)
    assert q.min() == -8 and q.max() == 7
    return [x], [q]


def quantize_ui4_axis_result(rng):
    x = rng.normal(0.0, 1.0, size=(3, 5)).astype(F32)
    x[0] = [-10.0, 10.0, 0.0, 0.05, -0.05]
    s = np.array([0.1, 0.25, 0.1, 0.2, 0.3], dtype=F32)
    z = np.array([8, 0, 15, 3, 12], dtype=np.int32)
    q = quantize(x, s.reshape(1, 5), z.reshape(1, 5), "u4").astype(np.uint8)
    return [x, s, z], [q]


def dequantize_i4_arg(rng):
    q = rng.integers(-8, 8, size=(7, 5)).astype(np.int8)
    q.reshape(-1)[:16] = np.arange(-8, 8)
    q[-1, -1] = -8      # the lone value of the last byte, sign extended
    return [q], [dequantize(q, 0.25, -3)]


def dequantize_ui4_arg(rng):
    q = rng.integers(0, 16, size=13).astype(np.uint8)
    q[:2] = [0, 15]
    q[-1] = 15
    s = np.array([0.3], dtype=F32)
    z = np.array([7], dtype=np.int32)
    return [q, s, z], [dequantize(q, s, z)]


def qmatmul_i4_args(rng):
    a = rng.integers(-8, 8, size=(7, 5)).astype(np.int8)
    b = rng.integers(0, 16, size=(5, 3)).astype(np.uint8)
    a[0, :] = -8
    b[:, 0] = 15
    a[-1, -1] = 7
    b[-1, -1] = 0
    return [a, b], [qmatmul_acc(a, b, -1, 8).astype(np.int32)]


def qmatmul_i4_args_f32(rng):
    a = rng.integers(-8, 8, size=(3, 9)).astype(np.int8)
    b = rng.integers(-8, 8, size=(9, 5)).astype(np.int8)
    sa = rng.uniform(0.01, 0.5, size=3).astype(F32)
    sb = rng.uniform(0.01, 0.5, size=5).astype(F32)
    return [a, b, sa, sb], [scaled(qmatmul_acc(a, b, 0, 0), sa, sb)]


def i4_transpose_passthrough(rng):
    q = rng.integers(-8, 8, size=(7, 5)).astype(np.int8)
    q[3, 1] = -7
    return [q], [np.ascontiguousarray(q.T), q.copy(), np.array(q[3, 1])]


def requantize_i4_to_ui4(rng):
    q = rng.integers(-8, 8, size=(3, 3)).astype(np.int8)
    q.reshape(-1)[:3] = [-8, 7, 0]
    u = quantize(dequantize(q, 0.5, 0), 0.5, 8, "u4").astype(np.uint8)
    return [q], [u]


# ---- qmatmul ---------------------------------------------------------------

def qmatmul_acc(a, b, za, zb):
    acc = (a.astype(np.int64) - za) @ (b.astype(np.int64) - zb)
    assert np.all(np.abs(acc) < 2 ** 31)
    return acc


def scaled(acc, sa, sb):
    """(sa[m] * sb[n]) * float32(acc[m, n]) in float32."""
    sa = np.asarray(sa, dtype=F32).reshape(-1, 1)
    sb = np.asarray(sb, dtype=F32).reshape(1, -1)
    return (sa * sb) * acc.astype(F32)


def qmatmul_i32_zp(rng):
    a = rng.integers(-128, 128, size=(7, 5)).astype(np.int8)
    b = rng.integers(-128, 128, size=(5, 13)).astype(np.int8)
    return [a, b], [qmatmul_acc(a, b, 3, -7).astype(np.int32)]


def qmatmul_i32(rng):
    a = rng.integers(-128, 128, size=(4, 33)).astype(np.int8)
    b = rng.integers(-128, 128, size=(33, 6)).astype(np.int8)
    a[0, :] = -128
    b[:, 0] = -128
    a[1, :] = 127
    return [a, b], [qmatmul_acc(a, b, 0, 0).astype(np.int32)]


def qmatmul_u8i8_i32(rng):
    a = rng.integers(0, 256, size=(7, 5)).astype(np.uint8)
    b = rng.integers(-128, 128, size=(5, 13)).astype(np.int8)
    a[0, :] = 255
    return [a, b], [qmatmul_acc(a, b, 128, 5).astype(np.int32)]


def qmatmul_pairs_i8(rng):
    a = rng.integers(-128, 128, size=(37, 67)).astype(np.int8)
    b = rng.integers(-128, 128, size=(67, 80)).astype(np.int8)
    # Pairs of -128 * -128 (the largest pair sum pmaddwd forms), and 127s.
    a[0, :] = -128
    b[:, 0] = -128
    a[1, :] = 127
    b[:, 1] = 127
    return [a, b], [qmatmul_acc(a, b, 3, -7).astype(np.int32)]


def qmatmul_pairs_u8i8(rng):
    a = rng.integers(0, 256, size=(24, 130)).astype(np.uint8)
    b = rng.integers(-128, 128, size=(130, 48)).astype(np.int8)
    a[0, :] = 255
    b[:, 0] = -128
    return [a, b], [qmatmul_acc(a, b, 128, 5).astype(np.int32)]


def qmatmul_pairs_u8u8(rng):
    a = rng.integers(0, 256, size=(20, 36)).astype(np.uint8)
    b = rng.integers(0, 256, size=(36, 64)).astype(np.uint8)
    a[0, :] = 255
    b[:, 0] = 255
    return [a, b], [qmatmul_acc(a, b, 0, 0).astype(np.int32)]


def qmatmul_pairs_i4(rng):
    a = rng.integers(-8, 8, size=(40, 64)).astype(np.int8)
    b = rng.integers(0, 16, size=(64, 96)).astype(np.uint8)
    a[0, :] = -8
    b[:, 0] = 15
    return [a, b], [qmatmul_acc(a, b, -1, 8).astype(np.int32)]


def qmatmul_i4_widened(rng):
    a = rng.integers(-8, 8, size=(96, 704)).astype(np.int8)
    b = rng.integers(0, 16, size=(704, 40)).astype(np.uint8)
    a[0, :] = -8
    a[1, :] = 7
    b[:, 0] = 15
    return [a, b], [qmatmul_acc(a, b, 2, 7).astype(np.int32)]


def qmatmul_u8i8_f32(rng):
    a = rng.integers(0, 256, size=(7, 5)).astype(np.uint8)
    b = rng.integers(-128, 128, size=(5, 13)).astype(np.int8)
    sa = rng.uniform(0.001, 0.1, size=7).astype(F32)
    sb = rng.uniform(0.001, 0.1, size=13).astype(F32)
    return [a, b, sa, sb], [scaled(qmatmul_acc(a, b, 128, 0), sa, sb)]


def qmatmul_f32_scalar(rng):
    a = rng.integers(-128, 128, size=(3, 16)).astype(np.int8)
    b = rng.integers(-128, 128, size=(16, 5)).astype(np.int8)
    sa = np.array([0.02], dtype=F32)
    sb = np.array([0.07], dtype=F32)
    return [a, b, sa, sb], [scaled(qmatmul_acc(a, b, 0, 2), sa, sb)]


def qmatmul_requant_i8(rng):
    a = rng.integers(-128, 128, size=(7, 5)).astype(np.int8)
    b = rng.integers(-128, 128, size=(5, 13)).astype(np.int8)
    sa = rng.uniform(0.001, 0.05, size=7).astype(F32)
    sa[0] = 1.0    # saturates at both ends
    sb = np.array([0.03], dtype=F32)
    so = np.array([0.05], dtype=F32)
    real = scaled(qmatmul_acc(a, b, 2, -3), sa, sb)
    q = quantize(real, so, -10, "i8").astype(np.int8)
    return [a, b, sa, sb, so], [q]


def qmatmul_requant_u8(rng):
    a = rng.integers(0, 256, size=(6, 9)).astype(np.uint8)
    b = rng.integers(0, 256, size=(9, 11)).astype(np.uint8)
    sa = np.array([0.01], dtype=F32)
    sb = rng.uniform(0.001, 0.05, size=11).astype(F32)
    sb[0] = 0.5    # saturates
    so = np.array([0.04], dtype=F32)
    real = scaled(qmatmul_acc(a, b, 120, 131), sa, sb)
    q = quantize(real, so, 128, "u8").astype(np.uint8)
    return [a, b, sa, sb, so], [q]


def qmatmul_i4(rng):
    x = rng.normal(0.0, 1.5, size=(7, 13)).astype(F32)
    w = rng.normal(0.0, 3.0, size=(13, 5)).astype(F32)
    x[0, :3] = [0.125, -0.375, 5.0]
    w[0, :3] = [0.25, -0.75, -9.0]
    a = quantize(x, 0.25, -1, "i4")
    b = quantize(w, 0.5, 8, "u4")
    return [x, w], [qmatmul_acc(a, b, -1, 8).astype(np.int32)]


def sylvester(n):
    h = np.ones((1, 1))
    while h.shape[0] < n:
        h = np.block([[h, h], [h, -h]])
    return h


def hadamard(x, bs):
    """Orthonormal block Hadamard along the last dim, in float64."""
    x = np.asarray(x, dtype=np.float64)
    h = sylvester(bs) / np.sqrt(bs)
    blocks = x.reshape(x.shape[:-1] + (x.shape[-1] // bs, bs))
    return np.einsum("...gj,ji->...gi", blocks, h).reshape(x.shape)


def qmatmul_hadamard_i4(rng):
    # Integer inputs and scales 1.5/sqrt(32), 3/sqrt(32): hadamard(x) / s is
    # n / 1.5 or n / 3 for an integer n, never near a rounding tie.
    x = rng.integers(-2, 3, size=(5, 64)).astype(F32)
    norm = 1.0 / np.sqrt(32.0)
    sx = np.array([1.5 * norm * (1 + m % 2) for m in range(5)], dtype=F32)
    sw = np.array([0.5, 0.25, 0.125], dtype=F32)
    wt = (rng.integers(-9, 10, size=(64, 3)) * sw.astype(np.float64)).astype(F32)
    xh = hadamard(x, 32).astype(F32)
    a = quantize(xh, sx.reshape(5, 1), 0, "i4")
    b = quantize(wt, sw.reshape(1, 3), 0, "i4")
    return [x, wt, sx, sw], [scaled(qmatmul_acc(a, b, 0, 0), sx, sw)]


# ---- hadamard --------------------------------------------------------------

def hadamard_b1(rng):
    x = rng.normal(size=(3, 5)).astype(F32)
    return [x], [x.copy()]


def hadamard_b2(rng):
    x = rng.normal(size=(3, 6)).astype(F32)
    return [x], [hadamard(x, 2).astype(F32)]


def hadamard_b32(rng):
    x = rng.normal(size=(2, 3, 96)).astype(F32)
    return [x], [hadamard(x, 32).astype(F32)]


def hadamard_rank1(rng):
    x = rng.normal(size=16).astype(F32)
    # H_16 / 4 of a one-hot vector is its row of +-1/4.
    x[:] = 0.0
    x[5] = 1.0
    y = hadamard(x, 16).astype(F32)
    assert np.all(np.abs(y) == F32(0.25))
    x = rng.normal(size=16).astype(F32)
    return [x], [hadamard(x, 16).astype(F32)]


def hadamard_twice(rng):
    x = rng.normal(size=(4, 64)).astype(F32)
    return [x], [x.copy()]


# ---- power quantization ----------------------------------------------------

def pow32(v, a):
    """|v|^a for float32 |v|, computed in float64 and rounded once."""
    return (np.abs(v).astype(np.float64) ** float(a)).astype(F32)


def power_quantize(x, a, bits):
    x = np.asarray(x, dtype=F32)
    lo, hi = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    s = pow32(np.max(np.abs(x)), a) / F32(2 ** (bits - 1) - 1)
    s = F32(s)
    if s == 0:
        return np.zeros(x.shape, np.int64), np.array(s, dtype=F32)
    v = np.copysign(pow32(x, a), x) / s
    q = np.clip(np.rint(v), lo, hi).astype(np.int64)
    return q, np.array(s, dtype=F32)


def power_dequantize(q, s, a):
    q = np.asarray(q)
    inv = F32(1.0) / F32(a)
    m = np.abs(q).astype(F32) * F32(s)
    return np.copysign(pow32(m, inv), q.astype(F32))


def power_quantize_i8_a05(rng):
    x = rng.normal(0.0, 2.0, size=(5, 9)).astype(F32)
    x[0, :2] = [0.0, -0.0]
    x[1, 0] = -7.5      # the largest magnitude is negative
    q, s = power_quantize(x, 0.5, 8)
    assert q.min() == -127
    return [x], [q.astype(np.int8), s]


def power_quantize_i8_zero(rng):
    x = np.zeros((5, 9), dtype=F32)
    x[2, 3] = -0.0
    q, s = power_quantize(x, 0.5, 8)
    assert s == 0 and not q.any()
    return [x], [q.astype(np.int8), s]


def power_quantize_i8_a1(rng):
    x = rng.uniform(-3.0, 3.0, size=23).astype(F32)
    x[0] = 4.0
    q, s = power_quantize(x, 1.0, 8)
    assert q.max() == 127
    return [x], [q.astype(np.int8), s]


def power_dequantize_i8_a05(rng):
    q = rng.integers(-127, 128, size=(4, 8)).astype(np.int8)
    q[0, :3] = [0, 127, -127]
    s = np.array([0.013], dtype=F32)
    return [q, s], [power_dequantize(q, s[0], 0.5)]


def power_roundtrip_i4_a05(rng):
    x = rng.normal(0.0, 1.0, size=(3, 7)).astype(F32)
    q, s = power_quantize(x, 0.5, 4)
    return [x], [power_dequantize(q, s, 0.5), s]


def power_roundtrip_i4_zero(rng):
    x = np.zeros((3, 7), dtype=F32)
    q, s = power_quantize(x, 0.5, 4)
    return [x], [power_dequantize(q, s, 0.5), s]


def power_roundtrip_si4_a1(rng):
    x = rng.normal(0.0, 1.0, size=19).astype(F32)
    q, s = power_quantize(x, 1.0, 4)
    return [x], [power_dequantize(q, s, 1.0), s]
