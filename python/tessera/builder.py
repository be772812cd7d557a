"""A graph builder that writes models as MLIR text.

A :class:`Graph` is one ``func.func`` on statically shaped tensors. Its
methods append ops and return :class:`Value` handles; ``graph.mlir()`` gives
the module text, which :func:`tessera.compile` compiles::

    g = tessera.Graph("mlp")
    x = g.input((8, 16))
    h = g.gelu(g.linear(x, w1, b1))          # w1, b1: numpy arrays
    g.output(g.linear(h, w2, b2))
    model = tessera.compile(g)
    y = model(x_np)

Standard layers are written with upstream ``linalg``/``tensor``/``arith``/
``math`` ops (as in examples/*.mlir), the research operators with the
``tessera`` dialect. Weights given as numpy arrays become, by the graph's
``weights`` policy, either extra function parameters (``"parameters"``, the
default: the compiled module binds them, so callers pass only the inputs) or
dense constants in the IR (``"constants"``: hex-encoded, self-contained text).
"""

import numpy as np

from .errors import InvalidArgumentError

_NUMPY_TO_MLIR = {
    np.dtype(np.float32): "f32",
    np.dtype(np.float64): "f64",
    np.dtype(np.int32): "i32",
    np.dtype(np.int64): "i64",
    np.dtype(np.int8): "i8",
    np.dtype(np.complex64): "complex<f32>",
}


def tensor_type(shape, dtype="f32"):
    """``tensor<2x3xf32>``; ``tensor<f32>`` for rank 0."""
    dims = "".join("%dx" % d for d in shape)
    return "tensor<%s%s>" % (dims, dtype)


def _ints(values):
    return "[" + ", ".join(str(int(v)) for v in values) + "]"


def _float(value):
    """An f32 literal MLIR parses exactly (hex for non-finite values)."""
    value = float(np.float32(value))
    if np.isfinite(value):
        return repr(value)
    return "0x%08X" % np.array(value, np.float32).view(np.uint32)


def _map(num_dims, results):
    dims = ", ".join("d%d" % i for i in range(num_dims))
    return "affine_map<(%s) -> (%s)>" % (
        dims, ", ".join("d%d" % r for r in results))


class Value:
    """A tensor value of a graph: its SSA name, static shape and element
    type."""

    __slots__ = ("graph", "name", "shape", "dtype")

    def __init__(self, graph, name, shape, dtype="f32"):
        self.graph = graph
        self.name = name
        self.shape = tuple(int(d) for d in shape)
        self.dtype = dtype

    @property
    def type(self):
        return tensor_type(self.shape, self.dtype)

    @property
    def rank(self):
        return len(self.shape)

    def __repr__(self):
        return "Value(%s : %s)" % (self.name, self.type)


