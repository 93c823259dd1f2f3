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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.ingest.words import content_words
from factcheck.reconcile.embeddings import Embedder, cosine_matrix
from factcheck.schemas import Claim

__all__ = [
    "EMBEDDING_THRESHOLD",
    "LEXICAL_THRESHOLD",
    "Block",
    "block_claims",
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


def similarities(
    claims: Sequence[Claim], embedder: Embedder | None = None
) -> tuple[list[list[float]], float]:
    """Pairwise similarity of claims and the threshold that goes with its kind."""
    if embedder is not None:
        return cosine_matrix(embedder.embed([c.statement for c in claims])), EMBEDDING_THRESHOLD
    return similarity_matrix(claims), LEXICAL_THRESHOLD


def block_claims(
    claims: Sequence[Claim],
    *,
    embedder: Embedder | None = None,
    threshold: float | None = None,
    max_block: int = 6,
    max_blocks_per_claim: int = 3,
    sims: list[list[float]] | None = None,
) -> list[Block]:
    """Overlapping blocks of mutually similar claims from different articles.

    Pairs above ``threshold`` are taken strongest first. A pair already
    sharing a block is done; otherwise one claim joins a block of the other
    where it is similar to *every* member (so a block stays about one
    question), or the pair opens a new block. Blocks may overlap: "mirroring
    Article 5" is close both to the NATO-bid claims and to "would not reach
    the level of Article 5", and must be compared with each.

    Each block costs one question and one short answer per member. A claim
    sits in at most ``max_blocks_per_claim`` blocks, so the model calls stay
    below ``len(claims) * max_blocks_per_claim`` answers: linear in claims.
    """
    n = len(claims)
    if sims is None:
        sims, default_cut = similarities(claims, embedder)
    else:
        default_cut = EMBEDDING_THRESHOLD if embedder is not None else LEXICAL_THRESHOLD
    cut = default_cut if threshold is None else threshold

    blocks: list[list[int]] = []
    memberships: list[list[int]] = [[] for _ in range(n)]

    def fits(candidate: int, block: list[int]) -> bool:
        return (
            len(block) < max_block
            and all(claims[m].article_id != claims[candidate].article_id for m in block)
            and all(sims[candidate][m] >= cut for m in block)
        )

    def join(candidate: int, number: int) -> None:
        blocks[number].append(candidate)
        memberships[candidate].append(number)

    edges = sorted(
        (
            (sims[i][j], i, j)
            for i in range(n)
            for j in range(i + 1, n)
            if claims[i].article_id != claims[j].article_id and sims[i][j] >= cut
        ),
        key=lambda edge: (-edge[0], edge[1], edge[2]),
    )
    for _, i, j in edges:
        if set(memberships[i]) & set(memberships[j]):
            continue
        placed = False
        for member, other in ((i, j), (j, i)):
            if len(memberships[other]) >= max_blocks_per_claim:
                continue
            for number in memberships[member]:
                if fits(other, blocks[number]):
                    join(other, number)
                    placed = True
                    break
            if placed:
                break
        if placed:
            continue
        if max(len(memberships[i]), len(memberships[j])) >= max_blocks_per_claim:
            continue
        blocks.append([])
        join(i, len(blocks) - 1)
        join(j, len(blocks) - 1)

    result = []
    for members in blocks:
        pairs = [(a, b) for x, a in enumerate(members) for b in members[x + 1 :]]
        cohesion = sum(sims[a][b] for a, b in pairs) / len(pairs)
        result.append(Block(members=tuple(members), cohesion=cohesion))
    return result
