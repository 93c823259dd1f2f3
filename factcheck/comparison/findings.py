"""The one finding builder: a disagreement between claims as a :class:`Finding`.

Reconciliation (claims of different outlets) and verification (a draft's claim against a
source sentence) both end here, so a finding's id, severity and sides are made one way: the id
comes from where the two deciding quotes sit (so review decisions survive a re-run), the
severity from the category, the kind and how firmly the two claims are put.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.schemas import (
    FIRM,
    Answer,
    Claim,
    ContradictionKind,
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


def side_of(claim: Claim, answer: Answer | None = None, position: int = 0) -> FindingSide:
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
        answer=answer,
        position=position,
    )


def severity(category: FindingCategory, kind: ContradictionKind, a: Claim, b: Claim) -> Severity:
    """High when two firm accounts clash; medium when one is hedged or the clash is only one
    of certainty; low for a tension (both can be true)."""
    if category == "tension":
        return "low"
    if kind != "certainty" and {a.modality, b.modality} <= FIRM:
        return "high"
    return "medium"


def build_finding(
    *,
    lead: tuple[Claim, Claim],
    sides: Sequence[tuple[Claim, int]],
    kind: ContradictionKind,
    category: FindingCategory,
    probability: float,
    explanation: str,
    method: FindingMethod,
) -> Finding:
    """The finding whose deciding pair is ``lead``, with every claim of ``sides`` (claim,
    side 0 or 1). Its point at issue is the first lead claim's statement."""
    a, b = lead
    return Finding(
        id=finding_id(kind, [(c.article_id, c.char_start, c.char_end) for c in (a, b)]),
        category=category,
        kind=kind,
        severity=severity(category, kind, a, b),
        confidence=round(probability, 3),
        probability=round(probability, 3),
        question=a.statement[:300],
        explanation=fit_explanation(explanation),
        method=method,
        sides=[side_of(claim, None, position) for claim, position in sides],
    )
