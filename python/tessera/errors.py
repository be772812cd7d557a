"""Exceptions of the tessera package.

Every runtime failure raises a subclass of :class:`TesseraError` chosen by the
runtime's status code (``tessera_status`` in ``include/tessera-c/runtime.h``);
its message is the runtime's, which for invalid IR holds the compiler's
diagnostics (``<source>:line:col: error: ...``). The PyTorch importer raises
:class:`UnsupportedError` naming the module path and the op it cannot map.
"""


class TesseraError(Exception):
    """Base class of every error the tessera package raises."""

    status = None


class InvalidArgumentError(TesseraError, ValueError):
    """Null data, wrong arity, dtype or shape, an unknown option."""

    status = 1  # TESSERA_INVALID_ARGUMENT


class NotFoundError(TesseraError, LookupError):
    """A missing file or an unknown function."""

    status = 2  # TESSERA_NOT_FOUND


class InvalidIRError(TesseraError):
    """The module does not parse or verify: the message holds the
    compiler's diagnostics."""

    status = 3  # TESSERA_INVALID_IR


class CompileError(TesseraError):
    """Lowering or code generation failed."""

    status = 4  # TESSERA_COMPILE_ERROR


class TesseraIOError(TesseraError, OSError):
    """Reading or writing a file failed."""

    status = 5  # TESSERA_IO_ERROR


class UnsupportedError(TesseraError, NotImplementedError):
    """Valid but not supported: a target this build lacks, or a PyTorch
    module or function the importer cannot map."""

    status = 6  # TESSERA_UNSUPPORTED


_BY_STATUS = {cls.status: cls for cls in (
    InvalidArgumentError, NotFoundError, InvalidIRError, CompileError,
    TesseraIOError, UnsupportedError)}


def error_class(status):
    """The exception class of a ``tessera_status`` code (used by _tessera)."""
    return _BY_STATUS.get(status, TesseraError)
