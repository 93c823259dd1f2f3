"""Windows of sentences that fit a model's context.

Successive windows share a few sentences so a claim that needs its
neighbour ("He added ...") is seen whole in at least one window.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.schemas import Sentence

__all__ = ["chunk_sentences"]


def chunk_sentences(
    sentences: Sequence[Sentence], *, max_chars: int, overlap: int = 2
) -> list[list[Sentence]]:
    """Consecutive windows whose joined text fits ``max_chars``.

    Sentences are joined with one space. A sentence longer than ``max_chars``
    forms a window of its own rather than being cut, and each window adds at
    least one sentence the previous one did not have, so the loop always ends.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    if overlap < 0:
        raise ValueError("overlap must not be negative")
    items = list(sentences)
    if not items:
        return []

    def span(first: int, stop: int) -> int:
        return sum(len(s.text) for s in items[first:stop]) + (stop - first - 1)

    chunks: list[list[Sentence]] = []
    start = 0
    while True:
        stop = start + 1
        while stop < len(items) and span(start, stop + 1) <= max_chars:
            stop += 1
        chunks.append(items[start:stop])
        if stop >= len(items):
            return chunks
        start = max(stop - overlap, start + 1)
        # Give up overlap rather than leave no room for the next new sentence.
        while start < stop and span(start, stop + 1) > max_chars:
            start += 1
