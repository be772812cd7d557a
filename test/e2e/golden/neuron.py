"""Golden references of the neuron ops (OPERATORS.md sections 4 and 5,
NeuronOps.td): quadratic_linear, quadratic_conv2d, pau, pade_conv2d.

Written from the math in float64 numpy, rounded to float32 once:
  linear(x, W)   x W^T over the last dim (np.einsum "...i,oi->...o");
  conv2d(x, W)   explicit loops over the output positions of the
                 zero-padded input, each a [N, Cin/G, kh, kw] patch taken with
                 PyTorch's stride / padding / dilation and contracted with the
                 group's weights (np.einsum), groups split the channels;
  quadratic      the variant table of NeuronOps.td with `W x` one of the
                 above and `x*x` the elementwise square (absent biases = 0);
  pau            P(x) = sum_j a_j x^j and Q from the explicit powers
                 x^k (no Horner), per tensor or per channel along an axis;
  pade_conv2d    p = w0 + sum_k conv(x^k, WP_k), r_k = conv(x^k, WQ_k),
                 abs: p / (1 + sum |r_k|), smooth: the Paon-S formula.
Every case returns ([inputs], [outputs]) with the dtypes of the MLIR
functions of test/e2e/neuron.mlir.
"""
import numpy as np

F32 = np.float32
F64 = np.float64

# PAU's default initialisation (approximates leaky ReLU), OPERATORS.md 5.
PAU_A = [0.033558, 0.505, 1.65344, 2.01001, 0.931902, 0.152424]
PAU_B = [3.3e-6, 3.98022, 5.1e-7, 0.30183]


def normal(rng, *shape, scale=1.0):
    return (scale * rng.normal(0.0, 1.0, size=shape)).astype(F32)


# ---- building blocks --------------------------------------------------------

def linear(x, w):
    return np.einsum("...i,oi->...o", np.asarray(x, F64), np.asarray(w, F64))


def conv_output_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def conv2d(x, w, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1):
    x = np.asarray(x, F64)
    w = np.asarray(w, F64)
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    assert c == cg * groups and o % groups == 0
    og = o // groups
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    oh = conv_output_size(h, kh, sh, ph, dh)
    ow = conv_output_size(wd, kw, sw, pw, dw)
    xp = np.zeros((n, c, h + 2 * ph, wd + 2 * pw))
    xp[:, :, ph:ph + h, pw:pw + wd] = x
    y = np.zeros((n, o, oh, ow))
    for i in range(oh):
        for j in range(ow):
            rows = i * sh + dh * np.arange(kh)
            cols = j * sw + dw * np.arange(kw)
            patch = xp[:, :, rows[:, None], cols[None, :]]  # [n, c, kh, kw]
            for g in range(groups):
                y[:, g * og:(g + 1) * og, i, j] = np.einsum(
                    "ncij,ocij->no", patch[:, g * cg:(g + 1) * cg],
                    w[g * og:(g + 1) * og])
    return y


def quadratic(variant, apply, x, weights, biases, bias_shape):
    """The variant table; apply(v, W) is `W v`, biases broadcast on the
    output-feature axis (bias_shape reshapes a [out] bias)."""
    x = np.asarray(x, F64)
    xx = x * x
    if biases:
        b = [np.asarray(v, F64).reshape(bias_shape) for v in biases]
    else:
        b = [0.0] * 3
    W = weights
    if variant == "fan":
        y = (apply(x, W[0]) + b[0]) * (apply(x, W[1]) + b[1]) \
            + apply(xx, W[2]) + b[2]
    elif variant == "compact":
        y = apply(x, W[0]) + b[0] + apply(xx, W[1])
    elif variant == "square":
        y = apply(xx, W[0]) + b[0]
    elif variant == "power":
        y = (apply(x, W[0]) + b[0]) ** 2
    elif variant == "product":
        y = (apply(x, W[0]) + b[0]) * (apply(x, W[1]) + b[1])
    else:
        raise ValueError(variant)
    return y.astype(F32)


