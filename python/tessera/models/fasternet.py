"""FasterNet (Chen, Kao, He, Zhuo, Wen, Lee, Chan, "Run, Don't Walk:
Chasing Higher FLOPS for Faster Neural Networks", CVPR 2023), in eval-mode
structure: partial convolution (PConv) + two 1x1 convs per block, patch
embedding and merging convs with BatchNorm, and the classifier head.
``PConv`` imports as ``tessera.partial_conv2d``; the rest are standard
layers (BatchNorm folded into the convs before it).
"""

import torch
import torch.nn as nn

from ..registry import register_module
from ._util import numpy


def _convert_pconv(g, m, x):
    return g.partial_conv2d(x, numpy(m.conv.weight),
                            conv_channels=m.dim_conv)


@register_module(_convert_pconv)
class PConv(nn.Module):
    """A k x k convolution of the first ``dim // n_div`` channels; the other
    channels pass through (the paper's split_cat form)."""

    def __init__(self, dim, n_div=4, kernel_size=3):
        super().__init__()
        self.dim = dim
        self.dim_conv = dim // n_div
        self.conv = nn.Conv2d(self.dim_conv, self.dim_conv, kernel_size, 1,
                              kernel_size // 2, bias=False)

    def forward(self, x):
        x1, x2 = torch.split(x, [self.dim_conv, self.dim - self.dim_conv],
                             dim=1)
        return torch.cat((self.conv(x1), x2), 1)


class MLPBlock(nn.Module):
    """``x + PW2(act(BN(PW1(PConv(x)))))`` (drop path = identity)."""

    def __init__(self, dim, n_div=4, mlp_ratio=2.0, act=nn.GELU):
        super().__init__()
        hidden = int(dim * mlp_ratio)
        self.spatial_mixing = PConv(dim, n_div)
        self.mlp = nn.Sequential(
            nn.Conv2d(dim, hidden, 1, bias=False), nn.BatchNorm2d(hidden),
            act(), nn.Conv2d(hidden, dim, 1, bias=False))

    def forward(self, x):
        return x + self.mlp(self.spatial_mixing(x))


class FasterNet(nn.Module):
    def __init__(self, in_chans=3, num_classes=1000, embed_dim=40,
                 depths=(1, 2, 8, 2), mlp_ratio=2.0, n_div=4, patch_size=4,
                 merge_size=2, feature_dim=1280, act=nn.GELU):
        super().__init__()
        self.patch_embed = nn.Sequential(
            nn.Conv2d(in_chans, embed_dim, patch_size, patch_size, bias=False),
            nn.BatchNorm2d(embed_dim))
        stages = []
        dim = embed_dim
        for i, depth in enumerate(depths):
            stages += [MLPBlock(dim, n_div, mlp_ratio, act)
                       for _ in range(depth)]
            if i < len(depths) - 1:
                stages += [nn.Conv2d(dim, 2 * dim, merge_size, merge_size,
                                     bias=False), nn.BatchNorm2d(2 * dim)]
                dim *= 2
        self.stages = nn.Sequential(*stages)
        self.avgpool_pre_head = nn.Sequential(
            nn.AdaptiveAvgPool2d(1), nn.Conv2d(dim, feature_dim, 1,
                                               bias=False), act())
        self.head = nn.Linear(feature_dim, num_classes)

    def forward(self, x):
        x = self.stages(self.patch_embed(x))
        x = torch.flatten(self.avgpool_pre_head(x), 1)
        return self.head(x)


def fasternet_t0(**kwargs):
    """FasterNet-T0: embed 40, depths [1, 2, 8, 2], GELU."""
    return FasterNet(embed_dim=40, depths=(1, 2, 8, 2), act=nn.GELU,
                     **kwargs)
