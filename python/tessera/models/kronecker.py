"""Kronecker attention (Gao, Wang, Ji, "Kronecker Attention Networks",
KDD 2020): attention over the H + W row and column means of an image
instead of its H*W pixels. Imports as ``tessera.kronecker_attention``."""

import math

import torch
import torch.nn as nn

from ..registry import register_module
from ._util import numpy


def _convert(g, m, x):
    biases = {}
    if m.bq is not None:
        biases = dict(bq=numpy(m.bq), bk=numpy(m.bk), bv=numpy(m.bv),
                      bo=numpy(m.bo))
    return g.kronecker_attention(x, numpy(m.wq), numpy(m.wk), numpy(m.wv),
                                 numpy(m.wo), heads=m.heads, mode=m.mode,
                                 scale=m.scale, **biases)


@register_module(_convert)
class KroneckerAttention(nn.Module):
    """x ``[B, C, H, W]`` -> ``[B, C, H, W]``. Projections are 1x1 convs
    stored as matrices: wq, wk, wv ``[heads*dh, C]``, wo ``[C, heads*dh]``.
    ``mode="kv"``: queries from every pixel, keys/values from the H + W
    means; ``"qkv"``: all three from the means, and the output at (i, j) is
    ``O_L[i] + O_H[j]``."""

    def __init__(self, channels, heads=1, head_dim=None, mode="kv",
                 bias=True, scale=None):
        super().__init__()
        if mode not in ("kv", "qkv"):
            raise ValueError("mode must be 'kv' or 'qkv'")
        head_dim = head_dim or channels // heads
        inner = heads * head_dim
        self.heads, self.head_dim, self.mode, self.scale = \
            heads, head_dim, mode, scale

        def weight(rows, cols):
            return nn.Parameter(torch.randn(rows, cols) / math.sqrt(cols))
        self.wq, self.wk, self.wv = (weight(inner, channels) for _ in range(3))
        self.wo = weight(channels, inner)
        if bias:
            self.bq, self.bk, self.bv = (nn.Parameter(0.1 * torch.randn(inner))
                                         for _ in range(3))
            self.bo = nn.Parameter(0.1 * torch.randn(channels))
        else:
            self.bq = self.bk = self.bv = self.bo = None

    def _project(self, w, b, tokens):
        """[B, C, T] -> [B, heads, T, dh]."""
        y = torch.einsum("oc,bct->bot", w, tokens)
        if b is not None:
            y = y + b[None, :, None]
        bsz, _, t = y.shape
        return y.reshape(bsz, self.heads, self.head_dim, t).transpose(2, 3)

    def forward(self, x):
        bsz, c, h, w = x.shape
        summary = torch.cat([x.mean(3), x.mean(2)], dim=2)  # [B, C, H+W]
        scale = self.scale if self.scale is not None else \
            1.0 / math.sqrt(self.head_dim)
        queries = x.reshape(bsz, c, h * w) if self.mode == "kv" else summary
        q = self._project(self.wq, self.bq, queries)
        k = self._project(self.wk, self.bk, summary)
        v = self._project(self.wv, self.bv, summary)
        att = torch.softmax(scale * q @ k.transpose(-1, -2), dim=-1)
        o = (att @ v).transpose(2, 3)  # [B, heads, dh, T]
        o = o.reshape(bsz, self.heads * self.head_dim, -1)
        if self.mode == "kv":
            o = o.reshape(bsz, -1, h, w)
        else:
            o = o[:, :, :h, None] + o[:, :, None, h:]
        y = torch.einsum("co,bohw->bchw", self.wo, o)
        if self.bo is not None:
            y = y + self.bo[None, :, None, None]
        return y
