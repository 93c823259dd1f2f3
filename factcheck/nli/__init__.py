"""The contradiction model: what one text says about another, offline, without the LLM."""

from factcheck.nli.compare import (
    ENTAILMENT_THRESHOLD,
    WindowScores,
    compare,
    compare_many,
    score_windows,
    sentence_spans,
    windows,
)
from factcheck.nli.model import MODEL_DIR, ContradictionModel, default_info, default_model

__all__ = [
    "ENTAILMENT_THRESHOLD",
    "MODEL_DIR",
    "ContradictionModel",
    "WindowScores",
    "compare",
    "compare_many",
    "default_info",
    "default_model",
    "score_windows",
    "sentence_spans",
    "windows",
]
