"""Clustering a small feed written for the test: stories by outlet, a date window, one
article per outlet per story, and articles close to nothing kept as stories alone."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.errors import InputError
from factcheck.newsday.cluster import ClusterSettings, cluster_feed, cluster_vectors
from factcheck.newsday.feed import FeedArticle, read_feed

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


def _write_feed(path: Path) -> Path:
    with path.open("w") as out:
        for article_id, outlet, date, title, text in FEED:
            row = {"id": article_id, "outlet": outlet, "date": date, "title": title, "text": text}
            out.write(json.dumps(row) + "\n")
    return path


def test_a_feed_is_grouped_into_its_stories(tmp_path: Path) -> None:
    stories = cluster_feed(read_feed(_write_feed(tmp_path / "feed.jsonl")))
    groups = sorted(sorted(a.id for a in story.articles) for story in stories)
    assert groups == [["q1", "q2", "q3"], ["q9"], ["r1", "r2"], ["s1"]]
    assert len(stories[0].articles) == 3  # largest first
    assert stories[0].outlets == ["fox", "hpo", "nyt"]


def test_story_ids_are_stable(tmp_path: Path) -> None:
    feed = read_feed(_write_feed(tmp_path / "feed.jsonl"))
    assert [s.id for s in cluster_feed(feed)] == [s.id for s in cluster_feed(feed[::-1])]


def test_one_article_per_outlet_unless_it_is_close_to_the_first() -> None:
    base = np.zeros(8)
    base[0] = 1.0
    near, far = base.copy(), base.copy()
    near[1], far[1] = 0.2, 0.7
    vectors = np.vstack([base, base + 0.01, near, far])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    outlets = ["a", "b", "b", "b"]
    labels = cluster_vectors(vectors, outlets, [None] * 4, ClusterSettings(threshold=0.5))
    # b's second article (near its first) stays; the third, further off, stands alone.
    assert labels[0] == labels[1] == labels[2] and labels[3] != labels[0]


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
