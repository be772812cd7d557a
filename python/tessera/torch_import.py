"""Importing PyTorch modules with torch.fx.

``import_module(module, *example_inputs)`` traces an ``nn.Module`` in eval
mode (``torch.fx`` symbolic tracing), propagates the example inputs' shapes
through the graph (the result is statically shaped, as the runtime needs)
and emits every node with the builder (tessera.builder.Graph). It returns
the Graph: ``tessera.compile(graph)`` compiles it with the weights bound,
``graph.mlir()`` is its text.

Mapped:
- standard layers, by module type: Linear, Conv2d (any kernel, stride,
  padding, dilation, groups), BatchNorm1d/2d (eval: folded into the conv
  before it, else a per-channel scale and shift), LayerNorm, GELU, ReLU,
  SiLU, Sigmoid, Tanh, Softmax, Identity, Dropout (eval: identity),
  Flatten, AdaptiveAvgPool2d(1);
- functions and tensor methods: F.linear, F.conv2d, + - * / (tensors and
  Python scalars, with broadcasting), relu, gelu, sigmoid, tanh, silu, softmax, matmul, mean,
  reshape/view/flatten/squeeze/unsqueeze, permute/transpose, contiguous,
  ``x.shape`` / ``x.size()``;
- modules registered with ``@tessera.register_module(converter)``, among
  them the paper modules of ``tessera.models``: each is one ``tessera`` op
  (a leaf of the trace, its forward is not traced).

Anything else raises UnsupportedError naming the module path and the op.
"""

import operator

import numpy as np
import torch
import torch.fx as fx
import torch.nn as nn
import torch.nn.functional as F
from torch.fx.passes.shape_prop import ShapeProp

from . import models  # noqa: F401 (registers the paper modules)
from .builder import Graph
from .errors import InvalidArgumentError, UnsupportedError
from .registry import converter_for


def _np(t):
    return t.detach().cpu().contiguous().numpy()


class _Tracer(fx.Tracer):
    """Keeps registered modules as leaves and records, on every node, the
    path of the module whose forward created it (for error messages)."""

    def __init__(self):
        super().__init__()
        self._paths = []

    def is_leaf_module(self, m, qualname):
        if converter_for(m) is not None:
            return True
        return super().is_leaf_module(m, qualname)

    def call_module(self, m, forward, args, kwargs):
        self._paths.append(self.path_of_module(m))
        try:
            return super().call_module(m, forward, args, kwargs)
        finally:
            self._paths.pop()

    def create_node(self, *args, **kwargs):
        node = super().create_node(*args, **kwargs)
        node.meta["tessera_module"] = self._paths[-1] if self._paths else ""
        return node


def _describe(target):
    if isinstance(target, str):
        return target
    module = getattr(target, "__module__", None) or ""
    name = getattr(target, "__name__", repr(target))
    if module in ("_operator", "operator"):
        return "operator." + name
    if module.startswith("torch") or not module:
        return "torch." + name if not module.startswith("torch") else \
            "%s.%s" % (module, name)
    return "%s.%s" % (module, name)


