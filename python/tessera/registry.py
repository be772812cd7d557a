"""Converters of PyTorch modules the importer treats as single ops.

``@tessera.register_module(converter)`` on an ``nn.Module`` subclass makes
the torch.fx importer keep the module as a leaf (its forward is not traced)
and call ``converter(graph, module, *inputs)`` to emit it with the builder;
`inputs` are builder Values and the converter returns a Value (or a tuple of
them). The paper modules of ``tessera.models`` register themselves this way;
a user's module may too. This file does not import torch.
"""

_CONVERTERS = {}


def register_module(converter):
    """Class decorator: `converter(graph, module, *inputs) -> Value`."""
    if not callable(converter):
        raise TypeError("register_module takes a converter function: "
                        "@tessera.register_module(convert_my_layer)")

    def decorate(cls):
        _CONVERTERS[cls] = converter
        return cls
    return decorate


def converter_for(module):
    """The converter registered for `module`'s class (or a base class)."""
    for cls in type(module).__mro__:
        if cls in _CONVERTERS:
            return _CONVERTERS[cls]
    return None
