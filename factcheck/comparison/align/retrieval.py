"""Evidence retrieval: the source sentences most similar to a claim.

The TF-IDF the reconciler blocks on (:mod:`factcheck.comparison.align.tfidf`), so
"similar" means the same thing in both places. It is cheap arithmetic, no model call: the judge
is only ever asked about the few sentences retrieved here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.comparison.align.tfidf import TfidfSpace
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
        self._space = TfidfSpace([sentence.text for _, sentence in self._entries])

    def __len__(self) -> int:
        return len(self._entries)

    def top(self, text: str, k: int) -> list[Evidence]:
        """The ``k`` best sentences for ``text``, best first; none that share no word.

        Ties keep source order (article, then sentence), so retrieval is
        deterministic and a re-run asks the judge the same questions.
        """
        query = self._space.vector(text)
        if not query or k <= 0:
            return []
        scored = [
            (TfidfSpace.cosine(query, vector), position)
            for position, vector in enumerate(self._space.vectors)
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