class _Importer:
    def __init__(self, gm, graph):
        self.gm = gm
        self.g = graph
        self.env = {}
        self.modules = dict(gm.named_modules())
        self.node = None

    # ---- Errors --------------------------------------------------------
    def unsupported(self, what):
        node = self.node
        path = node.meta.get("tessera_module", "")
        where = "module '%s'" % path if path else "the top-level forward"
        raise UnsupportedError(
            "cannot import node '%s' in %s: %s" % (node.name, where, what))

    # ---- Operands ------------------------------------------------------
    def arg(self, a):
        """A node argument with nodes replaced by their values."""
        if isinstance(a, fx.Node):
            return self.env[a]
        if isinstance(a, (list, tuple)):
            return type(a)(self.arg(x) for x in a)
        return a

    def out_shape(self):
        meta = self.node.meta.get("tensor_meta")
        return tuple(meta.shape)

    # ---- Driver --------------------------------------------------------
    def run(self):
        folded = set()
        outputs = None
        for node in self.gm.graph.nodes:
            self.node = node
            if node in folded:
                continue
            if node.op == "placeholder":
                meta = node.meta.get("tensor_meta")
                if meta is None or not hasattr(meta, "shape"):
                    self.unsupported("input '%s' is not a tensor" % node.name)
                if meta.dtype != torch.float32:
                    self.unsupported("input '%s' has dtype %s (only float32 "
                                     "inputs are imported)" % (node.name,
                                                               meta.dtype))
                self.env[node] = self.g.input(tuple(meta.shape))
            elif node.op == "get_attr":
                value = self.gm
                for part in node.target.split("."):
                    value = getattr(value, part)
                self.env[node] = value  # a tensor: used as a constant
            elif node.op == "call_module":
                self.env[node] = self.call_module(node, folded)
            elif node.op == "call_function":
                self.env[node] = self.call_function(node.target, node.args,
                                                    node.kwargs)
            elif node.op == "call_method":
                self.env[node] = self.call_method(node.target, node.args,
                                                  node.kwargs)
            elif node.op == "output":
                outputs = self.arg(node.args[0])
        if not isinstance(outputs, (tuple, list)):
            outputs = (outputs,)
        for o in outputs:
            if not hasattr(o, "graph"):
                self.unsupported("output %r is not a tensor" % (o,))
        self.g.output(*[self.tensor(o) for o in outputs])
        return self.g

    def tensor(self, v):
        """A Value; a torch tensor constant becomes a weight."""
        if isinstance(v, torch.Tensor):
            return self.g.param(_np(v), "const")
        return v

    # ---- Modules -------------------------------------------------------
    def call_module(self, node, folded):
        m = self.modules[node.target]
        args = [self.tensor(a) for a in self.arg(node.args)]
        if node.kwargs:
            self.unsupported("keyword arguments to module %s" %
                             type(m).__name__)
        converter = converter_for(m)
        if converter is not None:
            return converter(self.g, m, *args)
        x = args[0] if args else None
        g = self.g
        if isinstance(m, nn.Linear):
            return g.linear(x, _np(m.weight),
                            None if m.bias is None else _np(m.bias))
        if isinstance(m, nn.Conv2d):
            return self.conv2d(node, m, x, folded)
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            self.check_eval_bn(m)
            return g.batch_norm(x, _np(m.running_mean), _np(m.running_var),
                                None if m.weight is None else _np(m.weight),
                                None if m.bias is None else _np(m.bias),
                                m.eps)
        if isinstance(m, nn.LayerNorm):
            return g.layer_norm(x, len(m.normalized_shape),
                                None if m.weight is None else _np(m.weight),
                                None if m.bias is None else _np(m.bias),
                                m.eps)
        if isinstance(m, nn.GELU):
            return g.gelu(x, getattr(m, "approximate", "none"))
        if isinstance(m, nn.ReLU):
            return g.relu(x)
        if isinstance(m, nn.SiLU):
            return g.silu(x)
        if isinstance(m, nn.Sigmoid):
            return g.sigmoid(x)
        if isinstance(m, nn.Tanh):
            return g.tanh(x)
        if isinstance(m, nn.Softmax):
            return g.softmax(x, m.dim)
        if isinstance(m, (nn.Identity, nn.Dropout)):
            return x
        if isinstance(m, nn.Flatten):
            return g.reshape(x, self.out_shape())
        if isinstance(m, nn.AdaptiveAvgPool2d):
            size = m.output_size
            if size in (1, (1, 1), [1, 1]):
                return g.mean(x, [2, 3], keepdim=True)
            self.unsupported("AdaptiveAvgPool2d with output size %r (only 1)"
                             % (size,))
        self.unsupported("module type %s.%s has no converter (register one "
                         "with @tessera.register_module)" % (
                             type(m).__module__, type(m).__name__))

    def check_eval_bn(self, m):
        if m.training or m.running_mean is None:
            self.unsupported("%s in training mode or without running "
                             "statistics (import in eval mode)" %
                             type(m).__name__)

    def conv2d(self, node, m, x, folded):
        if m.padding_mode != "zeros":
            self.unsupported("Conv2d with padding_mode=%r" % m.padding_mode)
        padding = m.padding
        if isinstance(padding, str):
            if padding == "valid":
                padding = (0, 0)
            else:  # "same" (stride 1): PyTorch pads the extra one at the end
                total = [d * (k - 1) for d, k in zip(m.dilation,
                                                     m.kernel_size)]
                if any(t % 2 for t in total):
                    self.unsupported("Conv2d padding='same' with an even "
                                     "kernel")
                padding = tuple(t // 2 for t in total)
        weight = _np(m.weight).astype(np.float64)
        bias = None if m.bias is None else _np(m.bias).astype(np.float64)
        # BatchNorm (eval) right after the conv folds into its weights.
        users = list(node.users)
        if len(users) == 1 and users[0].op == "call_module":
            bn = self.modules[users[0].target]
            if isinstance(bn, nn.BatchNorm2d) and not bn.training and \
                    bn.running_mean is not None:
                scale = 1.0 / np.sqrt(_np(bn.running_var).astype(np.float64)
                                      + bn.eps)
                if bn.weight is not None:
                    scale = scale * _np(bn.weight)
                shift = -_np(bn.running_mean) * scale
                if bn.bias is not None:
                    shift = shift + _np(bn.bias)
                weight = weight * scale[:, None, None, None]
                bias = shift if bias is None else bias * scale + shift
                folded.add(users[0])
                y = self.g.conv2d(x, weight.astype(np.float32),
                                  bias.astype(np.float32), m.stride, padding,
                                  m.dilation, m.groups)
                self.env[users[0]] = y
                return y
        return self.g.conv2d(x, weight.astype(np.float32),
                             None if bias is None else bias.astype(np.float32),
                             m.stride, padding, m.dilation, m.groups)

    # ---- Functions and methods ----------------------------------------
    _BINARY = {
        operator.add: "add", torch.add: "add", operator.sub: "sub",
        torch.sub: "sub", operator.mul: "mul", torch.mul: "mul",
        operator.truediv: "div", torch.div: "div",
    }

    def call_function(self, target, args, kwargs):
        g = self.g
        if target is getattr:
            value, attr = self.arg(args[0]), args[1]
            if attr == "shape" and hasattr(value, "shape"):
                return tuple(value.shape)
            self.unsupported("attribute '%s'" % attr)
        if target is operator.getitem:
            base, index = self.arg(args[0]), self.arg(args[1])
            if isinstance(base, (tuple, list)):
                return base[index]
            self.unsupported("tensor indexing (operator.getitem)")
        if target in (F.linear, F.conv2d):
            return self.functional_layer(target, self.arg(args),
                                         self.arg(kwargs))
        a = [self.tensor(x) for x in self.arg(args)]
        kw = self.arg(kwargs)
        if target in self._BINARY:
            if kw or len(a) != 2:
                self.unsupported("%s with arguments %s" % (
                    _describe(target), sorted(kw) or len(a)))
            return getattr(g, self._BINARY[target])(a[0], a[1])
        if target in (F.relu, torch.relu):
            return g.relu(a[0])
        if target is F.gelu:
            return g.gelu(a[0], kw.get("approximate", "none"))
        if target in (torch.sigmoid, F.sigmoid):
            return g.sigmoid(a[0])
        if target in (torch.tanh, F.tanh):
            return g.tanh(a[0])
        if target is F.silu:
            return g.silu(a[0])
        if target in (F.softmax, torch.softmax):
            dim = kw.get("dim", a[1] if len(a) > 1 else None)
            return g.softmax(a[0], dim)
        if target in (torch.matmul, operator.matmul):
            return g.matmul(a[0], a[1])
        if target in (torch.flatten, torch.reshape, torch.squeeze,
                      torch.unsqueeze):
            return g.reshape(a[0], self.out_shape())
        if target is torch.permute:
            return g.permute(a[0], a[1])
        if target is torch.transpose:
            return self.transpose(a[0], a[1], a[2])
        if target is torch.mean:
            return self.mean(a[0], *a[1:], **kw)
        self.unsupported("function %s is not supported" % _describe(target))

    def functional_layer(self, target, args, kwargs):
        """F.linear / F.conv2d: weights (parameters read with get_attr) stay
        numpy arrays, so that they get the layout the layer wants."""
        names = ["input", "weight", "bias", "stride", "padding", "dilation",
                 "groups"]
        if target is F.linear:
            names = names[:3]
        values = dict(zip(names, args))
        for key, value in kwargs.items():
            if key not in names:
                self.unsupported("%s with argument '%s'" % (
                    _describe(target), key))
            values[key] = value

        def weight(v):
            return _np(v) if isinstance(v, torch.Tensor) else v
        x, w = values["input"], weight(values["weight"])
        b = weight(values.get("bias"))
        if target is F.linear:
            return self.g.linear(x, w, b)
        padding = values.get("padding", 0)
        if isinstance(padding, str):
            self.unsupported("F.conv2d with padding=%r" % padding)
        return self.g.conv2d(x, w, b, values.get("stride", 1), padding,
                             values.get("dilation", 1), values.get("groups", 1))

    def transpose(self, x, d0, d1):
        perm = list(range(x.rank))
        perm[d0], perm[d1] = perm[d1], perm[d0]
        return self.g.permute(x, perm)

    def mean(self, x, dim=None, keepdim=False):
        if dim is None:
            dim = list(range(x.rank))
        dims = [dim] if isinstance(dim, int) else list(dim)
        return self.g.mean(x, dims, keepdim)

    def call_method(self, name, args, kwargs):
        g = self.g
        a = [self.tensor(x) for x in self.arg(args)]
        kw = self.arg(kwargs)
        x = a[0]
        if name in ("size",):
            return tuple(x.shape) if len(a) == 1 else x.shape[a[1]]
        if name in ("view", "reshape", "flatten", "squeeze", "unsqueeze"):
            return g.reshape(x, self.out_shape())
        if name == "contiguous":
            return x
        if name == "permute":
            dims = a[1] if len(a) == 2 and isinstance(a[1], (tuple, list)) \
                else a[1:]
            return g.permute(x, dims)
        if name == "transpose":
            return self.transpose(x, a[1], a[2])
        if name in ("add", "sub", "mul", "div") and len(a) == 2 and not kw:
            return getattr(g, name)(x, a[1])
        if name in ("relu", "sigmoid", "tanh") and len(a) == 1:
            return getattr(g, name)(x)
        if name == "softmax":
            return g.softmax(x, kw.get("dim", a[1] if len(a) > 1 else None))
        if name == "mean":
            return self.mean(x, *a[1:], **kw)
        self.unsupported("method Tensor.%s is not supported" % name)


class _Root(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x)


def import_module(module, *example_inputs, name=None, weights="parameters"):
    """Imports `module` (an ``nn.Module`` in eval mode) for inputs shaped
    like `example_inputs` (float32 tensors or numpy arrays). Returns a
    :class:`tessera.Graph` named `name` (default: the class name in lower
    case) whose weights are parameters bound to it or dense constants
    (``weights="constants"``)."""
    if not isinstance(module, nn.Module):
        raise InvalidArgumentError("import_module takes an nn.Module, not %s"
                                   % type(module).__name__)
    if module.training:
        raise InvalidArgumentError(
            "module %s is in training mode: call .eval() before importing "
            "(BatchNorm uses its running statistics, Dropout is identity)" %
            type(module).__name__)
    if not example_inputs:
        raise InvalidArgumentError("import_module needs example inputs (their "
                                   "shapes become the function's)")
    inputs = [torch.as_tensor(x) for x in example_inputs]
    root = module
    if _Tracer().is_leaf_module(module, ""):
        # The root is traced, never a leaf: wrap a registered module or a
        # single layer so that its converter handles it.
        if len(inputs) != 1:
            raise InvalidArgumentError(
                "a single layer imported on its own takes one input")
        root = _Root(module)
    try:
        traced = _Tracer().trace(root)
    except UnsupportedError:
        raise
    except Exception as e:  # TraceError, data-dependent control flow...
        raise UnsupportedError("torch.fx cannot trace %s: %s" % (
            type(module).__name__, e)) from e
    gm = fx.GraphModule(root, traced)
    with torch.no_grad():
        ShapeProp(gm).propagate(*inputs)
    name = name or "".join(c if c.isalnum() else "_"
                           for c in type(module).__name__.lower())
    return _Importer(gm, Graph(name, weights)).run()
