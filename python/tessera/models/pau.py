"""Padé activation unit (Molina, Schramowski, Kersting, "Padé Activation
Units", ICLR 2020): ``P(x) / Q(x)`` with learnable coefficients. Imports as
``tessera.pau``."""

import torch
import torch.nn as nn

from ..registry import register_module
from ._util import numpy

# The paper's initialisation approximating leaky ReLU (m = 5, n = 4).
LEAKY_RELU_NUMERATOR = (0.033558, 0.505, 1.65344, 2.01001, 0.931902, 0.152424)
LEAKY_RELU_DENOMINATOR = (3.3e-6, 3.98022, 5.1e-7, 0.30183)


def _convert(g, m, x):
    return g.pau(x, numpy(m.numerator), numpy(m.denominator),
                 version=m.version,
                 channel_axis=None if m.channels is None else 1)


@register_module(_convert)
class PAU(nn.Module):
    """Numerator ``a_0..a_m``, denominator ``b_1..b_n``; per tensor, or per
    channel (dim 1) with ``channels``. ``version``: ``safe`` (paper,
    ``Q = 1 + |sum b_k x^k|``), ``abs`` (official code,
    ``Q = 1 + sum |b_k| |x|^k``), ``unsafe`` (``Q = 1 + sum b_k x^k``)."""

    def __init__(self, m=5, n=4, version="safe", channels=None):
        super().__init__()
        if version not in ("safe", "abs", "unsafe"):
            raise ValueError("version must be safe, abs or unsafe")
        self.version, self.channels = version, channels
        num = torch.tensor(LEAKY_RELU_NUMERATOR[:m + 1] +
                           (0.0,) * max(0, m + 1 - 6))
        den = torch.tensor(LEAKY_RELU_DENOMINATOR[:n] +
                           (0.0,) * max(0, n - 4))
        if channels is not None:
            num, den = num.repeat(channels, 1), den.repeat(channels, 1)
        self.numerator = nn.Parameter(num.float())
        self.denominator = nn.Parameter(den.float())

    def _coefficients(self, coeffs, x):
        """Coefficient k as a tensor broadcasting against x."""
        if self.channels is None:
            return [coeffs[k] for k in range(coeffs.shape[-1])]
        shape = [1, -1] + [1] * (x.dim() - 2)
        return [coeffs[:, k].reshape(shape) for k in range(coeffs.shape[-1])]

    def forward(self, x):
        a = self._coefficients(self.numerator, x)
        b = self._coefficients(self.denominator, x)
        p = a[-1]
        for coeff in reversed(a[:-1]):  # Horner
            p = p * x + coeff
        if self.version == "abs":
            ax, q = x.abs(), 0.0
            for coeff in reversed(b):
                q = (q + coeff.abs()) * ax
            return p / (1.0 + q)
        q = 0.0
        for coeff in reversed(b):
            q = (q + coeff) * x
        return p / (1.0 + (q.abs() if self.version == "safe" else q))
