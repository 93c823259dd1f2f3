"""Public names that load on first use (PEP 562), for packages whose parts are heavy.

A package lists each public name with the module that defines it; its module-level
``__getattr__`` calls :func:`load`, so ``import factcheck.llm`` costs nothing until a name
is read, and a caller that only needs ``Settings`` never loads openai.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from importlib import import_module

__all__ = ["load"]


def load(package: str, homes: Mapping[str, str], name: str) -> object:
    """The public ``name`` of ``package``, imported from its home and kept on the package.

    A home equal to ``package.name`` is a submodule, returned itself.
    """
    home = homes.get(name)
    if home is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module = import_module(home)
    value: object = module if home == f"{package}.{name}" else getattr(module, name)
    setattr(sys.modules[package], name, value)  # the next lookup is a plain attribute
    return value
