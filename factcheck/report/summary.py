"""The first screen of the report: what the outlets disagree on, the counts, and
how the report was made. Every line fits a plain terminal (``WIDTH``)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from factcheck.report._disputes import side_articles, sides
from factcheck.report.coverage import single_source_claims
from factcheck.report.text import code, fit, inline, plural, prose
from factcheck.schemas import Usage

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.report._disputes import Numbered
    from factcheck.schemas import Report, Severity

__all__ = ["CONTRADICTION_MODEL", "TITLE", "summary_section"]

TITLE = "Fact-consistency report"
CONTRADICTION_MODEL = "contradiction_model"
"""The key under which the run's prompts record the contradiction model's fingerprint."""

_SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
# Prompt hashes are full sha256 digests; 12 hex digits tell versions apart.
_HASH_DIGITS = 12


def summary_section(
    report: Report, labels: ArticleLabels, disputes: Numbered, tensions: Numbered
) -> list[str]:
    reviewed = [f for f in report.findings if f.review.status != "unreviewed"]
    confirmed = sum(f.review.status == "confirmed" for f in reviewed)
    headline = (
        f"**{plural(len(disputes), 'dispute')}** ({_by_severity(disputes)}) and "
        f"**{plural(len(tensions), 'tension')}** across {plural(len(report.articles), 'article')}; "
        f"{len(reviewed)} of {plural(len(report.findings), 'finding')} reviewed."
    )
    lines = [f"# {TITLE}", "", *prose(headline), ""]
    lines += ["## What the outlets disagree on", ""]
    if disputes or tensions:
        lines += prose(
            "Most severe first; each is set out in full below, with the quotes side by side "
            "(A1, A2, ... are the articles listed under Summary)."
        )
        lines.append("")
        for number, finding in [*disputes, *tensions]:
            side_a, side_b = sides(finding, labels)
            prefix = (
                f"- **{number}** {finding.severity}: {side_articles(side_a, labels)} vs "
                f"{side_articles(side_b, labels)}: "
            )
            lines.append(fit(prefix, finding.question))
    else:
        lines.append("No disagreement found among the points the articles share.")
    # A lead-in line before each list: two lists with only a blank line between
    # them are one list to CommonMark, and GitHub would run the articles into the counts.
    lines += ["", "## Summary", "", "The articles:", ""]
    for article in report.articles:
        lines.append(fit(f"- **{labels[article.id]}** ", article.title or "(untitled)"))
        lines.append(
            f"  {code(article.id)}, {plural(article.claims, 'claim')}, "
            f"{plural(article.sentences, 'sentence')}"
        )
    lines += [
        "",
        "In numbers:",
        "",
        f"- Claims extracted: {len(report.claims)}",
        f"- Disputes: {len(disputes)} ({_by_severity(disputes)})",
        f"- Tensions: {len(tensions)}",
        f"- Single-source claims: {len(single_source_claims(report))} of {len(report.claims)}",
        f"- Problems: {len(report.problems)}",
        f"- Reviewed: {len(reviewed)} of {len(report.findings)} findings "
        f"({confirmed} confirmed, {len(reviewed) - confirmed} dismissed)",
        "",
        "How this report was made:",
        "",
        *_how_made(report),
    ]
    return lines


def _by_severity(findings: Numbered) -> str:
    return ", ".join(
        f"{sum(f.severity == level for _, f in findings)} {level}" for level in _SEVERITIES
    )


def _how_made(report: Report) -> list[str]:
    run = report.run
    lines = [
        f"- factcheck {inline(run.factcheck_version)}, backend {code(run.backend)}, "
        f"model {code(run.model)}"
    ]
    prompts = {name: digest for name, digest in run.prompts.items() if name != CONTRADICTION_MODEL}
    if prompts:
        # One prompt a line: three or more on one line no longer fit a plain terminal.
        lines.append("- Prompt hashes:")
        lines += [
            f"  - {inline(name)} {code(prompts[name][:_HASH_DIGITS])}" for name in sorted(prompts)
        ]
    deciders = Counter(c.provenance.decided_by for c in report.claims if c.provenance)
    if deciders:
        by = {"parse": "the parse's rules", "llm": "the LLM"}
        lines.append(
            "- Who says each claim and how firmly: "
            + ", ".join(f"{by[who]} for {n:,}" for who, n in sorted(deciders.items()))
        )
    if CONTRADICTION_MODEL in run.prompts:
        # "name@sha256-prefix": already short, and cutting it would drop the hash.
        lines.append(f"- Contradiction model: {code(run.prompts[CONTRADICTION_MODEL])}")
    lines += [*_usage(report), f"- Wall time: {run.wall_seconds:,.1f} s"]
    return lines


def _usage(report: Report) -> list[str]:
    total = Usage()
    for usage in report.run.usage.values():
        total = total.add(usage)
    line = f"- Model calls: {total.calls:,}"
    if len(report.run.usage) > 1:
        stages = ", ".join(
            f"{inline(stage)} {usage.calls:,}" for stage, usage in sorted(report.run.usage.items())
        )
        line += f" ({stages})"
    extras = [
        f"{total.cache_hits:,} from cache" if total.cache_hits else "",
        f"{total.failed_calls:,} failed" if total.failed_calls else "",
    ]
    if any(extras):
        line += ", " + " and ".join(e for e in extras if e)
    tokens = f"- Tokens: {total.prompt_tokens:,} prompt + {total.completion_tokens:,} completion"
    return [line, tokens]
