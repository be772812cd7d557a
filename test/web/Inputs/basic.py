"""Reference for the hand-written artifact basic/ (test/web/run-basic.test).

  basic.py weights FILE   write basic/weights.bin (c and w below)
  basic.py inputs DIR     write DIR/x.npy, q.npy, n.npy
  basic.py check DIR      compare DIR/y.npy, yc.npy, r.npy, m.npy with numpy

The constants, by formula: c[i] = 0.5 i - 3 (float32[32]) at byte 0 of
weights.bin, w[i] = 7 i mod 50 - 25 (int32[37]) at byte 128.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
C = (0.5 * np.arange(32) - 3).astype(np.float32)
W = (7 * np.arange(37) % 50 - 25).astype(np.int32)


def inputs():
    rng = np.random.default_rng(6)
    x = rng.standard_normal((4, 8)).astype(np.float32)
    q = rng.integers(-128, 128, 37).astype(np.int8)
    q[:3] = [-128, 127, 0]  # the extremes wrap in q * 3 + w
    n = rng.integers(-8, 8, 11).astype(np.int8)
    n[:2] = [-8, 7]  # -(-8) = 8 is clamped to 7
    return x, q, n


def main(cmd, path):
    if cmd == "weights":
        with open(path, "wb") as f:
            f.write(C.tobytes() + W.tobytes())
        return
    if cmd == "inputs":
        for name, a in zip("xqn", inputs()):
            np.save(os.path.join(path, name + ".npy"), a)
        return
    weights = np.fromfile(os.path.join(HERE, "basic", "weights.bin"), np.uint8)
    assert weights.tobytes() == C.tobytes() + W.tobytes(), "weights.bin is stale"
    x, q, n = inputs()
    want = {
        "y": x + C.reshape(4, 8),
        # two copies with offsets swap the halves
        "yc": np.roll((x + C.reshape(4, 8)).reshape(32), 16),
        "r": (q.astype(np.int32) * 3 + W).astype(np.int8),  # wraps
        "m": np.minimum(-n.astype(np.int32), 7).astype(np.int8),
    }
    for name, w in want.items():
        got = np.load(os.path.join(path, name + ".npy"))
        if got.dtype != w.dtype or got.shape != w.shape:
            sys.exit("%s: %s%s, expected %s%s" % (name, got.dtype, got.shape, w.dtype, w.shape))
        if not np.array_equal(got, w):  # f32 adds are exact: no tolerance
            bad = np.argwhere(got != w)[0]
            sys.exit("%s: %d values differ, first at %s: %r vs %r" % (
                name, int((got != w).sum()), tuple(bad), got[tuple(bad)], w[tuple(bad)]))
    print("basic: %d outputs match numpy" % len(want))


if __name__ == "__main__":
    main(*sys.argv[1:])
