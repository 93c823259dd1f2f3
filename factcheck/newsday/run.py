"""A newsroom's day end to end: the feed clustered, each story checked on an engine, the
reports and the desk view written, the workers' cache shards merged."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from factcheck.llm import Settings
from factcheck.newsday.cluster import ClusterSettings, cluster_feed
from factcheck.newsday.day import DayResult, JudgeChoice, by_story, merge_cache, story_folder
from factcheck.newsday.desk import desk_rows, write_desk
from factcheck.newsday.engines import Engine, run_stories
from factcheck.newsday.feed import Story, read_feed, read_stories, write_stories
from factcheck.report import render_json, render_markdown
from factcheck.schemas import Usage

__all__ = ["check_day", "load_stories"]

OnProgress = Callable[[str, int, int], None]


def load_stories(
    feed: Path,
    *,
    cluster: ClusterSettings | None = None,
    progress: OnProgress | None = None,
) -> list[Story]:
    """A feed clustered into stories, or stories already clustered (``*.stories.jsonl``
    or a file whose lines hold ``articles``)."""
    if feed.is_file() and _holds_stories(feed):
        return read_stories(feed)
    return cluster_feed(read_feed(feed), settings=cluster, progress=progress)


def _holds_stories(path: Path) -> bool:
    with path.open(encoding="utf-8") as lines:
        first = next((line for line in lines if line.strip()), "")
    return first.lstrip().startswith('{"id"') and '"articles"' in first[:2000]


def check_day(
    stories: list[Story],
    out: Path,
    settings: Settings,
    *,
    engine: Engine = "local",
    workers: int = 2,
    address: str | None = None,
    judge: JudgeChoice = "auto",
    progress: OnProgress | None = None,
) -> DayResult:
    """Check every story, write ``out/stories/<id>/report.{json,md}`` and the desk view
    (``out/desk.md``, ``out/desk.html``), and merge the cache shards the workers wrote."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    write_stories(stories, out / "stories.jsonl")
    outcomes = []
    used = Usage()
    try:
        for outcome in run_stories(
            engine, stories, settings, out, workers=workers, address=address, judge=judge
        ):
            report = outcome.report()
            if report is not None:
                folder = story_folder(out, outcome.story_id)
                (folder / "report.json").write_text(render_json(report), encoding="utf-8")
                (folder / "report.md").write_text(render_markdown(report), encoding="utf-8")
            outcomes.append(outcome)
            used = used.add(outcome.usage)
            if progress:
                progress("stories", len(outcomes), len(stories))
                progress("model calls", used.calls, 0)
                progress("cache hits", used.cache_hits, 0)
    finally:
        # Whatever the workers answered is kept, even when the run stops half-way.
        merged = merge_cache(settings) if settings.use_cache else None
    ordered = by_story(outcomes, stories)
    desk = write_desk(desk_rows(stories, ordered), out)
    return DayResult(
        stories=stories,
        outcomes=ordered,
        seconds=round(time.perf_counter() - started, 2),
        merged=merged,
        desk=desk,
    )
