"""FNO-2D (Darcy-like) built in PyTorch, imported into Tessera, compiled for
every target available here (the CPU, a GPU where present), run with numpy
arrays and compared with PyTorch's output.

    /usr/bin/python3 python/examples/fno2d.py            # 4 x 64 x 64 x 3
    /usr/bin/python3 python/examples/fno2d.py --small
"""

import argparse
import sys

import torch

from tessera.models import FNO2d

from _common import import_compile_run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true",
                        help="16 x 16 grid, width 8, 4 modes")
    parser.add_argument("--centered", action="store_true",
                        help="neuraloperator's centered spectral weights")
    parser.add_argument("--target", action="append", dest="targets",
                        help="compile for this target only (repeatable; "
                        "default: every available one)")
    args = parser.parse_args()
    torch.manual_seed(0)
    if args.small:
        model = FNO2d(modes1=4, modes2=4, width=8, hidden=16,
                      centered=args.centered)
        x = torch.randn(2, 16, 16, 3)
    else:  # the paper's Darcy setting: width 32, 12 x 12 modes, 4 layers
        model = FNO2d(modes1=12, modes2=12, width=32, centered=args.centered)
        x = torch.randn(4, 64, 64, 3)
    err = import_compile_run(model, x, "FNO-2D", args.targets)
    return 0 if err <= 1e-4 else 1


if __name__ == "__main__":
    sys.exit(main())
