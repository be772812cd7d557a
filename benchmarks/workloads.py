"""The workloads of BENCHMARKS.md that the CPU back end runs today.

Each workload gives the MLIR function Tessera runs (inputs are fed by
tessera-run --random-inputs), the peer's formulation (PyTorch, written from
the papers' reference code) or another Tessera workload as peer, and its
FLOP count for GFLOP/s.
"""
import os

import torch


class Workload:
    def __init__(self, name, shapes, entry, mlir, flops, goal, peer,
                 torch_fn=None, torch_args=None, library_calls="", codegen=""):
        self.name, self.shapes, self.entry = name, shapes, entry
        self._mlir, self.flops, self.goal, self.peer = mlir, flops, goal, peer
        self.torch_fn, self._torch_args = torch_fn, torch_args
        # GEMM kinds compiled as oneDNN calls (tessera-run --library-calls).
        self.library_calls = library_calls
        # CPU codegen options for this workload (TESSERA_CPU_CODEGEN).
        self.codegen = codegen

    def mlir(self):
        return self._mlir

    def torch_args(self):
        return self._torch_args()


def t(shape):
    return "tensor<%sxf32>" % "x".join(str(d) for d in shape)


# --- FNO spectral convolution (corners), as in the FNO code's SpectralConv2d.

