"""Golden data for test/e2e/short-rows.mlir: contractions with fewer rows
than a register tile has, or rows that share no operand (register tiles
made of columns by tessera-cpu-tile-and-vectorize), computed in float64 by
numpy."""
import numpy as np


def vector_matrix(rng):
    a = rng.standard_normal((1, 200)).astype(np.float32)
    b = rng.standard_normal((200, 300)).astype(np.float32)
    return [a, b], [(a.astype(np.float64) @ b.astype(np.float64))
                    .astype(np.float32)]


def three_rows(rng):
    a = rng.standard_normal((3, 64)).astype(np.float32)
    b = rng.standard_normal((64, 530)).astype(np.float32)
    c = rng.standard_normal((3, 530)).astype(np.float32)
    return [a, b, c], [(c.astype(np.float64) +
                        a.astype(np.float64) @ b.astype(np.float64))
                       .astype(np.float32)]


def to_one_channel(rng):
    x = rng.standard_normal((4, 40, 20, 20)).astype(np.float32)
    w = rng.standard_normal((1, 40, 1, 1)).astype(np.float32)
    bias = rng.standard_normal((1,)).astype(np.float32)
    y = np.einsum("bchw,fc->bfhw", x.astype(np.float64),
                  w[:, :, 0, 0].astype(np.float64)) + bias[None, :, None, None]
    return [x, w, bias], [y.astype(np.float32)]


def column_sums(rng):
    x = rng.standard_normal((1, 8, 112, 112)).astype(np.float32)
    return [x], [x.astype(np.float64).sum(axis=2).astype(np.float32)]