NUM_WEIGHTS = {"fan": 3, "compact": 2, "square": 1, "power": 1, "product": 2}
NUM_BIASES = {"fan": 3, "compact": 1, "square": 1, "power": 1, "product": 2}


def quadratic_linear(variant, x, weights, biases):
    return quadratic(variant, linear, x, weights, biases, (-1,))


def quadratic_conv2d(variant, x, weights, biases, **conv):
    return quadratic(variant, lambda v, w: conv2d(v, w, **conv), x, weights,
                     biases, (1, -1, 1, 1))


def pau(x, a, b, version, channel_axis=None):
    """P / Q with explicit powers; a [m+1] / b [n], or [C, m+1] / [C, n]
    with channel_axis."""
    x = np.asarray(x, F64)
    a = np.asarray(a, F64)
    b = np.asarray(b, F64)

    def coeff(c, j):
        if channel_axis is None:
            return c[j]
        shape = [1] * x.ndim
        shape[channel_axis] = -1
        return c[:, j].reshape(shape)

    m = a.shape[-1] - 1
    n = b.shape[-1]
    p = sum(coeff(a, j) * x ** j for j in range(m + 1))
    if version == "safe":
        q = 1.0 + np.abs(sum((coeff(b, k - 1) * x ** k for k in range(1, n + 1)),
                             np.zeros_like(x)))
    elif version == "abs":
        q = 1.0 + sum((np.abs(coeff(b, k - 1)) * np.abs(x) ** k
                       for k in range(1, n + 1)), np.zeros_like(x))
    elif version == "unsafe":
        q = 1.0 + sum((coeff(b, k - 1) * x ** k for k in range(1, n + 1)),
                      np.zeros_like(x))
    else:
        raise ValueError(version)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (p / q).astype(F32)


def pade_conv2d(x, wp, wq, w0, variant, **conv):
    x = np.asarray(x, F64)
    M, Nq = wp.shape[0], wq.shape[0]
    bias = np.asarray(w0, F64).reshape(1, -1, 1, 1)
    pterms = [conv2d(x ** k, wp[k - 1], **conv) for k in range(1, M + 1)]
    r = [conv2d(x ** k, wq[k - 1], **conv) for k in range(1, Nq + 1)]
    p = bias + sum(pterms)
    if variant == "abs":
        y = p / (1.0 + sum(np.abs(rk) for rk in r))
    else:
        p_m1 = bias + sum(pterms[:-1], np.zeros_like(p))
        q_n = 1.0 + sum(r)
        q_n1 = 1.0 + sum(r[:-1], np.zeros_like(p))
        y = (q_n * p + q_n1 * p_m1) / (q_n ** 2 + q_n1 ** 2)
    return y.astype(F32)


# ---- quadratic_linear -------------------------------------------------------

def qlinear_case(rng, variant, x_shape, out, biases=True):
    x = normal(rng, *x_shape)
    inp = x_shape[-1]
    scale = 1.0 / np.sqrt(inp)
    weights = [normal(rng, out, inp, scale=scale)
               for _ in range(NUM_WEIGHTS[variant])]
    bs = [normal(rng, out) for _ in range(NUM_BIASES[variant])] if biases \
        else []
    return [x] + weights + bs, [quadratic_linear(variant, x, weights, bs)]


def ql_fan(rng):
    return qlinear_case(rng, "fan", (5, 7), 4)


def ql_fan_nobias_rank3(rng):
    return qlinear_case(rng, "fan", (2, 3, 7), 4, biases=False)


def ql_compact(rng):
    return qlinear_case(rng, "compact", (6, 5), 3)


def ql_compact_nobias(rng):
    return qlinear_case(rng, "compact", (1, 9), 6, biases=False)


def ql_square(rng):
    return qlinear_case(rng, "square", (4, 8), 5)


def ql_square_nobias_rank1(rng):
    return qlinear_case(rng, "square", (7,), 3, biases=False)


