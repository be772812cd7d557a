"""Golden references of the f32 math functions that the CPU pipeline
approximates with polynomials (tessera-cpu-approximate-math): erf, erfc,
tanh and exp, from Python's float64 math library rounded to float32 once.

Inputs sweep the ranges where the approximations switch intervals and
saturate (erf/erfc/tanh over +-10, exp over the whole finite range of f32
results, -103..88), plus random normals and infinities; the functions of
test/e2e/approximate-math.mlir take (x, y) and return
(erf x, erfc x, tanh x, exp y).
"""
import math

import numpy as np

F32 = np.float32


def _inputs(rng, n):
    sweep = np.linspace(-10.0, 10.0, n // 2)
    x = np.concatenate([sweep, rng.normal(0.0, 2.0, n - n // 2 - 4),
                        [np.inf, -np.inf, 0.0, 1e-30]]).astype(F32)
    y = np.concatenate([np.linspace(-103.0, 88.5, n // 2),
                        rng.normal(0.0, 5.0, n - n // 2 - 4),
                        [np.inf, -np.inf, 0.0, 1e-30]]).astype(F32)
    return x, y


def _apply(f, a):
    return np.array([f(float(v)) for v in a], dtype=np.float64).astype(F32)


def _exp(v):
    try:
        return math.exp(v)
    except OverflowError:
        return math.inf


def math_f32(rng):
    x, y = _inputs(rng, 20000)
    return [x, y], [_apply(math.erf, x), _apply(math.erfc, x),
                    _apply(math.tanh, x), _apply(_exp, y)]
