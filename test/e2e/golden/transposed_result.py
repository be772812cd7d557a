"""Golden data for test/e2e/transposed-result.mlir: contractions whose
result the code generator computes transposed (A x B^T with a big B, as
attention's P x V), their consumers reading it through their indexing maps,
computed in float64 by numpy."""
import numpy as np


def _f32(rng, *shape):
    return rng.standard_normal(shape).astype(np.float32)


def attention_pv(rng):
    # out[h, d, y, x] = sum_t v[h, d, t] p[h, y, x, t] / s[h, y, x]
    p = _f32(rng, 2, 10, 20, 48)
    v = _f32(rng, 2, 16, 48)
    s = (rng.random((2, 10, 20)) + 0.5).astype(np.float32)
    out = np.einsum("hdt,hyxt->hdyx", v.astype(np.float64),
                    p.astype(np.float64)) / s.astype(np.float64)[:, None]
    return [p, v, s], [out.astype(np.float32)]


def accumulate_forced(rng):
    # c + a b^T, returned as it is (transposed back for the return).
    a = _f32(rng, 20, 33)
    b = _f32(rng, 70, 33)
    c = _f32(rng, 20, 70)
    out = c.astype(np.float64) + a.astype(np.float64) @ b.astype(np.float64).T
    return [a, b, c], [out.astype(np.float32)]
