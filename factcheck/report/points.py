"""The story point by point: a matrix of points x outlets, decided once for the Markdown and
the HTML page. Each cell is what one outlet says on the point (a short quote, its speaker
and modality, and the finding it is a side of), or silent.

``factcheck.comparison.align.points`` is the other side of the same concept: that module
groups the claims into points, this one lays the points out for the reader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.report.text import cell, inline, plural, prose

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.schemas import Point, PointStatement, Report

__all__ = [
    "MAX_ROWS",
    "POINTS_INTRO",
    "SILENT",
    "PointRow",
    "point_rows",
    "points_section",
    "short_quote",
]

SILENT = "silent"
MAX_ROWS = 25
"""Past this many rows the matrix stops being read; flagged rows are kept first."""
_QUOTE_WORDS = 14

POINTS_INTRO = (
    "One row per point of the story that at least two outlets speak to (one event, figure "
    "or status), labelled in a few words; one column per outlet: what it says there (a short "
    "quote), who says it and how firmly, and the finding its statement is a side of (D: "
    "dispute, T: tension, C: judged compatible; W: only the contradiction model flags it). "
    "An outlet that says nothing on the point is shown silent."
)

_DECISION = {"contradiction": "contradiction", "tension": "tension", "compatible": "compatible"}


@dataclass(frozen=True)
class PointRow:
    """One point as a row of the matrix."""

    point: Point
    cells: dict[str, list[tuple[PointStatement, list[str]]]]
    """Article id -> its statements, each with the numbers of its findings (D1, W)."""
    findings: list[str]
    """Numbers of the findings drawn from the point (D1, T2, C1)."""
    looks: int
    """Pairs of the point only the contradiction model flags."""

    @property
    def flagged(self) -> bool:
        return bool(self.findings or self.looks or self.point.flags)

    def outcome(self) -> str:
        parts = list(self.findings)
        if self.looks:
            parts.append(f"{plural(self.looks, 'pair')} worth a look")
        judgement = self.point.judgement
        if judgement is not None:
            parts.append(f"LLM judge: {_DECISION[judgement.decision]}")
        if not parts:
            speaking = len(self.cells)
            return f"agree or add detail ({speaking} outlets)"
        return ", ".join(parts)


def short_quote(text: str, words: int = _QUOTE_WORDS) -> str:
    found = " ".join(text.split()).strip('“”"').split(" ")
    quote = " ".join(found[:words]) + ("…" if len(found) > words else "")
    return f"“{quote}”"


def point_rows(
    report: Report, labels: ArticleLabels, numbers: dict[str, str]
) -> tuple[list[PointRow], int]:
    """The rows in story order (by the point's first statement) and how many were left out
    (flagged rows are kept first)."""
    sides: dict[str, list[str]] = {}
    for finding in report.findings:
        for side in finding.sides:
            sides.setdefault(side.claim_id, []).append(numbers.get(finding.id, finding.id))
    rows = []

    def first(point: Point) -> tuple[int, int, int, str]:
        s = min(point.statements, key=lambda s: (labels.order(s.article_id), s.char_start))
        return labels.order(s.article_id), s.char_start, s.char_end, point.id

    for point in sorted(report.points, key=first):
        looked = {c for f in point.flags if f.flag == "worth_a_look" for c in f.claim_ids}
        cells: dict[str, list[tuple[PointStatement, list[str]]]] = {}
        for statement in point.statements:
            marks = sorted(set(sides.get(statement.claim_id, [])), key=_number_order)
            if statement.claim_id in looked and not marks:
                marks = ["W"]
            cells.setdefault(statement.article_id, []).append((statement, marks))
        ids = {f.finding_id for f in point.flags if f.finding_id}
        findings = sorted({numbers[i] for i in ids if i in numbers}, key=_number_order)
        looks = sum(f.flag == "worth_a_look" for f in point.flags)
        rows.append(PointRow(point, cells, findings, looks))
    if len(rows) <= MAX_ROWS:
        return rows, 0
    ranked = sorted(range(len(rows)), key=lambda i: (not rows[i].flagged, -len(rows[i].cells), i))
    kept = sorted(ranked[:MAX_ROWS])
    return [rows[i] for i in kept], len(rows) - len(kept)


def _number_order(number: str) -> tuple[int, int, str]:
    return "DTCW".find(number[:1]), len(number), number


def _cell(statements: list[tuple[PointStatement, list[str]]] | None) -> str:
    if not statements:
        return f"*{SILENT}*"
    parts = []
    for statement, marks in statements:
        flag = f" **{', '.join(marks)}**" if marks else ""
        parts.append(
            f"{cell(short_quote(statement.quote))} ({cell(statement.attributed_to)}, "
            f"{cell(statement.modality)}){flag}"
        )
    return "<br>".join(parts)


def points_section(report: Report, labels: ArticleLabels, numbers: dict[str, str]) -> list[str]:
    lines = ["## The story point by point", ""]
    rows, left_out = point_rows(report, labels, numbers)
    if not rows:
        return [*lines, "No point is addressed by two articles or more."]
    lines += [
        *prose(POINTS_INTRO),
        "",
        "| # | Point | " + " | ".join(labels[a] for a in labels.ids) + " | Flags |",
        "|--:|---|" + "---|" * len(labels.ids) + "---|",
    ]
    for number, row in enumerate(rows, start=1):
        cells = " | ".join(_cell(row.cells.get(article)) for article in labels.ids)
        lines.append(
            f"| P{number} | {cell(row.point.heading)} | {cells} | {inline(row.outcome())} |"
        )
    if left_out:
        lines += [
            "",
            f"{plural(left_out, 'more point')} left out to keep the table short (flagged points "
            "are kept first); every point is in the JSON report.",
        ]
    return [*lines, "", labels.legend()]
