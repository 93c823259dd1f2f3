"""The desk view: one row per story, most disputed first, with links to the reports."""

from __future__ import annotations

from factcheck.newsday.day import StoryOutcome
from factcheck.newsday.desk import desk_rows, render_desk_html, render_desk_markdown
from factcheck.newsday.feed import FeedArticle, Story
from factcheck.schemas import Finding, Report, RunInfo


def _story(story_id: str, *outlets: str) -> Story:
    return Story(
        id=story_id,
        articles=[
            FeedArticle(id=f"{story_id}-{o}", outlet=o, title=f"{story_id} <b>news</b>", text="x")
            for o in outlets
        ],
    )


def _side(position: int) -> dict[str, object]:
    return {
        "claim_id": f"C{position:010x}",
        "article_id": f"a{position}",
        "attributed_to": "the outlet",
        "modality": "asserted",
        "statement": "s",
        "quote": "s",
        "char_start": 0,
        "char_end": 1,
        "line": 1,
        "position": position,
    }


def _report(*severities: str) -> str:
    findings = [
        Finding.model_validate(
            {
                "id": f"F-{i:08x}",
                "kind": "factual",
                "category": "contradiction",
                "severity": severity,
                "confidence": 0.9,
                "question": "q",
                "explanation": "e",
                "method": "contradiction_model",
                "sides": [_side(0), _side(1)],
            }
        )
        for i, severity in enumerate(severities)
    ]
    run = RunInfo(factcheck_version="0", backend="openai", model="fake")
    return Report(articles=[], claims=[], findings=findings, run=run).model_dump_json()


def test_rows_are_ordered_by_severity_then_count() -> None:
    stories = [_story("calm", "nyt", "fox"), _story("hot", "nyt", "hpo"), _story("warm", "fox")]
    outcomes = [
        StoryOutcome(story_id="calm", report_json=_report()),
        StoryOutcome(story_id="hot", report_json=_report("high", "low")),
        StoryOutcome(story_id="warm", report_json=_report("medium", "medium", "low")),
    ]
    stories.append(_story("broken", "nyt"))
    outcomes.append(StoryOutcome(story_id="broken", error="no article could be read"))
    rows = desk_rows(stories, outcomes)
    assert [r.story_id for r in rows] == ["hot", "warm", "broken", "calm"]
    hot = rows[0]
    assert (hot.high, hot.medium, hot.low, hot.outlets) == (1, 0, 1, ["hpo", "nyt"])
    assert hot.report == "stories/hot/report.md"

    markdown = render_desk_markdown(rows)
    assert markdown.index("hot") < markdown.index("warm") < markdown.index("calm")
    assert "[report](stories/hot/report.md)" in markdown
    assert "failed: no article could be read" in markdown

    page = render_desk_html(rows)
    assert '<a href="stories/hot/report.md">report</a>' in page
    assert "&lt;b&gt;news&lt;/b&gt;" in page and "<b>news</b>" not in page
    assert page.count("<tr class=") == 4


def test_feed_strings_in_the_desk_markdown_are_escaped() -> None:
    """Titles, outlet names and errors come from the feed: in desk.md they must not become
    an image, a javascript: link or an extra column. Read back with markdown-it-py
    (CommonMark with tables and raw HTML on, as GitHub renders it)."""
    from markdown_it import MarkdownIt

    from tests.unit.test_report_hostile import _Html

    hostile = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) a | b"
    story = Story(
        id="hot",
        articles=[
            FeedArticle(id="hot-1", outlet="nyt | fox", title=hostile, text="x"),
            FeedArticle(id="hot-2", outlet="<script>alert(2)</script>", title="t", text="x"),
        ],
    )
    broken = _story("broken", "[o](javascript:o)")
    outcomes = [
        StoryOutcome(story_id="hot", report_json=_report("high")),
        StoryOutcome(story_id="broken", error="timed out | <img src=y onerror=alert(3)>"),
    ]
    rows = desk_rows([story, broken], outcomes)
    markdown = render_desk_markdown(rows)
    page = _Html(MarkdownIt("commonmark").enable("table").render(markdown))
    assert not {"img", "script"} & set(page.tags)
    assert page.links == ["stories/hot/report.md"]
    assert page.rows == [7, 7, 7], "a | in a title or outlet shifted the columns"
    assert "failed: timed out \\| &lt;img src=y" in markdown

    html = render_desk_html(rows)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1)) a | b" in html
