#!/usr/bin/env python3
"""End-to-end numerical check of one function of a model.

Generates golden inputs and outputs with an independent numpy/PyTorch
reference (test/e2e/golden/<module>.py, function <case>(rng) returning
(inputs, outputs) as lists of numpy arrays), runs the function with
tessera-run (JIT) and, with --aot, through tessera-compile + tessera-run
(the .so), and compares every output with the reference. With --target
webgpu there is no JIT: the model is compiled to a WebGPU artifact
(tessera-compile --target=webgpu -o DIR) and run by tessera-web-run (the
JS runtime on a real WebGPU adapter, scripts/setup-webgpu.sh).

  check.py --model M.mlir --entry F --golden module:case --workdir DIR
           [--aot] [--rtol 1e-4] [--atol 0] [--metric elementwise|l2]
           [--extra-args="--library-calls=matmul"]
--extra-args are passed to every compilation of the model: tessera-run on
the MLIR (JIT) and tessera-compile (AOT). Integer outputs are compared
exactly. Exits non-zero with a readable
report on any mismatch.
"""
import argparse
import importlib
import os
import shlex
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "golden"))


def run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    if proc.returncode != 0:
        sys.exit("command failed (%d): %s\n%s" % (proc.returncode,
                                                   " ".join(cmd), proc.stdout))
    return proc.stdout


def compare(name, got, want, args):
    if got.shape != want.shape:
        return "%s: shape %s, expected %s" % (name, got.shape, want.shape)
    if got.dtype != want.dtype:
        return "%s: dtype %s, expected %s" % (name, got.dtype, want.dtype)
    if np.issubdtype(want.dtype, np.integer) or want.dtype == np.bool_:
        bad = np.argwhere(got != want)
        if bad.size:
            i = tuple(bad[0])
            return "%s: %d of %d integers differ, first at %s: %s vs %s" % (
                name, len(bad), want.size, i, got[i], want[i])
        return None
    if np.iscomplexobj(want):
        # Compare real and imaginary parts as one real vector.
        got = np.stack([got.real, got.imag], axis=-1)
        want = np.stack([want.real, want.imag], axis=-1)
    g = got.astype(np.float64)
    w = want.astype(np.float64)
    if not np.all(np.isfinite(g) == np.isfinite(w)):
        return "%s: non-finite values differ" % name
    g = np.where(np.isfinite(w), g, 0.0)
    w = np.where(np.isfinite(w), w, 0.0)
    if args.metric == "l2":
        err = np.linalg.norm(g - w) / max(np.linalg.norm(w), 1e-30)
        if err > args.rtol:
            return "%s: relative L2 error %.3g > %.3g" % (name, err, args.rtol)
        return None
    tol = args.atol + args.rtol * np.abs(w)
    bad = np.argwhere(np.abs(g - w) > tol)
    if bad.size:
        i = tuple(bad[0])
        return "%s: %d of %d values outside rtol %.1g atol %.1g, first at %s: " \
               "%r vs %r" % (name, len(bad), w.size, args.rtol, args.atol, i,
                             got[i], want[i])
    return None


