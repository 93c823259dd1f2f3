"""factcheck: cross-article fact-consistency checking with an LLM backend.

import factcheck
report = factcheck.check(["seeds/"])
print(factcheck.render_markdown(report))
"""

__version__ = "0.1.0"

from factcheck.api import check, extract, load_inputs
from factcheck.errors import (
    ConfigurationError,
    FactcheckError,
    InputError,
    LocalBackendError,
    ModelCallError,
    ModelOutputError,
)
from factcheck.llm import LLM, Settings, open_llm
from factcheck.report import render_json, render_markdown
from factcheck.schemas import Article, Claim, Finding, Report

__all__ = [
    "LLM",
    "Article",
    "Claim",
    "ConfigurationError",
    "FactcheckError",
    "Finding",
    "InputError",
    "LocalBackendError",
    "ModelCallError",
    "ModelOutputError",
    "Report",
    "Settings",
    "__version__",
    "check",
    "extract",
    "load_inputs",
    "open_llm",
    "render_json",
    "render_markdown",
]
