"""Real news never crashes a run: every article of the shared corpora through the whole
pipeline (ingest, segmentation, claims, reconciliation, rendering) with a fake LLM whose
answers are drawn from the labels the schema allows.

The corpora are read-only data beside the checkout (``../shared``, as in CI). The LLM is
:class:`factcheck.llm.FakeLLM` and the contradiction model a hash (``HashJudge``), so the
test costs seconds: what is exercised is the code real text reaches, not the models.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from factcheck.api import check
from factcheck.ingest import prepare_article
from factcheck.llm import FakeLLM
from factcheck.report import render_html, render_json, render_markdown
from factcheck.schemas import Article, Report
from tests.conftest import ROOT
from tests.corpus.conftest import HashEmbedder, HashJudge

SHARED = ROOT.parent / "shared" / "data"
NEWSDAY = SHARED / "newsday-dev" / "basil_articles.jsonl"
STORIES = SHARED / "stories-dev"

# Problems that mean an article or a sentence was lost to an error rather than set aside.
LOST = {"unreadable_input", "extraction_failed", "claim_invalid", "extraction_partial"}

pytestmark = pytest.mark.skipif(
    not NEWSDAY.exists() or not STORIES.exists(), reason="the shared corpora are not beside"
)


def _newsday_stories() -> dict[str, list[Article]]:
    stories: dict[str, list[Article]] = defaultdict(list)
    for line in NEWSDAY.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        raw = f"{row['title']}\n\n{row['text']}"
        article = prepare_article(raw, article_id=f"{row['outlet']}-{row['id'][:8]}").article
        stories[row["story"]].append(article)
    return stories


def _run(inputs: list[Article] | list[Path], seed: int) -> Report:
    return check(
        inputs,
        llm=FakeLLM(seed=seed, over_http=False),
        pair_judge=HashJudge(),
        embedder=HashEmbedder(),
    )


def _render(report: Report) -> None:
    assert render_markdown(report)
    assert render_html(report)
    assert render_json(report)


def _lost(report: Report) -> list[str]:
    return [f"{p.article_id}: {p.message}" for p in report.problems if p.kind in LOST]


def test_every_newsday_article_runs_through_the_pipeline() -> None:
    failures: list[str] = []
    set_aside: Counter[str] = Counter()
    for seed, (story, articles) in enumerate(sorted(_newsday_stories().items())):
        try:
            report = _run(articles, seed)
            _render(report)
        except Exception as exc:  # the test reports which story raised, and what
            failures.append(f"story {story} ({[a.id for a in articles]}): {exc!r}")
            continue
        failures.extend(_lost(report))
        set_aside.update(p.kind for p in report.problems if p.kind.startswith("sentence_"))
    assert not failures, "\n".join(failures[:20])
    print(f"newsday-dev set aside: {dict(set_aside)}")


@pytest.mark.parametrize("story", sorted(p.name for p in STORIES.glob("*") if p.is_dir()))
def test_every_dev_story_runs_through_the_pipeline(story: str) -> None:
    report = _run([STORIES / story], seed=len(story))
    _render(report)
    assert not _lost(report), _lost(report)
    assert report.claims


def test_a_sentence_that_is_only_punctuation_is_a_problem_with_its_line() -> None:
    report = _run([STORIES / "allsides-6099"], seed=1)
    skipped = [p for p in report.problems if p.kind == "sentence_skipped"]
    assert skipped, [p.kind for p in report.problems]
    assert "line " in skipped[0].message and "'.'" in skipped[0].message
    assert "sentence_skipped" in render_markdown(report) or skipped[0].message in render_markdown(
        report
    )