def spectral(b, c, n, m):
    mlir = """
func.func @spectral(%x: {x}, %w: tensor<{c}x{c}x{m2}x{m}xcomplex<f32>>) -> {x} {{
  %y = tessera.spectral_conv corners %x, %w modes [{m}, {m}]
      : ({x}, tensor<{c}x{c}x{m2}x{m}xcomplex<f32>>) -> {x}
  return %y : {x}
}}""".format(x=t((b, c, n, n)), c=c, m=m, m2=2 * m)
    k1, k2 = 2 * m, m
    flops = (4 * b * c * n * n * k2 + 8 * b * c * n * k1 * k2 +
             8 * b * c * c * k1 * k2 + 8 * b * c * k1 * k2 * n +
             4 * b * c * n * k2 * n)

    def fno_forward(x, w1, w2):
        x_ft = torch.fft.rfft2(x)
        out = torch.zeros(b, c, n, n // 2 + 1, dtype=torch.cfloat)
        out[:, :, :m, :m] = torch.einsum("bixy,ioxy->boxy", x_ft[:, :, :m, :m], w1)
        out[:, :, -m:, :m] = torch.einsum("bixy,ioxy->boxy", x_ft[:, :, -m:, :m], w2)
        return torch.fft.irfft2(out, s=(n, n))

    def args():
        return (torch.randn(b, c, n, n), torch.randn(c, c, m, m, dtype=torch.cfloat),
                torch.randn(c, c, m, m, dtype=torch.cfloat))

    return Workload("spectral_conv 2-D", "B=%d C=%d %dx%d modes %d" % (b, c, n, n, m),
                    "spectral", mlir, flops, ">= 3x PyTorch",
                    "PyTorch rfft2/einsum/irfft2", fno_forward, args)


# --- f32 matmul.

def matmul_mlir(n, element="f32", zero="0.0", acc="f32", name="matmul"):
    ty = "tensor<%dx%dx%s>" % (n, n, element)
    out = "tensor<%dx%dx%s>" % (n, n, acc)
    return """
func.func @{name}(%a: {ty}, %b: {ty}) -> {out} {{
  %e = tensor.empty() : {out}
  %z = arith.constant {zero} : {acc}
  %i = linalg.fill ins(%z : {acc}) outs(%e : {out}) -> {out}
  %r = linalg.matmul ins(%a, %b : {ty}, {ty}) outs(%i : {out}) -> {out}
  return %r : {out}
}}""".format(name=name, ty=ty, out=out, zero=zero, acc=acc)


def matmul(n):
    """Generated code against PyTorch's matmul (its BLAS)."""
    return Workload("f32 matmul", "%d^3" % n, "matmul", matmul_mlir(n),
                    2 * n ** 3, "(context)", "PyTorch matmul (BLAS)",
                    torch.matmul, lambda: (torch.randn(n, n), torch.randn(n, n)))


class TesseraPeer(Workload):
    """A workload whose peer is another Tessera workload (own f32)."""

    def __init__(self, peer_workload, **kw):
        super().__init__(**kw)
        self.peer_workload = peer_workload


def matmul_vs_onednn(n):
    """Generated code against oneDNN's sgemm, called through Tessera's
    library path (the shim adds one function call per GEMM)."""
    library = Workload("f32 matmul (oneDNN)", "%d^3" % n, "matmul",
                       matmul_mlir(n), 2 * n ** 3, "", "",
                       library_calls="matmul")
    return TesseraPeer(library, name="f32 matmul, generated", shapes="%d^3" % n,
                       entry="matmul", mlir=matmul_mlir(n), flops=2 * n ** 3,
                       goal=(">= 0.9x oneDNN" if 512 <= n <= 2048
                             else "(context: goal is for 512..2048)"),
                       peer="oneDNN sgemm")


def int4_qmatmul(n):
    """4-bit operands (packed two per byte) against Tessera's own int8."""
    def mlir_for(element, name):
        ty = "tensor<%dx%dx%s>" % (n, n, element)
        out = "tensor<%dx%dxi32>" % (n, n)
        return """
func.func @{name}(%a: {ty}, %b: {ty}) -> {out} {{
  %c = tessera.qmatmul %a, %b : ({ty}, {ty}) -> {out}
  return %c : {out}
}}""".format(name=name, ty=ty, out=out)
    int8 = Workload("int8 qmatmul", "%d^3" % n, "q8", mlir_for("i8", "q8"),
                    2 * n ** 3, "", "")
    return TesseraPeer(int8, name="int4 qmatmul", shapes="%d^3" % n,
                       entry="q4", mlir=mlir_for("i4", "q4"), flops=2 * n ** 3,
                       goal=">= 1.3x own int8", peer="Tessera int8 qmatmul")


def linear_epilogue(m, k, n, gelu=True):
    """A linear layer, [m, k] x [k, n] + bias, then exact GELU (or ReLU):
    the epilogue fused into the GEMM's tiles (in place) against the same
    model with fusion off. ReLU at a small k is the memory-bound case where
    fusion pays; GELU's erf (a libm call per element) dominates otherwise."""
    a, b, ty, bias = t((m, k)), t((k, n)), t((m, n)), t((n,))
    act = """    %u = arith.mulf %v, %inv_sqrt2 : f32
    %erf = math.erf %u : f32
    %p = arith.addf %erf, %one : f32
    %h = arith.mulf %v, %half : f32
    %r = arith.mulf %h, %p : f32""" if gelu else """    %r = arith.maximumf %v, %zero : f32"""
    mlir = """
#mn = affine_map<(m, n) -> (m, n)>
#n = affine_map<(m, n) -> (n)>
func.func @linear(%a: {a}, %b: {b}, %bias: {bias}) -> {ty} {{
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %one = arith.constant 1.0 : f32
  %inv_sqrt2 = arith.constant 0.707106781186547524 : f32
  %e = tensor.empty() : {ty}
  %c = linalg.fill ins(%zero : f32) outs(%e : {ty}) -> {ty}
  %mm = linalg.matmul ins(%a, %b : {a}, {b}) outs(%c : {ty}) -> {ty}
  %y = linalg.generic {{indexing_maps = [#mn, #n, #mn],
                        iterator_types = ["parallel", "parallel"]}}
      ins(%mm, %bias : {ty}, {bias}) outs(%e : {ty}) {{
  ^bb0(%x: f32, %s: f32, %out: f32):
    %v = arith.addf %x, %s : f32
{act}
    linalg.yield %r : f32
  }} -> {ty}
  return %y : {ty}
}}""".format(a=a, b=b, ty=ty, bias=bias, act=act)
    name = "matmul + bias + %s" % ("GELU" if gelu else "ReLU")
    shapes = "%dx%dx%d" % (m, k, n)
    unfused = Workload(name + ", unfused", shapes, "linear", mlir,
                       2 * m * k * n, "", "", codegen="fuse-elementwise=0")
    return TesseraPeer(unfused, name=name + ", fused epilogue", shapes=shapes,
                       entry="linear", mlir=mlir, flops=2 * m * k * n,
                       goal="(context)", peer="Tessera, fuse-elementwise=0")


def fno2d_model(batch):
    """examples/fno2d.mlir (lift, 4 Fourier layers with 1x1 skips and GELU,
    projection; 64x64, width 32, modes 12) at batch `batch`, against the FNO
    code's forward in PyTorch."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "examples", "fno2d.mlir")) as f:
        text = f.read()
    text = text.replace("tensor<4x", "tensor<%dx" % batch)
    n, width, modes = 64, 32, 12
    gelu = torch.nn.functional.gelu

    def spectral(x, w):
        x_ft = torch.fft.rfft2(x)
        out = torch.zeros(x.shape[0], width, n, n // 2 + 1, dtype=torch.cfloat)
        out[:, :, :modes, :modes] = torch.einsum(
            "bixy,ioxy->boxy", x_ft[:, :, :modes, :modes], w[:, :, :modes])
        out[:, :, -modes:, :modes] = torch.einsum(
            "bixy,ioxy->boxy", x_ft[:, :, -modes:, :modes], w[:, :, modes:])
        return torch.fft.irfft2(out, s=(n, n))

    def forward(x, p_w, p_b, *rest):
        conv = torch.nn.functional.conv2d
        v = conv(x, p_w, p_b)
        layers, (q1_w, q1_b, q2_w, q2_b) = rest[:12], rest[12:]
        for i in range(4):
            k_w, k_b, w_w = layers[3 * i:3 * i + 3]
            v = spectral(v, k_w) + k_b.view(1, -1, 1, 1) + conv(v, w_w)
            if i < 3:
                v = gelu(v)
        return conv(gelu(conv(v, q1_w, q1_b)), q2_w, q2_b)

    def args():
        r = [torch.randn(batch, 3, n, n), torch.randn(width, 3, 1, 1),
             torch.randn(width)]
        for _ in range(4):
            r += [torch.randn(width, width, 2 * modes, modes, dtype=torch.cfloat),
                  torch.randn(width), torch.randn(width, width, 1, 1)]
        r += [torch.randn(128, width, 1, 1), torch.randn(128),
              torch.randn(1, 128, 1, 1), torch.randn(1)]
        return tuple(r)

    k1, k2 = 2 * modes, modes
    spectral_flops = (4 * batch * width * n * n * k2 + 8 * batch * width * n * k1 * k2 +
                      8 * batch * width * width * k1 * k2 + 8 * batch * width * k1 * k2 * n +
                      4 * batch * width * n * k2 * n)
    pointwise = 2 * batch * n * n * (3 * width + 4 * width * width + width * 128 + 128)
    return Workload("FNO-2D model", "batch %d, 64x64, width 32, modes 12" % batch,
                    "fno2d", text, 4 * spectral_flops + pointwise, ">= 2x PyTorch",
                    "PyTorch FNO forward", forward, args)


def qmatmul(n):
    ty = "tensor<%dx%dxi8>" % (n, n)
    out = "tensor<%dx%dxi32>" % (n, n)
    mlir = """
func.func @qmatmul(%a: {ty}, %b: {ty}) -> {out} {{
  %c = tessera.qmatmul %a, %b {{a_zero_point = 3 : i64, b_zero_point = -2 : i64}}
      : ({ty}, {ty}) -> {out}
  return %c : {out}
}}""".format(ty=ty, out=out)
    return TesseraPeer(matmul(n), name="int8 qmatmul", shapes="%d^3" % n,
                       entry="qmatmul", mlir=mlir, flops=2 * n ** 3,
                       goal=">= 3x own f32", peer="Tessera f32 matmul")


# --- The library path: the same GEMMs as calls to oneDNN (--library-calls),
# against Tessera's generated code for them.

def matmul_library(n):
    return TesseraPeer(matmul(n), name="f32 matmul, oneDNN library call",
                       shapes="%d^3" % n, entry="matmul", mlir=matmul_mlir(n),
                       flops=2 * n ** 3, goal="library path",
                       peer="Tessera f32 matmul (generated)",
                       library_calls="matmul")


def qmatmul_library(n):
    generated = qmatmul(n)
    return TesseraPeer(generated, name="int8 qmatmul, oneDNN library call",
                       shapes="%d^3" % n, entry="qmatmul",
                       mlir=generated.mlir(), flops=2 * n ** 3,
                       goal="library path",
                       peer="Tessera int8 qmatmul (generated)",
                       library_calls="qmatmul")


def binary_matmul(n):
    mlir = """
func.func @binary_matmul(%x: {x}, %w: {x}) -> {x} {{
  %y = tessera.binary_matmul %x, %w : ({x}, {x}) -> {x}
  return %y : {x}
}}""".format(x=t((n, n)))
    return TesseraPeer(matmul(n), name="XNOR binary_matmul", shapes="%d^3" % n,
                       entry="binary_matmul", mlir=mlir, flops=2 * n ** 3,
                       goal=">= 10x own f32", peer="Tessera f32 matmul")


def pau(n):
    mlir = """
func.func @pau(%x: {x}, %a: tensor<6xf32>, %b: tensor<4xf32>) -> {x} {{
  %y = tessera.pau safe %x, %a, %b : ({x}, tensor<6xf32>, tensor<4xf32>) -> {x}
  return %y : {x}
}}""".format(x=t((n,)))

    def pau_torch(x, a, b):
        p = a[5]
        for j in range(4, -1, -1):
            p = p * x + a[j]
        q = b[3]
        for k in range(2, -1, -1):
            q = q * x + b[k]
        return p / (1 + torch.abs(q * x))

    w = Workload("pau (safe, 5/4)", "%d elements" % n, "pau", mlir, 20 * n,
                 ">= 70% of memcpy bandwidth", "PyTorch of the formula",
                 pau_torch, lambda: (torch.randn(n), torch.randn(6), torch.randn(4)))
    w.bytes_moved = 8 * n  # read x, write y (f32)
    return w


def partial_conv(c, hw, library_calls=""):
    cp = c // 4
    mlir = """
func.func @pconv(%x: {x}, %w: {w}) -> {x} {{
  %y = tessera.partial_conv2d %x, %w : ({x}, {w}) -> {x}
  return %y : {x}
}}""".format(x=t((1, c, hw, hw)), w=t((cp, cp, 3, 3)))

    def pconv_torch(x, w):
        y = torch.nn.functional.conv2d(x[:, :cp], w, padding=1)
        return torch.cat([y, x[:, cp:]], dim=1)

    return Workload("partial_conv2d" +
                    (", oneDNN convolution" if library_calls else ""),
                    "1x%dx%dx%d" % (c, hw, hw), "pconv", mlir,
                    2 * hw * hw * 9 * cp * cp, ">= 1.5x", "PyTorch conv + cat",
                    pconv_torch, lambda: (torch.randn(1, c, hw, hw),
                                          torch.randn(cp, cp, 3, 3)),
                    library_calls=library_calls)


def quadratic_conv(c, hw, library_calls=""):
    x, w, b = t((1, c, hw, hw)), t((c, c, 3, 3)), t((c,))
    mlir = """
func.func @quadratic(%x: {x}, %wr: {w}, %wg: {w}, %wb: {w}, %br: {b}, %bg: {b}, %c: {b}) -> {x} {{
  %y = tessera.quadratic_conv2d fan %x weights(%wr, %wg, %wb) biases(%br, %bg, %c)
      padding [1, 1] : ({x}, {w}, {w}, {w}, {b}, {b}, {b}) -> {x}
  return %y : {x}
}}""".format(x=x, w=w, b=b)

    def quad_torch(x, wr, wg, wb, br, bg, c0):
        f = torch.nn.functional.conv2d
        return (f(x, wr, br, padding=1) * f(x, wg, bg, padding=1) +
                f(x * x, wb, c0, padding=1))

    return Workload("quadratic_conv2d (fan)" +
                    (", oneDNN convolutions" if library_calls else ""),
                    "1x%dx%dx%d 3x3" % (c, hw, hw),
                    "quadratic", mlir, 3 * 2 * hw * hw * 9 * c * c, ">= 1.5x",
                    "PyTorch (3 convs)", quad_torch,
                    lambda: (torch.randn(1, c, hw, hw),) +
                    tuple(torch.randn(c, c, 3, 3) for _ in range(3)) +
                    tuple(torch.randn(c) for _ in range(3)),
                    library_calls=library_calls)


def kronecker(c, hw, heads):
    x, wt = t((1, c, hw, hw)), t((c, c))
    mlir = """
func.func @kronecker(%x: {x}, %wq: {w}, %wk: {w}, %wv: {w}, %wo: {w}) -> {x} {{
  %y = tessera.kronecker_attention kv %x, %wq, %wk, %wv, %wo heads {h}
      : ({x}, {w}, {w}, {w}, {w}) -> {x}
  return %y : {x}
}}""".format(x=x, w=wt, h=heads)
    dh = c // heads

    def kao_torch(x, wq, wk, wv, wo):
        s = torch.cat([x.mean(3), x.mean(2)], dim=2)            # [1, C, H+W]
        q = torch.einsum("oc,bcn->bon", wq, x.flatten(2))       # [1, C, HW]
        k = torch.einsum("oc,bcn->bon", wk, s)
        v = torch.einsum("oc,bcn->bon", wv, s)
        q = q.view(1, heads, dh, -1)
        k = k.view(1, heads, dh, -1)
        v = v.view(1, heads, dh, -1)
        a = torch.softmax(torch.einsum("bhdq,bhdk->bhqk", q, k) / dh ** 0.5, -1)
        o = torch.einsum("bhqk,bhdk->bhdq", a, v).reshape(1, c, -1)
        return torch.einsum("oc,bcn->bon", wo, o).view(1, c, hw, hw)

    n, t_ = hw * hw, 2 * hw
    flops = 2 * c * c * (n + 2 * t_ + n) + 4 * n * t_ * c
    return Workload("kronecker_attention (kv)", "1x%dx%dx%d, %d heads" % (c, hw, hw, heads),
                    "kronecker", mlir, flops, ">= 2x PyTorch",
                    "PyTorch of the same formula", kao_torch,
                    lambda: (torch.randn(1, c, hw, hw),) +
                    tuple(torch.randn(c, c) / c ** 0.5 for _ in range(4)))


ALL = [
    spectral(8, 32, 64, 16),
    spectral(4, 64, 128, 32),
    fno2d_model(8),
    matmul_vs_onednn(256),
    matmul_vs_onednn(512),
    matmul_vs_onednn(1024),
    matmul_vs_onednn(2048),
    matmul(1024),
    linear_epilogue(1024, 1024, 1024),
    linear_epilogue(2048, 256, 2048, gelu=False),
    qmatmul(1024),
    matmul_library(1024),
    qmatmul_library(1024),
    int4_qmatmul(2048),
    binary_matmul(2048),
    pau(1 << 20),
    partial_conv(40, 56),
    partial_conv(40, 56, library_calls="conv"),
    quadratic_conv(64, 56),
    quadratic_conv(64, 56, library_calls="conv"),
    kronecker(64, 56, 4),
]
