"""Tessera from Python: compile and run models with numpy arrays, write
models with a graph builder, import PyTorch models.

    import tessera
    model = tessera.compile(mlir_text)            # JIT for the CPU
    y = model["fno2d"](x, w)                      # numpy in, numpy out

    g = tessera.Graph("mlp")                      # builder -> MLIR text
    ...
    imported = tessera.from_torch(torch_module, example_input)
    y = tessera.compile(imported)(x)              # weights bound

See README.md ("Python") for set-up and more.
"""

from .errors import (CompileError, InvalidArgumentError, InvalidIRError,
                     NotFoundError, TesseraError, TesseraIOError,
                     UnsupportedError)
from .runtime import (TARGETS, CompileOptions, Function, Module,
                      available_targets, compile, load)
from .builder import Graph, Value
from .registry import register_module


def from_torch(module, *example_inputs, **kwargs):
    """Imports a PyTorch module (see tessera.torch_import.import_module).
    PyTorch is imported on first use only."""
    from .torch_import import import_module
    return import_module(module, *example_inputs, **kwargs)


__all__ = [
    "CompileError", "CompileOptions", "Function", "Graph",
    "InvalidArgumentError", "InvalidIRError", "Module", "NotFoundError", "TARGETS", "TesseraError",
    "TesseraIOError", "UnsupportedError", "Value", "available_targets",
    "compile", "from_torch",
    "load", "register_module",
]
