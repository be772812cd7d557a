#!/usr/bin/python3
"""Fits the erf approximation of the WGSL emitter (lib/Target/WGSL).

WGSL has no erf. The emitter evaluates, for a = |x|:
  [0, 1):  a * P(a^2)              P of degree 7 (Chebyshev fit of erf(a)/a)
  [1, 4):  1 - Q_k(a - mid_k)      Q_k of degree 9 fitted to erfc on [1, 2),
                                   [2, 3), [3, 4); mid_k the midpoint
  [4, inf): 1
and gives the result the sign of x. This script computes the coefficients
(printed with 9 significant digits, as WGSLEmitter.cpp holds them) and the
maximum absolute error of the f32 evaluation (Horner, as emitted) against
math.erf. Run it with Debian's python3 (numpy).
"""
import math

import numpy as np
from numpy.polynomial import chebyshev

f32 = np.float32
erf = np.vectorize(math.erf)
erfc = np.vectorize(math.erfc)


def fit(fn, lo, hi, degree, variable):
    # Chebyshev nodes: a near-minimax least-squares fit.
    x = np.cos(np.pi * (np.arange(2000) + 0.5) / 2000) * (hi - lo) / 2 + \
        (hi + lo) / 2
    coeffs = chebyshev.chebfit(variable(x), fn(x), degree)
    return chebyshev.cheb2poly(coeffs).astype(f32)


def horner(coeffs, u):
    r = np.full_like(u, coeffs[-1])
    for c in coeffs[-2::-1]:
        r = (r * u + c).astype(f32)
    return r


def main():
    small = fit(lambda x: erf(x) / x, 1e-6, 1.0, 7, lambda x: x * x)
    pieces = []
    for lo in (1, 2, 3):
        mid = lo + 0.5
        pieces.append((lo, mid, fit(erfc, lo, lo + 1, 9, lambda x: x - mid)))

    x = np.linspace(0, 6, 600001).astype(f32)
    y = np.ones_like(x)
    m = x < 1
    y[m] = x[m] * horner(small, (x[m] * x[m]).astype(f32))
    for lo, mid, coeffs in pieces:
        m = (x >= lo) & (x < lo + 1)
        y[m] = f32(1) - horner(coeffs, (x[m] - f32(mid)).astype(f32))
    error = np.abs(y.astype(np.float64) - erf(x.astype(np.float64)))

    print("[0, 1):", ", ".join("%.9g" % c for c in small))
    for lo, mid, coeffs in pieces:
        print("[%d, %d) around %g:" % (lo, lo + 1, mid),
              ", ".join("%.9g" % c for c in coeffs))
    print("max abs error (f32 evaluation): %.3g at x = %g" %
          (error.max(), x[error.argmax()]))


if __name__ == "__main__":
    main()
