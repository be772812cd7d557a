"""Compiling and running models from Python.

``compile`` JIT-compiles MLIR (text, bytecode, a builder :class:`Graph` or an
imported PyTorch model) for a target, or, with ``output=``, writes an
ahead-of-time artifact with ``tessera-compile`` and loads it; ``load`` loads
an artifact or an .mlir file. Functions take and return numpy arrays.

Compilation controls (a ``CompileOptions`` or keyword arguments of
``compile``) are the ones this build has: ``library_calls`` and
``library_min_flops`` (the oneDNN path), ``threads`` (parallel loops of the
generated code), all given to ``tessera_context_set_option``, and
``cpu_codegen`` (the CPU tiling configuration, ``TESSERA_CPU_CODEGEN``'s
syntax, e.g. ``"mc=144 nc=512 kc=256 mr=6 nr=16"`` or ``"off"``). Runtime
options added later pass through ``options={name: value}`` unchanged; an
unknown name raises :class:`InvalidArgumentError` naming the known ones.
"""

import os
import subprocess
import tempfile
import threading

import numpy as np

from . import _tessera
from .errors import (CompileError, InvalidArgumentError, NotFoundError,
                     UnsupportedError)

# Every target this runtime knows; available_targets() says which of them
# work on this machine (a GPU target needs its runtime library and a device).
TARGETS = tuple(_tessera.targets())


def available_targets():
    """The targets of TARGETS that can run code here, "cpu" first."""
    found = []
    for target in TARGETS:
        try:
            _tessera.Context(target)
        except UnsupportedError:
            continue
        found.append(target)
    return found

# TESSERA_CPU_CODEGEN is read from the environment when a pipeline is built:
# concurrent compilations with different settings must not interleave.
_ENV_LOCK = threading.Lock()


class CompileOptions:
    """What a compilation may be told (see the module docstring)."""

    def __init__(self, library_calls=None, library_min_flops=None,
                 threads=None, cpu_codegen=None, options=None):
        self.library_calls = library_calls
        self.library_min_flops = library_min_flops
        self.threads = threads
        self.cpu_codegen = cpu_codegen
        self.options = dict(options or {})

    def runtime_options(self):
        """The (name, value) pairs for ``tessera_context_set_option``."""
        pairs = []
        if self.library_calls is not None:
            calls = self.library_calls
            if not isinstance(calls, str):
                calls = ",".join(calls)
            pairs.append(("library-calls", calls))
        if self.library_min_flops is not None:
            pairs.append(("library-min-flops",
                          str(int(self.library_min_flops))))
        if self.threads is not None:
            pairs.append(("threads", str(int(self.threads))))
        pairs += [(str(k), str(v)) for k, v in self.options.items()]
        return pairs

    def __repr__(self):
        return ("CompileOptions(library_calls=%r, library_min_flops=%r, "
                "threads=%r, cpu_codegen=%r, options=%r)" % (
                    self.library_calls, self.library_min_flops, self.threads,
                    self.cpu_codegen, self.options))


def _to_bytes(source):
    """MLIR text/bytecode of what ``compile`` accepts, with the weights the
    module binds (entry name, arrays) if any."""
    if isinstance(source, bytes):
        return source, None
    if isinstance(source, str):
        return source.encode(), None
    if hasattr(source, "mlir") and callable(source.mlir):
        bound = (source.name, list(getattr(source, "params", [])))
        return source.mlir().encode(), bound
    raise InvalidArgumentError(
        "compile() takes MLIR text (str), bytecode (bytes), a tessera.Graph "
        "or an imported model, not %s" % type(source).__name__)


class Function:
    """A compiled function; call it with numpy arrays (or array-likes).

    Returns one array, or a tuple for several results. Arrays of the right
    dtype are read in place, whatever their strides; other array-likes are
    converted to the input's dtype.
    """

    def __init__(self, function, bound=()):
        self._function = function
        self._bound = list(bound)
        self.name = function.name
        signature = function.inputs
        self.inputs = signature[:len(signature) - len(self._bound)]
        self.results = function.results

    def __call__(self, *args):
        if len(args) != len(self.inputs):
            raise InvalidArgumentError(
                "function '%s' takes %d inputs, got %d" % (
                    self.name, len(self.inputs), len(args)))
        arrays = []
        for arg, (dtype, _) in zip(args, self.inputs):
            if not isinstance(arg, np.ndarray):
                arg = np.asarray(arg, dtype=_NUMPY_DTYPES.get(dtype))
            arrays.append(arg)
        results = self._function(*arrays, *self._bound)
        return results[0] if len(results) == 1 else tuple(results)

    def __repr__(self):
        return "<tessera.Function %s%s -> %s>" % (self.name, self.inputs,
                                                   self.results)


_NUMPY_DTYPES = {"f32": np.float32, "f64": np.float64, "i32": np.int32,
                 "i64": np.int64, "i8": np.int8, "u8": np.uint8, "i4": np.int8,
                 "u4": np.uint8, "i1": np.bool_, "c64": np.complex64}


