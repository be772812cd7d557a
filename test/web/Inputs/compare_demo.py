"""Compares the outputs the WebGPU demo page reported (the JSON that
examples/web/headless.mjs --out writes) with reference .npy files:

  compare_demo.py RESULT.json REF0.npy [REF1.npy ...] [--tol T]

Passes when every value satisfies |page - ref| <= T * max(1, |ref|)
(T = 1e-4) and the dtypes, shapes and output count agree; exit 1 otherwise.
"""
import argparse
import json
import sys

import numpy as np

NUMPY = {"float32": np.float32, "complex64": np.complex64, "int32": np.int32,
         "uint32": np.uint32, "int8": np.int8, "uint8": np.uint8,
         "bool": np.bool_, "int4": np.int8, "uint4": np.uint8}

p = argparse.ArgumentParser()
p.add_argument("result")
p.add_argument("refs", nargs="+")
p.add_argument("--tol", type=float, default=1e-4)
args = p.parse_args()

with open(args.result) as f:
    result = json.load(f)
if result.get("state") != "done":
    sys.exit("compare_demo.py: the page did not finish: %s" % result.get("error"))
outputs = result["outputs"]
if len(outputs) != len(args.refs):
    sys.exit("compare_demo.py: the page gave %d outputs, %d references" % (len(outputs), len(args.refs)))
bad = 0
for i, (out, path) in enumerate(zip(outputs, args.refs)):
    ref = np.load(path)
    want = NUMPY[out["dtype"]]
    if ref.dtype != want or list(ref.shape) != out["shape"]:
        print("output %d: the page has %s %s, %s has %s %s"
              % (i, out["dtype"], out["shape"], path, ref.dtype, list(ref.shape)))
        bad += 1
        continue
    got = np.array(out["values"], np.float64)
    if ref.dtype == np.complex64:
        got = got[0::2] + 1j * got[1::2]
    got = got.reshape(ref.shape)
    ref64 = ref.astype(np.complex128 if ref.dtype == np.complex64 else np.float64)
    diff = np.abs(got - ref64)
    limit = args.tol * np.maximum(1.0, np.abs(ref64))
    wrong = int(np.count_nonzero(~(diff <= limit)))
    checksum = float(np.sum(ref64).real)
    if abs(out["checksum"] - checksum) > args.tol * max(1.0, float(np.sum(np.abs(ref64)))):
        print("output %d: checksum %r, the reference's is %r" % (i, out["checksum"], checksum))
        bad += 1
    print("output %d: %s %s, max |diff| %.3g, %d value(s) off by more than %g"
          % (i, out["dtype"], out["shape"], float(diff.max()) if diff.size else 0.0, wrong, args.tol))
    bad += wrong > 0
if bad:
    sys.exit(1)
print("demo outputs match the reference")
