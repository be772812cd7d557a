"""A quantized linear layer, optionally with the Hadamard transform of 4-bit
training (Xi, Li, Chen, Zhu, "Training Transformers with 4-bit Integers",
NeurIPS 2023): ``y = s_x s_w (Q(x H) Q(W H)^T) + b`` with symmetric
round-half-to-even quantization to `bits` (4 or 8) and per-tensor scales:
the weight's from its own range, the activation's a calibrated constant
(``act_scale``). Imports as ``hadamard -> quantize -> qmatmul`` (+ bias)."""

import torch
import torch.nn as nn

from ..registry import register_module
from ._util import numpy


def hadamard(x, block):
    """Orthonormal block Hadamard transform of the last dim (Sylvester
    order, H[i, j] = (-1)^popcount(i & j), divided by sqrt(block))."""
    h = torch.ones(1, 1, dtype=x.dtype)
    while h.shape[0] < block:
        h = torch.cat([torch.cat([h, h], 1), torch.cat([h, -h], 1)], 0)
    shape = x.shape
    y = x.reshape(*shape[:-1], shape[-1] // block, block) @ h
    return (y / block ** 0.5).reshape(shape)


def _convert(g, m, x):
    import numpy as np
    dtype = "i4" if m.bits == 4 else "i8"
    w = g.param(numpy(m.weight), "qlinear_w")
    s_w = np.asarray(m.weight_scale().item(), np.float32)
    s_x = np.asarray(m.act_scale.item(), np.float32)
    lead = x.shape[:-1]
    x2 = g.reshape(x, (-1, x.shape[-1]))
    if m.block > 1:
        x2, w = g.hadamard(x2, m.block), g.hadamard(w, m.block)
    qx = g.quantize(x2, s_x, dtype)
    qwt = g.permute(g.quantize(w, s_w, dtype), [1, 0])
    y = g.qmatmul(qx, qwt, s_x, s_w)
    if m.bias is not None:
        y = g.add(y, numpy(m.bias))
    return g.reshape(y, lead + (m.weight.shape[0],))


@register_module(_convert)
class QuantLinear(nn.Module):
    """Linear's layout ([out, in] weight, [out] bias); `block` 1 means no
    Hadamard transform."""

    def __init__(self, in_features, out_features, bits=4, block=32,
                 act_scale=0.5, bias=True):
        super().__init__()
        if bits not in (4, 8):
            raise ValueError("bits must be 4 or 8")
        self.bits, self.block = bits, block
        self.weight = nn.Parameter(torch.randn(out_features, in_features) /
                                   in_features ** 0.5)
        self.bias = nn.Parameter(0.1 * torch.randn(out_features)) if bias \
            else None
        self.register_buffer("act_scale", torch.tensor(float(act_scale)))

    @property
    def qmax(self):
        return 2 ** (self.bits - 1) - 1

    def _transform(self, t):
        return hadamard(t, self.block) if self.block > 1 else t

    def weight_scale(self):
        return self._transform(self.weight).abs().max() / self.qmax

    def _quantize(self, t, scale):
        # torch.round rounds half to even, as the op.
        return torch.clamp(torch.round(t / scale), -self.qmax - 1, self.qmax)

    def forward(self, x):
        s_w = self.weight_scale()
        qx = self._quantize(self._transform(x), self.act_scale)
        qw = self._quantize(self._transform(self.weight), s_w)
        y = (qx @ qw.t()) * (self.act_scale * s_w)
        return y + self.bias if self.bias is not None else y
