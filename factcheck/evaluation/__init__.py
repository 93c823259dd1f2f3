"""Evaluation: verify a draft against its sources, and score that on SummEdits.

``verify`` reuses the decomposed judge of ``reconcile`` with lexical
retrieval in front of it; ``summedits`` measures it on a public benchmark.
"""

from factcheck.evaluation.retrieval import Evidence, SentenceIndex
from factcheck.evaluation.summedits import (
    PRIMARY_RULE,
    REFERENCE_BALANCED_ACCURACY,
    RULES,
    Confusion,
    DecisionRule,
    EditTypeScore,
    EvalResult,
    ItemOutcome,
    RuleScore,
    SummEditsItem,
    evaluate,
    format_table,
    load_summedits,
    predict,
    run_summedits,
    stratified_sample,
)
from factcheck.evaluation.verify import (
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
    "PRIMARY_RULE",
    "REFERENCE_BALANCED_ACCURACY",
    "RULES",
    "ClaimCheck",
    "ClaimVerdict",
    "Confusion",
    "DecisionRule",
    "EditTypeScore",
    "EvalResult",
    "Evidence",
    "ItemOutcome",
    "RuleScore",
    "SentenceIndex",
    "SummEditsItem",
    "VerifyResult",
    "evaluate",
    "every_sentence",
    "evidence_claim",
    "format_table",
    "load_summedits",
    "predict",
    "run_summedits",
    "sentence_claims",
    "stratified_sample",
    "verify_claims",
    "verify_sentences",
]
