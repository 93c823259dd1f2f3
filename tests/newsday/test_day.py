"""A day's stories checked from a pre-filled cache, in-process and on Ray Data: no model
call, and each story's report is the one ``check`` gives on its folder."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from factcheck import api
from factcheck.newsday.day import articles_folder
from factcheck.newsday.engines import Engine
from factcheck.newsday.run import check_day
from factcheck.schemas import Report

from .conftest import DAY, JUDGE, comparable, make_stories, offline_settings


def _day(
    prefilled: tuple[Path, dict[str, Report]], tmp_path: Path, engine: Engine
) -> tuple[Path, Any]:
    source, expected = prefilled
    cache_dir = tmp_path / "cache"
    shutil.copytree(source, cache_dir)
    out = tmp_path / "day"
    settings = offline_settings(cache_dir)
    result = check_day(make_stories(), out, settings, engine=engine, workers=2, judge=JUDGE)
    assert not result.failed, [o.error for o in result.failed]
    assert result.usage.calls == 0
    assert result.usage.cache_hits > 0
    for outcome in result.outcomes:
        report = outcome.report()
        assert report is not None
        assert comparable(report) == comparable(expected[outcome.story_id])
        written = Report.model_validate_json(
            (out / "stories" / outcome.story_id / "report.json").read_text()
        )
        assert comparable(written) == comparable(expected[outcome.story_id])
    return out, result


def test_local_engine_answers_a_day_from_the_cache(
    prefilled: tuple[Path, dict[str, Report]], tmp_path: Path
) -> None:
    out, result = _day(prefilled, tmp_path, "local")
    assert (out / "desk.md").is_file() and (out / "desk.html").is_file()
    assert result.merged is not None and result.merged.shards == 1
    # check on a story's folder, as `factcheck check --date` runs it, gives the batch's
    # report: the batch tells check the feed's dates.
    settings = offline_settings(tmp_path / "cache")
    again = api.check([articles_folder(out, "tram")], settings=settings, judge=JUDGE, published=DAY)
    assert again.run.usage["extract"].calls == 0
    assert comparable(again) == comparable(prefilled[1]["tram"])


@pytest.mark.ray
def test_ray_engine_gives_the_same_reports_with_no_model_call(
    ray_session: Any, prefilled: tuple[Path, dict[str, Report]], tmp_path: Path
) -> None:
    _, result = _day(prefilled, tmp_path, "ray")
    assert [o.story_id for o in result.outcomes] == ["tram", "library", "flood"]
    assert result.merged is not None and 1 <= result.merged.shards <= 2
