"""Which articles back which claims: the corroboration matrix and the
claims that rest on a single article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.report._articles import location
from factcheck.report._text import cell, plural

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.schemas import Answer, Claim, ClaimGroup, Report

__all__ = [
    "CORROBORATION_INTRO",
    "SINGLE_SOURCE_INTRO",
    "corroboration_section",
    "single_source_claims",
    "single_source_section",
]

# "not_stated" reads as silence: the article has a claim nearby but it does
# not answer this question.
_MARK: dict[Answer, str] = {"yes": "✓", "no": "✗", "uncertain": "~", "unverified": "?"}
_SILENT = "·"

CORROBORATION_INTRO = (
    "The story at a glance: one row per point at least two articles address, as the "
    "contradiction model reads their quotes, one column per article: ✓ the article states the "
    "point as the row puts it, ✗ it says otherwise, ~ it hedges it, ? not checked, "
    f"{_SILENT} silent. A row mixing them is where the articles split."
)
SINGLE_SOURCE_INTRO = (
    "Claims no other article backs up. Not wrong for that, but resting on one outlet; "
    "worth a second source before repeating them."
)


def corroboration_section(report: Report, labels: ArticleLabels) -> list[str]:
    lines = ["## The story at a glance", ""]
    claims = {claim.id: claim for claim in report.claims}
    groups = [g for g in report.groups if len(_articles_of(g, claims)) > 1]
    if not groups:
        return [*lines, "No claims were compared across articles."]
    groups.sort(key=lambda g: _first_position(g, claims, labels))
    lines += [
        CORROBORATION_INTRO,
        "",
        "| # | Point | " + " | ".join(labels[a] for a in labels.ids) + " | Outcome |",
        "|--:|---|" + ":-:|" * len(labels.ids) + "---|",
    ]
    for number, group in enumerate(groups, start=1):
        answers = _answers_by_article(group, claims)
        marks = " | ".join(_mark(answers.get(article, [])) for article in labels.ids)
        outcome = _outcome(answers, _flagged(group, report))
        lines.append(f"| {number} | {cell(group.question)} | {marks} | {outcome} |")
    return [*lines, "", labels.legend()]


def _mark(answers: list[Answer]) -> str:
    """One article's cell; two marks when its claims answer differently."""
    return "".join(dict.fromkeys(_MARK[a] for a in answers if a in _MARK)) or _SILENT


def _articles_of(group: ClaimGroup, claims: dict[str, Claim]) -> set[str]:
    return {claims[c].article_id for c in group.claim_ids if c in claims}


def _first_position(
    group: ClaimGroup, claims: dict[str, Claim], labels: ArticleLabels
) -> tuple[int, int, int, str]:
    """Rows follow the story: ordered by where their earliest claim sits."""
    members = [claims[c] for c in group.claim_ids if c in claims]
    first = min(members, key=lambda c: (labels.order(c.article_id), c.char_start))
    return labels.order(first.article_id), first.char_start, first.char_end, group.id


def _answers_by_article(group: ClaimGroup, claims: dict[str, Claim]) -> dict[str, list[Answer]]:
    answers: dict[str, list[Answer]] = {}
    for claim_id in group.claim_ids:
        if claim_id in claims:
            answer = group.answers.get(claim_id, "unverified")
            answers.setdefault(claims[claim_id].article_id, []).append(answer)
    return answers


def _flagged(group: ClaimGroup, report: Report) -> list[str]:
    """Findings drawn from this group: all their sides are its claims."""
    members = set(group.claim_ids)
    return sorted(f.id for f in report.findings if {s.claim_id for s in f.sides} <= members)


def _outcome(answers: dict[str, list[Answer]], flagged: list[str]) -> str:
    said = {a for values in answers.values() for a in values if a in ("yes", "no", "uncertain")}
    speaking = [art for art, values in answers.items() if set(values) & said]
    if len(said) > 1 or flagged:
        verdict = "split"
    elif len(speaking) > 1:
        verdict = f"agree ({len(speaking)})"
    elif speaking:
        verdict = "one source"
    else:
        verdict = "unanswered"
    return ", ".join([verdict, *flagged])


def single_source_claims(report: Report) -> list[Claim]:
    claims = {claim.id: claim for claim in report.claims}
    return [
        claims[support.claim_id]
        for support in report.corroboration
        if support.single_source and support.claim_id in claims
    ]


def single_source_section(report: Report, labels: ArticleLabels) -> list[str]:
    lines = ["## Single-source claims", "", SINGLE_SOURCE_INTRO]
    if report.claims and not report.corroboration:
        return [*lines, "", "Not computed: the claims were not compared across articles."]
    lonely = single_source_claims(report)
    if not lonely:
        return [*lines, "", "None: every claim is backed by another article."]
    contradicted = {s.claim_id: s.contradicted_by for s in report.corroboration}
    lonely.sort(key=lambda c: (labels.order(c.article_id), c.char_start, c.char_end, c.id))
    article_id: str | None = None
    for claim in lonely:
        if claim.article_id != article_id:
            article_id = claim.article_id
            count = sum(c.article_id == article_id for c in lonely)
            lines += [
                "",
                f"### {labels.named(article_id)} ({plural(count, 'claim')})",
                "",
                "| Claim | Who says so | Modality | Where |",
                "|---|---|---|---|",
            ]
        statement = cell(claim.statement)
        if contradicted.get(claim.id):
            statement += " (disputed: " + ", ".join(contradicted[claim.id]) + ")"
        where = location(claim.article_id, claim.line, claim.char_start, claim.char_end)
        lines.append(f"| {statement} | {cell(claim.attributed_to)} | {claim.modality} | {where} |")
    return lines
