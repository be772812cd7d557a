"""The PyTorch importer: every path round-trips a module to Tessera output
equal to PyTorch's within 1e-4; unsupported modules and functions are named
in the error."""

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

import tessera
from tessera import models
from conftest import assert_close


def roundtrip(module, *inputs, weights="parameters"):
    """Imports, compiles for the CPU, runs; compares with PyTorch."""
    module.eval()
    graph = tessera.from_torch(module, *inputs, weights=weights)
    compiled = tessera.compile(graph)
    actual = compiled(*[x.numpy() for x in inputs])
    with torch.no_grad():
        expected = module(*inputs)
    if isinstance(expected, tuple):
        for a, e in zip(actual, expected):
            assert_close(a, e.numpy())
    else:
        assert_close(actual, expected.numpy())
    return graph


@pytest.fixture(autouse=True)
def seed():
    torch.manual_seed(0)


def randomize_bn(bn):
    with torch.no_grad():
        bn.running_mean.uniform_(-1, 1)
        bn.running_var.uniform_(0.5, 2)
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
    return bn


# ---- Standard layers -----------------------------------------------------

def test_linear_relu_gelu():
    m = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 5), nn.GELU(),
                      nn.Linear(5, 3, bias=False))
    roundtrip(m, torch.randn(4, 6))
    roundtrip(m, torch.randn(2, 3, 6))  # Linear over the last dim


@pytest.mark.parametrize("kernel,stride,padding,groups", [
    (1, 1, 0, 1), (3, 1, 1, 1), (3, 2, 1, 1), (3, 1, "same", 2), (4, 4, 0, 1)])
def test_conv2d(kernel, stride, padding, groups):
    m = nn.Conv2d(4, 6, kernel, stride, padding, groups=groups)
    roundtrip(m, torch.randn(2, 4, 8, 8))


def test_batchnorm_folded_into_conv():
    m = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False),
                      randomize_bn(nn.BatchNorm2d(8)), nn.GELU())
    graph = roundtrip(m, torch.randn(1, 3, 6, 6))
    # Folded: one conv, no separate per-channel affine.
    assert graph.mlir().count("linalg.conv_2d_nchw_fchw") == 1
    assert "bn_scale" not in graph.mlir() and len(graph.params) == 2


def test_batchnorm_alone():
    m = nn.Sequential(nn.ReLU(), randomize_bn(nn.BatchNorm2d(4)))
    roundtrip(m, torch.randn(2, 4, 3, 3))
    roundtrip(nn.Sequential(nn.Linear(5, 4), randomize_bn(nn.BatchNorm1d(4))),
              torch.randn(3, 5))


def test_layernorm_residual_reshape_permute():
    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm = nn.LayerNorm(8)
            self.fc = nn.Linear(8, 8)
            with torch.no_grad():
                self.norm.weight.uniform_(0.5, 1.5)
                self.norm.bias.uniform_(-0.5, 0.5)

        def forward(self, x):                    # x: [B, C, H, W]
            t = x.flatten(2).transpose(1, 2)     # [B, HW, C]
            t = t + self.fc(F.relu(self.norm(t)))
            y = t.permute(0, 2, 1).reshape(x.shape[0], x.size(1),
                                           x.shape[2], x.size()[3])
            return torch.sigmoid(y) * 2.0 - x.mean((2, 3), keepdim=True)

    roundtrip(Block(), torch.randn(2, 8, 3, 4))


def test_functions_and_methods():
    class F1(nn.Module):
        def forward(self, x, y):
            z = torch.matmul(x, y).view(-1, 12)
            z = torch.softmax(z, dim=1) + torch.tanh(z) / 3.0
            return F.silu(z).unsqueeze(0), torch.flatten(x, 1) - 1

    roundtrip(F1(), torch.randn(2, 3, 4), torch.randn(2, 4, 6))


def test_functional_layers_with_own_parameters():
    class Functional(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.randn(6, 3, 3, 3))
            self.b = nn.Parameter(torch.randn(6))
            self.fc = nn.Parameter(torch.randn(4, 6))

        def forward(self, x):
            y = F.conv2d(x, self.w, self.b, stride=2, padding=1)
            return F.linear(y.mean((2, 3)), self.fc)

    roundtrip(Functional(), torch.randn(2, 3, 8, 8))


def test_constants_mode():
    m = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.ReLU(),
                      nn.Flatten(), nn.Linear(4 * 5 * 5, 3))
    graph = roundtrip(m, torch.randn(1, 2, 5, 5), weights="constants")
    assert graph.params == []


# ---- Paper modules (registered converters) -------------------------------

