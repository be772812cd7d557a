"""Golden data for test/e2e/models.mlir: the example models of examples/.

Every case is an independent reference of one entry function of an example,
written from the model's math (the comments of the example and the op
semantics of OPERATORS.md / the ODS descriptions), in float64 with PyTorch
(conv2d, softmax, erf) and numpy (rfft2 / irfft2, integer arithmetic), and
rounded to float32 once at the end:

  fno2d                     lifting 1x1 conv, 4 Fourier layers
                            gelu(irfft2(R . rfft2(v)) + bias + W v) (no GELU
                            after the last), projection 1x1 conv, GELU, 1x1
                            conv; spectral weights in the `corners` layout
                            [Cin, Cout, 2m, m] (frequencies 0..m-1 then
                            -m..-1 on dim 2, 0..m-1 on the last dim);
  fasternet_block           x + PW2(GELU(BN(PW1(PConv(x))))), PConv = 3x3 conv
                            (padding 1) of the first C/4 channels;
  kronecker_attention_block(_qkv)
                            Kronecker attention over S = concat(row means,
                            column means), heads split as channel h*dh + d,
                            softmax(Q K^T / sqrt(dh)) V, `kv` and `qkv` modes,
                            + the residual x;
  pau_mlp                   Linear, safe PAU (per tensor), Linear, abs PAU
                            (per feature), Linear; P and Q summed as plain
                            power series (not Horner);
  hadamard_int4_linear(_per_channel)
                            orthonormal Sylvester block Hadamard (block 32),
                            q = clip(rint(v / s), -8, 7) exactly in integers,
                            int64 GEMM of q_x q_w^T, times s_x s_w, + bias;
  xnor_conv                 XNOR-Net binary conv (sign(0) = +1, alpha =
                            mean|W_o|, K = box-filtered channel mean of |x|,
                            zero padding contributing 0) as a float64 conv2d
                            of +-1 tensors, BN, ReLU; BiPer conv (sign of
                            sin(omega W), omega = 20, alpha given), BN, ReLU;
                            global average pool; binary linear with beta =
                            mean|x| of the row, + bias;
  quadratic_conv_block      (Wr*x + br)(Wg*x + bg) + Wb*(x^2) + c, BN, ReLU;
  paon_block                Paon-A p / (1 + sum_k |conv(x^k, WQ_k)|),
                            p = w0 + sum_k conv(x^k, WP_k); 3x3 conv + bias;
                            + the residual x.

Inputs are scaled so that activations stay O(1) (weights ~ N(0, 1/fan_in)).
Every case returns ([inputs], [outputs]) with the exact dtypes and shapes of
the example's function arguments and results, in argument order.
"""
import numpy as np
import torch
import torch.nn.functional as F

F32 = np.float32
torch.set_num_threads(max(1, min(8, torch.get_num_threads())))


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def t64(a):
    return torch.from_numpy(np.asarray(a).astype(np.float64))


def out32(t):
    return t.numpy().astype(F32) if isinstance(t, torch.Tensor) else \
        np.asarray(t).astype(F32)


def normal(rng, shape, std=1.0):
    return (std * rng.standard_normal(shape)).astype(F32)


def weight(rng, shape, fan_in):
    return normal(rng, shape, 1.0 / np.sqrt(fan_in))


def gelu(t):
    return 0.5 * t * (1.0 + torch.erf(t / np.sqrt(2.0)))


def conv(x, w, padding=0, bias=None):
    """PyTorch Conv2d (cross-correlation, NCHW, weight [O, C, kh, kw])."""
    return F.conv2d(x, w, bias=bias, padding=padding)


def bn(t, scale, shift):
    return t * scale.view(1, -1, 1, 1) + shift.view(1, -1, 1, 1)


# ---------------------------------------------------------------------------
# fno2d
# ---------------------------------------------------------------------------

