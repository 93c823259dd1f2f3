"""Similarity of claims, for candidate pairs: which claims from different articles could
speak to the same point. Only candidate pairs are put to the contradiction model.

Similarity is the cosine of MiniLM sentence embeddings when they are
installed, else TF-IDF cosine over lightly stemmed content words of the
claim (statement, triple and topic). Computing it for every pair is cheap
arithmetic; what must stay linear is the number of model calls.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from factcheck.language.words import content_words
from factcheck.reconcile.embeddings import Embedder, cosine_matrix
from factcheck.schemas import Claim

__all__ = [
    "EMBEDDING_THRESHOLD",
    "LEXICAL_THRESHOLD",
    "similarities",
    "similarity_matrix",
    "tokens",
]

# Cosine above which two claims may share a question. Measured on the seeds:
# MiniLM puts paraphrases of one fact at 0.55-0.8 and unrelated news near 0.
EMBEDDING_THRESHOLD = 0.45
LEXICAL_THRESHOLD = 0.12

_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "ness", "es", "ed", "ly", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    return [_stem(w) for w in content_words(text)]


def _claim_text(claim: Claim) -> str:
    return claim.statement


def similarity_matrix(claims: Sequence[Claim]) -> list[list[float]]:
    docs = [Counter(tokens(_claim_text(c))) for c in claims]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    vectors: list[dict[str, float]] = []
    for doc in docs:
        # Smoothed idf (+1), so a word shared by every claim still counts.
        vec = {
            t: (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, tf in doc.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    sims = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = vectors[i], vectors[j]
            if len(a) > len(b):
                a, b = b, a
            s = sum(v * b.get(t, 0.0) for t, v in a.items())
            sims[i][j] = sims[j][i] = s
    return sims


def similarities(
    claims: Sequence[Claim], embedder: Embedder | None = None
) -> tuple[list[list[float]], float]:
    """Pairwise similarity of claims and the threshold that goes with its kind."""
    if embedder is not None:
        return cosine_matrix(embedder.embed([c.statement for c in claims])), EMBEDDING_THRESHOLD
    return similarity_matrix(claims), LEXICAL_THRESHOLD
