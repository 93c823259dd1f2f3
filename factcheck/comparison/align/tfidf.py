"""The one TF-IDF of factcheck: lightly stemmed content words, smoothed idf, cosine.

Blocking (which claims could speak to one point, when no embeddings are installed) and
retrieval (which source sentences a draft claim is checked against) both use it, so
"similar" means the same thing in both places. It is cheap arithmetic, no model call.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from factcheck.language import content_words

__all__ = ["TfidfSpace", "tokens"]

_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "ness", "es", "ed", "ly", "s")

Vector = dict[str, float]


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """The stemmed content words of ``text``, in order (negators kept)."""
    return [_stem(w) for w in content_words(text)]


class TfidfSpace:
    """TF-IDF vectors of a collection of texts; other texts can be put in the same space."""

    def __init__(self, texts: Sequence[str]) -> None:
        counts = [Counter(tokens(text)) for text in texts]
        df: Counter[str] = Counter()
        for count in counts:
            df.update(count.keys())
        n = len(counts)
        # Smoothed idf (+1), so a word in every text still counts a little.
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self.vectors = [self._vector(count) for count in counts]

    def vector(self, text: str) -> Vector:
        """``text`` in this space; words none of the collection uses get no weight."""
        return self._vector(Counter(tokens(text)))

    def _vector(self, count: Counter[str]) -> Vector:
        vec = {t: (1 + math.log(tf)) * self.idf[t] for t, tf in count.items() if t in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    @staticmethod
    def cosine(a: Vector, b: Vector) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(t, 0.0) for t, v in a.items())

    def matrix(self) -> list[list[float]]:
        """Cosine of every pair of the collection's texts (0 on the diagonal)."""
        n = len(self.vectors)
        sims = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                sims[i][j] = sims[j][i] = self.cosine(self.vectors[i], self.vectors[j])
        return sims
