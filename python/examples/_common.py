"""Shared driver of the examples: import a PyTorch model, compile it for
every target that works on this machine (tessera.available_targets(): the
CPU, and a GPU target where its runtime and a device are present), run it
with numpy arrays, compare with PyTorch."""

import time

import numpy as np
import torch

import tessera


def import_compile_run(model, x, name, targets=None):
    """The worst error relative to PyTorch over `targets` (default: every
    available one); infinity if a target fails."""
    model.eval()
    start = time.perf_counter()
    graph = tessera.from_torch(model, x)
    imported = time.perf_counter()
    print("%s: imported in %.2f s (%d weight arrays, %.1f MB)" % (
        name, imported - start, len(graph.params),
        sum(p.nbytes for p in graph.params) / 1e6))
    with torch.no_grad():
        start = time.perf_counter()
        expected = model(x).numpy()
        torch_ms = (time.perf_counter() - start) * 1e3
    worst = 0.0
    for target in targets or tessera.available_targets():
        start = time.perf_counter()
        try:
            compiled = tessera.compile(graph, target=target)
            compile_s = time.perf_counter() - start
            actual = compiled(x.numpy())        # warm-up
        except tessera.TesseraError as e:
            print("  %s: FAILED: %s: %s" % (target, type(e).__name__, e))
            worst = float("inf")
            continue
        start = time.perf_counter()
        actual = compiled(x.numpy())
        run_ms = (time.perf_counter() - start) * 1e3
        scale = max(1.0, float(np.abs(expected).max()))
        err = float(np.abs(actual - expected).max()) / scale
        worst = max(worst, err)
        print("  %s: compiled in %.2f s, run %.1f ms (PyTorch %.1f ms), "
              "output %s, max error vs PyTorch %.2e" % (
                  target, compile_s, run_ms, torch_ms, actual.shape, err))
    return worst
