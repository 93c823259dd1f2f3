"""The HTML page: one self-contained file to open by double-click.

The disputes come first, each with its sides side by side and a link to every
quote; below them, each article's cleaned text with the quotes of every
finding highlighted where they sit (``char_start``/``char_end`` into the text
the JSON report carries). Inline CSS only, no script, nothing fetched: the page
works offline and from an e-mail attachment. Everything from an article or a
model is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise, zip_longest
from typing import TYPE_CHECKING

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
from factcheck.report.summary import CONTRADICTION_MODEL, TITLE
from factcheck.report.text import plural, quote_marks

if TYPE_CHECKING:
    from factcheck.report._disputes import Numbered
    from factcheck.schemas import ArticleInfo, Finding, FindingSide, Report

__all__ = ["highlight_id", "render_html", "statement_id"]

_STYLE = """
:root { --a: #d6e6ff; --a-edge: #2f6fd0; --b: #ffe2c2; --b-edge: #c8660a;
  --ab: #ead9ff; --ink: #1d2430; --muted: #5b6472; --line: #d9dee6; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #f6f7f9; }
main { max-width: 74rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.08rem; margin: 0 0 .3rem; }
.lede { font-size: 1.1rem; margin: .2rem 0 1rem; }
.muted, .meta { color: var(--muted); font-size: .9rem; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 1rem 1.2rem; margin: .8rem 0; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
  gap: .2rem 1.5rem; margin: 0; padding: 0; list-style: none; }
ol.points { margin: .3rem 0; padding-left: 0; list-style: none; }
ol.points li { margin: .25rem 0; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-size: .8rem;
  font-weight: 600; text-transform: uppercase; letter-spacing: .03em; vertical-align: 1px; }
.high { background: #b3261e; color: #fff; } .medium { background: #e8a317; color: #1d2430; }
.low { background: #cfd6df; color: #1d2430; }
.finding { scroll-margin-top: 1rem; }
.finding:target { outline: 3px solid var(--a-edge); }
.point { font-size: 1.05rem; font-weight: 600; margin: .2rem 0 .5rem; }
.sides { width: calc(100% + 1.2rem); margin: 0 -.6rem; table-layout: fixed;
  border-collapse: separate; border-spacing: .6rem 0; }
.sides th { text-align: left; font-size: .9rem; padding: .2rem .6rem; border-radius: 6px 6px 0 0; }
.sides td { vertical-align: top; padding: .5rem .6rem; border-top: 1px solid var(--line); }
.sides th.side-a { background: var(--a); } .sides th.side-b { background: var(--b); }
.sides td.side-a { border-left: 4px solid var(--a-edge); }
.sides td.side-b { border-left: 4px solid var(--b-edge); }
.sides td:empty { border: 0; }
.who { font-weight: 600; } blockquote { margin: .3rem 0; font-style: italic; }
.why { margin: .6rem 0 .2rem; } .review { margin: .2rem 0 0; }
table.matrix { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: .3rem .5rem;
  vertical-align: top; }
table.matrix td.silent { color: var(--muted); font-style: italic; text-align: center; }
table.matrix td.flagged { background: #fff6e8; }
table.matrix a.said { color: inherit; } .flag { font-weight: 700; color: #b3261e; }
.text { white-space: pre-wrap; font: 1rem/1.65 Georgia, "Times New Roman", serif; }
mark { padding: .05rem 0; border-radius: 2px; color: inherit; }
mark.side-a { background: var(--a); box-shadow: inset 0 -2px var(--a-edge); }
mark.side-b { background: var(--b); box-shadow: inset 0 -2px var(--b-edge); }
mark.side-ab { background: var(--ab); box-shadow: inset 0 -2px #7a4cc2; }
mark.tension { background: transparent; box-shadow: none; border-bottom: 2px dashed var(--b-edge); }
.anchor { scroll-margin-top: 40vh; }
.anchor:target + mark, .anchor:target + a + mark { outline: 3px solid #7a4cc2; }
a.tag { font: 600 .7rem/1 system-ui, sans-serif; vertical-align: super; text-decoration: none;
  color: var(--ink); background: #fff; border: 1px solid var(--line); border-radius: 3px;
  padding: 0 .2rem; margin-left: .1rem; }
a.tag.side-a { border-color: var(--a-edge); } a.tag.side-b { border-color: var(--b-edge); }
"""


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
    body = [
        f"<h1>{TITLE}</h1>",
        *_summary(report, labels, disputes, tensions),
        *_findings("Disputes", "disputes", disputes, labels, placed),
        *_findings("Tensions", "tensions", tensions, labels, placed),
        *(_findings("Judged compatible", "compatible", judged, labels, placed) if judged else []),
        *_worth_a_look(report, labels),
        *_matrix(report, labels, numbers, {a for xs in anchors.values() for _, a in xs}),
        '<h2 id="articles">The articles</h2>',
        '<p class="muted">Each article as it was read. Highlighted: the quotes of the findings '
        "above, blue for side A and orange for side B (purple where a quote sits on both, "
        "dashed for a tension); the small tag after a quote links back to its finding.</p>",
    ]
    if unplaced:
        body.append(
            f'<p class="muted">{unplaced} quote(s) could not be placed in the article text '
            "(the text is missing from this report or does not match the quote); they are "
            "shown in the findings only.</p>"
        )
    for article in report.articles:
        body += _article(
            article, labels, highlights.get(article.id, []), anchors.get(article.id, [])
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{TITLE}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _summary(
    report: Report, labels: ArticleLabels, disputes: Numbered, tensions: Numbered
) -> list[str]:
    reviewed = sum(f.review.status != "unreviewed" for f in report.findings)
    severities = ", ".join(
        f"{sum(f.severity == level for _, f in disputes)} {level}"
        for level in ("high", "medium", "low")
    )
    lines = [
        f'<p class="lede"><strong>{plural(len(disputes), "dispute")}</strong> ({severities}) '
        f"and <strong>{plural(len(tensions), 'tension')}</strong> across "
        f"{plural(len(report.articles), 'article')}; "
        f"{reviewed} of {len(report.findings)} reviewed.</p>",
        '<section class="panel" id="summary">',
        "<h3>What the outlets disagree on</h3>",
    ]
    if disputes or tensions:
        lines.append('<ol class="points">')
        for number, finding in [*disputes, *tensions]:
            side_a, side_b = sides(finding, labels)
            lines.append(
                f'<li><a href="#{escape(finding.id)}"><strong>{number}</strong></a> '
                f'<span class="badge {finding.severity}">{finding.severity}</span> '
                f"{escape(side_articles(side_a, labels))} vs "
                f"{escape(side_articles(side_b, labels))}: {escape(finding.question)}</li>"
            )
        lines.append("</ol>")
    else:
        lines.append("<p>No disagreement found among the points the articles share.</p>")
    lines.append('<h3>Articles</h3><ul class="facts">')
    for article in report.articles:
        lines.append(
            f'<li><a href="#article-{labels[article.id]}"><strong>{labels[article.id]}</strong>'
            f"</a> {escape(article.title or '(untitled)')} "
            f'<span class="muted">({article.claims} claims)</span></li>'
        )
    lines.append("</ul>")
    run = report.run
    prompts = ", ".join(
        f"{escape(name)} <code>{escape(digest[:12])}</code>"
        for name, digest in sorted(run.prompts.items())
        if name != CONTRADICTION_MODEL
    )
    model = run.prompts.get(CONTRADICTION_MODEL)
    calls = sum(usage.calls for usage in run.usage.values())
    facts = [
        f"Claims extracted: {len(report.claims)}",
        f"Single-source claims: {len(single_source_claims(report))} of {len(report.claims)}",
        f"Problems: {len(report.problems)}",
        f"factcheck {escape(run.factcheck_version)}, backend <code>{escape(run.backend)}</code>",
        f"Model <code>{escape(run.model)}</code>, {calls} calls",
        *([f"Prompt hashes: {prompts}"] if prompts else []),
        *([f"Contradiction model <code>{escape(model)}</code>"] if model else []),
        f"Wall time: {run.wall_seconds:,.1f} s",
    ]
    lines += ['<h3>How this report was made</h3><ul class="facts muted">']
    lines += [f"<li>{fact}</li>" for fact in facts]
    return [*lines, "</ul>", "</section>"]


def _findings(
    title: str, anchor: str, findings: Numbered, labels: ArticleLabels, placed: set[str]
) -> list[str]:
    lines = [f'<h2 id="{anchor}">{title}</h2>']
    if not findings:
        return [*lines, "<p>None found.</p>"]
    for number, finding in findings:
        lines += _finding(number, finding, labels, placed)
    return lines


def _finding(number: str, finding: Finding, labels: ArticleLabels, placed: set[str]) -> list[str]:
    side_a, side_b = sides(finding, labels)
    # By identity: the highlight ids number the sides as the finding stores them.
    index = {id(side): i for i, side in enumerate(finding.sides)}
    review = finding.review.status if finding.review.status != "unreviewed" else "open"
    note = f" · note: {escape(finding.review.note)}" if finding.review.note else ""
    lines = [
        f'<article class="panel finding {finding.category}" id="{escape(finding.id)}">',
        f'<h3>{number} <span class="badge {finding.severity}">{finding.severity}</span> '
        f'<span class="muted">{escape(finding.id)}</span></h3>',
        f'<p class="point">{escape(finding.question)}</p>',
        f'<p class="meta">Kind: {finding.kind} · {strength(finding)} · {decided_by(finding)}</p>',
        '<table class="sides"><thead><tr>',
        f'<th class="side-a">Side A ({escape(side_articles(side_a, labels))})</th>',
        f'<th class="side-b">Side B ({escape(side_articles(side_b, labels))})</th>',
        "</tr></thead><tbody>",
    ]
    for first, second in zip_longest(side_a, side_b):
        cells = [
            _side_cell(side, finding, index[id(side)], labels, placed) if side else "<td></td>"
            for side in (first, second)
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += [
        "</tbody></table>",
        *(
            f'<p class="differs"><strong>What differs:</strong> {escape(line)}</p>'
            for line in differences(finding)
        ),
        f'<p class="why"><strong>Why flagged:</strong> {escape(explain(finding, labels))}</p>',
        *(
            [f'<p class="cited"><strong>The judge rests on:</strong> {escape(cited(finding))}</p>']
            if finding.cited
            else []
        ),
        f'<p class="review meta">Review: {escape(review)}{note}</p>',
        "</article>",
    ]
    return lines


def _worth_a_look(report: Report, labels: ArticleLabels) -> list[str]:
    if not report.worth_a_look:
        return []
    lines = [
        '<h2 id="worth-a-look">Worth a look</h2>',
        f'<p class="muted">{escape(WORTH_A_LOOK_INTRO)}</p>',
        '<table class="sides"><thead><tr><th>#</th><th>Probability</th>'
        '<th class="side-a">One outlet</th><th class="side-b">Another</th></tr></thead><tbody>',
    ]
    for n, item in enumerate(report.worth_a_look, 1):
        cells = "".join(
            f'<td class="side-{"a" if i == 0 else "b"}"><span class="who">'
            f"{labels[side.article_id]} · {escape(side.attributed_to)}</span> "
            f'<span class="muted">({escape(side.modality)})</span>'
            f"<blockquote>{escape(quote_marks(side.quote))}</blockquote></td>"
            for i, side in enumerate(item.sides)
        )
        lines.append(f"<tr><td>W{n}</td><td>{item.probability:.2f}</td>{cells}</tr>")
    return [*lines, "</tbody></table>"]


def _side_cell(
    side: FindingSide, finding: Finding, index: int, labels: ArticleLabels, placed: set[str]
) -> str:
    anchor = highlight_id(finding, index)
    where = f"line {side.line}, chars {side.char_start}-{side.char_end}"
    link = f'<a href="#{anchor}">{where}</a>' if anchor in placed else f"{where} (not located)"
    return (
        f'<td class="side-{SIDE_NAMES[side.position].lower()}">'
        f'<span class="who">{labels[side.article_id]} · {escape(side.attributed_to)}</span> '
        f'<span class="muted">({escape(side.modality)})</span>'
        f"<blockquote>{escape(quote_marks(side.quote))}</blockquote>"
        f'<span class="meta">{link}</span></td>'
    )


def _matrix(
    report: Report, labels: ArticleLabels, numbers: dict[str, str], anchored: set[str]
) -> list[str]:
    rows, left_out = point_rows(report, labels, numbers)
    if not rows:
        return []
    lines = [
        '<h2 id="points">The story point by point</h2>',
        f'<p class="muted">{escape(POINTS_INTRO)} Each quote links to its sentence in the '
        "article text below.</p>",
        '<table class="matrix"><thead><tr><th>#</th><th>Point</th>',
        *[f"<th>{labels[a]}</th>" for a in labels.ids],
        "<th>Flags</th></tr></thead><tbody>",
    ]
    ids = {number: finding_id for finding_id, number in numbers.items()}
    for n, row in enumerate(rows, 1):
        cells = []
        for article in labels.ids:
            said = row.cells.get(article)
            if not said:
                cells.append(f'<td class="silent">{SILENT}</td>')
                continue
            parts = []
            for statement, marks in said:
                anchor = statement_id(statement.claim_id)
                quote = escape(short_quote(statement.quote))
                if anchor in anchored:
                    quote = f'<a class="said" href="#{anchor}">{quote}</a>'
                flag = (
                    " " + " ".join(
                        f'<a class="flag" href="#{escape(ids[m])}">{m}</a>' if m in ids
                        else f'<span class="flag">{m}</span>' for m in marks
                    )
                    if marks else ""
                )  # fmt: skip
                parts.append(
                    f'{quote} <span class="muted">({escape(statement.attributed_to)}, '
                    f"{escape(statement.modality)})</span>{flag}"
                )
            kind = ' class="flagged"' if any(m for _, m in said) else ""
            cells.append(f"<td{kind}>{'<br>'.join(parts)}</td>")
        lines.append(
            f'<tr id="{escape(row.point.id)}"><td>P{n}</td>'
            f"<td><strong>{escape(row.point.heading)}</strong></td>"
            + "".join(cells)
            + f"<td>{escape(row.outcome())}</td></tr>"
        )
    lines.append("</tbody></table>")
    if left_out:
        lines.append(f'<p class="muted">{left_out} more point(s) are in the JSON report.</p>')
    return lines


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
) -> list[str]:
    label = labels[article.id]
    source = f" · {escape(article.source_path)}" if article.source_path else ""
    lines = [
        f'<article class="panel source" id="article-{label}">',
        f"<h3>{label} · {escape(article.title or '(untitled)')}</h3>",
        f'<p class="meta"><code>{escape(article.id)}</code>{source} · {article.claims} claims'
        f" · {len(highlights)} highlighted quote(s)</p>",
    ]
    if article.text is None:
        lines.append(
            '<p class="muted">This report was written before reports kept the article text; '
            "re-run <code>factcheck check</code> to see the quotes in place.</p>"
        )
    else:
        lines.append(f'<div class="text">{_marked(article.text, highlights, anchors)}</div>')
    return [*lines, "</article>"]


def _marked(
    text: str, highlights: list[_Highlight], anchors: Sequence[tuple[int, str]] = ()
) -> str:
    """The text, escaped, cut at every quote's edges: each piece inside one or more
    quotes becomes one ``<mark>`` (quotes may overlap or coincide), each quote's
    start gets its anchor and each end a tag linking back to the finding; ``anchors``
    (offset, id) mark where the matrix's statements start."""
    cuts = sorted(
        {0, len(text)}
        | {h.start for h in highlights}
        | {h.end for h in highlights}
        | {offset for offset, _ in anchors}
    )
    out: list[str] = []
    for start, end in pairwise(cuts):
        for _, name in sorted(a for a in anchors if a[0] == start):
            out.append(f'<span class="anchor" id="{escape(name)}"></span>')
        for h in sorted(highlights, key=lambda h: h.anchor):
            if h.start == start:
                out.append(f'<span class="anchor" id="{h.anchor}"></span>')
        covering = [h for h in highlights if h.start <= start and end <= h.end]
        piece = escape(text[start:end])
        if covering:
            side_set = {h.side for h in covering}
            side = "side-ab" if len(side_set) > 1 else f"side-{SIDE_NAMES[side_set.pop()].lower()}"
            tension = " tension" if all(h.tension for h in covering) else ""
            title = "; ".join(
                f"{h.number} side {SIDE_NAMES[h.side]}" for h in sorted(covering, key=_order)
            )
            findings = " ".join(dict.fromkeys(h.finding_id for h in covering))
            out.append(
                f'<mark class="{side}{tension}" data-findings="{escape(findings)}" '
                f'title="{escape(title)}">{piece}</mark>'
            )
        else:
            out.append(piece)
        for h in sorted(highlights, key=_order):
            if h.end == end:
                name = SIDE_NAMES[h.side]
                out.append(
                    f'<a class="tag side-{name.lower()}" href="#{escape(h.finding_id)}" '
                    f'title="{h.number}, side {name}">{h.number}·{name}</a>'
                )
    return "".join(out)


def _order(highlight: _Highlight) -> tuple[str, int, int, str]:
    return highlight.number[0], len(highlight.number), highlight.side, highlight.number
