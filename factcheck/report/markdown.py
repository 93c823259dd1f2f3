"""The Markdown report: what an editor reads and a reviewer edits.

The output depends on the report alone (no clock, no dict order from
threads), so re-running on the same input gives the same file and a change
to the renderer shows up as a reviewable diff in the snapshot test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.report._articles import ArticleLabels
from factcheck.report._disputes import compatible, numbered
from factcheck.report.coverage import single_source_section
from factcheck.report.findings import (
    COMPATIBLE_INTRO,
    DISPUTES_INTRO,
    TENSIONS_INTRO,
    findings_section,
    worth_a_look_section,
)
from factcheck.report.points import points_section
from factcheck.report.review import ORPHANS_INTRO, review_block
from factcheck.report.summary import TITLE, summary_section
from factcheck.report.text import code, inline, prose

if TYPE_CHECKING:
    from factcheck.schemas import Problem, ProblemKind, Report

__all__ = ["TITLE", "render_markdown"]

# Also the order problems are listed in: what lost data first.
_PROBLEM_LABELS: dict[ProblemKind, str] = {
    "unreadable_input": "Unreadable input",
    "extraction_failed": "Extraction failed",
    "extraction_partial": "Extraction incomplete",
    "claim_invalid": "Sentences that could not be made claims",
    "judge_failed": "LLM judge failed (the typed checks' and the model's result shown)",
    "label_fallback": "Point labels from the parse (the LLM's failed the check)",
    "review_not_carried": "Reviews of findings no longer made (kept under Orphaned reviews)",
    "review_unclear": "Ticked boxes that are no decision",
    "suspicious_input": "Suspicious input",
    "duplicate_input": "Duplicate input",
    "article_chunked": "Article split into chunks",
    "sentence_split": "Over-long sentences split",
    "sentence_skipped": "Pieces skipped (no sentence)",
}


def render_markdown(report: Report) -> str:
    """The whole report as GitHub-flavoured Markdown that also reads as plain text:
    what the outlets disagree on first, then each dispute in full, the story point by
    point, the claims only one outlet makes, and the problems met."""
    labels = ArticleLabels(report)
    disputes, tensions = numbered(report)
    judged = compatible(report)
    numbers = {finding.id: number for number, finding in [*disputes, *tensions, *judged]}
    sections = [
        summary_section(report, labels, disputes, tensions),
        findings_section("Disputes", DISPUTES_INTRO, disputes, labels),
        findings_section("Tensions", TENSIONS_INTRO, tensions, labels),
        findings_section("Judged compatible", COMPATIBLE_INTRO, judged, labels) if judged else [],
        worth_a_look_section(report, labels),
        points_section(report, labels, numbers),
        single_source_section(report, labels, numbers),
        _orphaned_reviews(report),
        _problems(report, labels),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _orphaned_reviews(report: Report) -> list[str]:
    """The review blocks of findings this run no longer makes, as the reviewer left them:
    read back like any other block, so they survive every later render."""
    if not report.orphaned_reviews:
        return []
    lines = ["## Orphaned reviews", "", *prose(ORPHANS_INTRO)]
    for orphan in report.orphaned_reviews:
        lines += [
            "",
            f"### {inline(orphan.finding_id)}",
            "",
            *review_block(orphan.finding_id, orphan.review),
        ]
    return lines


def _problems(report: Report, labels: ArticleLabels) -> list[str]:
    lines = ["## Problems", ""]
    if not report.problems:
        return [*lines, "None."]
    order = list(_PROBLEM_LABELS)

    def key(problem: Problem) -> tuple[int, int, str, str]:
        article = labels.order(problem.article_id) if problem.article_id else -1
        return order.index(problem.kind), article, problem.path or "", problem.message

    for problem in sorted(report.problems, key=key):
        where = []
        if problem.article_id:
            where.append(labels.named(problem.article_id))
        if problem.path:
            where.append(code(problem.path))
        if problem.count != 1:
            where.append(f"× {problem.count:,}")
        context = f" ({', '.join(where)})" if where else ""
        lines.append(f"- **{_PROBLEM_LABELS[problem.kind]}**{context}: {inline(problem.message)}")
    return lines
