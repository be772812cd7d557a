"""Summarizes the variants of a WebGPU artifact's kernels, one line each:
how many, whether their WGSL differs from the default's and each other's,
how many dispatches list a grid per variant, and the largest workgroup
(invocations) and workgroup storage (bytes, from var<workgroup> arrays of
f32) among default and variants."""
import json
import os
import re
import sys

root = sys.argv[1]
manifest = json.load(open(os.path.join(root, "manifest.json")))


def storage_bytes(text):
    return sum(4 * int(n) for n in
               re.findall(r"var<workgroup>\s*\w+\s*:\s*array<f32,\s*(\d+)>", text))


for k, kernel in enumerate(manifest["kernels"]):
    variants = kernel.get("variants", [])
    if not variants:
        continue
    files = [kernel["file"]] + [v["file"] for v in variants]
    texts = [open(os.path.join(root, f)).read() for f in files]
    distinct = len(set(texts)) == len(texts)
    sizes = [kernel["workgroupSize"]] + [v["workgroupSize"] for v in variants]
    invocations = max(x * y * z for x, y, z in sizes)
    grids = sum(1 for s in manifest["steps"]
                if s.get("kernel") == k and
                len(s.get("variantWorkgroups", [])) == len(variants))
    print("%s: %d variants, %s, grids on %d dispatch(es), max %d invocations, "
          "max %d bytes" % (kernel["name"], len(variants),
                            "all distinct" if distinct else "DUPLICATES",
                            grids, invocations,
                            max(storage_bytes(t) for t in texts)))
