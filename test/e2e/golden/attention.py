"""Golden references of kronecker_attention (OPERATORS.md section 2,
AttentionOps.td).

Written from the formulas, in float64 numpy, with tokens as rows:
  x [B, C, H, W]; L_i = mean_j x[:, :, i, j], Hc_j = mean_i x[:, :, i, j];
  S = concat(L, Hc): H + W tokens of C channels, rows first;
  pixel tokens: index i*W + j, the C channels of x[:, :, i, j];
  projections (1x1 convs): Q = tokens @ wq^T (+ bq), likewise K, V;
  head h = projection channels [h*dh, (h+1)*dh);
  per head softmax(scale * Q K^T) V over the key axis (max subtracted),
  scale = the attribute (an f32) or 1/sqrt(dh);
  kv : Q from the H*W pixels, K, V from S; y = O @ wo^T (+ bo) -> [B,C,H,W];
  qkv: Q, K, V from S; O_L = O[:H], O_H = O[H:];
       Y[i, j] = O_L[i] + O_H[j] (attention channels), then y = Y @ wo^T
       (+ bo), literally in that order (the H*W x heads*dh sums first).
Every case returns ([inputs], [outputs]) with the dtypes (float32) and
argument order of the MLIR functions of test/e2e/attention.mlir:
x, wq, wk, wv, wo, then the biases present in the order bq, bk, bv, bo.
"""
import numpy as np

F32 = np.float32


def kronecker_attention(x, wq, wk, wv, wo, bq=None, bk=None, bv=None, bo=None,
                        mode="kv", heads=1, scale=None):
    x = np.asarray(x, dtype=np.float64)
    B, C, H, W = x.shape
    width = wq.shape[0]
    dh = width // heads
    if scale is None:
        scale = 1.0 / np.sqrt(dh)
    else:
        scale = float(F32(scale))  # the attribute is an f32

    def f64(a):
        return None if a is None else np.asarray(a, dtype=np.float64)

    wq, wk, wv, wo = f64(wq), f64(wk), f64(wv), f64(wo)
    bq, bk, bv, bo = f64(bq), f64(bk), f64(bv), f64(bo)

    rows = x.mean(axis=3)          # [B, C, H]: L_i
    cols = x.mean(axis=2)          # [B, C, W]: Hc_j
    summary = np.concatenate([rows, cols], axis=2).transpose(0, 2, 1)  # [B, H+W, C]
    pixels = x.reshape(B, C, H * W).transpose(0, 2, 1)                 # [B, HW, C]

    def project(tokens, w, b):
        out = tokens @ w.T
        return out if b is None else out + b

    q = project(pixels if mode == "kv" else summary, wq, bq)
    k = project(summary, wk, bk)
    v = project(summary, wv, bv)

    o = np.zeros(q.shape)
    for h in range(heads):
        sl = slice(h * dh, (h + 1) * dh)
        for n in range(B):
            s = scale * (q[n, :, sl] @ k[n, :, sl].T)        # [queries, keys]
            s = s - s.max(axis=1, keepdims=True)
            p = np.exp(s)
            p = p / p.sum(axis=1, keepdims=True)
            o[n, :, sl] = p @ v[n, :, sl]

    if mode == "kv":
        y = project(o, wo, bo)                                # [B, HW, C]
        y = y.transpose(0, 2, 1).reshape(B, C, H, W)
    else:
        o_rows, o_cols = o[:, :H, :], o[:, H:, :]
        comb = o_rows[:, :, None, :] + o_cols[:, None, :, :]  # [B, H, W, hd]
        y = project(comb, wo, bo)                             # [B, H, W, C]
        y = y.transpose(0, 3, 1, 2)
    return y.astype(F32)


def make(rng, mode, B, C, H, W, heads, dh, biases=(), scale=None,
         x_scale=1.0, w_scale=None):
    width = heads * dh
    if w_scale is None:
        w_scale = 1.0 / np.sqrt(C)
    x = (x_scale * rng.standard_normal((B, C, H, W))).astype(F32)
    wq, wk, wv = [(w_scale * rng.standard_normal((width, C))).astype(F32)
                  for _ in range(3)]
    wo = (rng.standard_normal((C, width)) / np.sqrt(width)).astype(F32)
    bias = {}
    for name in ("bq", "bk", "bv", "bo"):
        if name in biases:
            n = C if name == "bo" else width
            bias[name] = rng.standard_normal(n).astype(F32)
    y = kronecker_attention(x, wq, wk, wv, wo, mode=mode, heads=heads,
                            scale=scale, **bias)
    inputs = [x, wq, wk, wv, wo] + [bias[n] for n in ("bq", "bk", "bv", "bo")
                                    if n in bias]
    return inputs, [y]


# ---- kv ---------------------------------------------------------------------

def kv_h1(rng):
    return make(rng, "kv", B=1, C=4, H=3, W=5, heads=1, dh=4)


def kv_h4_biases(rng):
    return make(rng, "kv", B=2, C=6, H=5, W=4, heads=4, dh=2,
                biases=("bq", "bk", "bv", "bo"))


def kv_h2_qo_bias_scale(rng):
    return make(rng, "kv", B=2, C=5, H=4, W=7, heads=2, dh=3,
                biases=("bq", "bo"), scale=0.7)


def kv_row_image(rng):
    # H = 1: every column mean is the pixel itself; 1 + W tokens.
    return make(rng, "kv", B=1, C=3, H=1, W=6, heads=1, dh=5,
                biases=("bv",))


def kv_large_logits(rng):
    # Scores of several hundred: exp overflows without the max subtraction.
    return make(rng, "kv", B=1, C=8, H=6, W=6, heads=4, dh=4,
                biases=("bk",), scale=40.0, x_scale=3.0)


# ---- qkv --------------------------------------------------------------------

def qkv_h1(rng):
    return make(rng, "qkv", B=1, C=4, H=4, W=6, heads=1, dh=4)


def qkv_h4_biases(rng):
    return make(rng, "qkv", B=2, C=8, H=6, W=3, heads=4, dh=4,
                biases=("bq", "bk", "bv", "bo"))


def qkv_h2_kv_bias_negative_scale(rng):
    # A negative scale: the row maximum must be taken after scaling.
    return make(rng, "qkv", B=2, C=5, H=3, W=7, heads=2, dh=3,
                biases=("bk", "bv"), scale=-0.5)


def qkv_h4_o_bias_square(rng):
    return make(rng, "qkv", B=1, C=16, H=8, W=8, heads=4, dh=8,
                biases=("bo",))


def qkv_single_pixel(rng):
    # H = W = 1: two identical summary tokens.
    return make(rng, "qkv", B=2, C=3, H=1, W=1, heads=1, dh=2,
                biases=("bq", "bo"))
