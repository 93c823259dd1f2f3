"""What every rendering says about a finding, decided once so the Markdown and
the HTML page cannot drift: the order, the numbers (D1, T1), the two sides,
the strength label and the one-sentence explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.schemas import NOT_FACT, SEVERITY_ORDER, UNSURE, explanations

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.schemas import Finding, FindingSide, Report

__all__ = [
    "METHOD",
    "SIDE_NAMES",
    "WORTH_A_LOOK_INTRO",
    "Numbered",
    "cited",
    "compatible",
    "decided_by",
    "differences",
    "explain",
    "numbered",
    "side_articles",
    "sides",
    "sort_findings",
    "strength",
]

SIDE_NAMES = ("A", "B")
METHOD = {
    "typed_check": "a typed check on the two parses (no model)",
    "certainty_check": "the certainty check (extraction's modalities on claims the "
    "contradiction model finds state one proposition)",
    "llm_judge": "the LLM judge",
    "contradiction_model": "the contradiction model (only it flagged the pair)",
}

Numbered = list[tuple[str, "Finding"]]

WORTH_A_LOOK_INTRO = (
    "Pairs of quotes from different outlets that the contradiction model scores as "
    "contradicting, with no typed difference (figure, date, role, status, negation) and no "
    "certainty difference behind them. The model is a ranking signal with little accuracy on "
    "news it was not trained on, so these are not disputes and never change the exit code: "
    "read them if there is time, strongest first."
)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then the strongest; the id keeps ties stable."""
    return sorted(
        findings,
        key=lambda f: (-SEVERITY_ORDER[f.severity], -(f.probability or 0.0), f.id),
    )


def numbered(report: Report) -> tuple[Numbered, Numbered]:
    """Disputes as D1, D2, ... and tensions as T1, ..., most severe first.

    The numbers are for reading ("see D2"); the finding id stays the key that
    review decisions are carried by.
    """
    disputes = [(f"D{n}", f) for n, f in enumerate(sort_findings(report.contradictions()), 1)]
    tensions = [(f"T{n}", f) for n, f in enumerate(sort_findings(report.tensions()), 1)]
    return disputes, tensions


def compatible(report: Report) -> Numbered:
    """Typed or certainty disputes the LLM judge read as compatible, as C1, C2, ..."""
    return [(f"C{n}", f) for n, f in enumerate(sort_findings(report.judged_compatible()), 1)]


def decided_by(finding: Finding) -> str:
    """``found by a typed check ...`` or, when the LLM judge decided, what flagged the finding
    and that the judge decided, so the earlier evidence stays in view."""
    if finding.method == "llm_judge" and finding.flagged_by:
        return f"flagged by {METHOD[finding.flagged_by]}, decided by the LLM judge"
    return f"found by {METHOD[finding.method]}"


def cited(finding: Finding) -> str:
    """The two quotes the LLM judge rests its decision on, or ""."""
    return " · ".join(f"“{' '.join(q.split())}”" for q in finding.cited)


def sides(finding: Finding, labels: ArticleLabels) -> tuple[list[FindingSide], list[FindingSide]]:
    """Side A's claims and side B's, each in article order, then where they sit."""

    def key(side: FindingSide) -> tuple[int, int, int]:
        return labels.order(side.article_id), side.char_start, side.char_end

    side_a = sorted((s for s in finding.sides if s.position == 0), key=key)
    side_b = sorted((s for s in finding.sides if s.position != 0), key=key)
    return side_a, side_b


def side_articles(claims: list[FindingSide], labels: ArticleLabels) -> str:
    """``A1, A3``: the articles on one side, each once."""
    return ", ".join(dict.fromkeys(labels[s.article_id] for s in claims)) or "none"


def strength(finding: Finding) -> str:
    if finding.probability is not None:
        return f"model probability {finding.probability:.2f} (a ranking signal)"
    return "no model score"


def differences(finding: Finding) -> list[str]:
    """``number of pages: A: "a 48-page indictment" · B: "the 47-page indictment"``."""
    return [f"{d.kind}, {d.slot}: {d.shown()}" for d in finding.differences]


def explain(finding: Finding, labels: ArticleLabels) -> str:
    """Why the finding was made, in one sentence built from its sides.

    The explanation the reconciler stores names every side's speakers and is cut at 1,200
    characters; the sides are already in the table, so the report says only what kind of
    disagreement it is (both sentences are worded in :mod:`factcheck.schemas.explanations`).
    When the LLM judge decided, its own sentence is shown.
    """
    if finding.method == "llm_judge":
        return finding.explanation
    side_a, side_b = sides(finding, labels)
    a = f"side A ({side_articles(side_a, labels)})"
    b = f"side B ({side_articles(side_b, labels)})"
    if finding.category == "tension":
        if _all_in(side_a, NOT_FACT) and not _all_in(side_b, NOT_FACT):
            return explanations.tension_brief(a, _modalities(side_a), b)
        if _all_in(side_b, NOT_FACT) and not _all_in(side_a, NOT_FACT):
            return explanations.tension_brief(b, _modalities(side_b), a)
        return explanations.tension_unclear_brief(a, b)
    if finding.kind == "certainty":
        return explanations.certainty_brief(a, _certainty(side_a), b, _certainty(side_b))
    if finding.differences:
        first = finding.differences[0]
        return explanations.typed_difference_brief(
            first.kind, first.slot, first.value_a, first.value_b, a, b
        )
    return explanations.other_brief(METHOD[finding.method], a, b)


def _all_in(claims: list[FindingSide], modalities: frozenset[str]) -> bool:
    return bool(claims) and all(s.modality in modalities for s in claims)


def _modalities(claims: list[FindingSide]) -> str:
    return ", ".join(dict.fromkeys(s.modality for s in claims))


def _certainty(claims: list[FindingSide]) -> str:
    return explanations.certainty_of(_all_in(claims, UNSURE), _modalities(claims))
