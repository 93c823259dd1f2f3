"""One story, one unit of work: the function every engine runs, and the day around it.

``StoryChecker`` holds what a worker keeps between stories (one model client, the
ONNX sessions it loads, one cache shard) and checks a story by writing its articles into
the story's folder and calling :func:`factcheck.api.check` on that folder, so a story
checked in a batch gives the report ``factcheck check`` gives on the same folder.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from factcheck import api
from factcheck.errors import FactcheckError
from factcheck.llm import LLM, Settings, open_llm
from factcheck.llm.cache import (
    CACHE_FILE,
    SHARD_DIR,
    MergeResult,
    ShardedCache,
    merge_shards,
    shard_paths,
)
from factcheck.newsday.feed import Story, file_names, safe_name
from factcheck.outputs import write_text
from factcheck.schemas import Report, Usage

__all__ = [
    "DayResult",
    "StoryChecker",
    "StoryOutcome",
    "articles_folder",
    "merge_cache",
    "story_folder",
    "write_articles",
]

OnProgress = Callable[[str, int, int], None]
JudgeChoice = Literal["auto", "model", "llm"]
"""As for :func:`factcheck.api.check` (``auto``: the LLM judge unless the backend is local)."""


class StoryOutcome(BaseModel):
    """What checking one story gave: its report (JSON), or the error that stopped it."""

    model_config = ConfigDict(extra="forbid")

    story_id: str
    report_json: str | None = None
    error: str | None = None
    usage: Usage = Usage()
    seconds: float = 0.0

    def report(self) -> Report | None:
        return None if self.report_json is None else Report.model_validate_json(self.report_json)


def story_folder(out: Path, story_id: str) -> Path:
    return out / "stories" / safe_name(story_id)


def articles_folder(out: Path, story_id: str) -> Path:
    return story_folder(out, story_id) / "articles"


def write_articles(story: Story, out: Path) -> Path:
    """The story's articles as text files, one each, named by their ids, for ``check`` to
    read; a text file left there by an earlier run that is no article of the story now is
    removed (``check`` reads every file of the folder)."""
    folder = articles_folder(out, story.id)
    folder.mkdir(parents=True, exist_ok=True)
    names = file_names([article.id for article in story.articles])
    wanted = {f"{name}.txt" for name in names}
    for stale in folder.glob("*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    for article, name in zip(story.articles, names, strict=True):
        path = folder / f"{name}.txt"
        text = article.as_file_text()
        if not path.is_file() or path.read_text(encoding="utf-8", errors="replace") != text:
            write_text(path, text)
    return folder


class StoryChecker:
    """A worker: one client and one cache shard, kept for every story it is given.

    Called on a batch of rows ``{"story": [story JSON, ...]}`` (Ray Data's
    ``map_batches``), it returns ``{"outcome": [outcome JSON, ...]}``.
    """

    def __init__(
        self,
        settings: Settings,
        out: Path,
        *,
        judge: JudgeChoice = "auto",
        llm: LLM | None = None,
    ) -> None:
        self.out = out
        self.judge: JudgeChoice = judge
        self._stack = contextlib.ExitStack()
        if llm is None:
            cache = None
            if settings.use_cache:
                shard = settings.cache_dir / SHARD_DIR / f"{uuid.uuid4().hex}.sqlite3"
                cache = self._stack.enter_context(
                    ShardedCache(settings.cache_dir / CACHE_FILE, shard)
                )
            llm = self._stack.enter_context(open_llm(settings, cache=cache))
        self.llm = llm

    def check(self, story: Story) -> StoryOutcome:
        started = time.perf_counter()
        before = self.llm.total_usage()
        try:
            folder = write_articles(story, self.out)
            previous = story_folder(self.out, story.id) / "report.md"
            names = file_names([article.id for article in story.articles])
            report = api.check(
                [folder],
                llm=self.llm,
                judge=self.judge,
                previous_report=previous if previous.is_file() else None,
                published={
                    name: article.date
                    for name, article in zip(names, story.articles, strict=True)
                    if article.date is not None
                },
            )
        except FactcheckError as exc:
            return StoryOutcome(
                story_id=story.id,
                error=str(exc),
                usage=self.llm.total_usage().minus(before),
                seconds=round(time.perf_counter() - started, 2),
            )
        return StoryOutcome(
            story_id=story.id,
            report_json=report.model_dump_json(),
            usage=self.llm.total_usage().minus(before),
            seconds=round(time.perf_counter() - started, 2),
        )

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        stories = [Story.model_validate_json(str(raw)) for raw in batch["story"]]
        return {"outcome": [self.check(story).model_dump_json() for story in stories]}

    def close(self) -> None:
        self._stack.close()


@dataclass
class DayResult:
    """A day's run: its stories, each story's outcome, and what the model was asked."""

    stories: list[Story]
    outcomes: list[StoryOutcome]
    seconds: float
    merged: MergeResult | None = None
    desk: list[Path] = field(default_factory=list)

    @property
    def usage(self) -> Usage:
        total = Usage()
        for outcome in self.outcomes:
            total = total.add(outcome.usage)
        return total

    @property
    def failed(self) -> list[StoryOutcome]:
        return [o for o in self.outcomes if o.error is not None]


def merge_cache(settings: Settings) -> MergeResult:
    """Fold every worker shard in the cache folder into the main cache; a worker (of this
    run or another) still writing goes on in a new shard."""
    return merge_shards(settings.cache_dir / CACHE_FILE, shard_paths(settings.cache_dir))


def by_story(outcomes: Iterable[StoryOutcome], stories: Sequence[Story]) -> list[StoryOutcome]:
    """Outcomes in the stories' order (engines give them back as they finish)."""
    found = {o.story_id: o for o in outcomes}
    return [found[s.id] for s in stories if s.id in found]
