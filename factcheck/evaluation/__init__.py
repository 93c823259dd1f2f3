"""Evaluation: score verification (:mod:`factcheck.comparison.verify`) on SummEdits.

Nothing in the pipeline imports this package; only the API's ``eval`` and the benchmarks do.
"""

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

__all__ = [
    "PRIMARY_RULE",
    "REFERENCE_BALANCED_ACCURACY",
    "RULES",
    "Confusion",
    "DecisionRule",
    "EditTypeScore",
    "EvalResult",
    "ItemOutcome",
    "RuleScore",
    "SummEditsItem",
    "evaluate",
    "format_table",
    "load_summedits",
    "predict",
    "run_summedits",
    "stratified_sample",
]