class Graph:
    """One function being built. ``weights`` is ``"parameters"`` or
    ``"constants"`` (see the module docstring)."""

    def __init__(self, name="main", weights="parameters"):
        if weights not in ("parameters", "constants"):
            raise InvalidArgumentError(
                "weights must be 'parameters' or 'constants', not %r" %
                (weights,))
        if not name or name[0].isdigit() or \
                not name.replace("_", "a").isalnum():
            raise InvalidArgumentError("invalid function name %r" % (name,))
        self.name = name
        self.weights = weights
        self._inputs = []   # Values given by the caller
        self._params = []   # (Value, numpy array) bound by the module
        self._lines = []
        self._counter = 0
        self._outputs = None

    # ---- Plumbing ------------------------------------------------------
    def _fresh(self, hint="v"):
        self._counter += 1
        return "%%%s%d" % (hint, self._counter)

    def _emit(self, line):
        self._lines.append("    " + line)

    def _value(self, shape, dtype="f32", hint="v"):
        return Value(self, self._fresh(hint), shape, dtype)

    def _check(self, v):
        if not isinstance(v, Value) or v.graph is not self:
            raise InvalidArgumentError(
                "expected a Value of graph '%s', got %r" % (self.name, v))
        return v

    def _operand(self, v, name="w", dtype=None):
        """A Value as is; a numpy array (or nested list) as a weight."""
        if isinstance(v, Value):
            return self._check(v)
        return self.param(v, name=name, dtype=dtype)

    def input(self, shape, dtype="f32"):
        """A function input given by the caller (inputs come first in the
        signature, then the bound weights)."""
        v = Value(self, "%%arg%d" % len(self._inputs), shape, dtype)
        self._inputs.append(v)
        return v

    def param(self, array, name="w", dtype=None):
        """A weight: a numpy array bound to the graph (a parameter or a dense
        constant, by the graph's policy)."""
        array = np.asarray(array, dtype=dtype)
        if array.dtype == np.float64 and dtype is None:
            array = array.astype(np.float32)
        if array.dtype not in _NUMPY_TO_MLIR:
            raise InvalidArgumentError(
                "weight '%s': unsupported numpy dtype %s" % (name, array.dtype))
        mlir_dtype = _NUMPY_TO_MLIR[array.dtype]
        array = np.ascontiguousarray(array)
        if self.weights == "constants":
            v = self._value(array.shape, mlir_dtype, "cst")
            # Hex: the raw little-endian bytes, compact and exact.
            self._emit('%s = arith.constant dense<"0x%s"> : %s' %
                       (v.name, array.tobytes().hex().upper(), v.type))
            return v
        v = Value(self, "%%p%d" % len(self._params), array.shape, mlir_dtype)
        self._params.append((v, array))
        return v

    def scalar(self, value, dtype="f32"):
        """An SSA scalar constant (for pad values and fills)."""
        name = self._fresh("c")
        if dtype == "f32":
            self._emit("%s = arith.constant %s : f32" % (name, _float(value)))
        else:
            self._emit("%s = arith.constant %d : %s" % (name, value, dtype))
        return name

    def output(self, *values):
        """Sets the function's results."""
        if not values:
            raise InvalidArgumentError("a graph needs at least one output")
        self._outputs = [self._check(v) for v in values]

    @property
    def params(self):
        """The arrays bound as parameters, in signature order."""
        return [array for _, array in self._params]

    @property
    def inputs(self):
        return list(self._inputs)

    def mlir(self):
        """The module text."""
        if self._outputs is None:
            raise InvalidArgumentError(
                "graph '%s' has no outputs (call output())" % self.name)
        args = ["%s: %s" % (v.name, v.type) for v in self._inputs]
        args += ["%s: %s" % (v.name, v.type) for v, _ in self._params]
        results = ", ".join(v.type for v in self._outputs)
        lines = ["func.func @%s(%s) -> (%s) {" %
                 (self.name, ", ".join(args), results)]
        lines += self._lines
        lines.append("    return %s : %s" % (
            ", ".join(v.name for v in self._outputs), results))
        lines.append("}")
        return "\n".join(lines) + "\n"

    def __str__(self):
        return self.mlir()

    # ---- Tensor plumbing ops --------------------------------------------
    def empty(self, shape, dtype="f32"):
        v = self._value(shape, dtype, "e")
        self._emit("%s = tensor.empty() : %s" % (v.name, v.type))
        return v

    def full(self, shape, value, dtype="f32"):
        c = self.scalar(value, dtype)
        e = self.empty(shape, dtype)
        v = self._value(shape, dtype)
        self._emit("%s = linalg.fill ins(%s : %s) outs(%s : %s) -> %s" %
                   (v.name, c, dtype, e.name, e.type, v.type))
        return v

    def _collapse(self, x, groups, shape):
        v = self._value(shape, x.dtype)
        self._emit("%s = tensor.collapse_shape %s [%s] : %s into %s" %
                   (v.name, x.name, ", ".join(_ints(g) for g in groups),
                    x.type, v.type))
        return v

    def _expand(self, x, groups, shape):
        v = self._value(shape, x.dtype)
        self._emit("%s = tensor.expand_shape %s [%s] output_shape %s : %s "
                   "into %s" % (v.name, x.name,
                                ", ".join(_ints(g) for g in groups),
                                _ints(shape), x.type, v.type))
        return v

    def reshape(self, x, shape):
        """Row-major reshape (torch's view/reshape/flatten)."""
        x = self._check(x)
        shape = tuple(int(d) for d in shape)
        if -1 in shape:
            known = int(np.prod([d for d in shape if d != -1]))
            shape = tuple(int(np.prod(x.shape)) // known if d == -1 else d
                          for d in shape)
        if int(np.prod(shape)) != int(np.prod(x.shape)):
            raise InvalidArgumentError("cannot reshape %s to %s" %
                                       (x.shape, shape))
        if shape == x.shape:
            return x
        # Through rank 1 (or 0): valid for every static reshape.
        n = int(np.prod(x.shape))
        flat = x
        if x.rank != 1:
            flat = self._collapse(x, [list(range(x.rank))] if x.rank else [],
                                  (n,))
        if len(shape) == 1:
            return flat
        if len(shape) == 0:
            return self._collapse(flat, [], ())
        return self._expand(flat, [list(range(len(shape)))], shape)

    def permute(self, x, perm):
        """``linalg.transpose``: result dim i is input dim perm[i]."""
        x = self._check(x)
        perm = [p % x.rank for p in perm]
        if sorted(perm) != list(range(x.rank)):
            raise InvalidArgumentError("invalid permutation %s of rank %d" %
                                       (perm, x.rank))
        if perm == list(range(x.rank)):
            return x
        shape = [x.shape[p] for p in perm]
        e = self.empty(shape, x.dtype)
        v = self._value(shape, x.dtype)
        self._emit("%s = linalg.transpose ins(%s : %s) outs(%s : %s) "
                   "permutation = %s" % (v.name, x.name, x.type, e.name,
                                         e.type, _ints(perm)))
        return v

    def _broadcast_operand(self, x, out_shape):
        """x broadcast (numpy rules) to out_shape: the operand with its
        broadcast unit dims dropped and its indexing map."""
        rank, offset = len(out_shape), len(out_shape) - x.rank
        if offset < 0:
            raise InvalidArgumentError("cannot broadcast %s to %s" %
                                       (x.shape, out_shape))
        keep = []
        for i, d in enumerate(x.shape):
            if d == out_shape[offset + i]:
                keep.append(i)
            elif d != 1:
                raise InvalidArgumentError("cannot broadcast %s to %s" %
                                           (x.shape, tuple(out_shape)))
        if len(keep) < x.rank:
            # Each dropped unit dim joins the group of the next kept dim (the
            # last group takes trailing ones); none kept: rank 0.
            groups, pending = [], []
            for i in range(x.rank):
                pending.append(i)
                if i in keep:
                    groups.append(pending)
                    pending = []
            if pending and groups:
                groups[-1].extend(pending)
            x = self._collapse(x, groups, [x.shape[k] for k in keep])
        return x, _map(rank, [offset + k for k in keep])

    def elementwise(self, operands, body, out_dtype="f32", out_shape=None):
        """A ``linalg.generic`` over the broadcast shape of `operands`.
        `body(names, emit)` gets the block arguments' names and an emitter
        of body lines and returns the yielded name."""
        operands = [self._check(v) for v in operands]
        if out_shape is None:
            try:
                out_shape = tuple(np.broadcast_shapes(
                    *[v.shape for v in operands]))
            except ValueError:
                raise InvalidArgumentError(
                    "cannot broadcast shapes %s together" %
                    ", ".join(str(v.shape) for v in operands)) from None
        rank = len(out_shape)
        ins, maps = [], []
        for v in operands:
            op, m = self._broadcast_operand(v, out_shape)
            ins.append(op)
            maps.append(m)
        maps.append(_map(rank, range(rank)))
        e = self.empty(out_shape, out_dtype)
        v = self._value(out_shape, out_dtype)
        args = [self._fresh("a") for _ in ins]
        out_arg = self._fresh("o")
        body_lines = []

        def emit(text, hint="t"):
            name = self._fresh(hint)
            body_lines.append("      %s = %s" % (name, text))
            return name

        result = body(args, emit)
        self._emit("%s = linalg.generic {indexing_maps = [%s], "
                   "iterator_types = [%s]} ins(%s : %s) outs(%s : %s) {" % (
                       v.name, ", ".join(maps),
                       ", ".join(['"parallel"'] * rank),
                       ", ".join(i.name for i in ins),
                       ", ".join(i.type for i in ins), e.name, e.type))
        self._lines.append("    ^bb0(%s):" % ", ".join(
            ["%s: %s" % (a, i.dtype) for a, i in zip(args, ins)] +
            ["%s: %s" % (out_arg, out_dtype)]))
        self._lines.extend(body_lines)
        self._lines.append("      linalg.yield %s : %s" % (result, out_dtype))
        self._lines.append("    } -> %s" % v.type)
        return v

    def reduce(self, x, dims, combine, init, keepdim=False):
        """A reduction over `dims` with `combine(acc, x, emit)` starting at
        the f32 `init`."""
        x = self._check(x)
        dims = sorted(d % x.rank for d in dims)
        kept = [i for i in range(x.rank) if i not in dims]
        shape = [x.shape[i] for i in kept]
        acc0 = self.full(shape, init)
        v = self._value(shape)
        a, o = self._fresh("a"), self._fresh("o")
        body_lines = []

        def emit(text, hint="t"):
            name = self._fresh(hint)
            body_lines.append("      %s = %s" % (name, text))
            return name

        result = combine(o, a, emit)
        self._emit("%s = linalg.generic {indexing_maps = [%s, %s], "
                   "iterator_types = [%s]} ins(%s : %s) outs(%s : %s) {" % (
                       v.name, _map(x.rank, range(x.rank)),
                       _map(x.rank, kept),
                       ", ".join('"reduction"' if i in dims else '"parallel"'
                                 for i in range(x.rank)),
                       x.name, x.type, acc0.name, acc0.type))
        self._lines.append("    ^bb0(%s: f32, %s: f32):" % (a, o))
        self._lines.extend(body_lines)
        self._lines.append("      linalg.yield %s : f32" % result)
        self._lines.append("    } -> %s" % v.type)
        if keepdim:
            v = self.reshape(v, [1 if i in dims else x.shape[i]
                                 for i in range(x.rank)])
        return v

    # ---- Elementwise layers ---------------------------------------------
    def _binary(self, op, a, b):
        if isinstance(b, (int, float)) and not isinstance(b, bool):
            c = float(b)
            return self.elementwise(
                [a], lambda n, e: e("%s %s, %s : f32" % (
                    op, n[0], e("arith.constant %s : f32" % _float(c), "k"))))
        if isinstance(a, (int, float)) and not isinstance(a, bool):
            c = float(a)
            return self.elementwise(
                [b], lambda n, e: e("%s %s, %s : f32" % (
                    op, e("arith.constant %s : f32" % _float(c), "k"), n[0])))
        a, b = self._operand(a), self._operand(b)
        return self.elementwise(
            [a, b], lambda n, e: e("%s %s, %s : f32" % (op, n[0], n[1])))

    def add(self, a, b):
        return self._binary("arith.addf", a, b)

    def sub(self, a, b):
        return self._binary("arith.subf", a, b)

    def mul(self, a, b):
        return self._binary("arith.mulf", a, b)

    def div(self, a, b):
        return self._binary("arith.divf", a, b)

    def relu(self, x):
        def body(n, e):
            zero = e("arith.constant 0.0 : f32", "k")
            return e("arith.maximumf %s, %s : f32" % (n[0], zero))
        return self.elementwise([x], body)

    def gelu(self, x, approximate="none"):
        """GELU: exact ``0.5 x (1 + erf(x / sqrt 2))`` or ``"tanh"``."""
        def exact(n, e):
            k = e("arith.constant 0.7071067811865476 : f32", "k")
            half = e("arith.constant 0.5 : f32", "k")
            one = e("arith.constant 1.0 : f32", "k")
            erf = e("math.erf %s : f32" % e("arith.mulf %s, %s : f32" %
                                             (n[0], k)))
            return e("arith.mulf %s, %s : f32" % (
                e("arith.mulf %s, %s : f32" % (n[0], half)),
                e("arith.addf %s, %s : f32" % (erf, one))))

        def tanh(n, e):
            k = e("arith.constant 0.7978845608028654 : f32", "k")
            c = e("arith.constant 0.044715 : f32", "k")
            half = e("arith.constant 0.5 : f32", "k")
            one = e("arith.constant 1.0 : f32", "k")
            x3 = e("arith.mulf %s, %s : f32" % (
                e("arith.mulf %s, %s : f32" % (n[0], n[0])), n[0]))
            inner = e("arith.mulf %s, %s : f32" % (
                e("arith.addf %s, %s : f32" % (
                    n[0], e("arith.mulf %s, %s : f32" % (x3, c)))), k))
            t = e("math.tanh %s : f32" % inner)
            return e("arith.mulf %s, %s : f32" % (
                e("arith.mulf %s, %s : f32" % (n[0], half)),
                e("arith.addf %s, %s : f32" % (t, one))))

        if approximate not in ("none", "tanh"):
            raise InvalidArgumentError("gelu: approximate must be 'none' or "
                                       "'tanh', not %r" % (approximate,))
        return self.elementwise([x], exact if approximate == "none" else tanh)

    def sigmoid(self, x):
        def body(n, e):
            one = e("arith.constant 1.0 : f32", "k")
            ex = e("math.exp %s : f32" % e("arith.negf %s : f32" % n[0]))
            return e("arith.divf %s, %s : f32" % (
                one, e("arith.addf %s, %s : f32" % (one, ex))))
        return self.elementwise([x], body)

    def silu(self, x):
        return self.mul(x, self.sigmoid(x))

    def tanh(self, x):
        return self.elementwise([x], lambda n, e: e("math.tanh %s : f32" %
                                                    n[0]))

    def channel_affine(self, x, scale, shift, axis=1):
        """``x * scale[c] + shift[c]`` along `axis` (BatchNorm in eval mode,
        folded)."""
        x = self._check(x)
        axis %= x.rank
        scale = self._operand(scale, "bn_scale")
        shift = self._operand(shift, "bn_shift")
        shape = [1] * x.rank
        shape[axis] = x.shape[axis]
        scale, shift = self.reshape(scale, shape), self.reshape(shift, shape)
        return self.elementwise(
            [x, scale, shift],
            lambda n, e: e("arith.addf %s, %s : f32" % (
                e("arith.mulf %s, %s : f32" % (n[0], n[1])), n[2])))

    def batch_norm(self, x, mean, var, weight=None, bias=None, eps=1e-5):
        """BatchNorm in eval mode, folded to a per-channel scale and shift
        (axis 1)."""
        mean, var = np.asarray(mean, np.float64), np.asarray(var, np.float64)
        scale = 1.0 / np.sqrt(var + eps)
        if weight is not None:
            scale = scale * np.asarray(weight, np.float64)
        shift = -mean * scale
        if bias is not None:
            shift = shift + np.asarray(bias, np.float64)
        return self.channel_affine(x, scale.astype(np.float32),
                                   shift.astype(np.float32), axis=1)

    # ---- Reductions and normalizations ----------------------------------
    def sum(self, x, dims, keepdim=False):
        return self.reduce(x, dims, lambda acc, a, e: e(
            "arith.addf %s, %s : f32" % (a, acc)), 0.0, keepdim)

    def mean(self, x, dims, keepdim=False):
        x = self._check(x)
        count = int(np.prod([x.shape[d] for d in dims]))
        return self.mul(self.sum(x, dims, keepdim), 1.0 / count)

    def amax(self, x, dims, keepdim=False):
        return self.reduce(x, dims, lambda acc, a, e: e(
            "arith.maximumf %s, %s : f32" % (a, acc)), float("-inf"),
            keepdim)

    def softmax(self, x, dim=-1):
        x = self._check(x)
        shifted = self.sub(x, self.amax(x, [dim], keepdim=True))
        ex = self.elementwise([shifted], lambda n, e: e("math.exp %s : f32" %
                                                        n[0]))
        return self.div(ex, self.sum(ex, [dim], keepdim=True))

    def layer_norm(self, x, normalized_ndim=1, weight=None, bias=None,
                   eps=1e-5):
        """LayerNorm over the last `normalized_ndim` dims (biased variance,
        as PyTorch)."""
        x = self._check(x)
        dims = list(range(x.rank - normalized_ndim, x.rank))
        centered = self.sub(x, self.mean(x, dims, keepdim=True))
        var = self.mean(self.mul(centered, centered), dims, keepdim=True)

        def inv_std(n, e):
            one = e("arith.constant 1.0 : f32", "k")
            eps_c = e("arith.constant %s : f32" % _float(eps), "k")
            return e("arith.divf %s, %s : f32" % (one, e(
                "math.sqrt %s : f32" % e("arith.addf %s, %s : f32" %
                                         (n[0], eps_c)))))
        y = self.mul(centered, self.elementwise([var], inv_std))
        if weight is not None:
            y = self.mul(y, self._operand(weight, "ln_weight"))
        if bias is not None:
            y = self.add(y, self._operand(bias, "ln_bias"))
        return y

    # ---- Contractions ---------------------------------------------------
    def matmul(self, a, b):
        """``a @ b`` for [M, K] x [K, N] or batched [B, M, K] x [B, K, N]."""
        a, b = self._operand(a), self._operand(b)
        if a.rank == 2 and b.rank == 2 and a.shape[1] == b.shape[0]:
            shape, op = (a.shape[0], b.shape[1]), "linalg.matmul"
        elif (a.rank == 3 and b.rank == 3 and a.shape[0] == b.shape[0] and
              a.shape[2] == b.shape[1]):
            shape, op = (a.shape[0], a.shape[1], b.shape[2]), \
                "linalg.batch_matmul"
        else:
            raise InvalidArgumentError("matmul: unsupported shapes %s x %s" %
                                       (a.shape, b.shape))
        init = self.full(shape, 0.0)
        v = self._value(shape)
        self._emit("%s = %s ins(%s, %s : %s, %s) outs(%s : %s) -> %s" % (
            v.name, op, a.name, b.name, a.type, b.type, init.name, init.type,
            v.type))
        return v

    def _bias_init(self, bias, shape, dims):
        """A tensor of `shape` holding `bias` broadcast along `dims`, or
        zeros."""
        if bias is None:
            return self.full(shape, 0.0)
        bias = self._operand(bias, "bias")
        e = self.empty(shape)
        v = self._value(shape)
        self._emit("%s = linalg.broadcast ins(%s : %s) outs(%s : %s) "
                   "dimensions = %s" % (v.name, bias.name, bias.type, e.name,
                                        e.type, _ints(dims)))
        return v

    def linear(self, x, weight, bias=None):
        """``x W^T + b`` with PyTorch's weight layout [out, in]; x [..., in].
        A numpy weight is stored transposed ([in, out]) so that the layer is
        a plain ``linalg.matmul``."""
        x = self._check(x)
        lead = x.shape[:-1]
        m = int(np.prod(lead)) if lead else 1
        x2 = self.reshape(x, (m, x.shape[-1]))
        if isinstance(weight, Value):
            w = self._check(weight)
            n = w.shape[0]
            wt = self.permute(w, [1, 0])
        else:
            weight = np.asarray(weight, np.float32)
            n = weight.shape[0]
            wt = self.param(np.ascontiguousarray(weight.T), "linear_wt")
        if wt.shape[0] != x.shape[-1]:
            raise InvalidArgumentError("linear: weight %s does not fit input %s"
                                       % ((n, wt.shape[0]), x.shape))
        init = self._bias_init(bias, (m, n), [0])
        v = self._value((m, n))
        self._emit("%s = linalg.matmul ins(%s, %s : %s, %s) outs(%s : %s) -> %s"
                   % (v.name, x2.name, wt.name, x2.type, wt.type, init.name,
                      init.type, v.type))
        return self.reshape(v, lead + (n,))

    def pad(self, x, low, high, value=0.0):
        x = self._check(x)
        if not any(low) and not any(high):
            return x
        shape = [d + l + h for d, l, h in zip(x.shape, low, high)]
        c = self.scalar(value)
        v = self._value(shape)
        idx = ", ".join("%s: index" % self._fresh("i") for _ in shape)
        self._emit("%s = tensor.pad %s low%s high%s {" % (
            v.name, x.name, _ints(low), _ints(high)))
        self._lines.append("    ^bb0(%s):" % idx)
        self._lines.append("      tensor.yield %s : f32" % c)
        self._lines.append("    } : %s to %s" % (x.type, v.type))
        return v

    def conv2d(self, x, weight, bias=None, stride=1, padding=0, dilation=1,
               groups=1):
        """PyTorch's Conv2d (NCHW, weight [F, C/groups, kh, kw])."""
        x = self._check(x)
        stride, padding, dilation = (_pair(stride), _pair(padding),
                                     _pair(dilation))
        if not isinstance(weight, Value):
            weight = np.asarray(weight, np.float32)
        n, c, h, wd = x.shape
        f, cg, kh, kw = weight.shape
        if c != cg * groups or f % groups:
            raise InvalidArgumentError(
                "conv2d: weight %s with groups=%d does not fit input %s" %
                (tuple(weight.shape), groups, x.shape))
        if (groups == 1 and not isinstance(weight, Value) and
                stride == (kh, kw) and padding == (0, 0) and
                dilation == (1, 1) and h % kh == 0 and wd % kw == 0):
            return self._patch_conv2d(x, weight, bias)
        w = self._operand(weight, "conv_w")
        xp = self.pad(x, [0, 0, padding[0], padding[1]],
                      [0, 0, padding[0], padding[1]])
        ho = (xp.shape[2] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
        wo = (xp.shape[3] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
        attrs = ("{dilations = dense<%s> : tensor<2xi64>, strides = dense<%s> "
                 ": tensor<2xi64>}" % (_ints(dilation), _ints(stride)))
        if groups == 1:
            init = self._bias_init(bias, (n, f, ho, wo), [0, 2, 3])
            v = self._value((n, f, ho, wo))
            self._emit("%s = linalg.conv_2d_nchw_fchw %s ins(%s, %s : %s, %s) "
                       "outs(%s : %s) -> %s" % (
                           v.name, attrs, xp.name, w.name, xp.type, w.type,
                           init.name, init.type, v.type))
            return v
        g = groups
        xg = self.reshape(xp, (n, g, c // g) + xp.shape[2:])
        wg = self.reshape(w, (g, f // g, cg, kh, kw))
        out = (n, g, f // g, ho, wo)
        if bias is None:
            init = self.full(out, 0.0)
        else:
            b = self._operand(bias, "bias")
            init = self._bias_init(self.reshape(b, (g, f // g)), out,
                                   [0, 3, 4])
        v = self._value(out)
        self._emit("%s = linalg.conv_2d_ngchw_gfchw %s ins(%s, %s : %s, %s) "
                   "outs(%s : %s) -> %s" % (
                       v.name, attrs, xg.name, wg.name, xg.type, wg.type,
                       init.name, init.type, v.type))
        return self.reshape(v, (n, f, ho, wo))

    def _patch_conv2d(self, x, weight, bias):
        """A conv whose stride equals its kernel, without padding (1x1
        convs, patch embeddings and mergings): non-overlapping patches, so
        it is a GEMM ``W[F, C*kh*kw] @ X[n][C*kh*kw, Ho*Wo]`` per image,
        which the CPU back end tiles and vectorizes (or hands to oneDNN)."""
        n, c, h, wd = x.shape
        f, _, kh, kw = weight.shape
        ho, wo = h // kh, wd // kw
        k, p = c * kh * kw, ho * wo
        if kh == 1 and kw == 1:
            xk = self.reshape(x, (n, c, p))
        else:
            # [N, C, Ho, kh, Wo, kw] -> [N, C, kh, kw, Ho, Wo]: the
            # contraction dims in the weight's order.
            patches = self.reshape(x, (n, c, ho, kh, wo, kw))
            xk = self.reshape(self.permute(patches, [0, 1, 3, 5, 2, 4]),
                              (n, k, p))
        wm = self.param(weight.reshape(f, k), "conv_w")
        if n == 1:
            init = self._bias_init(bias, (f, p), [1])
            x2 = self.reshape(xk, (k, p))
            v = self._value((f, p))
            self._emit("%s = linalg.matmul ins(%s, %s : %s, %s) outs(%s : %s)"
                       " -> %s" % (v.name, wm.name, x2.name, wm.type, x2.type,
                                   init.name, init.type, v.type))
        else:
            e = self.empty((n, f, k))
            wb = self._value((n, f, k))
            self._emit("%s = linalg.broadcast ins(%s : %s) outs(%s : %s) "
                       "dimensions = [0]" % (wb.name, wm.name, wm.type,
                                             e.name, e.type))
            init = self._bias_init(bias, (n, f, p), [0, 2])
            v = self._value((n, f, p))
            self._emit("%s = linalg.batch_matmul ins(%s, %s : %s, %s) "
                       "outs(%s : %s) -> %s" % (
                           v.name, wb.name, xk.name, wb.type, xk.type,
                           init.name, init.type, v.type))
        return self.reshape(v, (n, f, ho, wo))

    # ---- The tessera dialect ----------------------------------------------
    def _tessera(self, text, operands, result_shape, result_dtype="f32"):
        v = self._value(result_shape, result_dtype)
        self._emit("%s = %s : (%s) -> %s" % (
            v.name, text, ", ".join(o.type for o in operands), v.type))
        return v

    def spectral_conv(self, x, weight, modes, bias=None, convention="corners",
                      fft_norm=None, out_shape=None):
        """``tessera.spectral_conv``: weight complex [Cin, Cout, K1..Kd]."""
        x = self._check(x)
        w = self._operand(weight, "spectral_w", dtype=None if isinstance(
            weight, Value) else np.complex64)
        operands = [x, w]
        text = "tessera.spectral_conv %s %s, %s" % (convention, x.name, w.name)
        if bias is not None:
            b = self._operand(bias, "spectral_b")
            operands.append(b)
            text += ", bias %s" % b.name
        text += " modes %s" % _ints(modes)
        spatial = tuple(x.shape[2:])
        if out_shape is not None:
            text += " out_shape %s" % _ints(out_shape)
            spatial = tuple(out_shape)
        if fft_norm is not None:
            text += " fft_norm %s" % fft_norm
        return self._tessera(text, operands, (x.shape[0], w.shape[1]) +
                             spatial)

    def partial_conv2d(self, x, weight, n_div=None, conv_channels=None):
        """``tessera.partial_conv2d`` (FasterNet's PConv)."""
        x = self._check(x)
        w = self._operand(weight, "pconv_w")
        attrs = []
        if n_div is not None and n_div != 4:
            attrs.append("n_div = %d" % n_div)
        if conv_channels is not None:
            attrs.append("conv_channels = %d" % conv_channels)
        text = "tessera.partial_conv2d %s, %s" % (x.name, w.name)
        if attrs:
            text += " {%s}" % ", ".join(attrs)
        return self._tessera(text, [x, w], x.shape)

    def kronecker_attention(self, x, wq, wk, wv, wo, heads, mode="kv",
                            bq=None, bk=None, bv=None, bo=None, scale=None):
        """``tessera.kronecker_attention``: weights [heads*dh, C] (wo
        [C, heads*dh]), optional biases."""
        x = self._check(x)
        ws = [self._operand(w, n) for w, n in
              ((wq, "wq"), (wk, "wk"), (wv, "wv"), (wo, "wo"))]
        operands = [x] + ws
        text = "tessera.kronecker_attention %s %s" % (
            mode, ", ".join(v.name for v in operands))
        for key, b in (("q_bias", bq), ("k_bias", bk), ("v_bias", bv),
                       ("o_bias", bo)):
            if b is not None:
                b = self._operand(b, key)
                operands.append(b)
                text += " %s %s" % (key, b.name)
        text += " heads %d" % heads
        if scale is not None:
            text += " scale %s" % _float(scale)
        out = (x.shape[0], ws[3].shape[0]) + x.shape[2:]
        return self._tessera(text, operands, out)

    def pau(self, x, numerator, denominator, version="safe",
            channel_axis=None):
        """``tessera.pau``: coefficients [m+1] and [n] (or per channel
        [C, m+1], [C, n] with `channel_axis`)."""
        x = self._check(x)
        p = self._operand(numerator, "pau_num")
        q = self._operand(denominator, "pau_den")
        text = "tessera.pau %s %s, %s, %s" % (version, x.name, p.name, q.name)
        if channel_axis is not None:
            text += " channel_axis %d" % channel_axis
        return self._tessera(text, [x, p, q], x.shape)

    def quadratic_linear(self, x, weights, biases=None, variant="fan"):
        """``tessera.quadratic_linear``: weights [out, in], biases [out]."""
        x = self._check(x)
        ws = [self._operand(w, "quad_w") for w in weights]
        operands = [x] + ws
        text = "tessera.quadratic_linear %s %s weights(%s)" % (
            variant, x.name, ", ".join(w.name for w in ws))
        if biases:
            bs = [self._operand(b, "quad_b") for b in biases]
            operands += bs
            text += " biases(%s)" % ", ".join(b.name for b in bs)
        return self._tessera(text, operands, x.shape[:-1] + (ws[0].shape[0],))

    def quadratic_conv2d(self, x, weights, biases=None, variant="fan",
                         stride=1, padding=0, dilation=1, groups=1):
        """``tessera.quadratic_conv2d``: weights [F, C/groups, kh, kw]."""
        x = self._check(x)
        stride, padding, dilation = (_pair(stride), _pair(padding),
                                     _pair(dilation))
        ws = [self._operand(w, "quad_w") for w in weights]
        operands = [x] + ws
        text = "tessera.quadratic_conv2d %s %s weights(%s)" % (
            variant, x.name, ", ".join(w.name for w in ws))
        if biases:
            bs = [self._operand(b, "quad_b") for b in biases]
            operands += bs
            text += " biases(%s)" % ", ".join(b.name for b in bs)
        text += " stride %s padding %s dilation %s" % (
            _ints(stride), _ints(padding), _ints(dilation))
        if groups != 1:
            text += " groups %d" % groups
        f, _, kh, kw = ws[0].shape
        ho = (x.shape[2] + 2 * padding[0] - dilation[0] * (kh - 1) - 1) \
            // stride[0] + 1
        wo = (x.shape[3] + 2 * padding[1] - dilation[1] * (kw - 1) - 1) \
            // stride[1] + 1
        return self._tessera(text, operands, (x.shape[0], f, ho, wo))

    def hadamard(self, x, block):
        """``tessera.hadamard``: orthonormal block Hadamard transform along
        the last dim."""
        x = self._check(x)
        v = self._value(x.shape, x.dtype)
        self._emit("%s = tessera.hadamard %s block %d : %s" %
                   (v.name, x.name, block, x.type))
        return v

    def quantize(self, x, scale, dtype="i8", axis=None):
        """``tessera.quantize`` with a scale operand (rank 0, or per `axis`)."""
        x = self._check(x)
        s = self._operand(scale, "q_scale", dtype=None if isinstance(
            scale, Value) else np.float32)
        text = "tessera.quantize %s scale %s" % (x.name, s.name)
        if axis is not None:
            text += " axis %d" % axis
        return self._tessera(text, [x, s], x.shape, dtype)

    def dequantize(self, q, scale, axis=None):
        q = self._check(q)
        s = self._operand(scale, "q_scale", dtype=None if isinstance(
            scale, Value) else np.float32)
        text = "tessera.dequantize %s scale %s" % (q.name, s.name)
        if axis is not None:
            text += " axis %d" % axis
        return self._tessera(text, [q, s], q.shape)

    def qmatmul(self, a, b, a_scale, b_scale):
        """``tessera.qmatmul`` [M, K] x [K, N] of quantized tensors with an
        f32 result ``a_scale * b_scale * acc``."""
        a, b = self._check(a), self._check(b)
        sa = self._operand(a_scale, "a_scale", dtype=None if isinstance(
            a_scale, Value) else np.float32)
        sb = self._operand(b_scale, "b_scale", dtype=None if isinstance(
            b_scale, Value) else np.float32)
        return self._tessera(
            "tessera.qmatmul %s, %s scales(%s, %s)" % (a.name, b.name,
                                                       sa.name, sb.name),
            [a, b, sa, sb], (a.shape[0], b.shape[1]))


def _pair(v):
    if isinstance(v, (tuple, list)):
        if len(v) != 2:
            raise InvalidArgumentError("expected 2 values, got %r" % (v,))
        return tuple(int(i) for i in v)
    return (int(v), int(v))
