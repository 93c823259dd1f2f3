"""A newsroom's day end to end: the feed clustered, each story checked on an engine, the
reports and the desk view written, the workers' cache shards merged."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from factcheck.errors import InputError, OutputError
from factcheck.ingest.reader import MAX_DATA_BYTES, check_input_file
from factcheck.llm import Settings
from factcheck.newsday.cluster import ClusterSettings, cluster_feed
from factcheck.newsday.day import DayResult, JudgeChoice, by_story, merge_cache, story_folder
from factcheck.newsday.desk import desk_rows, write_desk
from factcheck.newsday.engines import Engine, run_stories
from factcheck.newsday.feed import Story, read_stories, write_stories
from factcheck.newsday.intake import SetAside, read_feed_leniently
from factcheck.outputs import same_file, write_text
from factcheck.report import render_json, render_markdown
from factcheck.schemas import Usage

__all__ = ["check_day", "check_day_paths", "holds_stories", "load_stories"]

STORIES_FILE = "stories.jsonl"
"""The day's stories, as ``check_day`` writes them into its folder."""
_DAY_FILES = (STORIES_FILE, "desk.md", "desk.html", "batch/requests.jsonl")

OnProgress = Callable[[str, int, int], None]


def load_stories(
    feed: Path,
    *,
    cluster: ClusterSettings | None = None,
    progress: OnProgress | None = None,
    cache_path: Path | None = None,
) -> tuple[list[Story], list[SetAside]]:
    """A feed clustered into stories, or stories already clustered (``*.stories.jsonl``
    or a file whose lines hold ``articles``), and the feed's articles set aside.

    A feed is read as ``factcheck cluster`` reads it (:func:`read_feed_leniently`): an
    article with no title, no text, no id, a bad date or an id seen before is set aside
    and the rest is clustered; embeddings and readings are cached by content at
    ``cache_path`` (None: nothing kept). Stories already clustered are read strictly:
    they are this program's own output."""
    if feed.is_file() and holds_stories(feed):
        return read_stories(feed), []
    articles, aside = read_feed_leniently(feed)
    stories = cluster_feed(articles, settings=cluster, progress=progress, cache_path=cache_path)
    return stories, aside


def holds_stories(path: Path) -> bool:
    """Whether a JSONL file holds stories (``cluster``'s output) rather than articles."""
    check_input_file(path, max_bytes=MAX_DATA_BYTES, what="feed")
    try:
        with path.open(encoding="utf-8", errors="replace") as lines:
            first = next((line for line in lines if line.strip()), "")
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror})", path=str(path)) from None
    return first.lstrip().startswith('{"id"') and '"articles"' in first[:2000]


def check_day_paths(feed: Path, out: Path) -> None:
    """Refuse, before a day is run, a folder that cannot take its outputs and a feed those
    outputs would overwrite (stories read from ``out/stories.jsonl`` may be written back:
    the same stories)."""
    if feed.exists() and not feed.is_dir():
        check_input_file(feed, max_bytes=MAX_DATA_BYTES, what="feed")
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file; name a folder for the day's reports")
    for name in _DAY_FILES:
        written = out / name
        if feed.is_file() and same_file(feed, written):
            if name == STORIES_FILE and holds_stories(feed):
                continue
            raise OutputError(
                f"the feed {feed} is {written}, which this run writes: move the feed out "
                "of the day's folder, or name another --out",
                path=str(written),
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"--out {out}: the folder cannot be made ({exc.strerror}); name a folder you "
            "can write to",
            path=str(out),
        ) from None


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
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the folder {out} ({exc.strerror})") from None
    write_stories(stories, out / STORIES_FILE)
    outcomes = []
    used = Usage()
    checked = run_stories(
        engine, stories, settings, out, workers=workers, address=address, judge=judge
    )
    try:
        for outcome in checked:
            report = outcome.report()
            if report is not None:
                folder = story_folder(out, outcome.story_id)
                write_text(folder / "report.json", render_json(report))
                write_text(folder / "report.md", render_markdown(report))
            outcomes.append(outcome)
            used = used.add(outcome.usage)
            if progress:
                progress("stories", len(outcomes), len(stories))
                progress("model calls", used.calls, 0)
                progress("cache hits", used.cache_hits, 0)
    finally:
        # The local worker closes its shard before the merge (a generator left open would
        # close only when collected).
        close = getattr(checked, "close", None)
        if close is not None:
            close()
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
