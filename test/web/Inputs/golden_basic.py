"""Golden data of the hand-written artifact basic/ in check.py's form
(function(rng) -> (inputs, outputs)), for test/web/check-webgpu.test."""
import numpy as np

import basic


def basic_case(rng):
    x, q, n = basic.inputs()
    y = x + basic.C.reshape(4, 8)
    return [x, q, n], [y, np.roll(y.reshape(32), 16),
                       (q.astype(np.int32) * 3 + basic.W).astype(np.int8),
                       np.minimum(-n.astype(np.int32), 7).astype(np.int8)]
