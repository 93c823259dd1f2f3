"""The whole pipeline on the five seeds, through the real openai + instructor
stack, replaying responses recorded from the embedded model (temperature 0).

Re-record (nothing else heavy running; extraction only, reconciliation makes no LLM call):

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
from factcheck.llm import LLM, LOCAL_MODEL_NAME, ResponseCache, Settings, connect, open_llm
from factcheck.schemas import Article, Claim, Finding, Report
from tests.conftest import unplayed_model_calls

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
    if RECORD:
        # vcrpy's "all" mode appends to an existing cassette; a re-recording
        # must replace the old traffic, not sit after it.
        CASSETTE.unlink(missing_ok=True)
    cache_dir = tmp_path_factory.mktemp("cache")
    settings = Settings(
        backend="local", use_cache=False, cache_dir=cache_dir, concurrency=1 if RECORD else 2
    )
    with _recorder().use_cassette(str(CASSETTE)) as cassette:
        if RECORD:
            with open_llm(settings) as llm:
                yield api.check([SEEDS], llm=llm)
        else:
            client = connect(settings, base_url="http://127.0.0.1:9/v1", api_key=TEST_API_KEY)
            llm = LLM(client, model=LOCAL_MODEL_NAME, backend="local", settings=settings)
            yield api.check([SEEDS], llm=llm)
            assert unplayed_model_calls(cassette) == 0, "fewer model calls than were recorded"


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
    hedged = [c for c in report.claims if re.search(r"(willing|may abandon).*NATO", c.quote)]
    assert hedged, "no claim carries the hedged NATO statements"
    assert all(c.modality in ("hedged", "speculative", "demand") for c in hedged), [
        (c.statement, c.modality) for c in hedged
    ]


def _claims_on(report: Report, article: str, phrase: str) -> list[Claim]:
    return [c for c in report.claims if c.article_id.startswith(article) and phrase in c.quote]


def test_article5_nato_bid_and_territory_claims_are_attributed_and_hedged_right(
    report: Report,
) -> None:
    """Issue 3's bar: the statements the outlets disagree or agree on."""
    short_of = _claims_on(report, "004", "would not reach the level of NATO")
    assert short_of, "004's Article 5 sentence gave no claim"
    assert all(c.attributed_to == "the outlet" for c in short_of)
    definition = _claims_on(report, "001", "stipulates that an attack on one member")
    assert definition and all(c.attributed_to == "the outlet" for c in definition)
    announced = _claims_on(report, "003", "has announced a significant shift")
    assert announced and all(c.modality in ("asserted", "reported") for c in announced)
    for article, phrase in [("000", "willingness to consider"), ("002", "may abandon")]:
        claims = _claims_on(report, article, phrase)
        assert claims and all(c.modality == "hedged" for c in claims), (article, claims)
    # "While open to discussing NATO membership, Zelensky firmly rejected any territorial
    # concessions": one sentence is one claim now, and it carries the hedge of its first
    # clause, so only its attribution is asked for.
    refusal = _claims_on(report, "001", "firmly rejected any territorial concessions")
    assert refusal and all("Zelensky" in c.attributed_to for c in refusal)
    # Article 5, as each outlet puts it: 001's is Zelensky's proposal, 003's
    # the outlet's own account of the talks' goal, 002's Zelenskyy's demand.
    mirroring = _claims_on(report, "001", "he proposed that bilateral security guarantees")
    assert mirroring and all("Zelensky" in c.attributed_to for c in mirroring), mirroring
    assert all(c.modality == "demand" for c in mirroring), mirroring
    similar = _claims_on(report, "003", "similar to Article 5 of the NATO treaty")
    assert similar and all(c.attributed_to == "the outlet" for c in similar), similar
    akin = _claims_on(report, "002", "akin to NATO’s Article 5 protections")
    assert akin and all("Zelensky" in c.attributed_to for c in akin), akin
    # Rejecting a demand is a refusal, not a demand.
    cede = _claims_on(report, "002", "continues to reject demands to cede territory")
    assert cede and all(c.modality in ("asserted", "reported") for c in cede), cede


def _between(finding: Finding, first: str, second: str) -> bool:
    quotes = [s.quote for s in finding.sides]
    return any(first in q for q in quotes) and any(second in q for q in quotes)


def test_the_outlets_disagreements_are_found(report: Report) -> None:
    """The NATO bid: 003 says Zelenskyy announced it, the others that he is willing to
    consider it. One certainty dispute, the hedged accounts of other outlets on one side."""
    certainty = [
        f for f in report.contradictions()
        if f.kind == "certainty" and any("has announced" in s.quote for s in f.sides)
    ]  # fmt: skip
    assert len(certainty) == 1, "003's 'announced' was not found once as a certainty dispute"
    [dispute] = certainty
    announced = next(s for s in dispute.sides if "has announced" in s.quote)
    hedged = [s for s in dispute.sides if s.modality == "hedged"]
    assert {s.article_id for s in hedged} - {announced.article_id}
    assert all(s.position != announced.position for s in hedged)
    # Each disagreement once: no two disputes rest on the same strongest pair of quotes.
    assert len({f.id for f in report.findings}) == len(report.findings)


def test_what_the_outlets_agree_on_is_not_a_contradiction(report: Report) -> None:
    agreed = re.compile(r"Witkoff|Kushner|territor|cede|ceding", re.IGNORECASE)
    for finding in report.contradictions():
        assert not all(agreed.search(s.quote) for s in finding.sides), finding.explanation


def test_reconciliation_makes_no_model_call(report: Report) -> None:
    assert set(report.run.usage) <= {"extract"}
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
    extract = report.run.usage["extract"]
    assert extract.calls >= len(report.articles)
    assert extract.completion_tokens > 0


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
                return api.check([SEEDS], llm=llm)
            finally:
                cache.close()

    cold = run(CASSETTE)
    # An empty cassette in replay-only mode: any request at all would fail the run.
    warm = run(tmp_path / "no-calls-allowed.yaml")
    assert sum(u.calls for u in warm.run.usage.values()) == 0
    assert sum(u.cache_hits for u in warm.run.usage.values()) > 0
    assert [f.id for f in warm.findings] == [f.id for f in cold.findings]
    assert [c.id for c in warm.claims] == [c.id for c in cold.claims]
