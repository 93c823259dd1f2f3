"""Where a day's stories are checked: in this process, or on Ray Data.

Both engines run the same :class:`~factcheck.newsday.day.StoryChecker`, one story a unit
of work. Ray is imported only by the Ray engine, so the default install needs none of it
(``pip install -e '.[scale]'`` brings it).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from factcheck.errors import ConfigurationError
from factcheck.llm import Settings
from factcheck.newsday.day import JudgeChoice, StoryChecker, StoryOutcome
from factcheck.newsday.feed import Story

__all__ = ["Engine", "run_local", "run_ray", "run_stories"]

Engine = Literal["local", "ray"]


def run_local(
    stories: Sequence[Story], settings: Settings, out: Path, *, judge: JudgeChoice = "auto"
) -> Iterator[StoryOutcome]:
    """One worker in this process, the stories one after another."""
    checker = StoryChecker(settings, out, judge=judge)
    try:
        for story in stories:
            yield checker.check(story)
    finally:
        checker.close()


def _ray() -> Any:
    try:
        return importlib.import_module("ray")
    except ImportError:
        raise ConfigurationError(
            "--engine ray needs Ray, in factcheck's scale extra: pip install -e '.[scale]' "
            "(or use --engine local)"
        ) from None


def run_ray(
    stories: Sequence[Story],
    settings: Settings,
    out: Path,
    *,
    workers: int = 2,
    address: str | None = None,
    judge: JudgeChoice = "auto",
) -> Iterator[StoryOutcome]:
    """Stories on Ray Data: ``map_batches`` over a pool of ``workers`` actors, each a
    :class:`StoryChecker` holding its own client, ONNX sessions and cache shard.

    Ray is started on this machine unless it already runs here or ``address`` names a
    cluster; on a cluster, ``out`` and the cache folder must be on storage every node sees.
    """
    ray = _ray()
    if not ray.is_initialized():
        ray.init(address=address, log_to_driver=False, include_dashboard=False)
    rows = [{"story": story.model_dump_json()} for story in stories]
    if not rows:
        return
    # One block a story, so stories spread over the actors instead of queueing in one block.
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
    checked = dataset.map_batches(
        StoryChecker,
        fn_constructor_args=(settings, out),
        fn_constructor_kwargs={"judge": judge},
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )
    for row in checked.iter_rows():
        yield StoryOutcome.model_validate_json(str(row["outcome"]))


def run_stories(
    engine: Engine,
    stories: Sequence[Story],
    settings: Settings,
    out: Path,
    *,
    workers: int = 2,
    address: str | None = None,
    judge: JudgeChoice = "auto",
) -> Iterator[StoryOutcome]:
    if engine == "local":
        return run_local(stories, settings, out, judge=judge)
    if engine == "ray":
        return run_ray(stories, settings, out, workers=workers, address=address, judge=judge)
    raise ConfigurationError(f"engine must be 'local' or 'ray', not {engine!r}")
