"""What the parser reads off a sentence, on sentences written for these tests."""

from __future__ import annotations

import datetime

import pytest

import factcheck.parse.nlp as nlp_module
from factcheck.comparison.checks.typed import agree
from factcheck.errors import ConfigurationError
from factcheck.ingest.reader import prepare_article
from factcheck.parse import (
    MODEL_FILES_SHA256,
    ParserModelError,
    attach_facts,
    load_nlp,
    model_directory,
    read_facts,
    read_facts_many,
    read_number,
    verify_model_files,
)
from factcheck.schemas import Article, Claim, claim_id
from factcheck.schemas.facts import ClaimFacts, Quantity

# -- the model ------------------------------------------------------------------------------


def test_load_nlp_is_the_english_pipeline_loaded_once() -> None:
    nlp = load_nlp()
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert load_nlp() is nlp
    doc = nlp("Maria Lopez visited Paris on Monday.")
    assert ("Maria Lopez", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_installed_weights_match_their_pins() -> None:
    verify_model_files(model_directory())  # raises on any difference


def test_a_changed_weight_file_is_refused() -> None:
    directory = model_directory()
    wrong = dict(MODEL_FILES_SHA256)
    wrong["ner/model"] = "0" * 64
    with pytest.raises(ParserModelError, match="sha256") as raised:
        verify_model_files(directory, wrong)
    assert "pip install --force-reinstall" in str(raised.value)
    assert isinstance(raised.value, ConfigurationError)


def test_load_nlp_checks_the_hash_before_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module, "_cache", {})
    monkeypatch.setattr(
        nlp_module, "MODEL_FILES_SHA256", {**MODEL_FILES_SHA256, "parser/model": "f" * 64}
    )
    with pytest.raises(ParserModelError, match="parser/model"):
        load_nlp()


def test_a_missing_weight_file_is_refused() -> None:
    with pytest.raises(ParserModelError, match="missing"):
        verify_model_files(model_directory(), {"nowhere/model": "0" * 64})


# -- numbers --------------------------------------------------------------------------------


def _figures(text: str, **kwargs: datetime.date) -> list[Quantity]:
    return read_facts(text, **kwargs).quantities


def _one(text: str) -> Quantity:
    figures = _figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    "words, value",
    [
        (["1.5", "million"], 1_500_000),
        (["one", "and", "a", "half", "million"], 1_500_000),
        (["1,500,000"], 1_500_000),
        (["half", "a", "dozen"], 6),
        (["six"], 6),
        (["forty-eight"], 48),
        (["three", "hundred", "and", "twelve"], 312),
        (["two-thirds"], 2 / 3),
        (["5bn"], 5e9),
    ],
)
def test_read_number(words: list[str], value: float) -> None:
    reading = read_number(words)
    assert reading is not None
    assert reading.value == pytest.approx(value)


def test_one_figure_written_three_ways_reads_the_same() -> None:
    values = {
        _one(text).value
        for text in (
            "The region has 1.5 million residents.",
            "The region has one and a half million residents.",
            "The region has 1,500,000 residents.",
        )
    }
    assert values == {1_500_000}


def test_half_a_dozen_is_six() -> None:
    a = _one("The firm closed half a dozen warehouses.")
    b = _one("The firm closed six warehouses.")
    assert (a.value, a.unit) == (b.value, b.unit) == (6, "warehouse")


def test_durations_are_quantities_in_months() -> None:
    a = _one("The inquiry lasted 18 months.")
    b = _one("The inquiry lasted a year and a half.")
    assert (a.kind, a.value, a.unit) == (b.kind, b.value, b.unit) == ("duration", 18, "month")
    assert b.text == "a year and a half"


def test_a_count_in_words_is_read() -> None:
    figure = _one("Thirteen people were hurt when the bridge gave way.")
    assert (figure.value, figure.unit, figure.kind) == (13, "person", "count")


def test_a_percentage_and_a_fraction_are_shares() -> None:
    share = _one("Turnout reached 32% in the northern district.")
    third = _one("About a third of the members backed the motion.")
    assert (share.kind, share.unit, share.value) == ("percent", "percent", 32)
    assert (third.kind, third.unit) == ("percent", "percent")
    assert third.value == pytest.approx(100 / 3)
    assert third.low is not None and third.high is not None
    assert third.low <= 32 <= third.high


