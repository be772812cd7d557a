"""Inputs, artifact and numpy references of exec-semantics.mlir.

  exec-semantics.py prepare DIR   writes DIR/manifest.json and DIR/{x,y,a,b}.npy
  exec-semantics.py check DIR     compares DIR/{f,i}.npy with the references
"""
import json
import math
import sys

import numpy as np

N = 256
FLOAT_OPS = ["erf", "round", "roundeven", "maximumf", "minimumf", "maxnumf",
             "minnumf", "uitofp", "copysign"]
INT_OPS = ["divui", "remui", "floordivsi", "ceildivsi", "divsi", "remsi",
           "shrui", "minui", "maxui", "cmpi ult", "i8 addi", "i8 muli",
           "i8 divui", "i8 shrui", "i8 shli", "i8 extui", "i8 maxui",
           "i8 ctpop", "i8 ctlz", "i8 cttz", "i4 fptosi", "i4 extui"]


def inputs():
    rng = np.random.default_rng(7)
    nan, inf = np.float32("nan"), np.float32("inf")
    special = [nan, inf, -inf, 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5,
               0.49999997, -0.49999997, 8388609.0, 1e-40, 3.0]
    x = np.concatenate([np.array(special, np.float32),
                        np.linspace(-5, 5, N - len(special), dtype=np.float32)])
    y = rng.uniform(-6, 6, N).astype(np.float32)
    y[:16] = [0.0, nan, 1.0, -0.0, 0.0, nan, -0.0, -1.5, 7.0, nan, -3.0, 2.0,
              0.0, 1.0, -7.0, -0.0]
    y[16:24] = x[16:24]  # equal operands
    a = rng.integers(-2**31, 2**31, N, dtype=np.int64).astype(np.int32)
    b = rng.integers(-2**31, 2**31, N, dtype=np.int64).astype(np.int32)
    b[:64] = rng.integers(-300, 300, 64).astype(np.int32)  # small divisors
    a[64:96] = rng.integers(-1000, 1000, 32).astype(np.int32)
    b[b == 0] = 3
    b[(b & 0xff) == 0] += 1  # i8 divui divisors must be nonzero
    return x, y, a, b


def prepare(d):
    x, y, a, b = inputs()
    for name, v in zip("xyab", (x, y, a, b)):
        np.save("%s/%s.npy" % (d, name), v)
    tensors = [("float32", [N]), ("float32", [N]), ("int32", [N]),
               ("int32", [N])]
    outs = [("float32", [len(FLOAT_OPS), N]), ("int32", [len(INT_OPS), N])]
    manifest = {
        "format": "tessera-webgpu", "version": 1, "entry": "semantics",
        "inputs": [{"dtype": t, "shape": s, "buffer": i}
                   for i, (t, s) in enumerate(tensors)],
        "outputs": [{"dtype": t, "shape": s, "buffer": 4 + i}
                    for i, (t, s) in enumerate(outs)],
        "buffers": [{"size": 4 * N}] * 4 +
                   [{"size": 4 * N * len(FLOAT_OPS)},
                    {"size": 4 * N * len(INT_OPS)}],
        "kernels": [{"name": "semantics", "file": "kernels/semantics.wgsl",
                     "entryPoint": "main", "workgroupSize": [64, 1, 1],
                     "bindings": [{"binding": i, "access": "read"}
                                  for i in range(4)] +
                                 [{"binding": 4, "access": "read_write"},
                                  {"binding": 5, "access": "read_write"}]}],
        "steps": [{"op": "upload", "input": i, "buffer": i} for i in range(4)] +
                 [{"op": "dispatch", "kernel": 0, "workgroups": [4, 1, 1],
                   "buffers": [0, 1, 2, 3, 4, 5]},
                  {"op": "download", "output": 0, "buffer": 4},
                  {"op": "download", "output": 1, "buffer": 5}],
    }
    with open("%s/manifest.json" % d, "w") as f:
        json.dump(manifest, f)


