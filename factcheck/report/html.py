"""The HTML page: one self-contained file to open by double-click.

The disputes come first, each with its sides side by side and a link to every
quote; below them, each article's cleaned text with the quotes of every
finding highlighted where they sit (``char_start``/``char_end`` into the text
the JSON report carries). Inline CSS only, no script, nothing fetched: the page
works offline and from an e-mail attachment. This module decides what the page
shows; ``templates/report.html`` writes it, with Jinja2's autoescape on, so every
string (from an article, a model or a JSON file) is escaped where it lands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise, zip_longest
from typing import TYPE_CHECKING, Any

from factcheck.report._articles import ArticleLabels
from factcheck.report._disputes import (
    SIDE_NAMES,
    WORTH_A_LOOK_INTRO,
    cited,
    compatible,
    decided_by,
    differences,
    explain,
    numbered,
    side_articles,
    sides,
    strength,
)
from factcheck.report.coverage import single_source_claims
from factcheck.report.points import POINTS_INTRO, SILENT, point_rows, short_quote
from factcheck.report.review import ORPHANS_INTRO
from factcheck.report.summary import CONTRADICTION_MODEL, TITLE
from factcheck.report.templating import render_template
from factcheck.report.text import plural, quote_marks

if TYPE_CHECKING:
    from factcheck.report._disputes import Numbered
    from factcheck.schemas import ArticleInfo, Finding, FindingSide, Report

__all__ = ["highlight_id", "render_html", "statement_id"]

View = dict[str, Any]
"""What the template reads: plain values, escaped by the template."""


def statement_id(claim_id: str) -> str:
    """The id of the anchor at a point statement's sentence in its article's text."""
    return f"s-{claim_id}"


def highlight_id(finding: Finding, index: int) -> str:
    """The id of the highlight of ``finding.sides[index]`` in its article's text."""
    return f"q-{finding.id}-{index}"


@dataclass(frozen=True)
class _Highlight:
    anchor: str
    number: str
    finding_id: str
    side: int
    start: int
    end: int
    tension: bool


def render_html(report: Report) -> str:
    """The report as one HTML page, from the same data as the Markdown."""
    labels = ArticleLabels(report)
    disputes, tensions = numbered(report)
    judged = compatible(report)
    numbers = {finding.id: number for number, finding in [*disputes, *tensions, *judged]}
    highlights, unplaced = _highlights(report, [*disputes, *tensions, *judged])
    placed = {h.anchor for hs in highlights.values() for h in hs}
    anchors = _statement_anchors(report)
    sections = [
        ("Disputes", "disputes", disputes),
        ("Tensions", "tensions", tensions),
        *([("Judged compatible", "compatible", judged)] if judged else []),
    ]
    return render_template(
        "factcheck.report",
        "report.html",
        title=TITLE,
        **_summary(report, labels, disputes, tensions),
        sections=[
            {
                "title": title,
                "anchor": anchor,
                "findings": [_finding(n, f, labels, placed) for n, f in findings],
            }
            for title, anchor, findings in sections
        ],
        worth_a_look=_worth_a_look(report, labels),
        worth_a_look_intro=WORTH_A_LOOK_INTRO,
        matrix=_matrix(report, labels, numbers, {a for xs in anchors.values() for _, a in xs}),
        silent=SILENT,
        orphans=[
            {
                "finding_id": o.finding_id,
                "status": o.review.status if o.review.status != "unreviewed" else "open",
                "note": o.review.note,
            }
            for o in report.orphaned_reviews
        ],
        orphans_intro=ORPHANS_INTRO,
        unplaced=unplaced,
        articles=[
            _article(a, labels, highlights.get(a.id, []), anchors.get(a.id, []))
            for a in report.articles
        ],
    )