class Module:
    """A loaded module: ``module["f"]`` or ``module.f`` is a
    :class:`Function`; a module with a single function (or the entry of a
    builder graph / imported model) is callable itself."""

    def __init__(self, module, bound=None, options=None):
        self._module = module
        self._bound = bound  # (entry name, arrays) or None
        self.options = options
        self.function_names = list(module.function_names)

    def __getitem__(self, name):
        bound = ()
        if self._bound is not None and name == self._bound[0]:
            bound = self._bound[1]
        return Function(self._module.lookup(name), bound)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except NotFoundError as e:
            raise AttributeError(str(e)) from None

    @property
    def entry(self):
        if self._bound is not None:
            return self[self._bound[0]]
        if len(self.function_names) != 1:
            raise InvalidArgumentError(
                "the module has %d functions (%s): call one by name" % (
                    len(self.function_names),
                    ", ".join(self.function_names)))
        return self[self.function_names[0]]

    def __call__(self, *args):
        return self.entry(*args)

    def __repr__(self):
        return "<tessera.Module %s>" % ", ".join(self.function_names)


def _context(target, options):
    if target not in TARGETS:
        raise UnsupportedError("unknown target '%s' (this build has: %s)" % (
            target, ", ".join(TARGETS)))
    context = _tessera.Context(target)
    for name, value in options.runtime_options():
        context.set_option(name, value)
    return context


class _CodegenEnvironment:
    """Sets TESSERA_CPU_CODEGEN for the duration of a compilation."""

    def __init__(self, value):
        self.value = value

    def __enter__(self):
        _ENV_LOCK.acquire()
        self.saved = os.environ.get("TESSERA_CPU_CODEGEN")
        if self.value is not None:
            os.environ["TESSERA_CPU_CODEGEN"] = self.value

    def __exit__(self, *exc):
        if self.value is not None:
            if self.saved is None:
                del os.environ["TESSERA_CPU_CODEGEN"]
            else:
                os.environ["TESSERA_CPU_CODEGEN"] = self.saved
        _ENV_LOCK.release()


def compile(source, target="cpu", *, options=None, output=None, **kwargs):
    """Compiles `source` for `target` and returns a loaded :class:`Module`.

    source: MLIR text (str) or bytecode (bytes), a :class:`tessera.Graph`, or
    a model from :func:`tessera.from_torch`. options: a
    :class:`CompileOptions`, or its fields as keyword arguments
    (``library_calls=``, ``library_min_flops=``, ``cpu_codegen=``) plus
    ``options={name: value}`` for further runtime options. output: a path
    ending in .so: compile ahead of time with tessera-compile, write the
    library (and its C header) there, and load it.

    Raises InvalidIRError with the compiler's diagnostics for IR that does
    not parse or verify, CompileError when lowering fails.
    """
    if isinstance(options, CompileOptions):
        if kwargs:
            raise InvalidArgumentError(
                "pass either a CompileOptions or keyword options, not both")
    else:
        options = CompileOptions(options=options, **kwargs)
    data, bound = _to_bytes(source)
    if output is not None:
        return _compile_aot(data, bound, target, options, str(output))
    context = _context(target, options)
    with _CodegenEnvironment(options.cpu_codegen):
        module = context.load_source(data)
    return Module(module, bound, options)


def _tool(name):
    from . import _build_config
    path = os.path.join(_build_config.TOOLS_DIR, name)
    if not os.path.exists(path):
        raise NotFoundError("%s not found at %s (build it: ninja -C build %s)"
                            % (name, path, name))
    return path


def _compile_aot(data, bound, target, options, output):
    if target not in TARGETS:
        raise UnsupportedError("unknown target '%s' (this build has: %s)" % (
            target, ", ".join(TARGETS)))
    if options.options:
        raise UnsupportedError(
            "options %s cannot be given to an ahead-of-time compilation" %
            sorted(options.options))
    with tempfile.TemporaryDirectory(prefix="tessera-") as tmp:
        src = os.path.join(tmp, "model.mlir" if not data.startswith(b"ML\xefR")
                           else "model.mlirbc")
        with open(src, "wb") as f:
            f.write(data)
        command = [_tool("tessera-compile"), src, "--target=" + target,
                   "-o", output]
        if options.library_calls is not None:
            calls = options.library_calls
            command.append("--library-calls=" + (
                calls if isinstance(calls, str) else ",".join(calls)))
        if options.library_min_flops is not None:
            command.append("--library-min-flops=%d" % options.library_min_flops)
        if options.threads is not None:
            command.append("--num-threads=%d" % options.threads)
        env = dict(os.environ)
        if options.cpu_codegen is not None:
            env["TESSERA_CPU_CODEGEN"] = options.cpu_codegen
        done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        # tessera-compile's own diagnostics (parse, verify or lowering).
        raise CompileError(done.stderr.strip() or done.stdout.strip())
    module = load(output)
    module._bound = bound
    return module


def load(path, target="cpu", **kwargs):
    """Loads an artifact of tessera-compile (.so) or an MLIR file (.mlir,
    .mlirbc: JIT-compiled with the given options)."""
    options = CompileOptions(**kwargs)
    context = _context(target, options)
    with _CodegenEnvironment(options.cpu_codegen):
        module = context.load_file(os.fspath(path))
    return Module(module, None, options)