def test_an_approximate_figure_carries_its_bounds() -> None:
    more = _one("More than 200 volunteers joined the search.")
    assert (more.low, more.high, more.qualifier) == (200, None, "more than")
    nearly = _one("The repairs cost nearly $44 million.")
    assert nearly.kind == "money" and nearly.unit == "USD"
    assert nearly.high is not None and nearly.low is not None
    assert nearly.low < 44e6 <= nearly.high < 45e6


def test_a_round_figure_allows_its_rounding() -> None:
    figure = _one("The watch cost $43,000.")
    assert figure.low is not None and figure.high is not None
    assert figure.low <= 43_350 <= figure.high
    exact = _one("The report ran to 48 pages.")
    assert exact.low == exact.high == 48


def test_a_round_figure_rounds_to_the_nearest_not_up_to_the_next() -> None:
    eight, nine = _one("The dam cost $8 billion."), _one("The dam cost $9 billion.")
    assert not agree(eight, nine)
    assert agree(eight, _one("The dam cost $8.3 billion."))
    assert not agree(_one("The hall seats 50,000."), _one("The hall seats 55,000."))


def test_a_scale_letter_after_money_is_a_scale_and_elsewhere_a_unit() -> None:
    for text, value, unit in (
        ("The depot cost $40m.", 40e6, "USD"),
        ("The fine was £3m, the regulator said.", 3e6, "GBP"),
        ("The firm raised $500k in May.", 500e3, "USD"),
    ):
        figure = _one(text)
        assert (figure.kind, figure.value, figure.unit) == ("money", value, unit), text
    assert _one("The wall is 40m high.").value == 40


def test_a_vote_tally_keeps_both_numbers() -> None:
    figures = _figures("The motion passed by 300 votes to 120 votes.")
    assert [(f.value, f.unit) for f in figures] == [(300, "vote"), (120, "vote")]


def test_a_number_inside_a_name_is_not_a_count() -> None:
    figures = _figures("Allies discussed an Article 5-like guarantee for the region.")
    assert not any(f.unit == "like" or f.head == "like" for f in figures)
    assert figures == []


def test_a_year_before_a_noun_is_a_year_not_a_count() -> None:
    facts = read_facts("Delegates recalled the 1994 nuclear accord at the meeting.")
    assert facts.quantities == []
    assert [(d.kind, d.iso) for d in facts.dates] == [("year", "1994")]


def test_a_measure_of_a_thing_names_the_thing() -> None:
    figure = _one("Auditors published a 48-page report on the agency.")
    assert (figure.value, figure.unit, figure.head) == (48, "page", "report")


def test_the_word_one_counts_nothing() -> None:
    assert _figures("One member of the board resigned.") == []


# -- dates ----------------------------------------------------------------------------------


def test_july_4_and_the_fourth_of_july_are_one_date() -> None:
    a = read_facts("The parade takes place on July 4.").dates
    b = read_facts("The parade takes place on the Fourth of July.").dates
    assert [d.iso for d in a] == [d.iso for d in b] == ["--07-04"]


def test_a_weekday_is_resolved_only_against_an_article_date() -> None:
    text = "The council met on Tuesday."
    alone = read_facts(text).dates
    assert [(d.kind, d.weekday, d.iso) for d in alone] == [("weekday", "Tuesday", "")]
    friday = datetime.date(2026, 3, 6)
    resolved = read_facts(text, article_date=friday).dates
    assert [(d.iso, d.resolved) for d in resolved] == [("2026-03-03", True)]
    dated = read_facts("The council met on March 3.", article_date=friday).dates
    assert [(d.iso, d.weekday) for d in dated] == [("2026-03-03", "Tuesday")]


def test_an_expected_event_takes_the_next_weekday() -> None:
    friday = datetime.date(2026, 3, 6)
    facts = read_facts("The council will meet on Tuesday.", article_date=friday)
    assert [d.iso for d in facts.dates] == ["2026-03-10"]


def test_relative_dates_stay_relative_without_an_article_date() -> None:
    alone = read_facts("Prices fell sharply last year.").dates
    assert [(d.kind, d.relative, d.iso) for d in alone] == [("relative", "last year", "")]
    dated = read_facts("Prices fell sharply last year.", article_date=datetime.date(2026, 3, 6))
    assert [d.iso for d in dated.dates] == ["2025"]


# -- names, events, status ------------------------------------------------------------------


def test_agent_and_patient_of_the_main_event() -> None:
    facts = read_facts("The ethics committee censured Senator Dana Whitfield on Monday.")
    roles = {e.key: e.role for e in facts.entities}
    assert roles.get("dana whitfield") == "patient"
    assert facts.event is not None and facts.event.predicate == "censure"
    passive = read_facts("Dana Whitfield was censured by Paul Ortega on Monday.")
    assert {e.key: e.role for e in passive.entities} == {
        "dana whitfield": "patient",
        "paul ortega": "agent",
    }