def float_refs(x, y):
    x64, y64 = x.astype(np.float64), y.astype(np.float64)
    nan = np.isnan(x) | np.isnan(y)
    with np.errstate(invalid="ignore"):
        erf = np.array([math.erf(v) for v in x64])
        rnd = np.sign(x64) * np.floor(np.abs(x64) + 0.5)
        rnd = np.where(np.abs(x64) >= 2**23, x64, rnd)
        # -0 < +0 for maximumf/minimumf: compare as (value, sign) pairs.
        bigger = (x64 > y64) | ((x64 == y64) & ~np.signbit(x64))
        maximum = np.where(nan, np.nan, np.where(bigger, x64, y64))
        smaller = (x64 < y64) | ((x64 == y64) & np.signbit(x64))
        minimum = np.where(nan, np.nan, np.where(smaller, x64, y64))
        maxnum = np.where(np.isnan(x), y64, np.where(np.isnan(y), x64,
                                                     np.fmax(x64, y64)))
        minnum = np.where(np.isnan(x), y64, np.where(np.isnan(y), x64,
                                                     np.fmin(x64, y64)))
    return [erf, rnd, np.round(x64), maximum, minimum, maxnum, minnum,
            None, np.copysign(x64, y64)]


def int_refs(x, a, b):
    ua, ub = a.astype(np.uint32).astype(np.int64), b.astype(np.uint32).astype(np.int64)
    sa, sb = a.astype(np.int64), b.astype(np.int64)
    tq = np.trunc(sa / sb).astype(np.int64)
    fq = sa // sb
    a8, b8 = a.astype(np.int8).astype(np.int64), b.astype(np.int8).astype(np.int64)
    u8a, u8b = a8 & 0xff, b8 & 0xff
    wrap8 = lambda v: ((v + 128) & 0xff) - 128
    pop = np.array([bin(v).count("1") for v in u8a])
    clz = np.array([8 - v.bit_length() for v in map(int, u8a)])
    ctz = np.array([8 if v == 0 else (v & -v).bit_length() - 1
                    for v in map(int, u8a)])
    with np.errstate(invalid="ignore"):
        q4 = np.trunc(np.clip(np.nan_to_num(x.astype(np.float64), nan=0.0),
                              -8, 7)).astype(np.int64)
    return [ua // ub, ua % ub, fq, -((-sa) // sb), tq, sa - tq * sb,
            ua >> (b.astype(np.int64) & 31), np.minimum(ua, ub),
            np.maximum(ua, ub), (ua < ub).astype(np.int64),
            wrap8(a8 + b8), wrap8(a8 * b8), u8a // u8b, wrap8(u8a >> 3),
            wrap8(a8 << 3), u8a, wrap8(np.maximum(u8a, u8b)), pop, clz, ctz,
            q4, q4 & 15]


def check(d):
    x, y, a, b = inputs()
    f = np.load("%s/f.npy" % d)
    i = np.load("%s/i.npy" % d).astype(np.int64)
    bad = 0
    refs = float_refs(x, y)
    refs[7] = a.astype(np.uint32).astype(np.float32).astype(np.float64)
    for k, (name, ref) in enumerate(zip(FLOAT_OPS, refs)):
        got = f[k].astype(np.float64)
        if name == "erf":
            ok = np.isclose(got, ref, rtol=0, atol=2e-7, equal_nan=True)
            print("erf: max abs error %.3g" % np.nanmax(np.abs(got - ref)[1:]))
            # NaN in, NaN out; WGSL may assume no NaNs, so only ask for it
            # where the emitter tests the bits.
            ok[0] = True
        else:
            ref32 = ref.astype(np.float32)
            ok = (np.isnan(ref32) & np.isnan(f[k])) | \
                 (ref32.view(np.uint32) == f[k].view(np.uint32))
        # Subnormal inputs may be flushed to zero by the implementation.
        ok |= np.abs(x) < 1.2e-38
        for j in np.nonzero(~ok)[0][:5]:
            print("MISMATCH %s x=%r y=%r: got %r, want %r" %
                  (name, x[j], y[j], f[k][j], ref[j]))
        bad += int((~ok).sum())
    refs = int_refs(x, a, b)
    for k, (name, ref) in enumerate(zip(INT_OPS, refs)):
        ref32 = (np.asarray(ref, np.int64) & 0xffffffff).astype(np.uint32).view(np.int32)
        ok = ref32.astype(np.int64) == i[k]
        for j in np.nonzero(~ok)[0][:5]:
            print("MISMATCH %s a=%d b=%d x=%r: got %d, want %d" %
                  (name, a[j], b[j], x[j], i[k][j], ref32[j]))
        bad += int((~ok).sum())
    if bad:
        print("%d mismatches" % bad)
        sys.exit(1)
    print("float ops: %d x %d values match" % (len(FLOAT_OPS), N))
    print("int ops: %d x %d values match" % (len(INT_OPS), N))


if __name__ == "__main__":
    {"prepare": prepare, "check": check}[sys.argv[1]](sys.argv[2])
