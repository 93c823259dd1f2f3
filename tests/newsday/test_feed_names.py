"""Feed ids become file names without collisions: ``reuters/123`` and ``reuters_123`` are
two articles, both written and both checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.ingest.reader import read_articles
from factcheck.newsday.day import write_articles
from factcheck.newsday.feed import FeedArticle, Story, file_names, safe_name

TEXTS = (
    "The port authority said the new terminal will open in May.",
    "Dock workers said the terminal would not open before the autumn.",
    "The harbour master confirmed that dredging had finished on Friday.",
)


def story(*ids: str) -> Story:
    return Story(
        id="port",
        articles=[
            FeedArticle(id=article_id, outlet="wire", text=TEXTS[n % len(TEXTS)])
            for n, article_id in enumerate(ids)
        ],
    )


def test_ids_that_clean_alike_get_different_names() -> None:
    assert safe_name("reuters_123") == "reuters_123"  # a safe id is kept as it is
    assert safe_name("reuters/123") != safe_name("reuters_123")
    assert safe_name("reuters/123").startswith("reuters_123-")
    assert safe_name("reuters/123") == safe_name("reuters/123")  # stable across runs


def test_both_colliding_articles_are_written_and_read(tmp_path: Path) -> None:
    folder = write_articles(story("reuters/123", "reuters_123"), tmp_path)
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2
    read = read_articles([folder])
    assert len(read.articles) == 2
    assert {a.text.strip() for a in read.articles} == {TEXTS[0], TEXTS[1]}


def test_names_differ_on_a_case_insensitive_file_system_too() -> None:
    names = file_names(["AP-1", "ap-1"])
    assert len({name.casefold() for name in names}) == 2


def test_an_id_made_to_look_like_another_ids_name_still_gets_its_own() -> None:
    forged = safe_name("reuters/123")
    names = file_names(["reuters/123", forged])
    assert len({name.casefold() for name in names}) == 2


def test_a_repeated_id_within_a_story_is_an_error() -> None:
    with pytest.raises(InputError, match="repeat"):
        file_names(["a", "a"])


def test_an_earlier_runs_file_that_is_no_article_now_is_removed(tmp_path: Path) -> None:
    folder = write_articles(story("reuters/123", "afp-9"), tmp_path)
    (folder / "reuters_123.txt").write_text("written by an earlier version\n", encoding="utf-8")
    write_articles(story("reuters/123", "afp-9"), tmp_path)
    assert len(read_articles([folder]).articles) == 2
    assert not (folder / "reuters_123.txt").exists()
