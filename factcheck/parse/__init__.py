"""Reading sentences with a real parser: spaCy's English pipeline into typed facts.

Imports no LLM library; sits beside ``factcheck.ingest`` and ``factcheck.nli``.
"""

from factcheck.parse.facts import attach_facts, facts_from_doc, read_facts, read_facts_many
from factcheck.parse.nlp import (
    MODEL_FILES_SHA256,
    MODEL_PACKAGE,
    ParserModelError,
    load_nlp,
    model_directory,
    verify_model_files,
)
from factcheck.parse.numbers import Reading, bounds, read_number

__all__ = [
    "MODEL_FILES_SHA256",
    "MODEL_PACKAGE",
    "ParserModelError",
    "Reading",
    "attach_facts",
    "bounds",
    "facts_from_doc",
    "load_nlp",
    "model_directory",
    "read_facts",
    "read_facts_many",
    "read_number",
    "verify_model_files",
]
