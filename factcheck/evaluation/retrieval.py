"""Evidence retrieval: the source sentences most similar to a claim.

Lexical TF-IDF over the same stemmed content words the reconciler blocks
on (:func:`factcheck.reconcile.blocking.tokens`), so "similar" means the
same thing in both places. It is cheap arithmetic, no model call: the judge
is only ever asked about the few sentences retrieved here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.reconcile.blocking import tokens
from factcheck.schemas import Article, Sentence

__all__ = ["Evidence", "SentenceIndex"]

# A Claim's statement needs at least three characters; shorter "sentences"
# (stray list markers, initials) cannot become evidence claims anyway.
_MIN_SENTENCE_CHARS = 3


@dataclass(frozen=True)
class Evidence:
    """One retrieved source sentence, with its place in its article."""

    article_id: str
    sentence: Sentence
    score: float


class SentenceIndex:
    """TF-IDF vectors for every sentence of every source article."""

    def __init__(self, sources: Sequence[Article]) -> None:
        self._entries: list[tuple[str, Sentence]] = [
            (article.id, sentence)
            for article in sources
            for sentence in article.sentences
            if len(sentence.text.strip()) >= _MIN_SENTENCE_CHARS
        ]
        counts = [Counter(tokens(sentence.text)) for _, sentence in self._entries]
        df: Counter[str] = Counter()
        for count in counts:
            df.update(count.keys())
        n = len(counts)
        # Smoothed idf, as in blocking: a word in every sentence still counts a little.
        self._idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self._vectors = [self._vector(count) for count in counts]

    def __len__(self) -> int:
        return len(self._entries)

    def _vector(self, count: Counter[str]) -> dict[str, float]:
        # Words no source sentence uses get no weight: they cannot match anything.
        vec = {t: (1 + math.log(tf)) * self._idf[t] for t, tf in count.items() if t in self._idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def top(self, text: str, k: int) -> list[Evidence]:
        """The ``k`` best sentences for ``text``, best first; none that share no word.

        Ties keep source order (article, then sentence), so retrieval is
        deterministic and a re-run asks the judge the same questions.
        """
        query = self._vector(Counter(tokens(text)))
        if not query or k <= 0:
            return []
        scored = [
            (sum(w * vector.get(t, 0.0) for t, w in query.items()), position)
            for position, vector in enumerate(self._vectors)
        ]
        ranked = sorted((s for s in scored if s[0] > 0.0), key=lambda s: (-s[0], s[1]))
        return [
            Evidence(
                article_id=self._entries[position][0],
                sentence=self._entries[position][1],
                score=round(score, 4),
            )
            for score, position in ranked[:k]
        ]