def test_a_reporting_frame_is_looked_through() -> None:
    facts = read_facts("Officials said the ferry company cancelled 40 crossings.")
    assert facts.event is not None
    assert (facts.event.predicate, facts.event.reported_by) == ("cancel", "official")


@pytest.mark.parametrize(
    "text, status",
    [
        ("The committee will publish its findings.", "expected"),
        ("The committee is expected to publish its findings.", "expected"),
        ("The committee is considering a new inquiry.", "proposed"),
        ("The company denied that its trucks had polluted the river.", "denied"),
        ("The future of the stadium has not yet been decided.", "expected"),
        ("The future of the stadium was decided on Monday.", "happened"),
    ],
)
def test_status(text: str, status: str) -> None:
    assert read_facts(text).status == status


def test_negation_and_its_evidence() -> None:
    facts = read_facts("The minister did not resign after the vote.")
    assert facts.negated
    assert facts.event is not None and "not" in facts.event.evidence
    assert not read_facts("The minister resigned after the vote.").negated
    refused = read_facts("The mayor refused to apologise for the remarks.")
    assert refused.negated and refused.event is not None
    assert refused.event.predicate == "apologize"


def test_spans_point_into_the_sentence() -> None:
    text = "Roughly 2,400 fans watched the final in Leeds on Saturday."
    facts = read_facts(text)
    for span in [*facts.quantities, *facts.dates, *facts.entities]:
        assert text[span.char_start : span.char_end] == span.text


def test_read_facts_many_matches_one_at_a_time() -> None:
    texts = ["The inquiry lasted 18 months.", "Thirteen people were hurt."]
    assert read_facts_many(texts) == [read_facts(t) for t in texts]


def test_attach_facts_uses_the_article_date() -> None:
    text = "The board met on Tuesday to approve the budget."
    article = Article(id="a1", text=text, published=datetime.date(2026, 3, 6))
    claim = Claim(
        id=claim_id("a1", 0, len(text), text),
        article_id="a1",
        statement=text,
        quote=text,
        char_start=0,
        char_end=len(text),
        attributed_to="the outlet",
        modality="asserted",
    )
    [attached] = attach_facts([claim], article)
    assert attached.facts is not None
    assert [d.iso for d in attached.facts.dates] == ["2026-03-03"]
    assert claim.facts is None  # the input is not changed


def test_facts_round_trip_through_json() -> None:
    facts = read_facts("Nearly 300 workers walked out on Friday, the union said.")
    assert ClaimFacts.model_validate_json(facts.model_dump_json()) == facts
    with pytest.raises(ValueError):
        Quantity(text="x" * 201, char_start=0, char_end=1, kind="count", value=1, low=1, high=1)


def test_a_web_page_gives_its_publication_date() -> None:
    html = (
        "<html><head><title>Council passes budget</title>"
        '<meta property="article:published_time" content="2026-03-06T10:00:00Z"></head>'
        "<body><article><h1>Council passes budget</h1>"
        "<p>The council passed the budget on Tuesday by seven votes to two, officials said.</p>"
        "<p>The mayor welcomed the vote and said the budget would fund two more libraries.</p>"
        "</article></body></html>"
    )
    article = prepare_article(html, article_id="page", html=True).article
    assert article.published == datetime.date(2026, 3, 6)
    plain = prepare_article("The council passed the budget on Tuesday.", article_id="text")
    assert plain.article.published is None


@pytest.mark.parametrize(
    "text, iso",
    [
        ("The board met last Friday.", "2026-02-27"),
        ("The board meets next Friday.", "2026-03-13"),
        ("The board met two weeks ago.", "2026-02-20"),
        ("The board met three months ago.", "2025-12"),
    ],
)
def test_deictic_dates_against_the_article_date(text: str, iso: str) -> None:
    facts = read_facts(text, article_date=datetime.date(2026, 3, 6))
    assert [d.iso for d in facts.dates] == [iso]
    assert facts.quantities == []  # "two weeks ago" is a date, not a duration


def test_ranges_and_spans() -> None:
    share = _figures("Support is between 10 and 20 percent in the region.")
    assert [(f.value, f.unit) for f in share] == [(10, "percent"), (20, "percent")]
    assert _figures("The club finished the 2020-21 season in debt.") == []
    assert [(f.value, f.unit) for f in _figures("A Boeing 737 carried 157 passengers.")] == [
        (157, "passenger")
    ]
