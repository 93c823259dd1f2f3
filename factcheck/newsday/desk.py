"""The desk view: one row per story, most disputed first, linking to each story's report.

Disputes are counted by severity (contradictions; tensions apart), so an editor starts the
day with the stories where the outlets disagree most.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from factcheck.newsday.day import StoryOutcome
from factcheck.newsday.feed import Story, safe_name
from factcheck.report.templating import render_template
from factcheck.report.text import link

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


def render_desk_markdown(rows: Sequence[DeskRow], *, title: str = "Desk") -> str:
    """The desk as a Markdown table; feed titles, outlet names and errors are escaped
    (``templates/desk.md``)."""
    return _render("desk.md", rows, title)


def render_desk_html(rows: Sequence[DeskRow], *, title: str = "Desk") -> str:
    """One self-contained page (no script, no external file): ``templates/desk.html``."""
    return _render("desk.html", rows, title)


def _render(template: str, rows: Sequence[DeskRow], title: str) -> str:
    return render_template(
        "factcheck.newsday",
        template,
        title=title,
        stories=len(rows),
        disputed=sum(1 for r in rows if r.disputes),
        rows=[{**row.model_dump(), "level": _level(row)} for row in rows],
        link=link,
    )


def _level(row: DeskRow) -> str:
    return "high" if row.high else "medium" if row.medium else "low" if row.low else ""


def write_desk(rows: Sequence[DeskRow], out: Path) -> list[Path]:
    markdown, page = out / "desk.md", out / "desk.html"
    markdown.write_text(render_desk_markdown(rows), encoding="utf-8")
    page.write_text(render_desk_html(rows), encoding="utf-8")
    return [markdown, page]
