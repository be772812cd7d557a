"""Runs every kernel variant of a WebGPU artifact and compares its outputs
with the default's, byte for byte.

  run-each-variant.py TESSERA_WEB_RUN ARTIFACT WORKDIR INPUT.npy...

Artifact j (j = 0, 1, ...) is a copy of ARTIFACT in which every kernel with
more than j variants runs its variant j as its default (its file and
workgroup size, and variantWorkgroups[j] as the grid of its dispatches),
with no variants left; the others keep their defaults. Prints one summary
line; exits non-zero on the first output that differs."""
import copy
import json
import os
import shutil
import subprocess
import sys

runner, artifact, workdir, inputs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
manifest = json.load(open(os.path.join(artifact, "manifest.json")))
outputs = len(manifest["outputs"])


def run(directory, tag):
    paths = [os.path.join(workdir, "%s.%d.npy" % (tag, i)) for i in range(outputs)]
    command = [runner, directory]
    for path in inputs:
        command += ["--input", path]
    for path in paths:
        command += ["--output", path]
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        sys.exit("%s failed:\n%s" % (" ".join(command), proc.stdout))
    return [open(p, "rb").read() for p in paths]


def strip(m):
    for kernel in m["kernels"]:
        kernel.pop("variants", None)
    for step in m["steps"]:
        step.pop("variantWorkgroups", None)


os.makedirs(workdir, exist_ok=True)
default = run(artifact, "default")
count = max(len(k.get("variants", [])) for k in manifest["kernels"])
checked = 0
for j in range(count):
    m = copy.deepcopy(manifest)
    for k, kernel in enumerate(m["kernels"]):
        variants = kernel.get("variants", [])
        if j >= len(variants):
            continue
        kernel["file"] = variants[j]["file"]
        kernel["workgroupSize"] = variants[j]["workgroupSize"]
        for step in m["steps"]:
            if step.get("kernel") == k:
                step["workgroups"] = step["variantWorkgroups"][j]
        checked += 1
    strip(m)
    directory = os.path.join(workdir, "v%d" % j)
    shutil.rmtree(directory, ignore_errors=True)
    shutil.copytree(artifact, directory)
    json.dump(m, open(os.path.join(directory, "manifest.json"), "w"))
    result = run(directory, "v%d" % j)
    for i, (a, b) in enumerate(zip(default, result)):
        if a != b:
            sys.exit("variant %d: output %d differs from the default's" % (j, i))
print("%d kernel variants in %d artifacts: every output equals the default's"
      % (checked, count))
