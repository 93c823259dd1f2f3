"""Shared setup for the newsday tests: three small stories written for the tests, a cache
pre-filled by a fake model's run of ``check`` on each, a stand-in for the MiniLM embedder
that clustering loads, and one Ray session for the tests marked ``ray``."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factcheck import api
from factcheck.extract import Extractor
from factcheck.llm import FakeLLM, Settings
from factcheck.llm.cache import CACHE_FILE, ResponseCache
from factcheck.newsday.day import JudgeChoice, write_articles
from factcheck.newsday.feed import FeedArticle, Story
from factcheck.schemas import Report

DAY = dt.date(2026, 3, 14)
JUDGE: JudgeChoice = "model"
"""The fake model's answers to the LLM judge fail its validation, and a failed call is not
cached: the judge is the contradiction model's, so a re-run from the cache makes no call."""

STORIES = {
    "tram": [
        ("gazette", "Council approves tram line",
         "The city council approved the northern tram line on Tuesday evening. "
         "Construction is due to start in March 2027."),
        ("herald", "Council rejects tram line",
         "The city council rejected the northern tram line on Tuesday evening. "
         "Several councillors said the budget had grown too large."),
    ],
    "library": [
        ("gazette", "Mayor to close central library",
         "The mayor will close the central library at the end of the year. "
         "Visitor numbers have fallen by a third since 2019."),
        ("courier", "Mayor weighs library closure",
         "The mayor is considering closing the central library at the end of the year. "
         "Visitor numbers have dropped by a third since 2019."),
    ],
    "flood": [
        ("herald", "River bursts its banks",
         "The river burst its banks on Sunday after three days of rain. "
         "Two hundred homes were evacuated in the lower town."),
        ("courier", "Floods force evacuations",
         "Floods forced the evacuation of two hundred homes on Sunday. "
         "The river rose after three days of heavy rain."),
    ],
}  # fmt: skip


def make_stories() -> list[Story]:
    return [
        Story(
            id=name,
            articles=[
                FeedArticle(id=f"{name}-{outlet}", outlet=outlet, date=DAY, title=title, text=text)
                for outlet, title, text in articles
            ],
        )
        for name, articles in STORIES.items()
    ]


def offline_settings(cache_dir: Path) -> Settings:
    """The fake model's settings (same cache keys), with a server that is not there: a
    call that misses the cache fails instead of being answered."""
    return Settings(
        backend="openai",
        model="fake-model",
        api_key="sk-fake",
        base_url="http://127.0.0.1:9/v1",
        transport_retries=0,
        timeout_s=5,
        cache_dir=cache_dir,
    )


def comparable(report: Report) -> dict[str, Any]:
    """A report less what differs run to run: time, calls versus cache hits, and where its
    story's folder lies."""
    dumped = report.model_dump(mode="json", exclude={"run": {"usage", "wall_seconds"}})
    for record in (*dumped["articles"], *dumped["problems"]):
        record.pop("source_path", None)
        record.pop("path", None)
    return dumped


def cache_without_extraction(prefilled_dir: Path, cache_dir: Path) -> None:
    """A copy of the pre-filled cache less the extraction answers: what a day needs besides
    extraction (point labels, scores, embeddings), for a batch job to supply the rest."""
    shutil.copytree(prefilled_dir, cache_dir)
    with sqlite3.connect(cache_dir / CACHE_FILE) as db:
        db.execute("DELETE FROM responses WHERE prompt = ?", (Extractor.prompt_name(),))
    db.close()


@pytest.fixture(scope="session")
def prefilled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Report]]:
    """A cache folder holding a fake model's answers for the three stories, and the
    report ``check`` gave on each story's folder, told the feed's day."""
    root = tmp_path_factory.mktemp("prefilled")
    cache_dir, out = root / "cache", root / "check"
    expected: dict[str, Report] = {}
    with ResponseCache(cache_dir / CACHE_FILE) as cache:
        fake = FakeLLM(cache=cache)
        for story in make_stories():
            expected[story.id] = api.check(
                [write_articles(story, out)], llm=fake, judge=JUDGE, published=DAY
            )
        assert fake.total_usage().calls > 0
    return cache_dir, expected


@pytest.fixture(scope="session")
def ray_session() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


class WordHashEmbedder:
    """A deterministic stand-in for MiniLM: hashed word counts, unit length."""

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        rows = []
        for text in texts:
            vector = np.zeros(64)
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                vector[int(hashlib.sha256(word.encode()).hexdigest(), 16) % 64] += 1.0
            rows.append((vector / max(float(np.linalg.norm(vector)), 1e-9)).tolist())
        return rows


@pytest.fixture
def fake_embedder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Clustering embeds with :class:`WordHashEmbedder`, and caches under ``tmp_path``."""
    monkeypatch.setattr(
        "factcheck.newsday.vectors.load_default_embedder", lambda: WordHashEmbedder()
    )
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
