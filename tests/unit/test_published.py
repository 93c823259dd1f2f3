"""The day articles came out, given by the caller: dates told relative to it are resolved.

Plain text carries no date, so "on Tuesday" or "earlier this year" cannot be compared with a
calendar date unless the caller says when the article appeared (``check --date``, the
library's ``published``, a feed's ``date``)."""

from __future__ import annotations

import datetime
from pathlib import Path

from factcheck import api
from factcheck.llm import FakeLLM
from factcheck.schemas import Article
from tests.unit.test_extractor import answering

FRIDAY = datetime.date(2024, 6, 7)


def _article(folder: Path, name: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text("Budget vote\n\nThe council approved the budget on Tuesday.\n", "utf-8")
    return path


def _day(report_path: Path, published: api.Published | None) -> str:
    report = api.extract(
        [report_path], llm=FakeLLM(answering()), attribution="parse", published=published
    )
    [claim] = report.claims
    assert claim.facts is not None
    [day] = claim.facts.dates
    return day.iso


def test_a_weekday_is_read_against_the_day_given(tmp_path: Path) -> None:
    path = _article(tmp_path, "council")
    assert _day(path, FRIDAY) == "2024-06-04"
    assert _day(path, {"council": FRIDAY}) == "2024-06-04"
    assert _day(path, None) == ""
    assert _day(path, {"another": FRIDAY}) == ""


def test_an_articles_own_date_is_kept() -> None:
    own = Article(id="a", text="x", sentences=[], published=datetime.date(2020, 1, 1))
    bare = Article(id="b", text="x", sentences=[])
    kept, given = api.dated([own, bare], FRIDAY)
    assert (kept.published, given.published) == (datetime.date(2020, 1, 1), FRIDAY)
