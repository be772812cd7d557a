#!/usr/bin/env python3
"""Online kernel tuning on every example model: untuned vs tuned vs cached.

    /usr/bin/python3 benchmarks/tuning.py [--budget 10] [--reps 20] [--threads N]
        [--target cpu|vulkan|cuda] [--rounds 3] [--models NAME,...]

For each example model (and each of its functions) runs `tessera-run` on
seeded random inputs: `--tune` with a fresh cache (measures candidates
within the budget, writes the cache), then three rounds of an untuned run
(the default config) and a `--tune` run that must take everything from the
cache (0 s of measuring) and so runs the tuned configs. The rounds
alternate, so that a machine that slows down meanwhile (this one is shared)
slows both sides; each side reports the median of its three `--bench`
medians. Reports those, the speedup, the tuning seconds, and writes benchmarks/TUNING.md plus a section of
benchmarks/RESULTS.md between `<!-- tuning:begin -->` and
`<!-- tuning:end -->` (`tuning-vulkan`, `tuning-cuda` for GPU targets;
replaced on each run, kept by run.py).
"""

import argparse
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
def markers(target):
    """The comments around a target's section of RESULTS.md."""
    name = "tuning" if target == "cpu" else "tuning-" + target
    return "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(" ".join(cmd) + "\n" + p.stderr)
    return p.stdout + p.stderr


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
    p.add_argument("--target", default="cpu", choices=["cpu", "vulkan", "cuda"])
    p.add_argument("--rounds", type=int, default=3,
                   help="alternating untuned/cached rounds (medians)")
    p.add_argument("--models", default="",
                   help="comma-separated example names (default: all)")
    p.add_argument("--out", help="default: benchmarks/TUNING.md, "
                   "TUNING-<target>.md for GPU targets")
    p.add_argument("--results", default=os.path.join(ROOT, "benchmarks", "RESULTS.md"))
    args = p.parse_args()
    if not args.out:
        args.out = os.path.join(ROOT, "benchmarks", "TUNING%s.md" % (
            "" if args.target == "cpu" else "-" + args.target))
    tool = os.path.join(args.build, "bin", "tessera-run")
    examples = os.path.join(ROOT, "examples")
    rows, logs, failures = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(examples)):
            if not name.endswith(".mlir") or (
                    args.models and name[:-5] not in args.models.split(",")):
                continue
            model = os.path.join(examples, name)
            for entry in entries(tool, model, args.target):
                label = name + (" @" + entry if entry else "")
                cache = os.path.join(tmp, label.replace(" @", "_") + ".json")
                tune = ["--tune", "--tuning-budget", str(args.budget),
                        "--tuning-cache", cache]
                def bench(extra):
                    return measure(tool, model, entry, args.reps, args.threads,
                                   extra, args.target)
                try:
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
                                      if l.startswith(("kernel", "  best", "model", "tuning", "warning")))
                            + "\n```\n")
                print("%-45s untuned %8.3f ms  tuned %8.3f ms  %.2fx  tuning %.2f s  (tuning run %8.3f ms)  cached tuning %.2f s"
                      % (label, base["ms"], again["ms"], base["ms"] / again["ms"],
                         tuned["measuring"], tuned["ms"], again["measuring"]), flush=True)
    nproc = os.cpu_count()
    BEGIN, END = markers(args.target)
    title = "## Online kernel tuning (`tessera-run --tune`)" + (
        "" if args.target == "cpu" else ", target " + args.target)
    lines = [BEGIN, title, "",
             "`benchmarks/tuning.py%s --budget %g --reps %d`: per example model, "
             "one `tessera-run --tune` with a fresh cache (%g s budget; *tuning "
             "run ms*: its `--bench %d` median), then %d alternating rounds of "
             "an untuned run (*untuned ms*) and a run that hits the cache and runs "
             "the tuned configs (*tuned ms*), each the median of the rounds' `--bench` "
             "medians; *speedup* = untuned / tuned; "
             "*tuning s* is the time spent compiling and timing candidates "
             "(*in all*: with analysis and cache I/O); *changed*: kernels whose best "
             "config is not the default; *model check*: the whole model timed with "
             "the default and the tuned configs (default / tuned ms), the tuned ones "
             "used only if >= 5%% faster (GPU targets: one configuration per "
             "module, checked against the default by the tuner itself). "
             "Target %s, %d hardware threads%s."
             % ((" --target " + args.target if args.target != "cpu" else "") +
                (" --rounds %d" % args.rounds if args.rounds != 3 else ""),
                args.budget, args.reps, args.budget, args.reps, args.rounds,
                args.target, nproc,
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
