"""Golden references of the binary ops (OPERATORS.md section 6, BinaryOps.td).

Written from the math, in float64 numpy with +-1 values (no bit tricks):
  sign(v)     +1 for v >= 0 (sign(0) = +1, -0.0 included), else -1;
  weights     alpha_o * sign(T(W_o)), T = identity ("sign") or
              sin(omega * W) ("periodic", BiPer; the product omega * W is
              rounded to float32 like the op's f32 arithmetic, the sine taken
              in float64); alpha_o = the given alpha, else mean|W_o| of the
              untransformed weights;
  binary_matmul  y[..., o] = alpha_o * sum_k sign(x[..., k]) sign(T(W[o, k]))
              [* mean_k |x[..., k]| with input_scaling];
  binary_conv2d  explicit loops over the output positions of a zero-padded
              +-1 input (the padding is 0, so a padded tap contributes 0),
              PyTorch's stride / padding / dilation; with input_scaling each
              output point is multiplied by K[n, oh, ow] = the sum over the
              kh x kw window (same stride, padding, dilation; padded taps 0)
              of the channel mean of |x|, divided by kh * kw.
The integer dot products are exact in float64; the result is rounded to
float32 once. Every case returns ([inputs], [outputs]) with the dtypes of
the MLIR functions of test/e2e/binary.mlir.
"""
import numpy as np

F32 = np.float32


def sign(v):
    return np.where(np.asarray(v) >= 0, 1.0, -1.0)


def transformed(w, transform, omega):
    w = np.asarray(w, dtype=F32)
    if transform == "sign":
        return w.astype(np.float64)
    return np.sin((F32(omega) * w).astype(F32).astype(np.float64))


def clean_periodic(rng, w, omega):
    """Moves nonzero weights whose sin(omega w) is within 1e-3 of 0 (where an
    f32 sine could legitimately round to the other sign) off the zero
    crossing; exact zeros stay (sin(0) = 0 -> +1 on both sides)."""
    w = np.array(w, dtype=F32)
    while True:
        s = np.sin((F32(omega) * w).astype(F32).astype(np.float64))
        bad = (np.abs(s) < 1e-3) & (w != 0)
        if not bad.any():
            return w
        w[bad] = rng.normal(0.0, 1.0, size=int(bad.sum())).astype(F32)


def weight_scale(w, alpha):
    if alpha is not None:
        return np.asarray(alpha, dtype=np.float64)
    w = np.abs(np.asarray(w, dtype=np.float64))
    return w.reshape(w.shape[0], -1).mean(axis=1)


def binary_matmul(x, w, alpha=None, input_scaling=False, transform="sign",
                  omega=20.0):
    xb = sign(x)
    wb = sign(transformed(w, transform, omega))
    dot = np.einsum("...k,ok->...o", xb, wb)
    y = dot * weight_scale(w, alpha)
    if input_scaling:
        y = y * np.abs(np.asarray(x, dtype=np.float64)).mean(axis=-1,
                                                             keepdims=True)
    return y.astype(F32)


def conv_output_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def binary_conv2d(x, w, alpha=None, stride=(1, 1), padding=(0, 0),
                  dilation=(1, 1), input_scaling=False, transform="sign",
                  omega=20.0, pad_sign=0.0):
    """pad_sign = 0 is the op; pad_sign = 1 is the WRONG +-1 padding (used
    only to check that a case tells the two apart)."""
    n, c, h, wd = x.shape
    o, c2, kh, kw = w.shape
    assert c == c2
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    oh = conv_output_size(h, kh, sh, ph, dh)
    ow = conv_output_size(wd, kw, sw, pw, dw)
    xp = np.full((n, c, h + 2 * ph, wd + 2 * pw), pad_sign)
    xp[:, :, ph:ph + h, pw:pw + wd] = sign(x)
    ap = np.zeros((n, h + 2 * ph, wd + 2 * pw))
    ap[:, ph:ph + h, pw:pw + wd] = np.abs(np.asarray(x, np.float64)).mean(1)
    wb = sign(transformed(w, transform, omega))
    scale = weight_scale(w, alpha)
    y = np.zeros((n, o, oh, ow))
    for i in range(oh):
        for j in range(ow):
            rows = i * sh + dh * np.arange(kh)
            cols = j * sw + dw * np.arange(kw)
            patch = xp[:, :, rows[:, None], cols[None, :]]  # [n, c, kh, kw]
            dot = np.einsum("ncij,ocij->no", patch, wb)
            y[:, :, i, j] = dot * scale
            if input_scaling:
                k = ap[:, rows[:, None], cols[None, :]].sum(axis=(1, 2))
                y[:, :, i, j] *= (k / (kh * kw))[:, None]
    return y.astype(F32)


