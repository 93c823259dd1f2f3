"""Disputes and tensions in Markdown: each finding once, its sides side by side.

``factcheck.comparison.findings`` is the other side of the same concept: that module builds
the findings, this one renders them.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import TYPE_CHECKING

from factcheck.report._articles import location
from factcheck.report._disputes import (
    WORTH_A_LOOK_INTRO,
    cited,
    decided_by,
    differences,
    explain,
    side_articles,
    sides,
    sort_findings,
    strength,
)
from factcheck.report.review import review_block
from factcheck.report.text import cell, inline, prose, quote_marks

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.report._disputes import Numbered
    from factcheck.schemas import Finding, FindingSide, Report

__all__ = [
    "COMPATIBLE_INTRO",
    "DISPUTES_INTRO",
    "TENSIONS_INTRO",
    "findings_section",
    "sort_findings",
    "worth_a_look_section",
]

DISPUTES_INTRO = (
    "Points where the articles cannot all be right, most severe first, each listed once "
    "with every article on each side (A and B). Each rests on evidence: a typed difference "
    "(two values of one figure, date, role, status or negation of the same event, shown "
    "under What differs) or a certainty difference (one proposition put as settled and as "
    "possible). The model probability is the contradiction model's output for the strongest "
    "pair of quotes, a ranking signal, not a calibrated confidence. Each "
    "dispute has a review block: tick confirmed or dismissed, add a note if useful, and "
    "keep the two marker lines; decisions are read back by the dispute's id (F-...) on "
    "the next run."
)
TENSIONS_INTRO = (
    "A tension is two outlets describing different things, for example what one side "
    "demands and what is actually on the table. Worth knowing, not necessarily an error. "
    "They are reviewed the same way."
)
COMPATIBLE_INTRO = (
    "Differences the typed checks found that the LLM judge read as compatible (different "
    "aspects of the point, or one fact in other words). Not counted as disputes and never in "
    "the exit code; shown with their evidence so a reviewer can overrule the judge."
)


def findings_section(
    title: str, intro: str, findings: Numbered, labels: ArticleLabels
) -> list[str]:
    lines = [f"## {title}", "", *prose(intro)]
    if not findings:
        return [*lines, "", "None found."]
    for number, finding in findings:
        lines += ["", *_finding(number, finding, labels)]
    return lines


def _side_cell(side: FindingSide | None, labels: ArticleLabels) -> str:
    """One article's account: who says it and how, the quote, where it sits."""
    if side is None:
        return ""
    return (
        f"**{labels[side.article_id]}** {cell(side.attributed_to)}, {cell(side.modality)}:"
        f"<br>{cell(quote_marks(side.quote))}"
        f"<br>{location(side.article_id, side.line, side.char_start, side.char_end)}"
    )


def _finding(number: str, finding: Finding, labels: ArticleLabels) -> list[str]:
    side_a, side_b = sides(finding, labels)
    meta = (
        f"Kind: {finding.kind} · {strength(finding)} · {decided_by(finding)}"
        f" · review: {_status(finding)}"
    )
    table = [
        f"| Side A ({side_articles(side_a, labels)}) | Side B ({side_articles(side_b, labels)}) |",
        "|---|---|",
    ]
    for first, second in zip_longest(side_a, side_b):
        table.append(f"| {_side_cell(first, labels)} | {_side_cell(second, labels)} |")
    return [
        f"### {number} · {inline(finding.id)} · {finding.severity} severity",
        "",
        f"**Point at issue:** {inline(finding.question)}",
        "",
        meta,
        "",
        *table,
        "",
        *_what_differs(finding),
        f"**Why flagged:** {inline(explain(finding, labels))}",
        "",
        *([f"**The judge rests on:** {inline(cited(finding))}", ""] if finding.cited else []),
        *review_block(finding.id, finding.review),
    ]


def _what_differs(finding: Finding) -> list[str]:
    found = differences(finding)
    if not found:
        return []
    if len(found) == 1:
        return [f"**What differs:** {inline(found[0])}", ""]
    return ["**What differs:**", "", *(f"- {inline(line)}" for line in found), ""]


def _status(finding: Finding) -> str:
    status = finding.review.status
    return f"**{status}**" if status != "unreviewed" else "open"


def worth_a_look_section(report: Report, labels: ArticleLabels) -> list[str]:
    """The pairs only the contradiction model flags: a table after the disputes."""
    if not report.worth_a_look:
        return []
    lines = [
        "## Worth a look",
        "",
        *prose(WORTH_A_LOOK_INTRO),
        "",
        "| # | Model probability | One outlet | Another |",
        "|---|---|---|---|",
    ]
    for n, item in enumerate(report.worth_a_look, 1):
        first, second = item.sides
        lines.append(
            f"| W{n} | {item.probability:.2f} | {_side_cell(first, labels)} "
            f"| {_side_cell(second, labels)} |"
        )
    return lines
