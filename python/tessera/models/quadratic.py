"""Quadratic neurons (Fan, Cong, Wang, "A new type of neurons for machine
learning", 2018; QuadraLib's variants). Import as
``tessera.quadratic_linear`` / ``tessera.quadratic_conv2d``."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..registry import register_module
from ._util import numpy

# Weights and biases per variant, in the op's operand order.
_TERMS = {"fan": ("r", "g", "b"), "compact": ("r", "b"), "square": ("s",),
          "power": ("p",), "product": ("a", "b")}
_BIASES = {"fan": ("r", "g", "c"), "compact": ("r",), "square": ("s",),
           "power": ("p",), "product": ("a", "b")}


def _combine(variant, lin, sq, bias):
    """The variant's formula from the affine maps lin(term, bias_name) and
    the square-input maps sq(term)."""
    if variant == "fan":
        return lin("r", "r") * lin("g", "g") + sq("b") + bias("c")
    if variant == "compact":
        return lin("r", "r") + sq("b")
    if variant == "square":
        return sq("s") + bias("s")
    if variant == "power":
        return lin("p", "p") ** 2
    return lin("a", "a") * lin("b", "b")


class _Quadratic(nn.Module):
    def _make(self, variant, make_layer, out_features, bias):
        if variant not in _TERMS:
            raise ValueError("unknown variant %r" % variant)
        self.variant = variant
        self.layers = nn.ModuleDict({t: make_layer() for t in _TERMS[variant]})
        for layer in self.layers.values():
            layer.bias = None
        self.biases = nn.ParameterDict({
            b: nn.Parameter(0.1 * torch.randn(out_features))
            for b in _BIASES[variant]}) if bias else None

    def _bias(self, name, shape):
        if self.biases is None:
            return 0.0
        return self.biases[name].reshape(shape)

    def _weights_and_biases(self):
        ws = [numpy(self.layers[t].weight) for t in _TERMS[self.variant]]
        bs = None
        if self.biases is not None:
            bs = [numpy(self.biases[b]) for b in _BIASES[self.variant]]
        return ws, bs


def _convert_linear(g, m, x):
    ws, bs = m._weights_and_biases()
    return g.quadratic_linear(x, ws, bs, variant=m.variant)


@register_module(_convert_linear)
class QuadraticLinear(_Quadratic):
    """``[..., in] -> [..., out]``, weights in Linear's layout."""

    def __init__(self, in_features, out_features, variant="fan", bias=True):
        super().__init__()
        self._make(variant, lambda: nn.Linear(in_features, out_features),
                   out_features, bias)

    def forward(self, x):
        def lin(t, b):
            return F.linear(x, self.layers[t].weight) + self._bias(b, (-1,))
        return _combine(self.variant, lin,
                        lambda t: F.linear(x * x, self.layers[t].weight),
                        lambda b: self._bias(b, (-1,)))


def _convert_conv(g, m, x):
    ws, bs = m._weights_and_biases()
    return g.quadratic_conv2d(x, ws, bs, variant=m.variant, stride=m.stride,
                              padding=m.padding)


@register_module(_convert_conv)
class QuadraticConv2d(_Quadratic):
    """NCHW convolutions in Conv2d's layout (zero padding commutes with the
    square)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1,
                 padding=0, variant="fan", bias=True):
        super().__init__()
        self.stride, self.padding = stride, padding
        self._make(variant, lambda: nn.Conv2d(in_channels, out_channels,
                                              kernel_size, stride, padding),
                   out_channels, bias)

    def forward(self, x):
        shape = (1, -1, 1, 1)

        def conv(inp, t):
            return F.conv2d(inp, self.layers[t].weight, None, self.stride,
                            self.padding)
        return _combine(self.variant,
                        lambda t, b: conv(x, t) + self._bias(b, shape),
                        lambda t: conv(x * x, t),
                        lambda b: self._bias(b, shape))
