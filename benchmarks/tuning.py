#!/usr/bin/env python3
"""Online kernel tuning on every example model: untuned vs tuned vs cached.

    /usr/bin/python3 benchmarks/tuning.py [--budget 10] [--reps 20] [--threads N]
        [--target cpu|vulkan|cuda|webgpu] [--label DEVICE] [--rounds 3]
        [--models NAME,...]

For each example model (and each of its functions) runs `tessera-run` on
seeded random inputs: `--tune` with a fresh cache (measures candidates
within the budget, writes the cache), then three rounds of an untuned run
(the default config) and a `--tune` run that must take everything from the
cache (0 s of measuring) and so runs the tuned configs. The rounds
alternate, so that a machine that slows down meanwhile (this one is shared)
slows both sides; each side reports the median of its three `--bench`
medians. Reports those, the speedup, the tuning seconds, and writes benchmarks/TUNING.md plus a section of
benchmarks/RESULTS.md between `<!-- tuning:begin -->` and
`<!-- tuning:end -->` (`tuning-vulkan`, `tuning-cuda`, `tuning-webgpu`
for GPU targets, `tuning-<target>-<label>` with `--label`: one section per
device; replaced on each run, kept by run.py).

`--target webgpu` does the same with a WebGPU artifact per model and
function (`tessera-compile --target=webgpu --webgpu-variants=space
[--entry F]`), seeded random `.npy` inputs made from its manifest's
`inputs`, and `tessera-web-run` (tessera-web's tuner, on lavapipe): the
untuned runs time the default kernels, the cached ones the variants the
first run chose.
"""

import argparse
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
def section_name(target, label):
    """A target's section of RESULTS.md (and TUNING file): tuning,
    tuning-<target>, tuning-<target>-<label> (one per device)."""
    return "tuning" + "".join("-" + x for x in (target, label)
                              if x and x != "cpu")


def markers(name):
    """The comments around a section of RESULTS.md."""
    return "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name


def device_name(build, target):
    """The device the target runs on, as its runner reports it."""
    if target == "cpu":
        return ""
    cmd = ([os.path.join(build, "bin", "tessera-web-run"), "--probe"]
           if target == "webgpu" else
           [os.path.join(build, "bin", "tessera-run"), "--list-devices"])
    p = subprocess.run(cmd, capture_output=True, text=True)
    for line in (p.stdout + p.stderr).splitlines():
        if line.startswith(target + ": "):
            return line[len(target) + 2:]
    return "unknown"


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(" ".join(cmd) + "\n" + (p.stderr or p.stdout))
    return p.stdout + p.stderr


def webgpu_entries(compiler, model, tmp):
    """The functions to compile a WebGPU artifact for: tessera-compile
    takes the only public one, or names them all when there are several."""
    out = subprocess.run([compiler, "--target=webgpu", model, "-o",
                          os.path.join(tmp, "entries")],
                         capture_output=True, text=True)
    m = re.search(r"name it with --entry \(public functions: ([^)]*)\)", out.stderr)
    return m.group(1).split() if m else [None]


def webgpu_artifact(compiler, model, entry, out):
    """Compiles `model` (its function `entry`) to a WebGPU artifact with the
    tuning space's variants and writes seeded random inputs for it, as .npy
    files from its manifest's `inputs`; returns the --input arguments."""
    import json
    import numpy as np
    cmd = [compiler, "--target=webgpu", "--webgpu-variants=space", model, "-o", out]
    if entry:
        cmd += ["--entry", entry]
    run(cmd)
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    rng = np.random.default_rng(1)
    # Integers within their type's range (int4/uint4 travel as int8/uint8
    # in .npy); floats standard normal.
    ranges = {"int4": (-8, 8, "int8"), "uint4": (0, 16, "uint8"),
              "int8": (-128, 128, "int8"), "uint8": (0, 256, "uint8"),
              "int32": (-100, 100, "int32"), "uint32": (0, 200, "uint32"),
              "bool": (0, 2, "bool")}
    args = []
    for i, spec in enumerate(manifest["inputs"]):
        dtype, shape = spec["dtype"], spec["shape"]
        if dtype in ranges:
            lo, hi, npy = ranges[dtype]
            data = rng.integers(lo, hi, size=shape).astype(npy)
        elif dtype == "complex64":
            data = (rng.standard_normal(shape)
                    + 1j * rng.standard_normal(shape)).astype(np.complex64)
        elif dtype == "float32":
            data = rng.standard_normal(shape).astype(np.float32)
        else:
            raise RuntimeError("%s: input %d: no random inputs for dtype %s" % (out, i, dtype))
        path = os.path.join(out, "input%d.npy" % i)
        np.save(path, data)
        args += ["--input", path]
    return args


