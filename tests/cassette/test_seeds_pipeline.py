"""The whole pipeline on the five seeds, through the real openai + instructor
stack, replaying responses recorded from the embedded model (temperature 0).

Re-record (nothing else heavy running; takes several minutes on 2 cores):

    FACTCHECK_RECORD=1 .venv/bin/pytest tests/cassette -p no:randomly
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import vcr

from factcheck import api
from factcheck.ingest import read_articles
from factcheck.llm import LLM, LOCAL_MODEL_NAME, Settings, connect, open_llm
from factcheck.schemas import Article, Report

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CASSETTE = ROOT / "cassettes" / "seeds_check.yaml"
RECORD = os.environ.get("FACTCHECK_RECORD") == "1"
TEST_API_KEY = os.environ.get("FACTCHECK_TEST_API_KEY", "sk-test-dummy")
DEBRIS = re.compile(r"Avatar|Leave a Reply|KEEP READING|Bondi|plane trees|```|“`", re.IGNORECASE)


def _recorder() -> vcr.VCR:
    from tests.conftest import vcr_settings

    return vcr.VCR(record_mode="all" if RECORD else "none", **vcr_settings())


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {a.id: a for a in read_articles([SEEDS]).articles}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    if not RECORD and not CASSETTE.exists():
        pytest.fail(f"{CASSETTE} is missing; record it with FACTCHECK_RECORD=1")
    cache_dir = tmp_path_factory.mktemp("cache")
    settings = Settings(backend="local", use_cache=False, cache_dir=cache_dir, concurrency=2)
    with _recorder().use_cassette(str(CASSETTE)) as cassette:
        if RECORD:
            with open_llm(settings) as llm:
                yield api.check([SEEDS], llm=llm)
        else:
            client = connect(settings, base_url="http://127.0.0.1:9/v1", api_key=TEST_API_KEY)
            llm = LLM(client, model=LOCAL_MODEL_NAME, backend="local", settings=settings)
            yield api.check([SEEDS], llm=llm)
            assert cassette.all_played, "the pipeline made fewer calls than were recorded"


def test_every_seed_yields_grounded_claims(report: Report, articles: dict[str, Article]) -> None:
    assert {a.id for a in report.articles} == set(articles)
    for info in report.articles:
        assert info.claims > 0, f"{info.id} gave no claims"
    for claim in report.claims:
        text = articles[claim.article_id].text
        assert text[claim.char_start : claim.char_end] == claim.quote
        assert claim.provenance is not None
        assert claim.provenance.model == LOCAL_MODEL_NAME


def test_no_claim_comes_from_web_debris(report: Report) -> None:
    for claim in report.claims:
        assert not DEBRIS.search(claim.quote), claim.quote


def test_hedges_survive(report: Report) -> None:
    hedged = [c for c in report.claims if re.search(r"willing|may abandon", c.quote)]
    assert hedged, "no claim carries the hedged NATO statements"
    assert all(c.modality in ("hedged", "speculative", "demand") for c in hedged), [
        (c.statement, c.modality) for c in hedged
    ]


def test_findings_cite_claims_with_quotes_and_offsets(report: Report) -> None:
    claim_ids = {c.id for c in report.claims}
    for finding in report.findings:
        assert len({s.article_id for s in finding.sides}) == 2
        for side in finding.sides:
            assert side.claim_id in claim_ids
            assert side.quote and side.char_end > side.char_start


def test_usage_is_counted(report: Report) -> None:
    extract = report.run.usage["extract"]
    assert extract.calls >= len(report.articles)
    assert extract.completion_tokens > 0