def _summary(report: Report, labels: ArticleLabels, disputes: Numbered, tensions: Numbered) -> View:
    severities = ", ".join(
        f"{sum(f.severity == level for _, f in disputes)} {level}"
        for level in ("high", "medium", "low")
    )
    disagreements = []
    for number, finding in [*disputes, *tensions]:
        side_a, side_b = sides(finding, labels)
        disagreements.append(
            {
                "id": finding.id,
                "number": number,
                "severity": finding.severity,
                "side_a": side_articles(side_a, labels),
                "side_b": side_articles(side_b, labels),
                "question": finding.question,
            }
        )
    run = report.run
    return {
        "lede": {
            "disputes": plural(len(disputes), "dispute"),
            "severities": severities,
            "tensions": plural(len(tensions), "tension"),
            "articles": plural(len(report.articles), "article"),
            "reviewed": sum(f.review.status != "unreviewed" for f in report.findings),
            "findings": len(report.findings),
        },
        "disagreements": disagreements,
        "article_list": [
            {"label": labels[a.id], "title": a.title or "(untitled)", "claims": a.claims}
            for a in report.articles
        ],
        "run": {
            "claims": len(report.claims),
            "single_source": len(single_source_claims(report)),
            "problems": len(report.problems),
            "version": run.factcheck_version,
            "backend": run.backend,
            "model": run.model,
            "calls": sum(usage.calls for usage in run.usage.values()),
            "prompts": [
                (name, digest[:12])
                for name, digest in sorted(run.prompts.items())
                if name != CONTRADICTION_MODEL
            ],
            "contradiction_model": run.prompts.get(CONTRADICTION_MODEL),
            "wall_time": f"{run.wall_seconds:,.1f}",
        },
    }


def _finding(number: str, finding: Finding, labels: ArticleLabels, placed: set[str]) -> View:
    side_a, side_b = sides(finding, labels)
    # By identity: the highlight ids number the sides as the finding stores them.
    anchors = {
        id(side): anchor if (anchor := highlight_id(finding, i)) in placed else None
        for i, side in enumerate(finding.sides)
    }
    return {
        "id": finding.id,
        "number": number,
        "category": finding.category,
        "severity": finding.severity,
        "question": finding.question,
        "kind": finding.kind,
        "strength": strength(finding),
        "decided_by": decided_by(finding),
        "side_a": side_articles(side_a, labels),
        "side_b": side_articles(side_b, labels),
        "rows": [
            [_side(side, labels, anchors[id(side)]) if side else None for side in pair]
            for pair in zip_longest(side_a, side_b)
        ],
        "differences": differences(finding),
        "why": explain(finding, labels),
        "cited": cited(finding) if finding.cited else "",
        "review": finding.review.status if finding.review.status != "unreviewed" else "open",
        "note": finding.review.note,
    }


def _side(side: FindingSide, labels: ArticleLabels, anchor: str | None = None) -> View:
    """One article's account; ``anchor``: its highlight in the article text, when placed."""
    return {
        "side": SIDE_NAMES[side.position].lower(),
        "label": labels[side.article_id],
        "who": side.attributed_to,
        "modality": side.modality,
        "quote": quote_marks(side.quote),
        "where": f"line {side.line}, chars {side.char_start}-{side.char_end}",
        "anchor": anchor,
    }


def _worth_a_look(report: Report, labels: ArticleLabels) -> list[View]:
    return [
        {
            "n": n,
            "probability": f"{item.probability:.2f}",
            # The first of the pair is shown as side A, the second as side B.
            "sides": [
                {**_side(side, labels), "side": SIDE_NAMES[i].lower()}
                for i, side in enumerate(item.sides)
            ],
        }
        for n, item in enumerate(report.worth_a_look, 1)
    ]


def _matrix(
    report: Report, labels: ArticleLabels, numbers: dict[str, str], anchored: set[str]
) -> View:
    rows, left_out = point_rows(report, labels, numbers)
    ids = {number: finding_id for finding_id, number in numbers.items()}
    shown = []
    for n, row in enumerate(rows, 1):
        cells: list[View | None] = []
        for article in labels.ids:
            said = row.cells.get(article)
            if not said:
                cells.append(None)
                continue
            parts = [
                {
                    "quote": short_quote(statement.quote),
                    "anchor": anchor if (anchor := statement_id(statement.claim_id)) in anchored
                    else None,
                    "who": statement.attributed_to,
                    "modality": statement.modality,
                    "marks": [{"label": m, "target": ids.get(m)} for m in marks],
                }
                for statement, marks in said
            ]  # fmt: skip
            cells.append({"flagged": any(m for _, m in said), "parts": parts})
        shown.append(
            {
                "id": row.point.id,
                "n": n,
                "heading": row.point.heading,
                "cells": cells,
                "outcome": row.outcome(),
            }
        )
    return {
        "rows": shown,
        "labels": [labels[a] for a in labels.ids],
        "intro": POINTS_INTRO,
        "left_out": left_out,
    }


