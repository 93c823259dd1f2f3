"""factcheck: cross-article fact-consistency checking with an LLM backend.

import factcheck
report = factcheck.check(["seeds/"])
print(factcheck.render_markdown(report))

The public names load on first use (PEP 562), so importing one layer
(``factcheck.schemas``, ``factcheck.language``, ``factcheck.report``) loads neither the
parser nor an LLM library.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

from factcheck import _lazy

if TYPE_CHECKING:
    from factcheck._version import __version__
    from factcheck.api import check, compare, compare_many, extract, load_inputs, rerender
    from factcheck.errors import (
        ConfigurationError,
        ContradictionModelError,
        FactcheckError,
        InputError,
        LocalBackendError,
        ModelCallError,
        ModelOutputError,
    )
    from factcheck.llm import LLM, Settings, open_llm
    from factcheck.report import render_html, render_json, render_markdown
    from factcheck.schemas import Article, Claim, Finding, PairVerdict, Report

_HOMES = {
    "__version__": "factcheck._version",
    "check": "factcheck.api",
    "compare": "factcheck.api",
    "compare_many": "factcheck.api",
    "extract": "factcheck.api",
    "load_inputs": "factcheck.api",
    "rerender": "factcheck.api",
    "ConfigurationError": "factcheck.errors",
    "ContradictionModelError": "factcheck.errors",
    "FactcheckError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "LocalBackendError": "factcheck.errors",
    "ModelCallError": "factcheck.errors",
    "ModelOutputError": "factcheck.errors",
    "LLM": "factcheck.llm",
    "Settings": "factcheck.llm",
    "open_llm": "factcheck.llm",
    "render_html": "factcheck.report",
    "render_json": "factcheck.report",
    "render_markdown": "factcheck.report",
    "Article": "factcheck.schemas",
    "Claim": "factcheck.schemas",
    "Finding": "factcheck.schemas",
    "PairVerdict": "factcheck.schemas",
    "Report": "factcheck.schemas",
}
"""Each public name and the module that defines it."""

__all__ = [
    "LLM",
    "Article",
    "Claim",
    "ConfigurationError",
    "ContradictionModelError",
    "FactcheckError",
    "Finding",
    "InputError",
    "LocalBackendError",
    "ModelCallError",
    "ModelOutputError",
    "PairVerdict",
    "Report",
    "Settings",
    "__version__",
    "check",
    "compare",
    "compare_many",
    "extract",
    "load_inputs",
    "open_llm",
    "render_html",
    "render_json",
    "render_markdown",
    "rerender",
]


if not TYPE_CHECKING:  # type checkers read the imports above, and flag unknown names

    def __getattr__(name: str) -> object:
        return _lazy.load(__name__, _HOMES, name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Root(ModuleType):
    """The package root, which keeps a public name when a subpackage of that name loads.

    ``factcheck.extract`` is the api function and also a subpackage; importing the
    subpackage would rebind the root's attribute to the module (as the eager import of
    ``factcheck.api`` used to undo), so that rebinding is skipped and the public name
    stays the function. The subpackage itself is in ``sys.modules`` as always.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and name in _HOMES:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Root
