#!/usr/bin/env python3
"""Writes the inputs the WebGPU demo page (examples/web/index.html) generates
for `?seed=N` as .npy files in0.npy, in1.npy, ... (the rule is documented in
examples/web/inputs.js), so that the CPU runtime can compute the reference:

  /usr/bin/python3 examples/web/demo_inputs.py build/web-demo/pau_mlp/manifest.json \\
      --seed 1 -o /tmp/in          # prints the --input arguments for tessera-run

The same files served next to the page can be given to it with `?inputs=URL`.
"""
import argparse
import json
import math
import os
import sys

import numpy as np

MULTIPLIER, INCREMENT = 1664525, 1013904223
INT_RANGES = {"int32": (-128, 127), "uint32": (0, 255), "int8": (-128, 127),
              "uint8": (0, 255), "int4": (-8, 7), "uint4": (0, 15), "bool": (0, 1)}
# .npy types, as tessera-run and web/src/npy.js read them (int4 as int8).
NUMPY = {"float32": np.float32, "complex64": np.complex64, "int32": np.int32,
         "uint32": np.uint32, "int8": np.int8, "uint8": np.uint8,
         "bool": np.bool_, "int4": np.int8, "uint4": np.uint8}


def lcg_inputs(manifest, seed):
    if not 0 <= seed < 2**32:
        raise ValueError("the LCG seed must be in [0, 2^32), got %d" % seed)
    state = seed
    arrays = []
    for index, spec in enumerate(manifest["inputs"]):
        dtype, shape = spec["dtype"], spec["shape"]
        if dtype not in NUMPY:
            raise ValueError("input %d: no LCG rule for dtype %s" % (index, dtype))
        lanes = 2 if dtype == "complex64" else 1
        count = math.prod(shape) * lanes
        values = []
        if dtype in ("float32", "complex64"):
            s = 1 / math.sqrt(shape[-1]) if index > 0 and len(shape) >= 2 else 1.0
            for _ in range(count):
                state = (state * MULTIPLIER + INCREMENT) % 2**32
                values.append((2 * (state / 4294967296) - 1) * s)
            flat = np.array(values, np.float64).astype(np.float32)
            if dtype == "complex64":
                flat = flat.view(np.complex64)
        else:
            lo, hi = INT_RANGES[dtype]
            for _ in range(count):
                state = (state * MULTIPLIER + INCREMENT) % 2**32
                values.append(lo + math.floor((state / 4294967296) * (hi - lo + 1)))
            flat = np.array(values, np.int64).astype(NUMPY[dtype])
        arrays.append(flat.reshape(shape))
    return arrays


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("manifest", help="an artifact's manifest.json")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("-o", "--out", required=True, help="directory for in<i>.npy")
    args = p.parse_args()
    try:
        with open(args.manifest) as f:
            manifest = json.load(f)
        arrays = lcg_inputs(manifest, args.seed)
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.exit("demo_inputs.py: %s: %s" % (args.manifest, e))
    os.makedirs(args.out, exist_ok=True)
    paths = []
    for i, a in enumerate(arrays):
        paths.append(os.path.join(args.out, "in%d.npy" % i))
        np.save(paths[-1], a)
    print(" ".join("--input " + p for p in paths))


if __name__ == "__main__":
    main()
