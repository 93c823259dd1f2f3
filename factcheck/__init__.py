"""factcheck: cross-article fact-consistency checking with an LLM backend.

import factcheck
report = factcheck.check(["seeds/"])
print(factcheck.render_markdown(report))
"""

__version__ = "0.1.0"

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
