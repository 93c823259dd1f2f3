"""Reconciliation: candidate pairs, the contradiction-model judge, points and disputes."""

from factcheck.reconcile.blocking import similarities, similarity_matrix
from factcheck.reconcile.deterministic import exact_conflicts
from factcheck.reconcile.embeddings import Embedder, MiniLMEmbedder, load_default_embedder
from factcheck.reconcile.judge import CachedJudge, ModelJudge, PairJudge, PairScore, score_pairs
from factcheck.reconcile.reconciler import (
    PairFinding,
    Reconciler,
    ReconcileResult,
    candidate_pairs,
    same_source,
)

__all__ = [
    "CachedJudge",
    "Embedder",
    "MiniLMEmbedder",
    "ModelJudge",
    "PairFinding",
    "PairJudge",
    "PairScore",
    "ReconcileResult",
    "Reconciler",
    "candidate_pairs",
    "exact_conflicts",
    "load_default_embedder",
    "same_source",
    "score_pairs",
    "similarities",
    "similarity_matrix",
]
