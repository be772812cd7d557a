#!/usr/bin/env python3
"""Prints, and validates, the PTX of the kernels of a lowered module.

  ptx_kernels.py MODULE.mlir [--ptxas PATH] [--arch sm_90]

MODULE is the output of the CUDA pipeline (tessera-opt
--tessera-cuda-pipeline): every kernel module is a `gpu.binary` whose
`#gpu.object` holds the PTX as an escaped string. Without --ptxas, prints
every kernel module's PTX (for FileCheck). With --ptxas, assembles them
with the CUDA toolkit's ptxas and prints "N kernel modules valid", or the
errors (exit 1).

One ptxas run per module costs ~80 ms (a process each), so the modules are
first assembled together: one module with the first one's header, each
module's entry and globals renamed apart (every kernel module names its
entry after its function). If that fails, every module is assembled on its
own to name the invalid one.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

OBJECT = re.compile(r'gpu\.binary @([\w$.]+).*?assembly = "((?:[^"\\]|\\.)*)"',
                    re.S)
HEADER = re.compile(r"^\s*\.(version|target|address_size)\b.*$", re.M)
# Module-scope symbols: kernels, functions, variables in global/const/shared.
DECLARED = re.compile(
    r"^\s*(?:\.(?:visible|extern|weak)\s+)?"
    r"(?:\.entry|\.func(?:\s*\([^)]*\))?|\.(?:global|const|shared)\b[^;=]*?)"
    r"\s+([A-Za-z_$][\w$]*)", re.M)


def unescape(text):
    # MLIR prints non-printable bytes as \XX and a backslash as \\.
    return re.sub(r"\\([0-9A-Fa-f]{2}|\\)",
                  lambda m: "\\" if m.group(1) == "\\" else
                  chr(int(m.group(1), 16)), text)


def kernels(path):
    with open(path) as f:
        text = f.read()
    return [(name, unescape(ptx).rstrip("\0"))
            for name, ptx in OBJECT.findall(text)]


def ptxas(tool, arch, text):
    with tempfile.NamedTemporaryFile("w", suffix=".ptx", delete=False) as f:
        f.write(text)
        name = f.name
    try:
        proc = subprocess.run([tool, "-arch=" + arch, name, "-o", os.devnull],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    finally:
        os.unlink(name)
    return proc.returncode == 0, proc.stdout


def merge(modules):
    parts = []
    for i, (_, text) in enumerate(modules):
        if i:
            text = HEADER.sub("", text)
        for name in set(DECLARED.findall(text)):
            text = re.sub(r"(?<![\w$])%s(?![\w$])" % re.escape(name),
                          "%s__m%d" % (name, i), text)
        parts.append(text)
    return "\n".join(parts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("module")
    p.add_argument("--ptxas")
    p.add_argument("--arch", default="sm_90")
    args = p.parse_args()
    modules = kernels(args.module)
    if not modules:
        sys.exit("no PTX kernel module (gpu.binary with assembly) in %s" %
                 args.module)
    if not args.ptxas:
        for name, text in modules:
            print("// kernel module %s\n%s" % (name, text))
        return
    ok, _ = ptxas(args.ptxas, args.arch, merge(modules))
    if not ok:
        failures = []
        for name, text in modules:
            ok, log = ptxas(args.ptxas, args.arch, text)
            if not ok:
                failures.append("%s:\n%s" % (name, log))
        if failures:
            sys.exit("ptxas rejects %d of %d kernel modules:\n%s" % (
                len(failures), len(modules), "\n".join(failures)))
    print("%d kernel modules valid" % len(modules))


if __name__ == "__main__":
    main()
