"""Comparison: claims against claims and statements against sources, with one judge.

Reconciliation (candidate pairs, typed checks on the parsed facts, the contradiction model's
scores, points and disputes) and verification (a draft against its sources) share blocking,
the typed checks, the judge and the finding sides. This wing sees claims only through
``factcheck.schemas``: it imports nothing of extraction.
"""

from factcheck.comparison.blocking import similarities, similarity_matrix
from factcheck.comparison.embeddings import Embedder, MiniLMEmbedder, load_default_embedder
from factcheck.comparison.findings import build_finding, side_of
from factcheck.comparison.judge import CachedJudge, ModelJudge, PairJudge, PairScore, score_pairs
from factcheck.comparison.reconciler import (
    PairFinding,
    Reconciler,
    ReconcileResult,
    candidate_pairs,
    same_source,
    sharing_pairs,
)
from factcheck.comparison.retrieval import Evidence, SentenceIndex
from factcheck.comparison.verify import (
    ClaimCheck,
    ClaimVerdict,
    VerifyResult,
    every_sentence,
    evidence_claim,
    sentence_claims,
    verify_claims,
    verify_sentences,
)

__all__ = [
    "CachedJudge",
    "ClaimCheck",
    "ClaimVerdict",
    "Embedder",
    "Evidence",
    "MiniLMEmbedder",
    "ModelJudge",
    "PairFinding",
    "PairJudge",
    "PairScore",
    "ReconcileResult",
    "Reconciler",
    "SentenceIndex",
    "VerifyResult",
    "build_finding",
    "candidate_pairs",
    "every_sentence",
    "evidence_claim",
    "load_default_embedder",
    "same_source",
    "score_pairs",
    "sentence_claims",
    "sharing_pairs",
    "side_of",
    "similarities",
    "similarity_matrix",
    "verify_claims",
    "verify_sentences",
]
