"""Which articles back which claims: the corroboration matrix and the
claims that rest on a single article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.report._text import cell, inline, plural, prose

if TYPE_CHECKING:
    from factcheck.report._articles import ArticleLabels
    from factcheck.schemas import Answer, Claim, ClaimGroup, Report

__all__ = [
    "CORROBORATION_INTRO",
    "SINGLE_SOURCE_INTRO",
    "GlanceRow",
    "corroboration_section",
    "glance_rows",
    "single_source_claims",
    "single_source_section",
]

# "not_stated" reads as silence: the article has a claim nearby but it does
# not answer this question.
_MARK: dict[Answer, str] = {"yes": "✓", "no": "✗", "uncertain": "~", "unverified": "?"}
_SILENT = "·"
# Past this many rows the table stops being read; the split rows are kept first.
MAX_ROWS = 25

CORROBORATION_INTRO = (
    "One row per point at least two articles address, as the contradiction model reads "
    "their quotes; one column per article: ✓ agrees with the point as the row puts it, "
    f"✗ disputes it, ~ hedges it, ? not checked, {_SILENT} silent. A row mixing them is "
    "where the articles split."
)
SINGLE_SOURCE_INTRO = (
    "Claims no other article backs up. Not wrong for that, but resting on one outlet; "
    "worth a second source before repeating them."
)


@dataclass(frozen=True)
class GlanceRow:
    """One point of the story at a glance."""

    point: str
    marks: dict[str, str]
    """Article id -> its mark; silent articles are absent."""
    outcome: str
    findings: list[str]
    """Numbers (D1, T2) of the findings drawn from this point."""

    @property
    def split(self) -> bool:
        return self.outcome == "split"

    def mark(self, article_id: str) -> str:
        return self.marks.get(article_id, _SILENT)


def glance_rows(
    report: Report, labels: ArticleLabels, numbers: dict[str, str]
) -> tuple[list[GlanceRow], int]:
    """The rows in story order, duplicates merged, and how many were left out."""
    claims = {claim.id: claim for claim in report.claims}
    groups = _merged([g for g in report.groups if len(_articles_of(g, claims)) > 1], claims)
    groups.sort(key=lambda g: _first_position(g, claims, labels))
    rows = []
    for group in groups:
        answers = _answers_by_article(group, claims)
        flagged = sorted(
            (numbers.get(f, f) for f in _flagged(group, report)), key=lambda n: (n[0], len(n), n)
        )
        marks = {article: _mark(values) for article, values in answers.items()}
        rows.append(GlanceRow(group.question, marks, _outcome(answers, flagged), flagged))
    if len(rows) <= MAX_ROWS:
        return rows, 0
    # Split rows first, then the points most outlets speak to; shown in story order.
    ranked = sorted(
        range(len(rows)),
        key=lambda i: (not rows[i].split, -sum(m != _SILENT for m in rows[i].marks.values()), i),
    )
    kept = sorted(ranked[:MAX_ROWS])
    return [rows[i] for i in kept], len(rows) - len(kept)


def corroboration_section(
    report: Report, labels: ArticleLabels, numbers: dict[str, str]
) -> list[str]:
    lines = ["## The story at a glance", ""]
    rows, left_out = glance_rows(report, labels, numbers)
    if not rows:
        return [*lines, "No point is addressed by two articles or more."]
    lines += [
        *prose(CORROBORATION_INTRO),
        "",
        "| # | Point | " + " | ".join(labels[a] for a in labels.ids) + " | Outcome |",
        "|--:|---|" + ":-:|" * len(labels.ids) + "---|",
    ]
    for number, row in enumerate(rows, start=1):
        marks = " | ".join(row.mark(article) for article in labels.ids)
        outcome = ", ".join([row.outcome, *row.findings])
        lines.append(f"| {number} | {cell(row.point)} | {marks} | {outcome} |")
    if left_out:
        lines += [
            "",
            f"{plural(left_out, 'more point')} left out to keep the table short (split points "
            "are kept first); every point is in the JSON report.",
        ]
    return [*lines, "", labels.legend()]


def _merged(groups: list[ClaimGroup], claims: dict[str, Claim]) -> list[ClaimGroup]:
    """One row per point: a group whose claims another group already holds, or that
    asks the same question in other case or punctuation, is folded into it."""
    merged: list[ClaimGroup] = []
    # Larger groups first, so a duplicate folds into the fuller row.
    for group in sorted(groups, key=lambda g: (-len(g.claim_ids), g.id)):
        members = {c for c in group.claim_ids if c in claims}
        home = next(
            (
                kept
                for kept in merged
                if members <= set(kept.claim_ids) or _same_words(kept.question, group.question)
            ),
            None,
        )
        if home is None:
            merged.append(group.model_copy(deep=True))
            continue
        for claim_id in group.claim_ids:
            if claim_id not in home.claim_ids:
                home.claim_ids.append(claim_id)
                home.answers[claim_id] = group.answers.get(claim_id, "unverified")
    return merged


def _same_words(first: str, second: str) -> bool:
    return _words(first) == _words(second)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


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
    return verdict


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
        disputes = [numbers.get(f, f) for f in contradicted.get(claim.id, [])]
        if disputes:
            statement += " (in dispute " + ", ".join(disputes) + ")"
        lines.append(
            f"| {claim.line} | {statement} | {cell(claim.attributed_to)} | {claim.modality} |"
        )
    return lines
