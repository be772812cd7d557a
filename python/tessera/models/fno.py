"""Fourier Neural Operator layers and an FNO-2D (Li, Kovachki,
Azizzadenesheli, Liu, Bhattacharya, Stuart, Anandkumar, "Fourier Neural
Operator for Parametric Partial Differential Equations", ICLR 2021).

``SpectralConv2d`` follows the original code's convention (two corner
weights, ``corners``), ``SpectralConvCentered2d`` the neuraloperator
library's (one weight over centred frequencies in fftshift order,
``centered``); both import as ``tessera.spectral_conv``.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..registry import register_module
from ._util import numpy


def _convert_corners(g, m, x):
    # The op's single weight is the two corner weights concatenated along
    # the first mode dim (positive frequencies first).
    w = torch.cat([m.weights1, m.weights2], dim=2)
    return g.spectral_conv(x, numpy(w), modes=[m.modes1, m.modes2],
                           convention="corners",
                           fft_norm=None if m.fft_norm == "backward"
                           else m.fft_norm)


@register_module(_convert_corners)
class SpectralConv2d(nn.Module):
    """``irfft2(R . rfft2(x))`` keeping modes1 x modes2 frequencies in the
    two corners {0..m1-1} and {-m1..-1} of the first spatial dim."""

    def __init__(self, in_channels, out_channels, modes1, modes2,
                 fft_norm="backward"):
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.modes1, self.modes2 = modes1, modes2
        self.fft_norm = fft_norm
        scale = 1.0 / (in_channels * out_channels)
        shape = (in_channels, out_channels, modes1, modes2)
        self.weights1 = nn.Parameter(scale * torch.rand(*shape,
                                                        dtype=torch.cfloat))
        self.weights2 = nn.Parameter(scale * torch.rand(*shape,
                                                        dtype=torch.cfloat))

    def forward(self, x):
        b, _, h, w = x.shape
        m1, m2 = self.modes1, self.modes2
        x_ft = torch.fft.rfft2(x, norm=self.fft_norm)
        out_ft = torch.zeros(b, self.out_channels, h, w // 2 + 1,
                             dtype=torch.cfloat, device=x.device)
        out_ft[:, :, :m1, :m2] = torch.einsum(
            "bixy,ioxy->boxy", x_ft[:, :, :m1, :m2], self.weights1)
        out_ft[:, :, -m1:, :m2] = torch.einsum(
            "bixy,ioxy->boxy", x_ft[:, :, -m1:, :m2], self.weights2)
        return torch.fft.irfft2(out_ft, s=(h, w), norm=self.fft_norm)


def _convert_centered(g, m, x):
    # The op's weight holds only the bins that fit the grid, as forward uses.
    k1 = min(m.n_modes[0], x.shape[2])
    k2 = min(m.n_modes[1] // 2 + 1, x.shape[3] // 2 + 1)
    return g.spectral_conv(x, numpy(m.weight[:, :, :k1, :k2]),
                           modes=list(m.n_modes),
                           bias=None if m.bias is None else numpy(m.bias),
                           convention="centered",
                           fft_norm=None if m.fft_norm == "backward"
                           else m.fft_norm)


@register_module(_convert_centered)
class SpectralConvCentered2d(nn.Module):
    """The neuraloperator convention: ``n_modes = (M1, M2)`` total modes;
    the first spatial dim keeps the K1 = M1 centred frequencies
    -floor(K1/2)..ceil(K1/2)-1 (ascending, fftshift order), the last keeps
    M2//2+1 from 0. Weight ``[Cin, Cout, K1, M2//2+1]``, optional bias."""

    def __init__(self, in_channels, out_channels, n_modes, bias=True,
                 fft_norm="backward"):
        super().__init__()
        self.out_channels = out_channels
        self.n_modes = tuple(n_modes)
        self.fft_norm = fft_norm
        k1, k2 = n_modes[0], n_modes[1] // 2 + 1
        scale = 1.0 / (in_channels * out_channels)
        self.weight = nn.Parameter(scale * torch.randn(
            in_channels, out_channels, k1, k2, dtype=torch.cfloat))
        self.bias = nn.Parameter(0.1 * torch.randn(out_channels)) if bias \
            else None

    def forward(self, x):
        b, _, h, w = x.shape
        k1 = min(self.n_modes[0], h)
        k2 = min(self.n_modes[1] // 2 + 1, w // 2 + 1)
        x_ft = torch.fft.fftshift(torch.fft.rfft2(x, norm=self.fft_norm),
                                  dim=-2)
        # Frequency f sits at index h//2 + f after fftshift.
        start = h // 2 - k1 // 2
        out_ft = torch.zeros(b, self.out_channels, h, w // 2 + 1,
                             dtype=torch.cfloat, device=x.device)
        out_ft[:, :, start:start + k1, :k2] = torch.einsum(
            "bixy,ioxy->boxy", x_ft[:, :, start:start + k1, :k2],
            self.weight[:, :, :k1, :k2])
        out_ft = torch.fft.ifftshift(out_ft, dim=-2)
        y = torch.fft.irfft2(out_ft, s=(h, w), norm=self.fft_norm)
        if self.bias is not None:
            y = y + self.bias.view(1, -1, 1, 1)
        return y


class FNO2d(nn.Module):
    """FNO-2D for a Darcy-like problem, as the original fourier_2d.py:
    input ``[B, H, W, in_channels]`` (a(x) and the grid), lifting Linear to
    `width`, `layers` Fourier layers ``gelu(K v + W v)`` (W a 1x1 conv, no
    GELU after the last), projection Linear(width, 128) -> GELU ->
    Linear(128, 1); output ``[B, H, W, 1]``."""

    def __init__(self, modes1=12, modes2=12, width=32, in_channels=3,
                 layers=4, hidden=128, centered=False):
        super().__init__()
        self.fc0 = nn.Linear(in_channels, width)
        if centered:
            self.spectral = nn.ModuleList(
                SpectralConvCentered2d(width, width, (modes1, modes2),
                                       bias=False) for _ in range(layers))
        else:
            self.spectral = nn.ModuleList(
                SpectralConv2d(width, width, modes1, modes2)
                for _ in range(layers))
        self.skips = nn.ModuleList(nn.Conv2d(width, width, 1)
                                   for _ in range(layers))
        self.fc1 = nn.Linear(width, hidden)
        self.fc2 = nn.Linear(hidden, 1)

    def forward(self, x):
        x = self.fc0(x)
        x = x.permute(0, 3, 1, 2)
        last = len(self.spectral) - 1
        for i, (k, w) in enumerate(zip(self.spectral, self.skips)):
            x = k(x) + w(x)
            if i < last:
                x = F.gelu(x)
        x = x.permute(0, 2, 3, 1)
        x = F.gelu(self.fc1(x))
        return self.fc2(x)
