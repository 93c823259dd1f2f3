"""The claims that rest on a single article (the points the outlets share are in
:mod:`factcheck.report.points`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.report.text import cell, inline, plural, prose

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.schemas import Claim, Report

__all__ = ["SINGLE_SOURCE_INTRO", "single_source_claims", "single_source_section"]

SINGLE_SOURCE_INTRO = (
    "Claims no other article backs up. Not wrong for that, but resting on one outlet; "
    "worth a second source before repeating them."
)


def single_source_claims(report: Report) -> list[Claim]:
    claims = {claim.id: claim for claim in report.claims}
    return [
        claims[support.claim_id]
        for support in report.corroboration
        if support.single_source and support.claim_id in claims
    ]


def single_source_section(
    report: Report, labels: ArticleLabels, numbers: dict[str, str]
) -> list[str]:
    lines = ["## Single-source claims", "", *prose(SINGLE_SOURCE_INTRO)]
    if report.claims and not report.corroboration:
        return [*lines, "", "Not computed: the claims were not compared across articles."]
    lonely = single_source_claims(report)
    if not lonely:
        return [*lines, "", "None: every claim is backed by another article."]
    contradicted = {s.claim_id: s.contradicted_by for s in report.corroboration}
    lonely.sort(key=lambda c: (labels.order(c.article_id), c.char_start, c.char_end, c.id))
    titles = {article.id: article.title for article in report.articles}
    article_id: str | None = None
    for claim in lonely:
        if claim.article_id != article_id:
            article_id = claim.article_id
            count = sum(c.article_id == article_id for c in lonely)
            lines += [
                "",
                f"### {labels.named(article_id)}: {plural(count, 'claim')}",
                "",
                *([f"*{inline(titles[article_id])}*", ""] if titles.get(article_id) else []),
                "| Line | Claim | Who says so | Modality |",
                "|--:|---|---|---|",
            ]
        statement = cell(claim.statement)
        disputes = [cell(numbers.get(f, f)) for f in contradicted.get(claim.id, [])]
        if disputes:
            statement += " (in dispute " + ", ".join(disputes) + ")"
        lines.append(
            f"| {claim.line} | {statement} | {cell(claim.attributed_to)} | {cell(claim.modality)} |"
        )
    return lines