def spectral_conv_corners(v, w, bias, m1, m2):
    """y = irfft2(R . rfft2(v)) + bias; v [B, Cin, N1, N2] float64 numpy,
    w [Cin, Cout, 2 m1, m2] complex: rows 0..m1-1 of the weight are the
    frequencies 0..m1-1 of dim 2, rows m1..2m1-1 the frequencies -m1..-1;
    the last dim keeps 0..m2-1; every other bin of the spectrum is 0."""
    b, cin, n1, n2 = v.shape
    cout = w.shape[1]
    X = np.fft.rfft2(v, axes=(2, 3))
    Y = np.zeros((b, cout, n1, n2 // 2 + 1), np.complex128)
    w = w.astype(np.complex128)
    Y[:, :, :m1, :m2] = np.einsum("bixy,ioxy->boxy", X[:, :, :m1, :m2],
                                  w[:, :, :m1])
    Y[:, :, n1 - m1:, :m2] = np.einsum("bixy,ioxy->boxy",
                                       X[:, :, n1 - m1:, :m2], w[:, :, m1:])
    y = np.fft.irfft2(Y, s=(n1, n2), axes=(2, 3))
    return y + bias.astype(np.float64).reshape(1, cout, 1, 1)


def fno2d(rng):
    B, N, width, modes = 4, 64, 32, 12
    # Input: a smooth random coefficient field a(x) and the (x, y) grid.
    noise = rng.standard_normal((B, N, N))
    k = np.fft.fftfreq(N) * N
    decay = 1.0 / (1.0 + (k[:, None] ** 2 + k[None, :] ** 2) / 16.0)
    a = np.real(np.fft.ifft2(np.fft.fft2(noise) * decay))
    a = a / a.std()
    grid = np.linspace(0.0, 1.0, N)
    x = np.empty((B, 3, N, N))
    x[:, 0] = a
    x[:, 1] = grid[None, :, None]
    x[:, 2] = grid[None, None, :]
    x = x.astype(F32)

    p_w = weight(rng, (width, 3, 1, 1), 3)
    p_b = normal(rng, (width,), 0.1)
    layers = []
    for _ in range(4):
        # Complex weights: the spectral path is the sum over Cin of
        # Cin products; 1/sqrt(Cin) keeps it O(1) (per re/im part 1/sqrt(2)).
        kw = ((rng.standard_normal((width, width, 2 * modes, modes)) +
               1j * rng.standard_normal((width, width, 2 * modes, modes))) *
              np.sqrt(0.5 / width)).astype(np.complex64)
        kb = normal(rng, (width,), 0.1)
        ww = weight(rng, (width, width, 1, 1), width)
        layers.append((kw, kb, ww))
    q1_w = weight(rng, (128, width, 1, 1), width)
    q1_b = normal(rng, (128,), 0.1)
    q2_w = weight(rng, (1, 128, 1, 1), 128)
    q2_b = normal(rng, (1,), 0.1)

    v = conv(t64(x), t64(p_w), bias=t64(p_b))
    for l, (kw, kb, ww) in enumerate(layers):
        s = spectral_conv_corners(v.numpy(), kw, kb, modes, modes)
        t = torch.from_numpy(s) + conv(v, t64(ww))
        v = gelu(t) if l < 3 else t
    h = gelu(conv(v, t64(q1_w), bias=t64(q1_b)))
    u = conv(h, t64(q2_w), bias=t64(q2_b))

    inputs = [x, p_w, p_b]
    for kw, kb, ww in layers:
        inputs += [kw, kb, ww]
    inputs += [q1_w, q1_b, q2_w, q2_b]
    return inputs, [out32(u)]


# ---------------------------------------------------------------------------
# fasternet_block
# ---------------------------------------------------------------------------

def fasternet_block(rng):
    C, H = 40, 56
    cp = C // 4
    x = normal(rng, (1, C, H, H))
    pconv_w = weight(rng, (cp, cp, 3, 3), cp * 9)
    pw1_w = weight(rng, (2 * C, C, 1, 1), C)
    # BatchNorm2d(80), eval: gamma, beta, running mean / var folded.
    gamma = rng.uniform(0.5, 1.5, 2 * C)
    beta = rng.normal(0.0, 0.1, 2 * C)
    mean = rng.normal(0.0, 0.1, 2 * C)
    var = rng.uniform(0.5, 1.5, 2 * C)
    scale = gamma / np.sqrt(var + 1e-5)
    bn_scale = scale.astype(F32)
    bn_shift = (beta - mean * scale).astype(F32)
    pw2_w = weight(rng, (C, 2 * C, 1, 1), 2 * C)

    xt = t64(x)
    p = xt.clone()
    p[:, :cp] = conv(xt[:, :cp], t64(pconv_w), padding=1)
    h = conv(p, t64(pw1_w))
    g = gelu(bn(h, t64(bn_scale), t64(bn_shift)))
    y = xt + conv(g, t64(pw2_w))
    return [x, pconv_w, pw1_w, bn_scale, bn_shift, pw2_w], [out32(y)]


# ---------------------------------------------------------------------------
# kronecker_attention_block(_qkv)
# ---------------------------------------------------------------------------

def kronecker_attention(x, wq, wk, wv, wo, bq, bk, bv, bo, heads, mode):
    """x [B, C, H, W] float64 torch; weights [out, in] (1x1 convs)."""
    b, c, h, w = x.shape
    dh = wq.shape[0] // heads
    rows = x.mean(dim=3)                      # [B, C, H]: L_i
    cols = x.mean(dim=2)                      # [B, C, W]: Hc_j
    s = torch.cat([rows, cols], dim=2)        # [B, C, H + W], rows first

    def proj(wt, bias, tokens):               # tokens [B, C, T] -> [B, D, T]
        return torch.einsum("dc,bct->bdt", wt, tokens) + bias.view(1, -1, 1)

    def split(t):                             # [B, heads*dh, T] -> [B, h, T, dh]
        return t.view(b, heads, dh, -1).transpose(2, 3)

    k = split(proj(wk, bk, s))
    v = split(proj(wv, bv, s))
    if mode == "kv":
        q = split(proj(wq, bq, x.reshape(b, c, h * w)))
    else:
        q = split(proj(wq, bq, s))
    att = torch.softmax(q @ k.transpose(2, 3) / np.sqrt(dh), dim=-1)
    o = (att @ v).transpose(2, 3).reshape(b, heads * dh, -1)   # [B, D, T]
    if mode == "kv":
        o = o.view(b, heads * dh, h, w)
    else:
        o = o[:, :, :h, None] + o[:, :, None, h:]               # O_L[i] + O_H[j]
    return torch.einsum("cd,bdhw->bchw", wo, o) + bo.view(1, -1, 1, 1)


def kronecker_case(rng, mode):
    C, H = 64, 56
    # Per-channel row and column structure so that the summary tokens are
    # O(1) and the attention is not uniform.
    x = (rng.standard_normal((1, C, H, H)) +
         rng.standard_normal((1, C, H, 1)) +
         rng.standard_normal((1, C, 1, H))).astype(F32)
    ws = [weight(rng, (C, C), C) for _ in range(4)]
    bs = [normal(rng, (C,), 0.1) for _ in range(4)]
    a = kronecker_attention(t64(x), *[t64(w) for w in ws],
                            *[t64(b) for b in bs], heads=4, mode=mode)
    return [x] + ws + bs, [out32(t64(x) + a)]


def kronecker_attention_block(rng):
    return kronecker_case(rng, "kv")


def kronecker_attention_block_qkv(rng):
    return kronecker_case(rng, "qkv")


# ---------------------------------------------------------------------------
# pau_mlp
# ---------------------------------------------------------------------------

PAU_A = np.array([0.033558, 0.505, 1.65344, 2.01001, 0.931902, 0.152424])
PAU_B = np.array([3.3e-6, 3.98022, 5.1e-7, 0.30183])


def powers(x, n):
    """[x^0, x^1, .., x^n] stacked on a new last dim."""
    return torch.stack([x ** j for j in range(n + 1)], dim=-1)


def pau(x, a, b, version):
    """a [..., m+1], b [..., n] broadcast against x [..., 1]."""
    m, n = a.shape[-1] - 1, b.shape[-1]
    p = (powers(x, m) * a).sum(-1)
    xp = powers(x, n)[..., 1:]
    if version == "safe":
        q = 1.0 + (xp * b).sum(-1).abs()
    elif version == "abs":
        q = 1.0 + (xp.abs() * b.abs()).sum(-1)
    else:
        q = 1.0 + (xp * b).sum(-1)
    return p / q


def pau_mlp(rng):
    x = normal(rng, (32, 128))
    fc1_w = weight(rng, (256, 128), 128)
    fc1_b = normal(rng, (256,), 0.1)
    pau1_num = (PAU_A * (1 + 0.1 * rng.standard_normal(6))).astype(F32)
    # Denominators with odd terms and mixed signs (the leaky-ReLU init is
    # nearly even and positive, where safe and abs Q coincide).
    pau1_den = np.array([0.8, -1.5, 0.6, 0.3], F32) + normal(rng, (4,), 0.1)
    fc2_w = weight(rng, (256, 256), 256)
    fc2_b = normal(rng, (256,), 0.1)
    pau2_num = (PAU_A * (1 + 0.2 * rng.standard_normal((256, 6)))).astype(F32)
    pau2_den = normal(rng, (256, 4), 1.0)   # mixed signs: |b_k| matters
    fc3_w = weight(rng, (10, 256), 256)
    fc3_b = normal(rng, (10,), 0.1)

    h1 = t64(x) @ t64(fc1_w).T + t64(fc1_b)
    a1 = pau(h1, t64(pau1_num), t64(pau1_den), "safe")
    h2 = a1 @ t64(fc2_w).T + t64(fc2_b)
    a2 = pau(h2, t64(pau2_num), t64(pau2_den), "abs")   # row c per feature c
    y = a2 @ t64(fc3_w).T + t64(fc3_b)
    inputs = [x, fc1_w, fc1_b, pau1_num, pau1_den, fc2_w, fc2_b, pau2_num,
              pau2_den, fc3_w, fc3_b]
    return inputs, [out32(y)]


# ---------------------------------------------------------------------------
# hadamard_int4_linear(_per_channel)
# ---------------------------------------------------------------------------

def block_hadamard(n, block):
    """Orthonormal block-diagonal Sylvester Hadamard matrix, [n, n]:
    H[i, j] = (-1)^popcount(i & j) / sqrt(block) inside each block."""
    i = np.arange(block)
    pc = np.vectorize(lambda v: bin(v).count("1"))(i[:, None] & i[None, :])
    h = np.where(pc % 2 == 0, 1.0, -1.0) / np.sqrt(block)
    return np.kron(np.eye(n // block), h)


def int4_operand(rng, rows, k, scales, hd):
    """An f32 matrix whose Hadamard transform divided by its (row) scale sits
    at integer + u with |u| <= 0.35: far from every rounding boundary, so
    the f32 transform of the compiler quantizes to the same integers. The
    integers reach beyond [-8, 7] in places (saturation)."""
    ints = np.clip(np.rint(rng.standard_normal((rows, k)) * 3.5), -11, 11)
    u = rng.uniform(-0.35, 0.35, (rows, k))
    target = (ints + u) * np.asarray(scales, np.float64).reshape(-1, 1)
    return (target @ hd.T).astype(F32)      # hd is symmetric and orthonormal


def quantize_i4(v, s):
    """q = sat(rint(v / s)) to [-8, 7] (round half to even), exact."""
    r = v / s
    frac = np.abs(r - np.floor(r) - 0.5)
    assert frac.min() > 0.1, "value too close to a rounding boundary"
    return np.clip(np.rint(r), -8, 7).astype(np.int64)


def hadamard_int4_case(rng, per_channel):
    M, K, N = 64, 256, 128
    hd = block_hadamard(K, 32)
    if per_channel:
        s_x = rng.uniform(0.05, 0.2, M).astype(F32)
        s_w = rng.uniform(0.005, 0.02, N).astype(F32)
    else:
        s_x = np.array(0.1, dtype=F32)
        s_w = np.array(0.01, dtype=F32)
    x = int4_operand(rng, M, K, np.broadcast_to(s_x, (M,)), hd)
    w = int4_operand(rng, N, K, np.broadcast_to(s_w, (N,)), hd)
    bias = normal(rng, (N,), 0.5)

    xh = x.astype(np.float64) @ hd
    wh = w.astype(np.float64) @ hd
    sx = np.asarray(s_x, np.float64)
    sw = np.asarray(s_w, np.float64)
    qx = quantize_i4(xh, sx.reshape(-1, 1) if per_channel else sx)
    qw = quantize_i4(wh, sw.reshape(-1, 1) if per_channel else sw)
    assert (qx == -8).any() and (qx == 7).any(), "saturation not exercised"
    acc = qx @ qw.T                                   # exact int64, [M, N]
    assert np.abs(acc).max() < 2 ** 31
    deq = acc.astype(np.float64) * (sx.reshape(-1, 1) if per_channel else sx) \
        * (sw.reshape(1, -1) if per_channel else sw)
    y = deq + bias.astype(np.float64)
    return [x, w, bias, s_x, s_w], [out32(y)]


def hadamard_int4_linear(rng):
    return hadamard_int4_case(rng, per_channel=False)


def hadamard_int4_linear_per_channel(rng):
    return hadamard_int4_case(rng, per_channel=True)


# ---------------------------------------------------------------------------
# xnor_conv
# ---------------------------------------------------------------------------

def sign(t):
    """sign with sign(0) = +1 (-0.0 included)."""
    return torch.where(t >= 0, torch.ones_like(t), -torch.ones_like(t))


def xnor_conv2d(x, w, alpha=None, padding=1, input_scaling=False,
                periodic=False, omega=20.0):
    """Binary conv: sign(x) (zero padded: padded taps contribute 0) against
    sign(T(W)), times alpha_o (default mean|W_o|), times K (box filter of the
    channel mean of |x|, padded taps 0, divided by kh * kw)."""
    wn = w.numpy()
    if periodic:
        # omega * W is an f32 product in the op; the sine's sign is robust
        # (the weights are kept away from its zero crossings).
        tw = torch.from_numpy(np.sin((F32(omega) * wn.astype(F32))
                                     .astype(np.float64)))
    else:
        tw = w
    if alpha is None:
        alpha = w.abs().reshape(w.shape[0], -1).mean(dim=1)
    y = conv(sign(x), sign(tw), padding=padding) * alpha.view(1, -1, 1, 1)
    if input_scaling:
        kh, kw = w.shape[2:]
        a = x.abs().mean(dim=1, keepdim=True)
        box = torch.ones((1, 1, kh, kw), dtype=x.dtype) / (kh * kw)
        y = y * conv(a, box, padding=padding)
    return y


def periodic_weights(rng, shape, omega):
    """N(0, 0.1) weights with |sin(omega w)| >= 0.02 (no sign ambiguity)."""
    w = normal(rng, shape, 0.1)
    while True:
        bad = np.abs(np.sin((F32(omega) * w).astype(np.float64))) < 0.02
        if not bad.any():
            return w
        w[bad] = normal(rng, (int(bad.sum()),), 0.1)


def xnor_conv(rng):
    C, H = 64, 28
    x = normal(rng, (1, C, H, H))
    x.reshape(-1)[rng.choice(x.size, 64, replace=False)] = 0.0  # sign(0) = +1
    conv1_w = weight(rng, (C, C, 3, 3), C * 9)
    bn1_scale = rng.uniform(0.5, 1.5, C).astype(F32)
    bn1_shift = normal(rng, (C,), 0.5)
    conv2_w = periodic_weights(rng, (C, C, 3, 3), 20.0)
    conv2_alpha = rng.uniform(0.05, 0.15, C).astype(F32)
    bn2_scale = rng.uniform(0.5, 1.5, C).astype(F32)
    bn2_shift = normal(rng, (C,), 0.5)
    fc_w = weight(rng, (10, C), C)
    fc_b = normal(rng, (10,), 0.1)

    c1 = xnor_conv2d(t64(x), t64(conv1_w), input_scaling=True)
    r1 = bn(c1, t64(bn1_scale), t64(bn1_shift))
    c2 = xnor_conv2d(r1, t64(conv2_w), alpha=t64(conv2_alpha), periodic=True)
    r2 = bn(c2, t64(bn2_scale), t64(bn2_shift))
    gap = r2.mean(dim=(2, 3))                            # [1, C]
    wf = t64(fc_w)
    logits = (sign(gap) @ sign(wf).T) * wf.abs().mean(dim=1) \
        * gap.abs().mean(dim=1, keepdim=True)
    y = logits + t64(fc_b)
    inputs = [x, conv1_w, bn1_scale, bn1_shift, conv2_w, conv2_alpha,
              bn2_scale, bn2_shift, fc_w, fc_b]
    return inputs, [out32(y)]


# ---------------------------------------------------------------------------
# quadratic_conv_block
# ---------------------------------------------------------------------------

def quadratic_conv_block(rng):
    C, O, H = 32, 64, 32
    x = normal(rng, (1, C, H, H))
    fan = C * 9
    w_r, w_g, w_b = [weight(rng, (O, C, 3, 3), fan) for _ in range(3)]
    b_r = normal(rng, (O,), 0.5)
    b_g = normal(rng, (O,), 0.5)
    c = normal(rng, (O,), 0.5)
    bn_scale = rng.uniform(0.5, 1.5, O).astype(F32)
    bn_shift = normal(rng, (O,), 0.2)

    xt = t64(x)
    q = (conv(xt, t64(w_r), padding=1, bias=t64(b_r)) *
         conv(xt, t64(w_g), padding=1, bias=t64(b_g)) +
         conv(xt * xt, t64(w_b), padding=1, bias=t64(c)))
    y = torch.relu(bn(q, t64(bn_scale), t64(bn_shift)))
    return [x, w_r, w_g, w_b, b_r, b_g, c, bn_scale, bn_shift], [out32(y)]


# ---------------------------------------------------------------------------
# paon_block
# ---------------------------------------------------------------------------

def paon_block(rng):
    C, H, M, NQ = 32, 64, 2, 2
    x = normal(rng, (1, C, H, H))
    fan = C * 9
    wp = normal(rng, (M, C, C, 3, 3), 1.0 / np.sqrt(fan))
    wq = normal(rng, (NQ, C, C, 3, 3), 0.5 / np.sqrt(fan))
    w0 = normal(rng, (C,), 0.1)
    conv_w = weight(rng, (C, C, 3, 3), fan)
    conv_b = normal(rng, (C,), 0.1)

    xt = t64(x)
    p = t64(w0).view(1, -1, 1, 1) + sum(
        conv(xt ** (k + 1), t64(wp[k]), padding=1) for k in range(M))
    q = 1.0 + sum(conv(xt ** (k + 1), t64(wq[k]), padding=1).abs()
                  for k in range(NQ))
    paon = p / q
    y = xt + conv(paon, t64(conv_w), padding=1, bias=t64(conv_b))
    return [x, wp, wq, w0, conv_w, conv_b], [out32(y)]