def replay(argv):
    """--replay FILE: runs every `%check` RUN line of FILE (a CPU e2e test)
    with the remaining arguments appended (e.g. --target vulkan), so that
    another target runs exactly the CPU's cases, goldens and tolerances.
    --skip ENTRY leaves out the cases of a function (known gaps)."""
    p = argparse.ArgumentParser()
    p.add_argument("--replay", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--skip", action="append", default=[])
    args, rest = p.parse_known_args(argv)
    src_root = os.path.dirname(os.path.dirname(HERE))
    cases, failures, skipped = 0, [], 0
    with open(args.replay) as f:
        for line in f:
            if "RUN:" not in line or "%check" not in line:
                continue
            command = line.split("%check", 1)[1]
            command = command.replace("%tessera_src_root", src_root)
            command = command.replace("%t", args.workdir)
            command = command.replace("%s", os.path.abspath(args.replay))
            words = shlex.split(command)
            entry = words[words.index("--entry") + 1]
            if entry in args.skip:
                skipped += 1
                continue
            cases += 1
            proc = subprocess.run([sys.executable, os.path.abspath(__file__)] +
                                  words + rest, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            print(proc.stdout.rstrip())
            if proc.returncode != 0:
                failures.append(entry)
    if cases == 0:
        sys.exit("%s has no %%check RUN lines to replay" % args.replay)
    print("replayed %d case(s) of %s (%d skipped): %d failed%s" % (
        cases, os.path.basename(args.replay), skipped, len(failures),
        (": " + ", ".join(failures)) if failures else ""))
    if failures:
        sys.exit(1)


def main():
    if "--replay" in sys.argv[1:]:
        return replay(sys.argv[1:])
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--entry", required=True)
    p.add_argument("--golden", required=True, help="module:case")
    p.add_argument("--workdir", required=True)
    p.add_argument("--aot", action="store_true")
    p.add_argument("--rtol", type=float, default=1e-4)
    p.add_argument("--atol", type=float, default=0.0)
    p.add_argument("--metric", choices=["elementwise", "l2"],
                   default="elementwise")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--tools", default=os.environ.get("TESSERA_TOOLS", ""))
    p.add_argument("--target", default="cpu",
                   help="where to run: cpu, vulkan (tessera-run/-compile "
                        "--target), webgpu (tessera-compile + tessera-web-run)")
    p.add_argument("--extra-args", default="",
                   help="arguments for tessera-run (JIT) and tessera-compile, "
                        "e.g. --library-calls=matmul")
    args = p.parse_args()

    module_name, case = args.golden.split(":")
    module = importlib.import_module(module_name)
    inputs, outputs = getattr(module, case)(np.random.default_rng(args.seed))

    os.makedirs(args.workdir, exist_ok=True)
    tag = "%s_%s" % (args.entry, case)
    in_files = []
    for i, a in enumerate(inputs):
        path = os.path.join(args.workdir, "%s_in%d.npy" % (tag, i))
        np.save(path, np.require(a, requirements='C'))  # keeps 0-d arrays 0-d
        in_files.append(path)

    tool = lambda name: os.path.join(args.tools, name) if args.tools else name
    extra = shlex.split(args.extra_args)
    # Test files hold many functions: compile only the one under test (and
    # what it calls), so each RUN line costs one function's compile time.
    model = os.path.join(args.workdir, "%s.mlir" % tag)
    run([tool("tessera-opt"), args.model, "--symbol-privatize=exclude=" +
         args.entry, "--symbol-dce", "-o", model])
    artifacts = [("jit", model)]
    if args.target == "webgpu":  # an artifact directory only, no JIT
        webgpu = os.path.join(args.workdir, "%s.webgpu" % tag)
        run([tool("tessera-compile"), model, "--target=webgpu", "-o", webgpu]
            + extra)
        artifacts = [("artifact", webgpu)]
    elif args.aot:
        so = os.path.join(args.workdir, "%s.so" % tag)
        run([tool("tessera-compile"), model, "--target=" + args.target, "-o",
             so] + extra)
        artifacts.append(("aot", so))

    failures = []
    for mode, artifact in artifacts:
        out_files = [os.path.join(args.workdir, "%s_%s_out%d.npy" % (tag, mode, i))
                     for i in range(len(outputs))]
        cmd = [tool("tessera-run"), artifact, "--entry", args.entry,
               "--target=" + args.target]
        if args.target == "webgpu":
            cmd = [tool("tessera-web-run"), artifact, "--entry", args.entry]
        if mode == "jit":
            cmd += extra
        for f in in_files:
            cmd += ["--input", f]
        for f in out_files:
            cmd += ["--output", f]
        run(cmd)
        for i, (f, want) in enumerate(zip(out_files, outputs)):
            msg = compare("%s output %d" % (mode, i), np.load(f), want, args)
            if msg:
                failures.append(msg)
    if failures:
        sys.exit("\n".join(["%s %s (%s):" % (args.model, args.entry, case)] +
                           failures))
    print("%s %s (%s): %d output(s) match via %s on %s%s" % (
        os.path.basename(args.model), args.entry, case, len(outputs),
        " and ".join(m for m, _ in artifacts), args.target,
        " with " + " ".join(extra) if extra else ""))


if __name__ == "__main__":
    main()
