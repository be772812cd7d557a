"""Golden references of partial_conv2d (OPERATORS.md section 3, ConvOps.td).

Written from the definition, in float64 numpy with explicit loops over the
kernel taps:
  x [N, C, H, W]; c_p = conv_channels, else floor(C / n_div) (n_div 4);
  w [c_p, c_p, k, k]; p = k // 2;
  y[n, o, i, j] = sum_{c < c_p, a, b} w[o, c, a, b] * x[n, c, i + a - p, j + b - p]
                  (terms outside the image are zero: zero padding, stride 1,
                  no bias) for o < c_p;
  y[:, c_p:] = x[:, c_p:] unchanged (bit-exact).
Every case returns ([x, w], [y]) in float32, like the MLIR functions of
test/e2e/partial_conv.mlir.
"""
import numpy as np

F32 = np.float32


def partial_conv2d(x, w, n_div=4, conv_channels=None):
    N, C, H, W = x.shape
    cp = conv_channels if conv_channels is not None else C // n_div
    k = w.shape[2]
    assert w.shape == (cp, cp, k, k) and k % 2 == 1
    p = k // 2
    xd = x.astype(np.float64)
    wd = w.astype(np.float64)
    conv = np.zeros((N, cp, H, W))
    for a in range(k):
        for b in range(k):
            # Output rows i read input rows i + a - p; keep those in range.
            i0, i1 = max(0, p - a), min(H, H + p - a)
            j0, j1 = max(0, p - b), min(W, W + p - b)
            if i0 >= i1 or j0 >= j1:
                continue
            patch = xd[:, :cp, i0 + a - p:i1 + a - p, j0 + b - p:j1 + b - p]
            conv[:, :, i0:i1, j0:j1] += np.einsum("oc,ncij->noij",
                                                  wd[:, :, a, b], patch)
    y = x.copy()
    y[:, :cp] = conv.astype(F32)
    return y


def make(rng, shape, k, n_div=4, conv_channels=None):
    N, C, H, W = shape
    cp = conv_channels if conv_channels is not None else C // n_div
    x = rng.standard_normal(shape).astype(F32)
    w = (rng.standard_normal((cp, cp, k, k)) / np.sqrt(cp * k * k)).astype(F32)
    return [x, w], [partial_conv2d(x, w, n_div, conv_channels)]


def fasternet_c40_k3(rng):
    # FasterNet-T0 stage 1: C = 40, n_div 4 -> c_p = 10.
    return make(rng, (1, 40, 14, 14), k=3)


def c10_not_divisible_batch2(rng):
    # C = 10, n_div 4 -> c_p = floor(2.5) = 2; batch 2, odd H and W.
    return make(rng, (2, 10, 7, 9), k=3)


def n_div2_k5_odd(rng):
    # n_div 2: C = 6 -> c_p = 3; 5x5 kernel (padding 2) on a 5x3 image,
    # narrower than the kernel.
    return make(rng, (1, 6, 5, 3), k=5, n_div=2)


def conv_channels_k1(rng):
    # Explicit conv_channels = 5 of C = 8 (not C / n_div); 1x1, no padding.
    return make(rng, (2, 8, 3, 5), k=1, conv_channels=5)


def conv_channels_all_k3(rng):
    # conv_channels = C: every channel is convolved, nothing passes through.
    return make(rng, (1, 4, 6, 5), k=3, conv_channels=4)


def single_pixel_k3(rng):
    # H = W = 1: only the centre tap of the 3x3 kernel sees the image.
    return make(rng, (2, 9, 1, 1), k=3, n_div=3)