def _statement_anchors(report: Report) -> dict[str, list[tuple[int, str]]]:
    """(offset, anchor id) of every point statement whose quote sits where it says, by
    article: the matrix's cells link there."""
    texts = {article.id: article.text for article in report.articles}
    found: dict[str, list[tuple[int, str]]] = {}
    for point in report.points:
        for s in point.statements:
            text = texts.get(s.article_id)
            if text is not None and text[s.char_start : s.char_end] == s.quote:
                found.setdefault(s.article_id, []).append((s.char_start, statement_id(s.claim_id)))
    return found


def _highlights(report: Report, findings: Numbered) -> tuple[dict[str, list[_Highlight]], int]:
    """Every finding's quotes that sit where their offsets say, by article; and how
    many did not (text missing or not matching), so none is dropped silently."""
    texts = {article.id: article.text for article in report.articles}
    placed: dict[str, list[_Highlight]] = {}
    unplaced = 0
    for number, finding in findings:
        for index, side in enumerate(finding.sides):
            text = texts.get(side.article_id)
            if text is None or text[side.char_start : side.char_end] != side.quote:
                unplaced += 1
                continue
            placed.setdefault(side.article_id, []).append(
                _Highlight(
                    anchor=highlight_id(finding, index),
                    number=number,
                    finding_id=finding.id,
                    side=side.position,
                    start=side.char_start,
                    end=side.char_end,
                    tension=finding.category == "tension",
                )
            )
    return placed, unplaced


def _article(
    article: ArticleInfo,
    labels: ArticleLabels,
    highlights: list[_Highlight],
    anchors: list[tuple[int, str]],
) -> View:
    return {
        "label": labels[article.id],
        "title": article.title or "(untitled)",
        "id": article.id,
        "source_path": article.source_path,
        "claims": article.claims,
        "highlighted": len(highlights),
        "segments": None if article.text is None else _segments(article.text, highlights, anchors),
    }


def _segments(
    text: str, highlights: list[_Highlight], anchors: Sequence[tuple[int, str]] = ()
) -> list[View]:
    """The text cut at every quote's edges: each piece inside one or more quotes becomes
    one mark (quotes may overlap or coincide), each quote's start gets its anchor and each
    end a tag linking back to the finding; ``anchors`` (offset, id) mark where the matrix's
    statements start. The template writes each piece, escaped."""
    cuts = sorted(
        {0, len(text)}
        | {h.start for h in highlights}
        | {h.end for h in highlights}
        | {offset for offset, _ in anchors}
    )
    out: list[View] = []
    for start, end in pairwise(cuts):
        for _, name in sorted(a for a in anchors if a[0] == start):
            out.append({"kind": "anchor", "id": name})
        for h in sorted(highlights, key=lambda h: h.anchor):
            if h.start == start:
                out.append({"kind": "anchor", "id": h.anchor})
        covering = [h for h in highlights if h.start <= start and end <= h.end]
        piece = text[start:end]
        if covering:
            side_set = {h.side for h in covering}
            side = "side-ab" if len(side_set) > 1 else f"side-{SIDE_NAMES[side_set.pop()].lower()}"
            tension = " tension" if all(h.tension for h in covering) else ""
            out.append(
                {
                    "kind": "mark",
                    "classes": side + tension,
                    "findings": " ".join(dict.fromkeys(h.finding_id for h in covering)),
                    "title": "; ".join(
                        f"{h.number} side {SIDE_NAMES[h.side]}"
                        for h in sorted(covering, key=_order)
                    ),
                    "text": piece,
                }
            )
        else:
            out.append({"kind": "text", "text": piece})
        for h in sorted(highlights, key=_order):
            if h.end == end:
                name = SIDE_NAMES[h.side]
                out.append(
                    {
                        "kind": "tag",
                        "side": name.lower(),
                        "target": h.finding_id,
                        "title": f"{h.number}, side {name}",
                        "text": f"{h.number}·{name}",
                    }
                )
    return out


def _order(highlight: _Highlight) -> tuple[str, int, int, str]:
    return highlight.number[0], len(highlight.number), highlight.side, highlight.number
