"""Candidate blocking: which claims from different articles could speak to the
same question. Only claims in one block are ever compared, so model calls
grow with the number of claims, not with its square.

Similarity is TF-IDF cosine over lightly stemmed content words of the claim
(statement, triple and topic). Computing it for every pair is cheap
arithmetic; what must stay linear is the number of model calls.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.schemas import Claim

__all__ = ["Block", "block_claims", "similarity_matrix", "tokens"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:\.\d+)?")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "his",
        "her",
        "their",
        "he",
        "she",
        "they",
        "we",
        "our",
        "us",
        "not",
        "will",
        "would",
        "could",
        "may",
        "might",
        "can",
        "about",
        "into",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "also",
        "said",
        "says",
        "say",
        "stated",
        "according",
        "after",
        "before",
        "over",
        "under",
        "more",
        "most",
        "such",
        "other",
        "any",
        "some",
        "all",
        "only",
        "just",
        "very",
        "new",
    ]
)
_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "ness", "es", "ed", "ly", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return [_stem(w) for w in words if w and w not in _STOP and len(w) > 1]


def _claim_text(claim: Claim) -> str:
    return " ".join([claim.statement, claim.subject, claim.object, claim.topic])


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


@dataclass(frozen=True)
class Block:
    """Claims from at least two articles that may answer one question."""

    members: tuple[int, ...]
    cohesion: float


def block_claims(
    claims: Sequence[Claim],
    *,
    threshold: float = 0.12,
    max_block: int = 6,
) -> list[Block]:
    """Greedy average-free agglomeration over cross-article edges, strongest first.

    Two blocks merge only across articles, only while the result stays small
    (a block becomes one question and one short answer per member), and only
    when the edge clears ``threshold``. Blocks that end up within a single
    article are discarded: nothing to reconcile.
    """
    n = len(claims)
    sims = similarity_matrix(claims)
    edges = sorted(
        (
            (sims[i][j], i, j)
            for i in range(n)
            for j in range(i + 1, n)
            if claims[i].article_id != claims[j].article_id and sims[i][j] >= threshold
        ),
        reverse=True,
    )
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    strength: dict[int, float] = {i: 0.0 for i in range(n)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for sim, i, j in edges:
        ri, rj = root(i), root(j)
        if ri == rj or len(members[ri]) + len(members[rj]) > max_block:
            continue
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
        strength[ri] = max(strength[ri], strength.pop(rj), sim)

    blocks = [
        Block(members=tuple(sorted(group)), cohesion=strength[r])
        for r, group in members.items()
        if len({claims[k].article_id for k in group}) >= 2
    ]
    return sorted(blocks, key=lambda b: b.members)
