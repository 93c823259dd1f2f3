"""The one TF-IDF of claim blocking: lightly stemmed content words, scikit-learn's
``TfidfVectorizer`` (sublinear tf, smoothed idf, unit length), cosine.

Blocking uses it to tell which claims could speak to one point when no embeddings are
installed. It is cheap arithmetic, no model call.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.language import content_words

__all__ = ["tfidf_similarities", "tokens"]

_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "ness", "es", "ed", "ly", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """The stemmed content words of ``text``, in order (negators kept)."""
    return [_stem(w) for w in content_words(text)]


def tfidf_similarities(texts: Sequence[str]) -> list[list[float]]:
    """Cosine of every pair of ``texts`` as TF-IDF vectors of their :func:`tokens` (0 on
    the diagonal): tf is ``1 + log(count)``, idf ``log((1 + n) / (1 + df)) + 1`` (a word in
    every text still counts a little), each vector of unit length."""
    n = len(texts)
    if not any(tokens(text) for text in texts):
        # No content word anywhere: no vocabulary, and nothing is similar to anything.
        return [[0.0] * n for _ in range(n)]
    # scikit-learn (and SciPy with it) loads only when blocking has no embeddings to use.
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer=tokens, sublinear_tf=True).fit_transform(texts)
    sims: list[list[float]] = (vectors @ vectors.T).toarray().tolist()
    for i in range(n):
        sims[i][i] = 0.0
    return sims
