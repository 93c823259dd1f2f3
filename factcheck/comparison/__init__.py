"""Comparison: claims against claims and statements against sources.

The folders follow the pipeline: ``align`` pairs claims and groups them into the points of
a story; ``checks`` find what differs, on the parse's typed facts (two values of one slot,
inside each point slot by slot, statuses through reporting frames, comparison relations,
who did an act); ``judges`` decide, and hold comparison's LLM calls in one place (the
contradiction model's scores, the LLM judge of flagged points, the points' labels).
``reconciler`` runs them over a story's claims into disputes, points and corroboration;
``verify`` checks a draft against its sources; ``findings`` builds a finding's sides;
``embedding_cache`` keeps the sentence embedder's vectors (``factcheck.nli``) in the
response cache. This wing sees claims only through ``factcheck.schemas``: it imports
nothing of extraction.
"""

from factcheck.comparison.align.blocking import similarities, similarity_matrix
from factcheck.comparison.embedding_cache import CachedEmbedder
from factcheck.comparison.findings import build_finding, side_of
from factcheck.comparison.judges.model import (
    CachedJudge,
    ModelJudge,
    PairJudge,
    PairScore,
    score_pairs,
)
from factcheck.comparison.reconciler import (
    PairFinding,
    PairRelation,
    Reconciler,
    ReconcileResult,
    candidate_pairs,
    same_source,
    sharing_pairs,
)
from factcheck.comparison.verify import (
    ClaimCheck,
    ClaimVerdict,
    Evidence,
    VerifyResult,
    every_sentence,
    evidence_claim,
    sentence_claims,
    verify_claims,
    verify_sentences,
)

__all__ = [
    "CachedEmbedder",
    "CachedJudge",
    "ClaimCheck",
    "ClaimVerdict",
    "Evidence",
    "ModelJudge",
    "PairFinding",
    "PairJudge",
    "PairRelation",
    "PairScore",
    "ReconcileResult",
    "Reconciler",
    "VerifyResult",
    "build_finding",
    "candidate_pairs",
    "every_sentence",
    "evidence_claim",
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
