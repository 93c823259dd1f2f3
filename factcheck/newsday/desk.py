"""The desk view: one row per story, most disputed first, linking to each story's report.

Disputes are counted by severity (contradictions; tensions apart), so an editor starts the
day with the stories where the outlets disagree most.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from factcheck.newsday.day import StoryOutcome
from factcheck.newsday.feed import Story, safe_name

__all__ = ["DeskRow", "desk_rows", "render_desk_html", "render_desk_markdown"]


class DeskRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    story_id: str
    title: str
    outlets: list[str]
    articles: int
    high: int = 0
    medium: int = 0
    low: int = 0
    tensions: int = 0
    problems: int = 0
    report: str | None = None
    """The Markdown report, relative to the desk view."""
    error: str | None = None

    @property
    def disputes(self) -> int:
        return self.high + self.medium + self.low

    def rank(self) -> tuple[int, int, int, int, str]:
        return (-self.high, -self.medium, -self.low, -self.tensions, self.story_id)


def desk_rows(stories: Sequence[Story], outcomes: Sequence[StoryOutcome]) -> list[DeskRow]:
    found = {o.story_id: o for o in outcomes}
    rows: list[DeskRow] = []
    for story in stories:
        row = DeskRow(
            story_id=story.id,
            title=story.title,
            outlets=story.outlets,
            articles=len(story.articles),
        )
        outcome = found.get(story.id)
        report = outcome.report() if outcome else None
        if outcome is None:
            row.error = "not checked"
        elif report is None:
            row.error = outcome.error
        else:
            severities = [f.severity for f in report.contradictions()]
            row.high = severities.count("high")
            row.medium = severities.count("medium")
            row.low = severities.count("low")
            row.tensions = len(report.tensions())
            row.problems = len(report.problems)
            row.report = f"stories/{safe_name(story.id)}/report.md"
        rows.append(row)
    return sorted(rows, key=DeskRow.rank)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_desk_markdown(rows: Sequence[DeskRow], *, title: str = "Desk") -> str:
    disputed = sum(1 for r in rows if r.disputes)
    lines = [
        f"# {title}",
        "",
        f"{len(rows)} stories, {disputed} with disputes; most disputed first.",
        "",
        "| Story | Outlets | High | Medium | Low | Tensions | Report |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        link = f"[report]({row.report})" if row.report else f"failed: {_cell(row.error or '')}"
        lines.append(
            f"| {_cell(row.title)} | {', '.join(row.outlets)} | {row.high} | {row.medium} "
            f"| {row.low} | {row.tensions} | {link} |"
        )
    return "\n".join(lines) + "\n"


_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.high td:first-child{border-left:4px solid #c0392b}"
    "tr.medium td:first-child{border-left:4px solid #e67e22}"
    "tr.low td:first-child{border-left:4px solid #f1c40f}"
    ".failed{color:#c0392b}"
)


def render_desk_html(rows: Sequence[DeskRow], *, title: str = "Desk") -> str:
    """One self-contained page (no script, no external file)."""
    body: list[str] = []
    for row in rows:
        level = "high" if row.high else "medium" if row.medium else "low" if row.low else ""
        if row.report:
            link = f'<a href="{html.escape(row.report)}">report</a>'
        else:
            link = f'<span class="failed">failed: {html.escape(row.error or "")}</span>'
        body.append(
            f'<tr class="{level}"><td>{html.escape(row.title)}</td>'
            f"<td>{html.escape(', '.join(row.outlets))}</td>"
            f'<td class="n">{row.high}</td><td class="n">{row.medium}</td>'
            f'<td class="n">{row.low}</td><td class="n">{row.tensions}</td><td>{link}</td></tr>'
        )
    disputed = sum(1 for r in rows if r.disputes)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{len(rows)} stories, {disputed} with disputes; most disputed first.</p>"
        "<table><thead><tr><th>Story</th><th>Outlets</th><th>High</th><th>Medium</th>"
        "<th>Low</th><th>Tensions</th><th>Report</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table></body></html>\n"
    )


def write_desk(rows: Sequence[DeskRow], out: Path) -> list[Path]:
    markdown, page = out / "desk.md", out / "desk.html"
    markdown.write_text(render_desk_markdown(rows), encoding="utf-8")
    page.write_text(render_desk_html(rows), encoding="utf-8")
    return [markdown, page]
