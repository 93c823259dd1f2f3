"""The Markdown report: what an editor reads and a reviewer edits.

The output depends on the report alone (no clock, no dict order from
threads), so re-running on the same input gives the same file and a change
to the renderer shows up as a reviewable diff in the snapshot test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.report._articles import ArticleLabels
from factcheck.report._text import cell, code, inline, plural
from factcheck.report.coverage import (
    corroboration_section,
    single_source_claims,
    single_source_section,
)
from factcheck.report.findings import (
    CONTRADICTIONS_INTRO,
    TENSIONS_INTRO,
    findings_section,
)
from factcheck.schemas import Usage

if TYPE_CHECKING:
    from factcheck.schemas import Problem, ProblemKind, Report, Severity

__all__ = ["render_markdown"]

TITLE = "Fact-consistency report"

# Also the order problems are listed in: what lost data first.
_PROBLEM_LABELS: dict[ProblemKind, str] = {
    "unreadable_input": "Unreadable input",
    "extraction_failed": "Extraction failed",
    "extraction_partial": "Extraction incomplete",
    "ungrounded_dropped": "Ungrounded quotes dropped",
    "judge_failed": "Comparison failed",
    "review_not_carried": "Review decisions not carried over",
    "suspicious_input": "Suspicious input",
    "duplicate_input": "Duplicate input",
    "article_chunked": "Article split into chunks",
}
_SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
# Prompt hashes are full sha256 digests; 12 hex digits tell versions apart.
_HASH_DIGITS = 12


def render_markdown(report: Report) -> str:
    """The whole report as GitHub-flavoured Markdown that also reads as plain text."""
    labels = ArticleLabels(report)
    sections = [
        _summary(report, labels),
        findings_section("Contradictions", CONTRADICTIONS_INTRO, report.contradictions(), labels),
        findings_section("Tensions", TENSIONS_INTRO, report.tensions(), labels),
        corroboration_section(report, labels),
        single_source_section(report, labels),
        _problems(report, labels),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections) + "\n"


def _summary(report: Report, labels: ArticleLabels) -> list[str]:
    contradictions, tensions = report.contradictions(), report.tensions()
    by_severity = ", ".join(
        f"{sum(f.severity == level for f in contradictions)} {level}" for level in _SEVERITIES
    )
    reviewed = [f for f in report.findings if f.review.status != "unreviewed"]
    confirmed = sum(f.review.status == "confirmed" for f in reviewed)
    headline = (
        f"**{plural(len(contradictions), 'contradiction')}** and "
        f"**{plural(len(tensions), 'tension')}** across "
        f"{plural(len(report.articles), 'article')}; "
        f"{len(reviewed)} of {plural(len(report.findings), 'finding')} reviewed."
    )
    lines = [f"# {TITLE}", "", headline, "", "## Summary", ""]
    lines += ["| | Article | Title | Claims | Sentences |", "|---|---|---|--:|--:|"]
    for article in report.articles:
        lines.append(
            f"| {labels[article.id]} | {code(article.id, in_table=True)} | "
            f"{cell(article.title) or '(untitled)'} | {article.claims} | {article.sentences} |"
        )
    lines += [
        "",
        f"- Claims extracted: {len(report.claims)}",
        f"- Contradictions: {len(contradictions)} ({by_severity})",
        f"- Tensions: {len(tensions)}",
        f"- Single-source claims: {len(single_source_claims(report))} of {len(report.claims)}",
        f"- Problems: {len(report.problems)}",
        f"- Reviewed: {len(reviewed)} of {len(report.findings)} findings "
        f"({confirmed} confirmed, {len(reviewed) - confirmed} dismissed)",
        "",
        _how_made(report),
        "",
        _usage(report),
    ]
    return lines


def _how_made(report: Report) -> str:
    run = report.run
    prompts = ", ".join(
        f"{inline(name)} {code(digest[:_HASH_DIGITS])}"
        for name, digest in sorted(run.prompts.items())
    )
    line = (
        f"**How this was made:** factcheck {inline(run.factcheck_version)}, "
        f"backend {code(run.backend)}, model {code(run.model)}"
    )
    return line + (f"; prompts {prompts}." if prompts else ".")


def _usage(report: Report) -> str:
    total = Usage()
    for usage in report.run.usage.values():
        total = total.add(usage)
    line = f"**Usage:** {plural(total.calls, 'model call')}"
    if len(report.run.usage) > 1:
        line += (
            " ("
            + ", ".join(
                f"{inline(stage)} {usage.calls:,}"
                for stage, usage in sorted(report.run.usage.items())
            )
            + ")"
        )
    extras = [
        f"{total.cache_hits:,} from cache" if total.cache_hits else "",
        f"{total.failed_calls:,} failed" if total.failed_calls else "",
    ]
    if any(extras):
        line += ", " + " and ".join(e for e in extras if e)
    return (
        f"{line}; {total.prompt_tokens:,} prompt + {total.completion_tokens:,} completion tokens;"
        f" {report.run.wall_seconds:.1f} s wall time."
    )


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
