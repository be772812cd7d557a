"""The graph builder: MLIR text for standard layers and tessera ops,
compiled and compared with numpy/PyTorch."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import tessera
from conftest import assert_close


def run(g, *inputs):
    return tessera.compile(g)(*inputs)


def test_text_and_parameters(rng):
    g = tessera.Graph("lin")
    x = g.input((3, 4))
    w = rng.standard_normal((5, 4)).astype(np.float32)
    g.output(g.relu(g.linear(x, w, np.ones(5, np.float32))))
    text = g.mlir()
    assert text.startswith("func.func @lin(%arg0: tensor<3x4xf32>, "
                           "%p0: tensor<4x5xf32>")
    assert "linalg.matmul" in text
    assert len(g.params) == 2
    xs = rng.standard_normal((3, 4)).astype(np.float32)
    assert_close(run(g, xs), np.maximum(xs @ w.T + 1, 0))


def test_constants_are_self_contained(rng):
    w = rng.standard_normal((5, 4)).astype(np.float32)
    g = tessera.Graph("lin", weights="constants")
    x = g.input((3, 4))
    g.output(g.linear(x, w))
    assert g.params == [] and 'dense<"0x' in g.mlir()
    xs = rng.standard_normal((3, 4)).astype(np.float32)
    # Plain text: no weights bound by the module.
    assert_close(tessera.compile(g.mlir()).lin(xs), xs @ w.T)


@pytest.mark.parametrize("stride,padding,dilation,groups", [
    (1, 0, 1, 1), (1, 1, 1, 1), (2, 1, 1, 1), (1, 2, 2, 1), (1, 1, 1, 2),
    (1, 1, 1, 4)])
def test_conv2d(rng, stride, padding, dilation, groups):
    x = rng.standard_normal((2, 4, 7, 6)).astype(np.float32)
    w = rng.standard_normal((8, 4 // groups, 3, 3)).astype(np.float32)
    b = rng.standard_normal(8).astype(np.float32)
    g = tessera.Graph("conv")
    g.output(g.conv2d(g.input(x.shape), w, b, stride, padding, dilation,
                      groups))
    ref = F.conv2d(torch.from_numpy(x), torch.from_numpy(w),
                   torch.from_numpy(b), stride, padding, dilation,
                   groups).numpy()
    assert_close(run(g, x), ref)


def test_broadcasting_reductions_and_shapes(rng):
    a = rng.standard_normal((2, 3, 4)).astype(np.float32)
    b = rng.standard_normal((3, 1)).astype(np.float32)
    g = tessera.Graph("misc")
    x, y = g.input(a.shape), g.input(b.shape)
    s = g.add(g.mul(x, y), 2.0)                 # broadcast + scalar
    t = g.permute(g.reshape(s, (6, 4)), [1, 0])  # [4, 6]
    g.output(t, g.mean(x, [0, 2], keepdim=True), g.softmax(x, 1),
             g.sub(1.0, g.sigmoid(x)))
    r = run(g, a, b)
    assert_close(r[0], (a * b + 2).reshape(6, 4).T)
    assert_close(r[1], a.mean(axis=(0, 2), keepdims=True))
    assert_close(r[2], torch.softmax(torch.from_numpy(a), 1).numpy())
    assert_close(r[3], 1 - 1 / (1 + np.exp(-a)))


def test_layer_norm_gelu_matmul(rng):
    a = rng.standard_normal((2, 5, 8)).astype(np.float32)
    gamma = rng.standard_normal(8).astype(np.float32)
    beta = rng.standard_normal(8).astype(np.float32)
    m = rng.standard_normal((2, 8, 3)).astype(np.float32)
    g = tessera.Graph("ln")
    x, mm = g.input(a.shape), g.input(m.shape)
    h = g.layer_norm(x, 1, gamma, beta, eps=1e-5)
    g.output(g.matmul(g.gelu(h), mm), g.gelu(x, "tanh"))
    ta = torch.from_numpy(a)
    ref_h = F.layer_norm(ta, (8,), torch.from_numpy(gamma),
                         torch.from_numpy(beta))
    r = run(g, a, m)
    assert_close(r[0], (F.gelu(ref_h) @ torch.from_numpy(m)).numpy())
    assert_close(r[1], F.gelu(ta, approximate="tanh").numpy())


def test_tessera_ops_text():
    g = tessera.Graph("ops")
    x = g.input((1, 8, 6, 6))
    w = np.zeros((8, 8, 4, 2), np.complex64)
    y = g.spectral_conv(x, w, modes=[2, 2], convention="corners",
                        fft_norm="ortho")
    y = g.partial_conv2d(y, np.zeros((2, 2, 3, 3), np.float32))
    g.output(g.pau(y, np.ones(6, np.float32), np.ones(4, np.float32)))
    text = g.mlir()
    assert "tessera.spectral_conv corners %arg0, %p0 modes [2, 2] " \
        "fft_norm ortho" in text
    assert "tessera.partial_conv2d" in text and "tessera.pau safe" in text
    # The compiler verifies what the builder wrote.
    tessera.compile(g)


def test_builder_errors():
    g = tessera.Graph("bad")
    x = g.input((2, 3))
    with pytest.raises(tessera.InvalidArgumentError, match="cannot reshape"):
        g.reshape(x, (4, 2))
    with pytest.raises(tessera.InvalidArgumentError, match="broadcast"):
        g.add(x, g.input((4,)))
    with pytest.raises(tessera.InvalidArgumentError, match="no outputs"):
        g.mlir()
    with pytest.raises(tessera.InvalidArgumentError, match="Value of graph"):
        tessera.Graph("other").relu(x)
    with pytest.raises(tessera.InvalidArgumentError, match="weights must be"):
        tessera.Graph("w", weights="files")
    # Ill-shaped tessera ops are caught by the compiler's verifier.
    g.output(g.partial_conv2d(g.input((1, 8, 4, 4)),
                              np.zeros((3, 3, 3, 3), np.float32)))
    with pytest.raises(tessera.InvalidIRError, match="partial_conv2d"):
        tessera.compile(g)
