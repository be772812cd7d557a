"""Reference for the hand-written artifact variants/ (kernel variants for
tuning on the client; test/web/tune.test).

  variants.py inputs DIR   write DIR/x.npy, y.npy
  variants.py check DIR    compare DIR/r.npy, s.npy, d.npy with numpy

r = max(x + y, 0) * 0.5, s = r + y, d = x - s (float32[262141]: exact).
"""
import os
import sys

import numpy as np

N = 262141


def inputs():
    rng = np.random.default_rng(7)
    return (rng.standard_normal(N).astype(np.float32),
            rng.standard_normal(N).astype(np.float32))


def main(cmd, path):
    x, y = inputs()
    if cmd == "inputs":
        np.save(os.path.join(path, "x.npy"), x)
        np.save(os.path.join(path, "y.npy"), y)
        return
    r = np.maximum(x + y, np.float32(0)) * np.float32(0.5)
    s = r + y
    want = {"r": r, "s": s, "d": x - s}
    for name, w in want.items():
        got = np.load(os.path.join(path, name + ".npy"))
        if got.dtype != w.dtype or got.shape != w.shape:
            sys.exit("%s: %s%s, expected %s%s" % (name, got.dtype, got.shape, w.dtype, w.shape))
        if not np.array_equal(got, w):
            sys.exit("%s: %d values differ" % (name, int((got != w).sum())))
    print("variants: %d outputs match numpy" % len(want))


if __name__ == "__main__":
    main(*sys.argv[1:])
