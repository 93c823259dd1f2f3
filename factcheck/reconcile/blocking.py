"""Candidate blocking: which claims from different articles could speak to the
same question. Only claims in one block are ever compared, so model calls
grow with the number of claims, not with its square.

Similarity is the cosine of MiniLM sentence embeddings when they are
installed, else TF-IDF cosine over lightly stemmed content words of the
claim (statement, triple and topic). Computing it for every pair is cheap
arithmetic; what must stay linear is the number of model calls.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.reconcile.embeddings import Embedder, cosine_matrix
from factcheck.schemas import Claim

__all__ = [
    "EMBEDDING_THRESHOLD",
    "LEXICAL_THRESHOLD",
    "Block",
    "block_claims",
    "similarity_matrix",
    "tokens",
]

# Cosine above which two claims may share a question. Measured on the seeds:
# MiniLM puts paraphrases of one fact at 0.55-0.8 and unrelated news near 0.
EMBEDDING_THRESHOLD = 0.45
LEXICAL_THRESHOLD = 0.12

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
    embedder: Embedder | None = None,
    threshold: float | None = None,
    max_block: int = 6,
) -> list[Block]:
    """Average-linkage agglomeration over cross-article pairs, strongest first.

    Two blocks merge only when the mean similarity of their members clears
    ``threshold`` (single links would chain every NATO-related claim into one
    block) and only while the result stays small: a block becomes one
    question and one short answer per member. Blocks within a single article
    are discarded: nothing to reconcile.
    """
    n = len(claims)
    if embedder is not None:
        sims = cosine_matrix(embedder.embed([c.statement for c in claims]))
        cut = EMBEDDING_THRESHOLD if threshold is None else threshold
    else:
        sims = similarity_matrix(claims)
        cut = LEXICAL_THRESHOLD if threshold is None else threshold
    blocks: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))

    def linkage(a: list[int], b: list[int]) -> float:
        return sum(sims[i][j] for i in a for j in b) / (len(a) * len(b))

    edges = sorted(
        (
            (sims[i][j], i, j)
            for i in range(n)
            for j in range(i + 1, n)
            if claims[i].article_id != claims[j].article_id and sims[i][j] >= cut
        ),
        reverse=True,
    )
    for _, i, j in edges:
        bi, bj = owner[i], owner[j]
        if bi == bj or len(blocks[bi]) + len(blocks[bj]) > max_block:
            continue
        if linkage(blocks[bi], blocks[bj]) < cut:
            continue
        for k in blocks[bj]:
            owner[k] = bi
        blocks[bi].extend(blocks.pop(bj))

    result = []
    for members in blocks.values():
        if len({claims[k].article_id for k in members}) < 2:
            continue
        pairs = [(i, j) for i in members for j in members if i < j]
        cohesion = sum(sims[i][j] for i, j in pairs) / len(pairs)
        result.append(Block(members=tuple(sorted(members)), cohesion=cohesion))
    return sorted(result, key=lambda b: b.members)
