"""The whole pipeline on the five seeds, through the real openai + instructor
stack, replaying responses recorded from the embedded model (temperature 0).

Re-record (nothing else heavy running; extraction, one label a point and, with
``judge="llm"``, one judge call a flagged point):

    FACTCHECK_RECORD=1 .venv/bin/pytest tests/cassette/test_seeds_pipeline.py -p no:randomly

The recording runs one request at a time: two llama.cpp slots decoding in one
batch are not bit-reproducible, and a recording should be what a sequential
run of the same model gives. Replay matches requests by body, so it runs
concurrently.
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
from factcheck.language import content_words
from factcheck.llm import LLM, LOCAL_MODEL_NAME, ResponseCache, Settings, connect
from factcheck.schemas import Article, Report
from tests.cassette.recording import recorded_llm
from tests.conftest import TEST_API_KEY, cassette_recorder

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CASSETTE = ROOT / "cassettes" / "seeds_check.yaml"
RECORD = os.environ.get("FACTCHECK_RECORD") == "1"


def _recorder() -> vcr.VCR:
    return cassette_recorder("all" if RECORD else "none")


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {a.id: a for a in read_articles([SEEDS]).articles}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    cache_dir = tmp_path_factory.mktemp("cache")
    settings = Settings(
        backend="local", use_cache=False, cache_dir=cache_dir, concurrency=1 if RECORD else 2
    )
    with recorded_llm(CASSETTE, settings, record=RECORD) as llm:
        yield api.check([SEEDS], llm=llm, judge="llm")


def test_every_seed_yields_grounded_claims(report: Report, articles: dict[str, Article]) -> None:
    assert {a.id for a in report.articles} == set(articles)
    for info in report.articles:
        assert info.claims > 0, f"{info.id} gave no claims"
    for claim in report.claims:
        text = articles[claim.article_id].text
        assert text[claim.char_start : claim.char_end] == claim.quote
        assert claim.provenance is not None
        assert claim.provenance.model == LOCAL_MODEL_NAME


def test_every_claim_is_a_sentence_of_prose(report: Report, articles: dict[str, Article]) -> None:
    """Claims come from the sentences the reader kept, never from a heading or page
    furniture it set aside."""
    for claim in report.claims:
        sentences = articles[claim.article_id].sentences
        assert any(
            s.char_start <= claim.char_start and claim.char_end <= s.char_end for s in sentences
        ), claim.quote


def test_every_dispute_carries_its_evidence(report: Report) -> None:
    """A dispute rests on a typed difference (two values of one slot, with the words of each
    quote that give them) or on a certainty difference (the sides' modalities differ)."""
    for finding in report.findings:
        if finding.method == "llm_judge":
            continue
        if finding.differences:
            quotes = {s.claim_id: s.quote for s in finding.sides}
            for difference in finding.differences:
                assert difference.evidence_a in quotes[difference.claim_a]
                assert difference.evidence_b in quotes[difference.claim_b]
        else:
            assert finding.kind == "certainty", finding
            assert len({s.modality for s in finding.sides}) > 1, finding
    # Each disagreement once: no two disputes rest on the same strongest pair of quotes.
    assert len({f.id for f in report.findings}) == len(report.findings)


def test_a_contradiction_is_between_articles_that_say_different_things(report: Report) -> None:
    for finding in report.contradictions():
        assert len({s.article_id for s in finding.sides}) > 1, finding.explanation
        worded = {frozenset(content_words(s.quote)) for s in finding.sides}
        assert len(worded) > 1, finding.explanation


def test_model_calls_are_extraction_point_labels_and_the_judge(report: Report) -> None:
    # Reconciliation itself (typed checks, the contradiction model) makes no LLM call.
    assert set(report.run.usage) <= {"extract", "label", "judge"}
    assert report.run.usage["label"].calls + report.run.usage["label"].cache_hits >= 1
    assert "contradiction_model" in report.run.prompts


def test_findings_cite_claims_with_quotes_and_offsets(report: Report) -> None:
    claim_ids = {c.id for c in report.claims}
    for finding in report.findings:
        assert len({s.article_id for s in finding.sides}) >= 2
        assert {s.position for s in finding.sides} == {0, 1}
        for side in finding.sides:
            assert side.claim_id in claim_ids
            assert side.quote and side.char_end > side.char_start


def test_usage_is_counted(report: Report) -> None:
    # On the embedded model the parse decides who says each sentence and how firmly
    # (attribution "auto"): extraction asks nothing; each point's label is one call.
    assert "extract" not in report.run.usage
    assert {c.provenance.decided_by for c in report.claims if c.provenance} == {"parse"}
    label = report.run.usage["label"]
    assert label.calls == len(report.points)
    assert label.completion_tokens > 0


SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "seeds_report.md"
WALL_TIME = re.compile(r"^- Wall time: [\d,]+\.\d s$", re.MULTILINE)


def test_markdown_report_matches_snapshot(report: Report) -> None:
    """Every change to the seeds report is a reviewable diff of this file.

    Update: FACTCHECK_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/cassette
    """
    from factcheck.report import render_markdown

    # Wall time is the only part of a replayed run that is not deterministic. The
    # report prints the run's real figure; only this comparison blanks it.
    assert report.run.wall_seconds > 0
    rendered, blanked = WALL_TIME.subn("- Wall time: (varies by run) s", render_markdown(report))
    assert blanked == 1, "the summary has no wall-time line"
    if RECORD or os.environ.get("FACTCHECK_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert rendered == SNAPSHOT.read_text(encoding="utf-8")


def test_the_summary_fits_a_plain_terminal(report: Report) -> None:
    from factcheck.report import render_markdown

    text = render_markdown(report)
    summary = text[: text.index("\n## Disputes")].splitlines()
    assert [line for line in summary if len(line) > 100] == []
    assert "## What the outlets disagree on" in text[: text.index("## Summary")]


def test_html_page_highlights_every_disputed_quote_in_its_article(report: Report) -> None:
    from factcheck.report import render_html
    from factcheck.report.html import highlight_id

    html = render_html(report)
    assert "could not be placed" not in html
    for finding in report.findings:
        assert f'id="{finding.id}"' in html
        for index in range(len(finding.sides)):
            assert f'id="{highlight_id(finding, index)}"' in html
            assert f'href="#{highlight_id(finding, index)}"' in html


def test_warm_cache_rerun_makes_zero_model_calls(tmp_path: Path) -> None:
    if RECORD:
        pytest.skip("replay only")
    settings = Settings(backend="local", use_cache=True, cache_dir=tmp_path, concurrency=2)

    def run(cassette_path: Path) -> Report:
        with _recorder().use_cassette(str(cassette_path)):
            client = connect(settings, base_url="http://127.0.0.1:9/v1", api_key=TEST_API_KEY)
            cache = ResponseCache(tmp_path / "responses.sqlite3")
            llm = LLM(client, model=LOCAL_MODEL_NAME, backend="local", settings=settings,
                      cache=cache)  # fmt: skip
            try:
                return api.check([SEEDS], llm=llm, judge="llm")
            finally:
                cache.close()

    cold = run(CASSETTE)
    # An empty cassette in replay-only mode: any request at all would fail the run.
    warm = run(tmp_path / "no-calls-allowed.yaml")
    assert sum(u.calls for u in warm.run.usage.values()) == 0
    assert sum(u.cache_hits for u in warm.run.usage.values()) > 0
    assert [f.id for f in warm.findings] == [f.id for f in cold.findings]
    assert [c.id for c in warm.claims] == [c.id for c in cold.claims]
