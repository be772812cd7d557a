#!/usr/bin/env python3
"""Tessera's benchmark suite: every workload against its peers, same run.

  /usr/bin/python3 benchmarks/run.py [--threads N] [--reps N] [--only NAME]
                                     [--out benchmarks/RESULTS.md]

For each workload of ../shared/spec/BENCHMARKS.md that the CPU back end can
run today, writes the MLIR of the workload, times it with `tessera-run
--bench` (JIT, median of --reps runs after a warm-up run) and times the
peer (PyTorch 1.13 CPU, the paper's reference formulation) in this same
process with the same thread count, then writes a Markdown table with the
ratios, GFLOP/s and the share of this machine's peak. The "library call"
rows run their GEMMs through oneDNN (tessera-run --library-calls, with
OMP_NUM_THREADS = --threads) against Tessera's generated code as peer. Never part of the
test suite: timings are not assertions.
"""
import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
import workloads  # noqa: E402


def cpu_info(field):
    """The first value of `field` in /proc/cpuinfo, or ""."""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.split(":", 1)[0].strip() == field:
                return line.split(":", 1)[1].strip()
    return ""


def cpu_model():
    """The model name with its family and model numbers: virtual machines
    often say only "AMD EPYC", which hides whether it is a Zen 4 or a Zen 5
    (family 25 or 26), whose AVX-512 peaks differ by 2x."""
    name = cpu_info("model name") or platform.processor()
    family, model = cpu_info("cpu family"), cpu_info("model")
    if family and model:
        name += " (family %s, model %s)" % (family, model)
    return name


def cpu_flags():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    return set()


def peak_gflops(threads):
    """f32 FMA peak: lanes per FMA unit x 2 FMA units x 2 FLOP x GHz x
    cores. Returns it and the SIMD width the code is generated for."""
    flags = cpu_flags()
    lanes = 16 if "avx512f" in flags else (8 if "avx2" in flags else 4)
    # AMD's family 25 (Zen 4; Zen 3 has no AVX-512) executes a 512-bit FMA
    # as two halves on its 256-bit units: 8 lanes per unit and cycle.
    unit_lanes = lanes
    if (cpu_info("vendor_id") == "AuthenticAMD" and
            cpu_info("cpu family") == "25"):
        unit_lanes = min(lanes, 8)
    with open("/proc/cpuinfo") as f:
        mhz = [float(l.split(":")[1]) for l in f if l.startswith("cpu MHz")]
    ghz = (mhz[0] if mhz else 2000.0) / 1000.0
    return unit_lanes * 2 * 2 * ghz * threads, lanes