def with_zeros(rng, x, count):
    """Puts exact +0.0 and -0.0 at random places of x (sign(0) = +1)."""
    flat = x.reshape(-1)
    where = rng.choice(flat.size, size=count, replace=False)
    flat[where[: count // 2]] = 0.0
    flat[where[count // 2:]] = -0.0
    return x


def normal(rng, *shape):
    return rng.normal(0.0, 1.0, size=shape).astype(F32)


def positive(rng, *shape):
    return rng.uniform(0.25, 2.0, size=shape).astype(F32)


# ---- binary_matmul ---------------------------------------------------------

def matmul_k64(rng):
    """K = 64: exactly one word; zeros in x and W."""
    x = with_zeros(rng, normal(rng, 4, 64), 10)
    w = with_zeros(rng, normal(rng, 6, 64), 6)
    return [x, w], [binary_matmul(x, w)]


def matmul_k100_alpha(rng):
    """K = 100: one full and one partial word; alpha given."""
    x = normal(rng, 3, 100)
    w = normal(rng, 5, 100)
    a = positive(rng, 5)
    return [x, w, a], [binary_matmul(x, w, alpha=a)]


def matmul_k7_scaling(rng):
    """K = 7 (one partial word), input scaling, zeros in x."""
    x = with_zeros(rng, normal(rng, 5, 7), 6)
    w = normal(rng, 3, 7)
    return [x, w], [binary_matmul(x, w, input_scaling=True)]


def matmul_rank3_alpha_scaling(rng):
    """[B, T, K] input, K = 100, alpha and input scaling."""
    x = with_zeros(rng, normal(rng, 2, 3, 100), 8)
    w = normal(rng, 4, 100)
    a = positive(rng, 4)
    return [x, w, a], [binary_matmul(x, w, alpha=a, input_scaling=True)]


def matmul_rank1(rng):
    """A single [K] vector, K = 37, input scaling (a rank-0 mean |x|)."""
    x = normal(rng, 37)
    w = normal(rng, 4, 37)
    return [x, w], [binary_matmul(x, w, input_scaling=True)]


def matmul_dynamic_batch(rng):
    """[B, T, K] seen as [?, ?, K] by the op (tensor.cast inside)."""
    x = with_zeros(rng, normal(rng, 3, 2, 70), 6)
    w = normal(rng, 5, 70)
    return [x, w], [binary_matmul(x, w, input_scaling=True)]


def matmul_k257(rng):
    """K = 257: four full words and one bit."""
    x = normal(rng, 9, 257)
    w = normal(rng, 16, 257)
    return [x, w], [binary_matmul(x, w, input_scaling=True)]


def matmul_periodic_omega20(rng):
    """BiPer, default omega 20, K = 130; zeros in W (sin(0) = 0 -> +1)."""
    x = normal(rng, 4, 130)
    w = clean_periodic(rng, 0.1 * normal(rng, 8, 130), 20.0)
    w = with_zeros(rng, w, 4)
    return [x, w], [binary_matmul(x, w, transform="periodic", omega=20.0)]


def matmul_periodic_omega3(rng):
    """BiPer, omega 3, K = 65, input scaling, alpha = mean|W|."""
    x = normal(rng, 3, 65)
    w = clean_periodic(rng, normal(rng, 5, 65), 3.0)
    return [x, w], [binary_matmul(x, w, input_scaling=True,
                                  transform="periodic", omega=3.0)]


# ---- binary_conv2d ---------------------------------------------------------

def conv_case(rng, x, w, **kw):
    """Returns the op's result; when the conv pads, checks that its border
    differs from the wrong +-1-padded computation."""
    y = binary_conv2d(x, w, **kw)
    if any(kw.get("padding", (0, 0))):
        wrong = binary_conv2d(x, w, pad_sign=1.0, **kw)
        assert not np.allclose(y, wrong, rtol=1e-3), "padding not exercised"
    return y


def conv_3x3_pad1(rng):
    """3x3, padding 1, zeros in x (sign(0) = +1, unlike the padding)."""
    x = with_zeros(rng, normal(rng, 1, 3, 6, 7), 12)
    w = normal(rng, 4, 3, 3, 3)
    return [x, w], [conv_case(rng, x, w, padding=(1, 1))]


def conv_stride2(rng):
    """Batch 2, stride 2, padding 1, Cin 5 (45 taps)."""
    x = normal(rng, 2, 5, 9, 8)
    w = normal(rng, 3, 5, 3, 3)
    return [x, w], [conv_case(rng, x, w, stride=(2, 2), padding=(1, 1))]


def conv_dilation2(rng):
    """Dilation 2, padding 2."""
    x = normal(rng, 1, 4, 9, 9)
    w = normal(rng, 2, 4, 3, 3)
    return [x, w], [conv_case(rng, x, w, padding=(2, 2), dilation=(2, 2))]


def conv_1x1_alpha(rng):
    """1x1 kernel, Cin 70 (one full and one partial word), alpha, batch 2."""
    x = with_zeros(rng, normal(rng, 2, 70, 5, 4), 20)
    w = normal(rng, 6, 70, 1, 1)
    a = positive(rng, 6)
    return [x, w, a], [conv_case(rng, x, w, alpha=a)]


def conv_1x1_pad1(rng):
    """1x1 kernel with padding 1: the border outputs see only padding (a
    dot product of 0 taps, exactly 0)."""
    x = normal(rng, 1, 3, 4, 4)
    w = normal(rng, 2, 3, 1, 1)
    y = conv_case(rng, x, w, padding=(1, 1))
    assert not y[:, :, 0, :].any() and not y[:, :, :, -1].any()
    return [x, w], [y]


def conv_cin10_scaling(rng):
    """Cin 10 (90 taps: two words), padding 1, input scaling, zeros in x."""
    x = with_zeros(rng, normal(rng, 2, 10, 6, 6), 30)
    w = normal(rng, 5, 10, 3, 3)
    return [x, w], [conv_case(rng, x, w, padding=(1, 1), input_scaling=True)]


def conv_scaling_stride_dilation(rng):
    """Input scaling with stride 2, padding 2, dilation 2 and alpha."""
    x = normal(rng, 1, 3, 11, 10)
    w = normal(rng, 4, 3, 3, 3)
    a = positive(rng, 4)
    return [x, w, a], [conv_case(rng, x, w, alpha=a, stride=(2, 2),
                                 padding=(2, 2), dilation=(2, 2),
                                 input_scaling=True)]


def conv_asymmetric(rng):
    """3x2 kernel, stride [2, 1], padding [1, 0], dilation [1, 2]."""
    x = normal(rng, 2, 3, 8, 9)
    w = normal(rng, 3, 3, 3, 2)
    return [x, w], [conv_case(rng, x, w, stride=(2, 1), padding=(1, 0),
                              dilation=(1, 2), input_scaling=True)]


def conv_cin64(rng):
    """Cin 64, 3x3 (one whole word per pixel, 9 tap words), padding 1."""
    x = normal(rng, 1, 64, 5, 5)
    w = normal(rng, 8, 64, 3, 3)
    return [x, w], [conv_case(rng, x, w, padding=(1, 1))]


def conv_tiled(rng):
    """Cout 40 x 90 output positions x 9 tap words: the GPUs tile it."""
    x = normal(rng, 1, 64, 10, 9)
    w = normal(rng, 40, 64, 3, 3)
    a = positive(rng, 40)
    return [x, w, a], [conv_case(rng, x, w, alpha=a, padding=(1, 1))]


def conv_cin70_3x3(rng):
    """Cin 70 (two 64-bit words per pixel, the last partial), 3x3, batch 2,
    stride 2, padding 1, input scaling, zeros in x."""
    x = with_zeros(rng, normal(rng, 2, 70, 7, 6), 40)
    w = normal(rng, 5, 70, 3, 3)
    return [x, w], [conv_case(rng, x, w, stride=(2, 2), padding=(1, 1),
                              input_scaling=True)]


def conv_cin130_dilation2(rng):
    """Cin 130 (three words per pixel, a whole one in the middle), dilation
    2, padding 2, alpha."""
    x = normal(rng, 1, 130, 7, 7)
    w = normal(rng, 4, 130, 3, 3)
    a = positive(rng, 4)
    return [x, w, a], [conv_case(rng, x, w, alpha=a, padding=(2, 2),
                                 dilation=(2, 2))]


def conv_cin33_2x3(rng):
    """Cin 33 (one bit past a 32-bit word), 2x3 kernel, padding [0, 1]."""
    x = normal(rng, 1, 33, 5, 5)
    w = normal(rng, 3, 33, 2, 3)
    return [x, w], [conv_case(rng, x, w, padding=(0, 1))]


def conv_periodic_omega20(rng):
    """BiPer, default omega 20, padding 1; zeros in W and x."""
    x = with_zeros(rng, normal(rng, 1, 4, 5, 6), 8)
    w = clean_periodic(rng, 0.1 * normal(rng, 3, 4, 3, 3), 20.0)
    w = with_zeros(rng, w, 3)
    return [x, w], [conv_case(rng, x, w, padding=(1, 1),
                              transform="periodic", omega=20.0)]


def conv_periodic_omega3(rng):
    """BiPer, omega 3, input scaling, stride 2, padding 1."""
    x = normal(rng, 2, 3, 7, 7)
    w = clean_periodic(rng, normal(rng, 4, 3, 3, 3), 3.0)
    return [x, w], [conv_case(rng, x, w, stride=(2, 2), padding=(1, 1),
                              input_scaling=True, transform="periodic",
                              omega=3.0)]


# ---- constant weights (the usual case: folded or packed at run time) -------

CONST_W_MATMUL = np.array([[0.5, -1.0, 0.0, 2.0, -0.25],
                           [-0.5, -1.5, 1.0, 0.75, 3.0],
                           [1.0, 1.0, 1.0, -1.0, -1.0]], dtype=F32)

CONST_W_CONV = np.array([[[[1.0, -2.0], [0.0, 0.5]]],
                         [[[-1.0, -1.0], [2.0, -0.5]]]], dtype=F32)


def matmul_const_weight(rng):
    """Weights are an arith.constant of the function (CONST_W_MATMUL)."""
    x = with_zeros(rng, normal(rng, 2, 5), 2)
    return [x], [binary_matmul(x, CONST_W_MATMUL, input_scaling=True)]


def conv_dynamic_batch(rng):
    """Batch 3 seen as ? by the op (tensor.cast inside), padding 1, stride
    2, input scaling, alpha."""
    x = normal(rng, 3, 2, 7, 6)
    w = normal(rng, 4, 2, 3, 3)
    a = positive(rng, 4)
    return [x, w, a], [conv_case(rng, x, w, alpha=a, stride=(2, 2),
                                 padding=(1, 1), input_scaling=True)]


def conv_const_weight(rng):
    """Weights are an arith.constant of the function (CONST_W_CONV), 2x2
    kernel, padding 1, input scaling."""
    x = normal(rng, 1, 1, 4, 5)
    return [x], [conv_case(rng, x, CONST_W_CONV, padding=(1, 1),
                           input_scaling=True)]