def measure_webgpu(tool, artifact, inputs, reps, extra):
    """One tessera-web-run: its --bench median (the tuned one with --tune)
    and what the tuning printed."""
    cmd = [tool, artifact] + inputs + ["--bench", str(reps)] + extra
    out = run(cmd)
    median = re.search(r"bench \d+ runs%s: median ([0-9.]+) ms"
                       % (" tuned" if "--tune" in extra else ""), out)
    if not median:  # reported as the model's failure, as a crash would be
        raise RuntimeError(" ".join(cmd) + "\nno --bench median in its output:\n" + out[-2000:])
    median = float(median.group(1))
    tuning = re.search(r"^tuning: ([0-9.]+) s,", out, re.M)
    choices = re.findall(r"^  kernel \S+: \d+ variants.* -> (default|variant)", out, re.M)
    changed = choices.count("variant")
    # tessera-web keeps the default unless a variant is >= 5% faster on the
    # kernel alone; a variant chosen is used (no whole-model check).
    verdict = ("tuned used" if changed else "kept default") if choices else "-"
    seconds = float(tuning.group(1)) if tuning else 0.0
    return {"ms": median, "kernels": len(choices), "changed": changed,
            "verdict": verdict, "measuring": seconds, "total": seconds,
            "cached": "tuning: cached" in out, "log": out}


def entries(tool, model, target):
    out = subprocess.run([tool, model, "--random-inputs", "--quiet",
                          "--target", target],
                         capture_output=True, text=True)
    m = re.search(r"choose one with --entry:(.*)", out.stderr)
    return m.group(1).split() if m else [None]


