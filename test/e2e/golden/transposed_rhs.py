"""Golden data for test/e2e/transposed-rhs.mlir: contractions whose right
operand is transposed (A x B^T, as attention's P x V), with columns that
leave a remainder after the whole register panels, computed in float64 by
numpy."""
import numpy as np


def _a_bt(rng, m, n, k):
    a = rng.standard_normal((m, k)).astype(np.float32)
    b = rng.standard_normal((n, k)).astype(np.float32)
    return [a, b], [(a.astype(np.float64) @ b.astype(np.float64).T)
                    .astype(np.float32)]


def remainder_one_vector(rng):
    return _a_bt(rng, 16, 112, 100)


def remainder_not_whole_vectors(rng):
    return _a_bt(rng, 24, 120, 37)


def remainder_under_one_vector(rng):
    return _a_bt(rng, 32, 101, 64)


def few_rows(rng):
    return _a_bt(rng, 3, 120, 50)


def narrow_head(rng):
    return _a_bt(rng, 32, 10, 256)
