"""The contradiction model: what one text says about another, offline, without the LLM."""

from factcheck.nli.compare import compare, compare_many, sentence_spans, windows
from factcheck.nli.model import MODEL_DIR, ContradictionModel, default_model

__all__ = [
    "MODEL_DIR",
    "ContradictionModel",
    "compare",
    "compare_many",
    "default_model",
    "sentence_spans",
    "windows",
]