def time_tessera(binary, w, reps, threads):
    """Median ms of workload `w` (its GEMMs as oneDNN calls if it says so;
    oneDNN gets the same thread count as the peers)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.mlir")
        with open(path, "w") as f:
            f.write(w.mlir())
        cmd = [binary, path, "--entry", w.entry, "--random-inputs", "--quiet",
               "--bench", str(reps), "--num-threads", str(threads)]
        if w.library_calls:
            cmd.append("--library-calls=" + w.library_calls)
        env = dict(os.environ, OMP_NUM_THREADS=str(threads))
        if w.codegen:
            env["TESSERA_CPU_CODEGEN"] = w.codegen
        out = subprocess.run(cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env=env)
        if out.returncode != 0:
            raise RuntimeError(out.stdout.strip().splitlines()[-1])
        m = re.search(r"median ([0-9.]+) ms", out.stdout)
        return float(m.group(1))


def time_torch(fn, args, reps):
    with torch.no_grad():
        fn(*args)  # warm-up
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            fn(*args)
            times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def verdict(goal, ratio):
    """'yes', or by how much a ">= Nx ..." goal is missed; '' otherwise."""
    m = re.match(r">=\s*([0-9.]+)x", goal)
    if not m:
        return ""
    target = float(m.group(1))
    if ratio >= target:
        return "yes"
    return "no: %.2fx of %gx (%.0f%% short)" % (ratio, target,
                                              100.0 * (1 - ratio / target))


def memcpy_gbps(reps, elements):
    """Copy bandwidth (read + write bytes per second) of `elements` f32: the
    bytes an elementwise op over that many elements moves."""
    import numpy as np
    src = np.ones(elements, dtype=np.float32)
    dst = np.empty_like(src)
    times = []
    for _ in range(reps + 1):
        t0 = time.perf_counter()
        np.copyto(dst, src)
        times.append(time.perf_counter() - t0)
    return 2 * src.nbytes / statistics.median(times[1:]) / 1e9


def compile_seconds(build, model):
    """Wall time of tessera-compile for one example model (CPU artifact)."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        out = subprocess.run(
            [os.path.join(build, "bin", "tessera-compile"), model, "-o",
             os.path.join(tmp, "model.so")],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds = time.perf_counter() - t0
    return seconds if out.returncode == 0 else None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--reps", type=int, default=10)
    p.add_argument("--only", default="")
    p.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "RESULTS.md"))
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    binary = os.path.join(args.build, "bin", "tessera-run")
    peak, lanes = peak_gflops(args.threads)
    rows = []
    for w in workloads.ALL:
        if args.only and args.only not in w.name:
            continue
        print("running %s ..." % w.name, flush=True)
        try:
            t_ms = time_tessera(binary, w, args.reps, args.threads)
        except RuntimeError as e:
            rows.append((w, None, None, str(e)))
            continue
        if isinstance(w, workloads.TesseraPeer):
            pw = w.peer_workload
            peer_ms = time_tessera(binary, pw, args.reps, args.threads)
        else:
            peer_ms = time_torch(w.torch_fn, w.torch_args(), args.reps)
        rows.append((w, t_ms, peer_ms, ""))

    lines = [
        "# Tessera benchmark results",
        "",
        "Produced by `/usr/bin/python3 benchmarks/run.py --threads %d --reps %d` "
        "on %s (%s, %d-wide f32 SIMD); peak %.0f GFLOP/s at %d thread(s). "
        "PyTorch %s. Medians of %d runs; ratio = peer time / Tessera time "
        "(> 1: Tessera is faster). %% of peak uses the nominal clock of "
        "/proc/cpuinfo, below this CPU's boost clock (hence > 100%%)." % (args.threads, args.reps,
                                        time.strftime("%Y-%m-%d"), cpu_model(),
                                        lanes, peak, args.threads,
                                        torch.__version__, args.reps),
        "",
        "| workload | shapes | peer | Tessera ms | peer ms | ratio | Tessera GFLOP/s | % of peak | goal | reached? |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for w, t_ms, peer_ms, err in rows:
        if t_ms is None:
            lines.append("| %s | %s | %s | failed: %s | | | | | %s |" %
                         (w.name, w.shapes, w.peer, err, w.goal))
            continue
        gflops = w.flops / (t_ms * 1e6)
        lines.append("| %s | %s | %s | %.3f | %.3f | %.2fx | %.1f | %.1f%% | %s | %s |" %
                     (w.name, w.shapes, w.peer, t_ms, peer_ms, peer_ms / t_ms,
                      gflops, 100.0 * gflops / peak, w.goal,
                      verdict(w.goal, peer_ms / t_ms)))
    lines += [""]
    for w, t_ms, _, _ in rows:
        if t_ms is not None and w.entry == "pau":
            bandwidth = memcpy_gbps(args.reps, w.bytes_moved // 8)
            lines.append("Memory: numpy copy of the same %d MiB in + out: "
                         "%.1f GB/s." % (w.bytes_moved >> 21, bandwidth))
            gbps = w.bytes_moved / (t_ms * 1e6)
            lines.append("pau moves %.1f GB/s = %.0f%% of the copy bandwidth "
                         "(goal >= 70%%: %s)." % (
                             gbps, 100.0 * gbps / bandwidth,
                             "reached" if gbps >= 0.7 * bandwidth
                             else "not reached"))
    if not args.only:
        lines += ["", "Compile time (`tessera-compile` to a CPU artifact, "
                  "wall clock; goal < 2 s per model):", "",
                  "| model | seconds |", "|---|---|"]
        examples = os.path.join(ROOT, "examples")
        for name in sorted(os.listdir(examples)):
            if name.endswith(".mlir"):
                sec = compile_seconds(args.build, os.path.join(examples, name))
                lines.append("| %s | %s |" % (
                    name, "failed" if sec is None else "%.2f" % sec))
    # Keep the sections that benchmarks/tuning.py maintains (one per target,
    # from the first to the end of the file).
    if os.path.exists(args.out):
        old = open(args.out).read()
        begin = re.search(r"<!-- tuning(-[a-z0-9-]+)?:begin -->", old)
        if begin:
            lines += ["", old[begin.start():].rstrip("\n")]
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
