"""Reconciliation: blocking, the decomposed judge, exact checks, corroboration."""

from factcheck.reconcile.blocking import Block, block_claims, similarity_matrix
from factcheck.reconcile.deterministic import exact_conflicts
from factcheck.reconcile.embeddings import Embedder, MiniLMEmbedder, load_default_embedder
from factcheck.reconcile.judge import ClaimAnswer, GroupQuestion, Judge, compare_answers
from factcheck.reconcile.reconciler import JudgeLike, Reconciler, ReconcileResult, classify

__all__ = [
    "Block",
    "ClaimAnswer",
    "Embedder",
    "GroupQuestion",
    "Judge",
    "JudgeLike",
    "MiniLMEmbedder",
    "ReconcileResult",
    "Reconciler",
    "block_claims",
    "classify",
    "compare_answers",
    "exact_conflicts",
    "load_default_embedder",
    "similarity_matrix",
]
