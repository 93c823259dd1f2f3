"""Reading sentences with a real parser: spaCy's English pipeline into typed facts.

Imports no LLM library; sits beside ``factcheck.ingest`` and ``factcheck.nli``.
"""

from factcheck.parse.nlp import (
    MODEL_FILES_SHA256,
    MODEL_PACKAGE,
    ParserModelError,
    load_nlp,
    model_directory,
    verify_model_files,
)

__all__ = [
    "MODEL_FILES_SHA256",
    "MODEL_PACKAGE",
    "ParserModelError",
    "load_nlp",
    "model_directory",
    "verify_model_files",
]
