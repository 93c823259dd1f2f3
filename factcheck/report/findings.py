"""Contradictions and tensions: each finding with its sides side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.report._articles import location
from factcheck.report._text import cell, inline
from factcheck.report.review import review_block
from factcheck.schemas import SEVERITY_ORDER

if TYPE_CHECKING:
    from collections.abc import Callable

    from factcheck.report._articles import ArticleLabels
    from factcheck.schemas import Finding, FindingSide

__all__ = ["CONTRADICTIONS_INTRO", "TENSIONS_INTRO", "findings_section", "sort_findings"]

CONTRADICTIONS_INTRO = (
    "Places where the articles cannot all be right, each listed once with every article on "
    "each side (A and B). The model probability is the contradiction model's output for the "
    "strongest pair, not a calibrated confidence. Each dispute leaves a review block: tick "
    "**confirmed** or **dismissed**, add a note if useful, and keep the `<!-- review -->` "
    "marker lines; decisions are read back by dispute id."
)
TENSIONS_INTRO = (
    "A tension is two outlets describing different things, for example what one side "
    "demands and what is actually on the table. Worth knowing, not necessarily an error. "
    "They are reviewed the same way."
)

_METHOD = {
    "contradiction_model": "the contradiction model",
    "llm_judge": "the LLM judge",
    "deterministic": "an exact check on the quotes (no model)",
}
_SIDE_NAMES = ("A", "B")

# Column label, then what each claim of a side shows in that column.
_COLUMNS: list[tuple[str, Callable[[FindingSide], str]]] = [
    ("Quote", lambda s: _quoted(s.quote)),
    ("Claim", lambda s: cell(s.statement)),
    ("Who says so", lambda s: cell(s.attributed_to)),
    ("Modality", lambda s: cell(s.modality)),
    ("Where", lambda s: location(s.article_id, s.line, s.char_start, s.char_end)),
]


def _quoted(text: str) -> str:
    """The quote between curly marks (the verbatim text often has straight ones of
    its own), or as it stands when it opens with a quotation mark itself, so a
    reviewer does not see a doubled "““"."""
    body = cell(text)
    return body if body.startswith(("“", '"', "‘", "«")) else "“" + body + "”"


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then the strongest; the id keeps ties stable."""
    return sorted(
        findings,
        key=lambda f: (-SEVERITY_ORDER[f.severity], -(f.probability or f.confidence), f.id),
    )


def findings_section(
    title: str, intro: str, findings: list[Finding], labels: ArticleLabels
) -> list[str]:
    lines = [f"## {title}", "", intro]
    if not findings:
        return [*lines, "", "None found."]
    for finding in sort_findings(findings):
        lines += ["", *_finding(finding, labels)]
    return lines


def _strength(finding: Finding) -> str:
    if finding.method == "deterministic":
        return "exact check"
    if finding.probability is not None:
        return f"model probability {finding.probability:.2f}"
    return f"confidence {finding.confidence:.2f}"


def _finding(finding: Finding, labels: ArticleLabels) -> list[str]:
    heading = (
        f"### {inline(finding.id)} · {finding.kind} · {finding.severity} severity"
        f" · {_strength(finding)}"
    )
    if finding.review.status != "unreviewed":
        heading += f" · {finding.review.status}"
    sides = sorted(finding.sides, key=lambda s: s.position)
    table = [
        "| Side | Article | " + " | ".join(name for name, _ in _COLUMNS) + " |",
        "|---|---|" + "---|" * len(_COLUMNS),
    ]
    for side in sides:
        table.append(
            f"| {_SIDE_NAMES[side.position]} | {labels.named(side.article_id, in_table=True)} | "
            + " | ".join(show(side) for _, show in _COLUMNS)
            + " |"
        )
    return [
        heading,
        "",
        f"**Point at issue:** {inline(finding.question)}",
        "",
        *table,
        "",
        f"**Why flagged:** {inline(finding.explanation)} (found by {_METHOD[finding.method]})",
        "",
        *review_block(finding.id, finding.review),
    ]