def ql_power_rank3(rng):
    return qlinear_case(rng, "power", (2, 3, 6), 5)


def ql_power_nobias(rng):
    return qlinear_case(rng, "power", (3, 5), 2, biases=False)


def ql_product(rng):
    return qlinear_case(rng, "product", (4, 6), 5)


def ql_product_nobias(rng):
    return qlinear_case(rng, "product", (3, 5), 4, biases=False)


def ql_fan_dynamic(rng):
    """[B, T, in] seen as [?, ?, in] by the op."""
    return qlinear_case(rng, "fan", (3, 2, 5), 4)


# ---- quadratic_conv2d -------------------------------------------------------

def qconv_case(rng, variant, x_shape, cout, k, biases=True, **conv):
    n, c, h, w = x_shape
    groups = conv.get("groups", 1)
    x = normal(rng, *x_shape)
    scale = 1.0 / np.sqrt(c // groups * k[0] * k[1])
    weights = [normal(rng, cout, c // groups, k[0], k[1], scale=scale)
               for _ in range(NUM_WEIGHTS[variant])]
    bs = [normal(rng, cout) for _ in range(NUM_BIASES[variant])] if biases \
        else []
    y = quadratic_conv2d(variant, x, weights, bs, **conv)
    if any(conv.get("padding", (0, 0))):
        # The border must see zero padding of x and of x*x: a wrong padding
        # value (here 1) must change the result.
        conv1 = dict(conv)
        pad = conv1.pop("padding")

        def ones_padded(v, wt):
            v = np.asarray(v, F64)
            vp = np.ones(v.shape[:2] + (v.shape[2] + 2 * pad[0],
                                         v.shape[3] + 2 * pad[1]))
            vp[:, :, pad[0]:pad[0] + v.shape[2], pad[1]:pad[1] + v.shape[3]] = v
            return conv2d(vp, wt, **conv1)
        wrong = quadratic(variant, ones_padded, x, weights, bs, (1, -1, 1, 1))
        assert not np.allclose(y, wrong, rtol=1e-3), "padding not exercised"
    return [x] + weights + bs, [y]


def qc_fan_pad1(rng):
    return qconv_case(rng, "fan", (1, 3, 6, 6), 4, (3, 3), padding=(1, 1))


def qc_fan_nobias_stride2(rng):
    return qconv_case(rng, "fan", (2, 2, 7, 7), 3, (3, 3), biases=False,
                      stride=(2, 2))


def qc_fan_groups2(rng):
    return qconv_case(rng, "fan", (1, 4, 5, 5), 6, (3, 3), padding=(1, 1),
                      groups=2)


def qc_compact_dil2(rng):
    return qconv_case(rng, "compact", (1, 3, 8, 7), 2, (3, 3),
                      dilation=(2, 2))


def qc_compact_nobias_pad1(rng):
    return qconv_case(rng, "compact", (2, 2, 5, 6), 3, (3, 2), biases=False,
                      padding=(1, 1))


def qc_square_groups2(rng):
    return qconv_case(rng, "square", (1, 4, 6, 5), 4, (3, 3), groups=2)


def qc_square_nobias_pad1_stride2(rng):
    return qconv_case(rng, "square", (1, 3, 7, 7), 2, (3, 3), biases=False,
                      padding=(1, 1), stride=(2, 2))


def qc_power_s2_p1_g2(rng):
    return qconv_case(rng, "power", (2, 4, 7, 6), 4, (3, 3), stride=(2, 2),
                      padding=(1, 1), groups=2)


def qc_power_nobias_dil2_pad1(rng):
    return qconv_case(rng, "power", (1, 2, 7, 7), 3, (3, 3), biases=False,
                      padding=(1, 1), dilation=(2, 2))


def qc_product(rng):
    return qconv_case(rng, "product", (1, 3, 5, 5), 4, (2, 2))


def qc_product_nobias_mixed(rng):
    """Different stride / padding / dilation along H and W, groups 3."""
    return qconv_case(rng, "product", (1, 6, 9, 8), 3, (3, 2), biases=False,
                      stride=(2, 1), padding=(1, 0), dilation=(1, 2),
                      groups=3)


def qc_fan_1x1(rng):
    """1x1 kernel, odd sizes, batch 3."""
    return qconv_case(rng, "fan", (3, 5, 3, 5), 2, (1, 1))


def qc_compact_dynamic(rng):
    """[N, Cin, H, W] seen as [?, ?, H, W] by the op (groups = 1)."""
    return qconv_case(rng, "compact", (2, 3, 5, 5), 2, (3, 3), padding=(1, 1))


# ---- pau --------------------------------------------------------------------

def pau_x(rng, *shape):
    """Inputs over [-4, 4], both signs, with exact 0, +-1 among them."""
    x = rng.uniform(-4.0, 4.0, size=shape).astype(F32)
    flat = x.reshape(-1)
    flat[:3] = [0.0, -1.0, 1.0]
    return x


def default_coeffs():
    return np.array(PAU_A, F32), np.array(PAU_B, F32)


def pau_default_safe(rng):
    x = pau_x(rng, 4, 9)
    a, b = default_coeffs()
    return [x, a, b], [pau(x, a, b, "safe")]


def pau_default_abs(rng):
    x = pau_x(rng, 4, 9)
    a, b = default_coeffs()
    y = pau(x, a, b, "abs")
    # The default coefficients approximate leaky ReLU.
    leaky = np.where(x >= 0, x, 0.01 * x)
    fit = np.abs(x) <= 3.0
    assert np.max(np.abs(y - leaky)[fit]) < 0.05
    return [x, a, b], [y]


def pau_default_unsafe(rng):
    x = pau_x(rng, 37)
    a, b = default_coeffs()
    return [x, a, b], [pau(x, a, b, "unsafe")]


def random_coeffs(rng, m, n, channels=None):
    shape = () if channels is None else (channels,)
    a = rng.normal(0.0, 1.0, size=shape + (m + 1,)).astype(F32)
    b = rng.normal(0.0, 1.0, size=shape + (n,)).astype(F32)
    return a, b


def pau_random_safe(rng):
    x = pau_x(rng, 2, 3, 5)
    a, b = random_coeffs(rng, 5, 4)
    return [x, a, b], [pau(x, a, b, "safe")]


def pau_random_abs(rng):
    x = pau_x(rng, 2, 3, 5)
    a, b = random_coeffs(rng, 3, 2)
    return [x, a, b], [pau(x, a, b, "abs")]


def unsafe_coeffs(rng, x, m, n, channels=None, axis=None):
    """Random coefficients whose unsafe Q stays away from 0 on x."""
    while True:
        a, b = random_coeffs(rng, m, n, channels)
        ones = np.zeros((m + 1,) if channels is None else (channels, m + 1),
                        F32)
        ones[..., 0] = 1.0
        q = pau(x, ones, b, "unsafe", axis)  # 1 / Q
        if np.all(np.abs(q) < 5.0):
            return a, b


def pau_random_unsafe(rng):
    x = pau_x(rng, 3, 8)
    a, b = unsafe_coeffs(rng, x, 5, 4)
    return [x, a, b], [pau(x, a, b, "unsafe")]


def pau_unsafe_pole(rng):
    """Q = 1 - x is exactly 0 at x = 1: IEEE division gives +-inf where
    P(1) != 0 and NaN where P(1) = 0 (P = 1 - x there)."""
    x = np.array([[1.0, 0.5, -2.0, 3.0], [1.0, 2.0, -0.25, 0.0]], F32)
    a = np.array([[2.0, 1.0], [1.0, -1.0]], F32)  # P = 2 + x, P = 1 - x
    b = np.array([[-1.0], [-1.0]], F32)
    y = pau(x, a, b, "unsafe", 0)
    assert np.isinf(y[0, 0]) and np.isnan(y[1, 0])
    return [x, a, b], [y]


def pau_axis1_nchw_safe(rng):
    x = pau_x(rng, 2, 3, 4, 5)
    a, b = random_coeffs(rng, 5, 4, 3)
    return [x, a, b], [pau(x, a, b, "safe", 1)]


def pau_axis1_nchw_abs(rng):
    x = pau_x(rng, 2, 3, 4, 5)
    a, b = random_coeffs(rng, 5, 4, 3)
    return [x, a, b], [pau(x, a, b, "abs", 1)]


def pau_axis_last_unsafe(rng):
    x = pau_x(rng, 2, 5, 4)
    a, b = unsafe_coeffs(rng, x, 3, 3, 4, 2)
    return [x, a, b], [pau(x, a, b, "unsafe", 2)]


def pau_axis0_default_abs(rng):
    """channel_axis 0 with every channel holding the default coefficients
    but one (random)."""
    x = pau_x(rng, 3, 11)
    a = np.array([PAU_A, PAU_A, rng.normal(size=6)], F32)
    b = np.array([PAU_B, PAU_B, rng.normal(size=4)], F32)
    return [x, a, b], [pau(x, a, b, "abs", 0)]


def pau_n0(rng):
    """n = 0 (empty denominator, a constant in the function): F = P."""
    x = pau_x(rng, 3, 5)
    a = rng.normal(size=4).astype(F32)
    return [x, a], [pau(x, a, np.zeros(0, F32), "safe")]


def pau_m0(rng):
    """m = 0: F = a_0 / Q."""
    x = pau_x(rng, 7)
    a = np.array([1.5], F32)
    b = rng.normal(size=2).astype(F32)
    return [x, a, b], [pau(x, a, b, "abs")]


def pau_axis1_dynamic(rng):
    """[N, C, L] seen as [?, C, ?] by the op, per-channel safe."""
    x = pau_x(rng, 2, 3, 4)
    a, b = random_coeffs(rng, 2, 2, 3)
    return [x, a, b], [pau(x, a, b, "safe", 1)]


# ---- pade_conv2d ------------------------------------------------------------

def pade_case(rng, variant, x_shape, cout, k, M, Nq, **conv):
    n, c, h, w = x_shape
    x = normal(rng, *x_shape)
    scale = 0.5 / np.sqrt(c * k[0] * k[1])
    wp = normal(rng, M, cout, c, k[0], k[1], scale=scale)
    wq = normal(rng, Nq, cout, c, k[0], k[1], scale=scale)
    w0 = normal(rng, cout)
    return [x, wp, wq, w0], [pade_conv2d(x, wp, wq, w0, variant, **conv)]


def pade_abs_m2n2(rng):
    return pade_case(rng, "abs", (1, 2, 5, 5), 3, (3, 3), 2, 2,
                     padding=(1, 1))


def pade_smooth_m2n2(rng):
    return pade_case(rng, "smooth", (1, 2, 5, 5), 3, (3, 3), 2, 2,
                     padding=(1, 1))


def pade_abs_m1n1(rng):
    return pade_case(rng, "abs", (2, 3, 4, 5), 2, (3, 3), 1, 1,
                     padding=(1, 1))


def pade_smooth_m1n1(rng):
    return pade_case(rng, "smooth", (2, 3, 4, 5), 2, (3, 3), 1, 1,
                     padding=(1, 1))


def pade_abs_m3n1_s2_d2(rng):
    return pade_case(rng, "abs", (1, 2, 9, 8), 2, (3, 3), 3, 1,
                     stride=(2, 2), padding=(2, 1), dilation=(2, 2))


def pade_smooth_m1n3_s2(rng):
    return pade_case(rng, "smooth", (1, 2, 7, 7), 3, (3, 3), 1, 3,
                     stride=(2, 1), padding=(1, 1))


def pade_smooth_m3n2_dil2(rng):
    return pade_case(rng, "smooth", (1, 2, 7, 6), 2, (2, 3), 3, 2,
                     dilation=(2, 1))
