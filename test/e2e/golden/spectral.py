"""Golden data for test/e2e/spectral.mlir: spectral_conv and factorized_weight.

The spectral_conv reference is the formula of OPERATORS.md section 1 with
numpy's FFT, independent of the DFT-GEMM lowering:

  X = rfftn(x, axes=spatial, norm=fft_norm)
  for every kept frequency tuple f (from the convention) with weight index k:
      if every f_j has a place in the output spectrum (numpy's
      fftfreq(N'_j) * N'_j on non-last dims, 0..N'_d//2 on the last):
          S[b, o, f mod N'] = sum_i X[b, i, f mod N] W[i, o, k]
  y = irfftn(S, s=N', axes=spatial, norm=fft_norm) + bias

computed in double precision from the f32/complex64 inputs.
factorized_weight is np.einsum of the factors.
"""
import itertools

import numpy as np


# ---------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------

def kept_frequencies(convention, m, n, is_last):
    """Signed frequencies kept on one dim, in the weight's order."""
    if convention == "corners":
        if is_last:
            return list(range(m))
        return list(range(m)) + list(range(-m, 0))
    if is_last:
        return list(range(min(m // 2 + 1, n // 2 + 1)))
    k = min(m, n)
    return list(range(-(k // 2), (k + 1) // 2))


def representable(f, n, is_last):
    if is_last:
        return 0 <= f <= n // 2
    return f in set(int(v) for v in np.round(np.fft.fftfreq(n) * n))


def spectral_conv_ref(x, w, bias, convention, modes, fft_norm="backward",
                      out_shape=None):
    x = x.astype(np.float64)
    w = w.astype(np.complex128)
    batch, cout = x.shape[0], w.shape[1]
    n = x.shape[2:]
    d = len(n)
    n_out = tuple(out_shape) if out_shape is not None else n
    axes = tuple(range(2, 2 + d))
    X = np.fft.rfftn(x, axes=axes, norm=fft_norm)
    freqs = [kept_frequencies(convention, modes[j], n[j], j == d - 1)
             for j in range(d)]
    assert tuple(len(f) for f in freqs) == w.shape[2:], "weight shape"
    spec = np.zeros((batch, cout) + n_out[:-1] + (n_out[-1] // 2 + 1,),
                    np.complex128)
    for k in itertools.product(*[range(len(f)) for f in freqs]):
        f = [freqs[j][k[j]] for j in range(d)]
        if not all(representable(f[j], n_out[j], j == d - 1)
                   for j in range(d)):
            continue
        src = (slice(None), slice(None)) + tuple(f[j] % n[j] for j in range(d))
        dst = (slice(None), slice(None)) + tuple(
            f[j] % n_out[j] for j in range(d))
        wk = w[(slice(None), slice(None)) + k]
        spec[dst] = np.einsum("bi,io->bo", X[src], wk)
    y = np.fft.irfftn(spec, s=n_out, axes=axes, norm=fft_norm)
    if bias is not None:
        y = y + bias.astype(np.float64).reshape((1, cout) + (1,) * d)
    return y.astype(np.float32)


def mode_extents(convention, modes, n):
    d = len(n)
    return tuple(len(kept_frequencies(convention, modes[j], n[j], j == d - 1))
                 for j in range(d))


def rand_complex(rng, shape, scale=1.0):
    return (scale * (rng.standard_normal(shape) +
                     1j * rng.standard_normal(shape))).astype(np.complex64)


def make_case(rng, batch, cin, cout, n, convention, modes, bias=True,
              fft_norm="backward", out_shape=None):
    x = rng.standard_normal((batch, cin) + tuple(n)).astype(np.float32)
    w = rand_complex(rng, (cin, cout) + mode_extents(convention, modes, n),
                     1.0 / np.sqrt(cin))
    inputs = [x, w]
    b = None
    if bias:
        b = rng.standard_normal(cout).astype(np.float32)
        inputs.append(b)
    y = spectral_conv_ref(x, w, b, convention, modes, fft_norm, out_shape)
    return inputs, [y]


# ---------------------------------------------------------------------------
# spectral_conv cases
# ---------------------------------------------------------------------------

def darcy_corners(rng):
    return make_case(rng, 2, 8, 8, (32, 32), "corners", (6, 6))


def darcy_centered(rng):
    # K = 12 -> frequencies -6..5; last dim 12//2+1 = 7 bins.
    return make_case(rng, 2, 8, 8, (32, 32), "centered", (12, 12))


def centered_odd_modes(rng):
    # Odd K: -2..2 on dim 0; 7//2+1 = 4 bins on the last; odd N on dim 0.
    return make_case(rng, 2, 3, 4, (15, 16), "centered", (5, 7))


def centered_modes_over_n(rng):
    # M > N: K = min(M, N) = 6 -> -3..2 (includes the Nyquist -3); last dim
    # min(20//2+1, 8//2+1) = 5 bins (up to Nyquist).
    return make_case(rng, 2, 3, 3, (6, 8), "centered", (9, 20))


def burgers_1d(rng):
    return make_case(rng, 2, 16, 16, (64,), "corners", (16,))


def centered_1d(rng):
    return make_case(rng, 2, 4, 4, (64,), "centered", (16,))


def corners_3d(rng):
    return make_case(rng, 2, 3, 4, (8, 8, 8), "corners", (2, 3, 3))


def centered_3d(rng):
    return make_case(rng, 1, 2, 3, (7, 8, 9), "centered", (5, 4, 6))


def odd_n(rng):
    # 15 x 17 at the limits: 2*7 <= 15, 9 <= 17//2+1.
    return make_case(rng, 2, 4, 4, (15, 17), "corners", (7, 9))


def limits_even(rng):
    # 2m = N on dim 0 (keeps the Nyquist frequency -8), m = N/2+1 on the
    # last (keeps the Nyquist bin 8, whose imaginary part must be ignored).
    return make_case(rng, 2, 3, 3, (16, 16), "corners", (8, 9))


def cin_ne_cout(rng):
    return make_case(rng, 2, 3, 5, (16, 12), "corners", (4, 5))


def batch1_no_bias(rng):
    return make_case(rng, 1, 4, 4, (16, 16), "corners", (4, 4), bias=False)


def dynamic_batch(rng):
    return make_case(rng, 3, 4, 6, (16, 16), "corners", (4, 4))


def up_backward(rng):
    return make_case(rng, 2, 3, 4, (16, 16), "corners", (8, 9),
                     fft_norm="backward", out_shape=(24, 21))


def up_forward(rng):
    return make_case(rng, 2, 3, 4, (16, 16), "corners", (8, 9),
                     fft_norm="forward", out_shape=(24, 21))


def up_ortho(rng):
    return make_case(rng, 2, 3, 4, (16, 16), "corners", (8, 9),
                     fft_norm="ortho", out_shape=(24, 21))


def down_backward(rng):
    # Drops +-5..7 on dim 0 (9 represents -4..4) and bins 6..8 on the last
    # (10//2 = 5); bin 5 becomes the Nyquist bin of the output.
    return make_case(rng, 2, 3, 4, (16, 16), "corners", (8, 9),
                     fft_norm="backward", out_shape=(9, 10))


def down_forward(rng):
    return make_case(rng, 2, 3, 4, (16, 16), "corners", (8, 9),
                     fft_norm="forward", out_shape=(9, 10))


def down_ortho(rng):
    return make_case(rng, 2, 3, 4, (16, 16), "corners", (8, 9),
                     fft_norm="ortho", out_shape=(9, 10))


def down_even_nyquist(rng):
    # Output 8 represents -4..3: the kept +4 is dropped, -4 kept; last dim
    # output 7 keeps bins 0..3 (no Nyquist for odd N').
    return make_case(rng, 2, 2, 2, (12, 12), "corners", (5, 6),
                     fft_norm="backward", out_shape=(8, 7))


def centered_resample(rng):
    # Centered -3..2 on dim 0 onto 5 (-2..2: drops -3) and last 5 bins
    # onto 16 (zero padding).
    return make_case(rng, 2, 3, 3, (12, 10), "centered", (6, 8),
                     fft_norm="ortho", out_shape=(5, 16))


def resample_1d(rng):
    return make_case(rng, 2, 4, 4, (64,), "corners", (16,),
                     fft_norm="forward", out_shape=(128,))


def resample_3d(rng):
    return make_case(rng, 1, 2, 3, (8, 8, 8), "corners", (3, 4, 5),
                     fft_norm="backward", out_shape=(12, 6, 9))


def constant_weight(rng):
    # The weight is an arith.constant in the model (split into re/im at
    # compile time): W[i, o, k1, k2] = (i + 1 - o) * 0.25 + k1 * 0.125
    #   + 1j * ((k2 + 1) * 0.5 - i * 0.25 + o * 0.375)
    x = rng.standard_normal((2, 2, 8, 6)).astype(np.float32)
    w = constant_weight_value()
    b = rng.standard_normal(2).astype(np.float32)
    y = spectral_conv_ref(x, w, b, "corners", (2, 3))
    return [x, b], [y]


def constant_weight_value():
    i, o, k1, k2 = np.meshgrid(np.arange(2), np.arange(2), np.arange(4),
                               np.arange(3), indexing="ij")
    return ((i + 1 - o) * 0.25 + k1 * 0.125 +
            1j * ((k2 + 1) * 0.5 - i * 0.25 + o * 0.375)).astype(np.complex64)


# ---------------------------------------------------------------------------
# factorized_weight cases
# ---------------------------------------------------------------------------

def rand(rng, shape, dtype):
    if dtype == np.complex64:
        return rand_complex(rng, shape)
    return rng.standard_normal(shape).astype(np.float32)


def cp_case(rng, dims, rank, dtype):
    factors = [rand(rng, (rank,), dtype)] + [rand(rng, (n, rank), dtype)
                                             for n in dims]
    letters = "iopqr"[:len(dims)]
    spec = "z," + ",".join(c + "z" for c in letters) + "->" + letters
    w = np.einsum(spec, *[f.astype(np.complex128) for f in factors])
    return factors, [w.astype(dtype) if dtype == np.complex64
                     else w.real.astype(np.float32)]


def tucker_case(rng, dims, ranks, dtype):
    core = rand(rng, tuple(ranks), dtype)
    factors = [rand(rng, (n, r), dtype) for n, r in zip(dims, ranks)]
    letters = "iopqr"[:len(dims)]
    ranks_l = "ABCDE"[:len(dims)]
    spec = ranks_l + "," + ",".join(
        letters[j] + ranks_l[j] for j in range(len(dims))) + "->" + letters
    w = np.einsum(spec, *[f.astype(np.complex128) for f in [core] + factors])
    return [core] + factors, [w.astype(dtype) if dtype == np.complex64
                              else w.real.astype(np.float32)]


def tt_case(rng, dims, ranks, dtype):
    # ranks r0 = 1, r1, .., r_{n-1}, r_n = 1
    full = [1] + list(ranks) + [1]
    cores = [rand(rng, (full[j], dims[j], full[j + 1]), dtype)
             for j in range(len(dims))]
    letters = "iopqr"[:len(dims)]
    ranks_l = "ABCDEF"[:len(dims) + 1]
    spec = ",".join(ranks_l[j] + letters[j] + ranks_l[j + 1]
                    for j in range(len(dims))) + "->" + letters
    w = np.einsum(spec, *[c.astype(np.complex128) for c in cores])
    return cores, [w.astype(dtype) if dtype == np.complex64
                   else w.real.astype(np.float32)]


def cp_f32_2d(rng):
    return cp_case(rng, (4, 5, 6, 3), 3, np.float32)


def cp_complex_2d(rng):
    return cp_case(rng, (4, 5, 6, 3), 3, np.complex64)


def cp_complex_1d(rng):
    return cp_case(rng, (3, 2, 8), 4, np.complex64)


def cp_f32_3d(rng):
    return cp_case(rng, (2, 3, 4, 4, 3), 2, np.float32)


def tucker_f32_2d(rng):
    return tucker_case(rng, (4, 5, 6, 3), (2, 3, 2, 2), np.float32)


def tucker_complex_2d(rng):
    return tucker_case(rng, (4, 5, 6, 3), (2, 3, 2, 2), np.complex64)


def tucker_complex_3d(rng):
    return tucker_case(rng, (3, 2, 4, 4, 3), (2, 2, 3, 2, 2), np.complex64)


def tt_f32_2d(rng):
    return tt_case(rng, (4, 5, 6, 3), (2, 3, 2), np.float32)


def tt_complex_2d(rng):
    return tt_case(rng, (4, 5, 6, 3), (2, 3, 2), np.complex64)


def tt_complex_1d(rng):
    return tt_case(rng, (3, 4, 8), (2, 3), np.complex64)


def cp_spectral_conv(rng):
    # A CP-factorized TFNO layer: factorized_weight cp feeding spectral_conv.
    cin, cout, n, modes, rank = 4, 5, (16, 16), (4, 5), 3
    k = mode_extents("corners", modes, n)
    lam = rand_complex(rng, (rank,))
    fi = rand_complex(rng, (cin, rank), 0.5)
    fo = rand_complex(rng, (cout, rank), 0.5)
    f1 = rand_complex(rng, (k[0], rank))
    f2 = rand_complex(rng, (k[1], rank))
    x = rng.standard_normal((2, cin) + n).astype(np.float32)
    b = rng.standard_normal(cout).astype(np.float32)
    w = np.einsum("z,iz,oz,pz,qz->iopq",
                  *[f.astype(np.complex128) for f in (lam, fi, fo, f1, f2)])
    y = spectral_conv_ref(x, w, b, "corners", modes)
    return [x, lam, fi, fo, f1, f2, b], [y]