PAPER_MODULES = {
    "spectral_corners": (lambda: models.SpectralConv2d(4, 5, 3, 2),
                         (2, 4, 8, 8)),
    "spectral_corners_ortho": (
        lambda: models.SpectralConv2d(4, 4, 2, 3, fft_norm="ortho"),
        (1, 4, 8, 7)),
    "spectral_centered": (lambda: models.SpectralConvCentered2d(4, 5, (5, 4)),
                          (2, 4, 8, 8)),
    "pconv": (lambda: models.PConv(8), (1, 8, 6, 6)),
    "pconv_ndiv2": (lambda: models.PConv(8, n_div=2), (1, 8, 5, 5)),
    "kronecker_kv": (lambda: models.KroneckerAttention(8, heads=2),
                     (1, 8, 5, 6)),
    "kronecker_qkv": (lambda: models.KroneckerAttention(8, heads=2,
                                                        mode="qkv"),
                      (2, 8, 4, 3)),
    "kronecker_nobias": (lambda: models.KroneckerAttention(
        8, heads=1, head_dim=4, bias=False, scale=0.3), (1, 8, 3, 3)),
    "pau_safe": (lambda: models.PAU(version="safe"), (3, 7)),
    "pau_abs": (lambda: models.PAU(version="abs"), (3, 7)),
    "pau_unsafe": (lambda: models.PAU(version="unsafe"), (3, 7)),
    "pau_channels": (lambda: models.PAU(channels=4), (2, 4, 3, 3)),
    "quadratic_linear_fan": (lambda: models.QuadraticLinear(6, 5), (3, 6)),
    "quadratic_linear_power": (
        lambda: models.QuadraticLinear(6, 5, variant="power"), (3, 6)),
    "quadratic_conv_fan": (
        lambda: models.QuadraticConv2d(3, 4, 3, padding=1), (1, 3, 6, 6)),
    "quadratic_conv_product": (
        lambda: models.QuadraticConv2d(3, 4, 3, stride=2, variant="product"),
        (1, 3, 7, 7)),
    "hadamard_int4_linear": (lambda: models.QuantLinear(64, 16), (4, 64)),
    "int8_linear": (lambda: models.QuantLinear(32, 8, bits=8, block=1,
                                               act_scale=0.05), (2, 3, 32)),
}


@pytest.mark.parametrize("name", sorted(PAPER_MODULES))
def test_paper_module(name):
    make, shape = PAPER_MODULES[name]
    graph = roundtrip(make(), torch.randn(*shape))
    assert "tessera." in graph.mlir()


def test_paper_modules_inside_a_model():
    m = nn.Sequential(nn.Conv2d(3, 8, 1), models.PAU(),
                      models.KroneckerAttention(8, heads=2), models.PConv(8))
    text = roundtrip(m, torch.randn(1, 3, 6, 6)).mlir()
    for op in ("tessera.pau", "tessera.kronecker_attention",
               "tessera.partial_conv2d"):
        assert op in text


def test_register_module_decorator():
    def convert(g, module, x):
        return g.mul(g.relu(x), float(module.gain))

    @tessera.register_module(convert)
    class ScaledReLU(nn.Module):
        def __init__(self, gain):
            super().__init__()
            self.gain = gain

        def forward(self, x):
            # Not traceable (data-dependent control flow): a leaf.
            if x.sum() > 1e9:
                return x
            return torch.relu(x) * self.gain

    roundtrip(nn.Sequential(nn.Linear(4, 4), ScaledReLU(3.0)),
              torch.randn(2, 4))


# ---- Examples: FNO-2D and FasterNet-T0 (small shapes) --------------------

@pytest.mark.parametrize("centered", [False, True])
def test_fno2d(centered):
    m = models.FNO2d(modes1=4, modes2=4, width=8, hidden=16,
                     centered=centered)
    text = roundtrip(m, torch.randn(2, 16, 16, 3)).mlir()
    assert text.count("tessera.spectral_conv") == 4


def test_fasternet_t0():
    m = models.fasternet_t0(num_classes=10)
    for bn in m.modules():
        if isinstance(bn, nn.BatchNorm2d):
            randomize_bn(bn)
    text = roundtrip(m, torch.randn(1, 3, 32, 32)).mlir()
    assert text.count("tessera.partial_conv2d") == 13
    assert "batch" not in text  # every BatchNorm folded


# ---- Errors ----------------------------------------------------------------

def test_unsupported_module_named():
    m = nn.Sequential(nn.Conv2d(3, 4, 3), nn.Sequential(nn.ReLU(),
                                                        nn.MaxPool2d(2)))
    m.eval()
    with pytest.raises(tessera.UnsupportedError) as info:
        tessera.from_torch(m, torch.randn(1, 3, 8, 8))
    message = str(info.value)
    assert "module '1.1'" in message
    assert "torch.nn.modules.pooling.MaxPool2d" in message


def test_unsupported_function_named():
    class Inner(nn.Module):
        def forward(self, x):
            return torch.sin(x) + 1

    class Outer(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.Sequential(nn.Linear(3, 3), Inner())

        def forward(self, x):
            return self.encoder(x)

    with pytest.raises(tessera.UnsupportedError) as info:
        tessera.from_torch(Outer().eval(), torch.randn(2, 3))
    message = str(info.value)
    assert "module 'encoder.1'" in message and "torch.sin" in message


def test_unsupported_method_and_setup_errors():
    class Cumsum(nn.Module):
        def forward(self, x):
            return x.cumsum(1)

    with pytest.raises(tessera.UnsupportedError, match="Tensor.cumsum"):
        tessera.from_torch(Cumsum().eval(), torch.randn(2, 3))
    with pytest.raises(tessera.InvalidArgumentError, match="training mode"):
        tessera.from_torch(nn.Linear(2, 2), torch.randn(1, 2))
    with pytest.raises(tessera.InvalidArgumentError, match="example inputs"):
        tessera.from_torch(nn.Linear(2, 2).eval())

    class Branchy(nn.Module):
        def forward(self, x):
            return x if x.sum() > 0 else -x

    with pytest.raises(tessera.UnsupportedError,
                       match="torch.fx cannot trace Branchy"):
        tessera.from_torch(Branchy().eval(), torch.randn(2))


def test_aot_artifact_of_an_imported_model(tmp_path):
    m = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.GELU(),
                      models.PConv(4, n_div=2)).eval()
    x = torch.randn(1, 3, 6, 6)
    graph = tessera.from_torch(m, x, name="net")
    lib = tmp_path / "libnet.so"
    with torch.no_grad():
        expected = m(x).numpy()
    assert_close(tessera.compile(graph, output=lib)(x.numpy()), expected)
    # Loaded on its own, the artifact takes the weights as inputs.
    plain = tessera.load(lib)
    assert_close(plain["net"](x.numpy(), *graph.params), expected)
