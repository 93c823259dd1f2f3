"""The one finding builder: a disagreement between claims as a :class:`Finding`.

Reconciliation (claims of different outlets) and verification (a draft's claim against a
source sentence) both end here, so a finding's id, severity and sides are made one way: the id
comes from where the two deciding quotes sit (so review decisions survive a re-run), the
severity from the slot that differs, where the claims sit and how firmly they are put.

``factcheck.report.findings`` is the other side of the same concept: this module builds the
findings, that one renders them (the Markdown section of disputes and tensions).
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.schemas import (
    FIRM,
    KIND_SEVERITY,
    Claim,
    ContradictionKind,
    Difference,
    Finding,
    FindingCategory,
    FindingMethod,
    FindingSide,
    Severity,
    finding_id,
)

__all__ = ["EXPLANATION_CHARS", "build_finding", "fit_explanation", "severity", "side_of"]

EXPLANATION_CHARS = 1200
"""The schema's limit on a stored explanation; a longer one is cut at a word, with "…"."""


def fit_explanation(text: str) -> str:
    if len(text) <= EXPLANATION_CHARS:
        return text
    return text[: EXPLANATION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def side_of(claim: Claim, position: int = 0) -> FindingSide:
    """A claim as one side of a finding."""
    return FindingSide(
        claim_id=claim.id,
        article_id=claim.article_id,
        attributed_to=claim.attributed_to,
        modality=claim.modality,
        statement=claim.statement,
        quote=claim.quote,
        char_start=claim.char_start,
        char_end=claim.char_end,
        line=claim.line,
        position=position,
    )


_LEVELS: dict[int, Severity] = {3: "high", 2: "medium", 1: "low"}


def severity(
    category: FindingCategory, kind: ContradictionKind, a: Claim, b: Claim, *, lead: bool
) -> Severity:
    """By the slot, where the claims sit and how firmly they are put, not by the method.

    A status, negation or role dispute is medium, a figure, date or certainty dispute low;
    one step higher when either claim is in its article's lead (headline or first two
    paragraphs), one lower when either claim is not put as fact. A tension (both can be
    true) is low.
    """
    if category == "tension":
        return "low"
    level = KIND_SEVERITY[kind] + (1 if lead else 0)
    if kind != "certainty" and not {a.modality, b.modality} <= FIRM:
        level -= 1
    return _LEVELS[max(1, min(3, level))]


def build_finding(
    *,
    lead: tuple[Claim, Claim],
    sides: Sequence[tuple[Claim, int]],
    kind: ContradictionKind,
    category: FindingCategory,
    probability: float | None,
    explanation: str,
    method: FindingMethod,
    question: str,
    in_lead: bool = False,
    differences: Sequence[Difference] = (),
) -> Finding:
    """The finding whose deciding pair is ``lead``, with every claim of ``sides`` (claim,
    side 0 or 1) and the evidence (``differences``) that decided it."""
    a, b = lead
    return Finding(
        id=finding_id(kind, [(c.article_id, c.char_start, c.char_end) for c in (a, b)]),
        category=category,
        kind=kind,
        severity=severity(category, kind, a, b, lead=in_lead),
        probability=None if probability is None else round(probability, 3),
        question=question[:300],
        explanation=fit_explanation(explanation),
        method=method,
        differences=list(differences),
        sides=[side_of(claim, position) for claim, position in sides],
    )
