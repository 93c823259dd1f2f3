"""Similarity of claims, for candidate pairs: which claims from different articles could
speak to the same point. Only candidate pairs are put to the contradiction model.

Similarity is the cosine of MiniLM sentence embeddings when they are installed, else the
TF-IDF cosine of their statements (:mod:`factcheck.comparison.align.tfidf`). Computing it for
every pair is cheap arithmetic; what must stay linear is the number of model calls.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.comparison.align.tfidf import tfidf_similarities, tokens
from factcheck.nli.embeddings import Embedder, cosine_matrix
from factcheck.schemas import Claim

__all__ = [
    "EMBEDDING_THRESHOLD",
    "LEXICAL_THRESHOLD",
    "similarities",
    "similarity_matrix",
    "tokens",
]

# Cosine above which two claims may speak to one point: the cut that keeps 90% of MNLI dev's
# contradiction pairs (benchmarks/calibrate.py, "blocking"). The number of pairs stays
# bounded by top_k whatever the cut.
EMBEDDING_THRESHOLD = 0.33
LEXICAL_THRESHOLD = 0.12


def similarity_matrix(claims: Sequence[Claim]) -> list[list[float]]:
    """TF-IDF cosine of every pair of claims' statements."""
    return tfidf_similarities([c.statement for c in claims])


def similarities(
    claims: Sequence[Claim], embedder: Embedder | None = None
) -> tuple[list[list[float]], float]:
    """Pairwise similarity of claims and the threshold that goes with its kind."""
    if embedder is not None:
        return cosine_matrix(embedder.embed([c.statement for c in claims])), EMBEDDING_THRESHOLD
    return similarity_matrix(claims), LEXICAL_THRESHOLD
