"""What every rendering says about a finding, decided once so the Markdown and
the HTML page cannot drift: the order, the numbers (D1, T1), the two sides,
the strength label and the one-sentence explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.schemas import NOT_FACT, SEVERITY_ORDER, UNSURE

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.schemas import Finding, FindingSide, Report

__all__ = [
    "METHOD",
    "SIDE_NAMES",
    "Numbered",
    "explain",
    "numbered",
    "side_articles",
    "sides",
    "sort_findings",
    "strength",
]

SIDE_NAMES = ("A", "B")
METHOD = {
    "contradiction_model": "the contradiction model",
    "llm_judge": "the LLM judge",
    "deterministic": "an exact check on the quotes (no model)",
}

Numbered = list[tuple[str, "Finding"]]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then the strongest; the id keeps ties stable."""
    return sorted(
        findings,
        key=lambda f: (-SEVERITY_ORDER[f.severity], -(f.probability or f.confidence), f.id),
    )


def numbered(report: Report) -> tuple[Numbered, Numbered]:
    """Disputes as D1, D2, ... and tensions as T1, ..., most severe first.

    The numbers are for reading ("see D2"); the finding id stays the key that
    review decisions are carried by.
    """
    disputes = [(f"D{n}", f) for n, f in enumerate(sort_findings(report.contradictions()), 1)]
    tensions = [(f"T{n}", f) for n, f in enumerate(sort_findings(report.tensions()), 1)]
    return disputes, tensions


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
    if finding.method == "deterministic":
        return "exact check"
    if finding.probability is not None:
        return f"model probability {finding.probability:.2f}"
    return f"confidence {finding.confidence:.2f}"


def explain(finding: Finding, labels: ArticleLabels) -> str:
    """Why the finding was made, in one sentence built from its sides.

    The explanation the reconciler stores repeats every side and is cut at 400
    characters; the sides are already in the table, so the report says only what
    kind of disagreement it is. An LLM judge's own words (older reports) are kept.
    """
    if finding.method == "llm_judge":
        return finding.explanation
    side_a, side_b = sides(finding, labels)
    a = f"side A ({side_articles(side_a, labels)})"
    b = f"side B ({side_articles(side_b, labels)})"
    if finding.category == "tension":
        if _all_in(side_a, NOT_FACT) and not _all_in(side_b, NOT_FACT):
            return (
                f"Not necessarily an error: {a} reports what is wanted or judged "
                f"({_modalities(side_a)}), {b} what is presented as the situation."
            )
        if _all_in(side_b, NOT_FACT) and not _all_in(side_a, NOT_FACT):
            return (
                f"Not necessarily an error: {b} reports what is wanted or judged "
                f"({_modalities(side_b)}), {a} what is presented as the situation."
            )
        return f"Not necessarily an error: {a} and {b} describe different things on this point."
    if finding.kind == "certainty":
        return (
            f"The same point with different certainty: {a} puts it {_certainty(side_a)}, "
            f"{b} {_certainty(side_b)}."
        )
    if finding.kind in ("number", "date"):
        figures = "figures" if finding.kind == "number" else "dates"
        return f"The quotes give different {figures}: {a} and {b} cannot both be right."
    reader = METHOD[finding.method]
    return (
        f"{reader[0].upper()}{reader[1:]} reads {a} and {b} as accounts that cannot both be true."
    )


def _all_in(claims: list[FindingSide], modalities: frozenset[str]) -> bool:
    return bool(claims) and all(s.modality in modalities for s in claims)


def _modalities(claims: list[FindingSide]) -> str:
    return ", ".join(dict.fromkeys(s.modality for s in claims))


def _certainty(claims: list[FindingSide]) -> str:
    if _all_in(claims, UNSURE):
        return f"as possible or under consideration ({_modalities(claims)})"
    return f"as settled ({_modalities(claims)})"
