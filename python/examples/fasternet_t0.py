"""FasterNet-T0 built in PyTorch (BatchNorm in eval mode with non-trivial
statistics), imported into Tessera, compiled for every target available
here (the CPU, a GPU where present), run with numpy arrays and compared with
PyTorch.

    /usr/bin/python3 python/examples/fasternet_t0.py     # 1 x 3 x 224 x 224
    /usr/bin/python3 python/examples/fasternet_t0.py --small
"""

import argparse
import sys

import torch
import torch.nn as nn

from tessera.models import fasternet_t0

from _common import import_compile_run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true",
                        help="a 64 x 64 image, 10 classes")
    parser.add_argument("--target", action="append", dest="targets",
                        help="compile for this target only (repeatable; "
                        "default: every available one)")
    args = parser.parse_args()
    torch.manual_seed(0)
    model = fasternet_t0(num_classes=10 if args.small else 1000)
    # Trained-looking BatchNorm statistics, so that folding them matters.
    with torch.no_grad():
        for bn in model.modules():
            if isinstance(bn, nn.BatchNorm2d):
                bn.running_mean.uniform_(-0.5, 0.5)
                bn.running_var.uniform_(0.5, 2.0)
                bn.weight.uniform_(0.5, 1.5)
                bn.bias.uniform_(-0.2, 0.2)
    size = 64 if args.small else 224
    x = torch.randn(1, 3, size, size)
    err = import_compile_run(model, x, "FasterNet-T0", args.targets)
    return 0 if err <= 1e-4 else 1


if __name__ == "__main__":
    sys.exit(main())