def measure(tool, model, entry, reps, threads, extra, target):
    cmd = [tool, model, "--random-inputs", "--seed", "1", "--bench", str(reps),
           "--target", target]
    if entry:
        cmd += ["--entry", entry]
    if threads:
        cmd += ["--num-threads", str(threads)]
    out = run(cmd + extra)
    median = float(re.search(r"median ([0-9.]+) ms", out).group(1))
    tuning = re.search(r"tuning: (\d+) kernels, ([0-9.]+) s measuring "
                       r"\(([0-9.]+) s in all\)", out)
    kernels = len(re.findall(r"^kernel ", out, re.M))
    changed = len(re.findall(r"^  best: (?!default)", out, re.M))
    model = re.search(r"^model: (.*)$", out, re.M)
    verdict = "-"
    if model:
        m = model.group(1)
        verdict = ("no kernel tuned" if "no kernel tuned" in m else
                   "tuned used" if "tuned configs used" in m else "kept default")
        times = re.search(r"default ([0-9.]+) ms(?:, tuned ([0-9.]+) ms)?", m)
        if times and times.group(2):
            verdict += " (%s / %s ms)" % (times.group(1), times.group(2))
    elif kernels:
        # The GPU tuner checks its winner against the default itself (one
        # configuration per module): a best other than the default is used.
        verdict = "tuned used" if changed else "kept default"
    return {"ms": median, "kernels": kernels, "changed": changed,
            "verdict": verdict,
            "measuring": float(tuning.group(2)) if tuning else 0.0,
            "total": float(tuning.group(3)) if tuning else 0.0,
            "cached": "all cached" in out, "log": out}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--budget", type=float, default=10.0)
    p.add_argument("--reps", type=int, default=20)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--target", default="cpu", choices=["cpu", "vulkan", "cuda", "webgpu"])
    p.add_argument("--rounds", type=int, default=3,
                   help="alternating untuned/cached rounds (medians)")
    p.add_argument("--models", default="",
                   help="comma-separated example names, .mlir optional (default: all)")
    p.add_argument("--out", help="default: benchmarks/TUNING.md, "
                   "TUNING-<target>.md for GPU targets")
    p.add_argument("--results", default=os.path.join(ROOT, "benchmarks", "RESULTS.md"))
    p.add_argument("--label", default="",
                   help="the device's name in the section and file names "
                   "(tuning-<target>-<label>, TUNING-<target>-<label>.md): "
                   "one section per device, e.g. lavapipe next to a GPU's")
    args = p.parse_args()
    if args.label and not re.fullmatch(r"[a-z0-9]+", args.label):
        p.error("--label takes lower-case letters and digits")
    section_id = section_name(args.target, args.label)
    if not args.out:
        args.out = os.path.join(ROOT, "benchmarks",
                                "TUNING%s.md" % section_id[len("tuning"):])
    webgpu = args.target == "webgpu"
    tool = os.path.join(args.build, "bin", "tessera-web-run" if webgpu else "tessera-run")
    compiler = os.path.join(args.build, "bin", "tessera-compile")
    examples = os.path.join(ROOT, "examples")
    wanted = [m[:-5] if m.endswith(".mlir") else m for m in args.models.split(",") if m]
    rows, logs, failures = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(examples)):
            if not name.endswith(".mlir") or (wanted and name[:-5] not in wanted):
                continue
            model = os.path.join(examples, name)
            for entry in (webgpu_entries(compiler, model, tmp) if webgpu
                          else entries(tool, model, args.target)):
                label = name + (" @" + entry if entry else "")
                cache = os.path.join(tmp, label.replace(" @", "_") + ".json")
                tune = ["--tune", "--tuning-budget", str(args.budget),
                        "--tuning-cache", cache]
                artifact = os.path.join(tmp, label.replace(" @", "_"))
                inputs = []
                def bench(extra):
                    if webgpu:
                        return measure_webgpu(tool, artifact, inputs, args.reps, extra)
                    return measure(tool, model, entry, args.reps, args.threads,
                                   extra, args.target)
                try:
                    if webgpu:
                        inputs = webgpu_artifact(compiler, model, entry, artifact)
                    tuned = bench(tune)
                    bases, agains = [], []
                    for _ in range(args.rounds):
                        bases.append(bench([]))
                        agains.append(bench(tune))
                except RuntimeError as e:
                    # One model that fails (a target's bug) is reported;
                    # the others are still measured.
                    failures.append((label, str(e).strip()))
                    print("%-45s FAILED\n%s" % (label, e), flush=True)
                    continue
                middle = (args.rounds - 1) // 2
                base = dict(bases[0], ms=sorted(b["ms"] for b in bases)[middle])
                again = dict(agains[0], ms=sorted(a["ms"] for a in agains)[middle],
                             measuring=max(a["measuring"] for a in agains),
                             cached=all(a["cached"] for a in agains))
                rows.append((label, base, tuned, again))
                logs.append("### " + label + "\n\n```\n" +
                            "\n".join(l for l in tuned["log"].splitlines()
                                      if l.startswith(("kernel", "  best", "model", "tuning", "warning",
                                                       "  kernel", "    variant", "run-artifact: warning")))
                            + "\n```\n")
                print("%-45s untuned %8.3f ms  tuned %8.3f ms  %.2fx  tuning %.2f s  (tuning run %8.3f ms)  cached tuning %.2f s"
                      % (label, base["ms"], again["ms"], base["ms"] / again["ms"],
                         tuned["measuring"], tuned["ms"], again["measuring"]), flush=True)
    nproc = os.cpu_count()
    BEGIN, END = markers(section_id)
    device = device_name(args.build, args.target)
    runner = "tessera-web-run" if webgpu else "tessera-run"
    title = "## Online kernel tuning (`%s --tune`)" % runner + (
        "" if args.target == "cpu" else ", target " + args.target) + (
        " on " + args.label if args.label else "")
    lines = [BEGIN, title, "",
             "`benchmarks/tuning.py%s --budget %g --reps %d`: per example model, "
             "one `%s --tune` with a fresh cache (%g s budget; *tuning "
             "run ms*: its `--bench %d` median), then %d alternating rounds of "
             "an untuned run (*untuned ms*) and a run that hits the cache and runs "
             "the tuned configs (*tuned ms*), each the median of the rounds' `--bench` "
             "medians; *speedup* = untuned / tuned; "
             "*tuning s* is the time spent compiling and timing candidates "
             "(*in all*: with analysis and cache I/O); *changed*: kernels whose best "
             "config is not the default; *model check*: the whole model timed with "
             "the default and the tuned configs (default / tuned ms), the tuned ones "
             "used only if >= 5%% faster (%s). "
             "Target %s%s, %d hardware threads%s."
             % ((" --target " + args.target if args.target != "cpu" else "") +
                (" --label " + args.label if args.label else "") +
                (" --rounds %d" % args.rounds if args.rounds != 3 else ""),
                args.budget, args.reps, runner, args.budget, args.reps, args.rounds,
                "webgpu: one variant per kernel, chosen when >= 5% faster than the "
                "default on the kernel alone; the choices then kept only if the "
                "whole model, timed by tessera-web, is >= 5% faster" if webgpu else
                "GPU targets: one configuration per module, checked against the "
                "default by the tuner itself",
                args.target, " (device: %s)" % device if device else "", nproc,
                "" if not args.threads else ", %d threads" % args.threads), "",
             "| model | kernels tuned | changed | model check | untuned ms | tuned ms | speedup | tuning s (in all) | tuning run ms | cached tuning s |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for label, base, tuned, again in rows:
        # Unless the tuned configs were used, both sides run the same code:
        # their ratio is this machine's noise, not a speedup.
        ratio = base["ms"] / again["ms"]
        speedup = ("%.2fx" % ratio if tuned["verdict"].startswith("tuned used")
                   else "1 (same code; measured %.2fx)" % ratio)
        lines.append("| %s | %d | %d | %s | %.3f | %.3f | %s | %.2f (%.2f) | %.3f | %.2f%s |" % (
            label, tuned["kernels"], tuned["changed"], tuned["verdict"],
            base["ms"], again["ms"],
            speedup, tuned["measuring"], tuned["total"],
            tuned["ms"], again["measuring"], "" if again["cached"] or not again["kernels"] else " (not all cached!)"))
    for label, error in failures:
        lines.append("| %s | failed: %s | | | | | | | | |" % (
            label, error.splitlines()[-1].replace("|", "/")))
    lines.append(END)
    section = "\n".join(lines) + "\n"
    with open(args.out, "w") as f:
        f.write("# Tuning results\n\n" + section.replace(BEGIN + "\n", "").replace(END + "\n", "")
                + "\n## Per kernel (tuned run)\n\n" + "\n".join(logs))
    if os.path.exists(args.results):
        text = open(args.results).read()
        if BEGIN in text and END in text:
            text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1:]
        else:
            text = text.rstrip("\n") + "\n\n" + section
        with open(args.results, "w") as f:
            f.write(text)
    print(section)
    if failures:
        raise SystemExit("%d model(s) failed" % len(failures))


if __name__ == "__main__":
    main()
