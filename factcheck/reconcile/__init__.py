"""Reconciliation: blocking, the decomposed judge, exact checks, corroboration."""

from factcheck.reconcile.blocking import Block, block_claims, similarity_matrix
from factcheck.reconcile.deterministic import exact_conflicts
from factcheck.reconcile.judge import ClaimAnswer, GroupQuestion, Judge, compare_answers
from factcheck.reconcile.reconciler import JudgeLike, Reconciler, ReconcileResult, classify

__all__ = [
    "Block",
    "ClaimAnswer",
    "GroupQuestion",
    "Judge",
    "JudgeLike",
    "ReconcileResult",
    "Reconciler",
    "block_claims",
    "classify",
    "compare_answers",
    "exact_conflicts",
    "similarity_matrix",
]
