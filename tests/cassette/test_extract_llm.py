"""Extraction with ``attribution="llm"`` on one seed, through the real openai + instructor
stack, replaying answers recorded from the embedded model (temperature 0): the path a
strong backend takes by default, where the model picks each undecided sentence's speaker
from the parse's candidates and its modality.

Re-record (nothing else heavy running; one request at a time):

    FACTCHECK_RECORD=1 .venv/bin/pytest tests/cassette/test_extract_llm.py -p no:randomly
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck import api
from factcheck.extract import OUTLET
from factcheck.ingest import read_articles
from factcheck.llm import Settings
from factcheck.schemas import Report
from tests.cassette.recording import recorded_llm

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_9d8c5063c59396e0.txt"
CASSETTE = ROOT / "cassettes" / "seed_extract_llm.yaml"
RECORD = os.environ.get("FACTCHECK_RECORD") == "1"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    settings = Settings(
        backend="local", use_cache=False, cache_dir=tmp_path_factory.mktemp("c"), concurrency=1
    )
    with recorded_llm(CASSETTE, settings, record=RECORD) as llm:
        yield api.extract([SEED], llm=llm, attribution="llm")


def test_the_model_decides_what_the_parse_leaves_open(report: Report) -> None:
    by = {c.provenance.decided_by for c in report.claims if c.provenance}
    assert by == {"llm", "parse"}
    assert report.run.usage["extract"].calls > 0


def test_every_claim_is_its_sentence_with_a_listed_speaker(report: Report) -> None:
    (article,) = read_articles([SEED]).articles
    names = {c.attributed_to for c in report.claims}
    for claim in report.claims:
        assert article.text[claim.char_start : claim.char_end] == claim.quote
        # A named speaker is someone the article names; the model writes no name.
        assert claim.attributed_to == OUTLET or claim.attributed_to.split()[-1] in article.text
    assert OUTLET in names
