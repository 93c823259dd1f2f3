"""Typed checks on pairs of sentences written for these tests."""

from __future__ import annotations

import datetime

import pytest

from factcheck.comparison.checks.typed import (
    TypedDifference,
    agree,
    facts_differences,
    mentions,
    same_event,
    typed_differences,
    unmentioned,
)
from factcheck.parse import read_facts
from factcheck.schemas import Claim, claim_id

FRIDAY = datetime.date(2026, 3, 6)


def _diffs(a: str, b: str, article_date: datetime.date | None = None) -> list[TypedDifference]:
    return facts_differences(
        read_facts(a, article_date=article_date), read_facts(b, article_date=article_date)
    )


def _kinds(a: str, b: str, article_date: datetime.date | None = None) -> list[str]:
    return [d.kind for d in _diffs(a, b, article_date)]


# -- figures --------------------------------------------------------------------------------


def test_a_vote_tally_that_differs() -> None:
    diffs = _diffs(
        "The council approved the budget by 7 votes to 2.",
        "The council approved the budget by 6 votes to 3.",
    )
    assert [d.kind for d in diffs] == ["number", "number"]
    assert {(d.value_a, d.value_b) for d in diffs} == {("7 vote", "6 vote"), ("2 vote", "3 vote")}


def test_a_vote_tally_written_differently_agrees() -> None:
    assert (
        _diffs(
            "The council approved the budget by a vote of 7-2.",
            "The council approved the budget by 7 votes to 2.",
        )
        == []
    )
    assert (
        _diffs(
            "The council approved the budget by seven votes to two.",
            "The council approved the budget by 7 votes to 2.",
        )
        == []
    )


def test_a_duration_that_differs_and_one_written_differently() -> None:
    assert _kinds("The inquiry lasted 18 months.", "The inquiry lasted two years.") == ["number"]
    assert _diffs("The inquiry lasted 18 months.", "The inquiry lasted a year and a half.") == []


def test_a_percentage() -> None:
    assert _kinds(
        "Turnout in the district rose to 62% on Sunday.",
        "Turnout in the district rose to 58 percent on Sunday.",
    ) == ["number"]
    assert (
        _diffs(
            "Turnout in the district rose to 62% on Sunday.",
            "Turnout in the district rose to 62 percent on Sunday.",
        )
        == []
    )


def test_about_a_third_and_32_percent_agree() -> None:
    assert (
        _diffs(
            "About a third of the members backed the motion.",
            "32% of the members backed the motion.",
        )
        == []
    )
    assert _kinds(
        "About a third of the members backed the motion.",
        "15% of the members backed the motion.",
    ) == ["number"]


def test_a_count_in_words() -> None:
    diffs = _diffs(
        "Thirteen people were injured in the collapse.",
        "Fifteen people were injured in the collapse.",
    )
    assert [(d.kind, d.value_a, d.value_b) for d in diffs] == [("number", "13 person", "15 person")]
    assert (
        _diffs(
            "Thirteen people were injured in the collapse.",
            "13 people were injured in the collapse.",
        )
        == []
    )


def test_an_approximate_figure_conflicts_only_outside_what_it_allows() -> None:
    approximate = "More than 200 volunteers joined the search on Sunday."
    assert _diffs(approximate, "214 volunteers joined the search on Sunday.") == []
    assert _kinds(approximate, "150 volunteers joined the search on Sunday.") == ["number"]
    nearly = "The city spent nearly $44 million on the bridge."
    assert _diffs(nearly, "The city spent $43,885,310 on the bridge.") == []
    assert _kinds(nearly, "The city spent $39 million on the bridge.") == ["number"]


def test_equal_amounts_written_differently_agree() -> None:
    assert (
        _diffs(
            "The region has 1.5 million residents.",
            "The region has one and a half million residents.",
        )
        == []
    )
    assert (
        _diffs("The firm closed half a dozen warehouses.", "The firm closed six warehouses.") == []
    )


def test_figures_that_count_different_things_are_never_compared() -> None:
    assert (
        _diffs("The company hired 40 engineers in March.", "The company hired 12 lawyers in March.")
        == []
    )
    assert (
        _diffs(
            "Police arrested 12 protesters after the march.",
            "Organisers counted 3,000 protesters at the march.",
        )
        == []
    )
    # the same count for different months is two counts, not a conflict
    assert (
        _diffs("Employers added 235,000 jobs in August.", "Employers added 943,000 jobs in July.")
        == []
    )
    # a forecast is not the reported figure
    assert (
        _diffs("Economists had expected prices to rise 3.6 percent.", "Prices rose 4.2 percent.")
        == []
    )


def test_the_evidence_shows_both_spans() -> None:
    [diff] = _diffs(
        "The auditors released a 48-page report on the spending.",
        "The auditors released the 47-page report on the spending.",
    )
    assert (diff.kind, diff.slot) == ("number", "page of report")
    assert diff.evidence_a == "a 48-page report"
    assert diff.evidence_b == "the 47-page report"
    assert diff.what_differs == 'A: "a 48-page report" · B: "the 47-page report"'


# -- dates ----------------------------------------------------------------------------------


def test_a_weekday_against_a_date() -> None:
    weekday = "The senate passed the bill on Tuesday."
    same_day = "The senate passed the bill on March 3."
    other_day = "The senate passed the bill on March 4."
    assert datetime.date(2026, 3, 3).strftime("%A") == "Tuesday"
    # with the article's date, Tuesday is March 3
    assert _diffs(weekday, same_day, FRIDAY) == []
    [diff] = _diffs(weekday, other_day, FRIDAY)
    assert diff.kind == "date"
    assert diff.evidence_a == "Tuesday" and diff.evidence_b == "March 4"
    # without one, a weekday and a date without a year cannot be compared
    assert _diffs(weekday, other_day) == []
    # two weekdays can
    assert _kinds(weekday, "The senate passed the bill on Wednesday.") == ["date"]


def test_a_past_event_reported_before_the_other_outlet_dates_it() -> None:
    reported = "Her lawyers said in 2024 that the senator repaid the loan."
    dated = "The senator repaid the loan earlier this year."
    [diff] = _diffs(reported, dated, FRIDAY)
    assert diff.kind == "date" and "reported" in diff.slot
    assert (diff.evidence_a, diff.evidence_b) == ("2024", "earlier this year")
    # without the article's date "earlier this year" is no year
    assert _diffs(reported, dated) == []
    # reported later than the other outlet's date: both can hold
    assert _diffs("Her lawyers said in 2026 that the senator repaid the loan.", dated, FRIDAY) == []


def test_a_total_over_a_span_is_not_compared_with_one_years() -> None:
    assert (
        _diffs(
            "The couple earned $140,937,785 over the eight year span, mostly from speeches.",
            "The couple earned $13.17 million in 2013, also for 41 speeches.",
        )
        == []
    )
    [diff] = _diffs(
        "The couple earned $140 million over the eight year span.",
        "The couple earned $120 million over an eight-year span.",
    )
    assert diff.kind == "number"


# -- roles ----------------------------------------------------------------------------------


def test_a_different_person_in_the_same_role() -> None:
    [diff] = _diffs(
        "Mayor Ruth Okafor signed the zoning order on Monday.",
        "Deputy Mayor Tom Reyes signed the zoning order on Monday.",
    )
    assert (diff.kind, diff.slot) == ("role", "agent of sign")
    assert (diff.evidence_a, diff.evidence_b) == ("Ruth Okafor", "Tom Reyes")


def test_the_same_person_named_differently_agrees() -> None:
    assert (
        _diffs(
            "Mayor Ruth Okafor signed the zoning order on Monday.",
            "Okafor signed the zoning order on Monday.",
        )
        == []
    )


def test_a_name_transliterated_two_ways_is_one_person() -> None:
    # Outlets spell transliterated names differently: no role difference.
    assert (
        _diffs(
            "President Volodymyr Zelensky signed the decree on Monday.",
            "President Volodymyr Zelenskyy signed the decree on Monday.",
        )
        == []
    )
    [diff] = _diffs(
        "Mayor Ann Jackson signed the zoning order on Monday.",
        "Mayor Ann Johnson signed the zoning order on Monday.",
    )
    assert diff.kind == "role"


def test_two_people_in_different_events_are_not_compared() -> None:
    a = read_facts("Ruth Okafor signed the zoning order.")
    b = read_facts("Tom Reyes vetoed the transit bill.")
    assert not same_event(a, b)
    assert facts_differences(a, b) == []
    # the same verb for two different things is two events as well
    assert (
        _diffs("Ruth Okafor signed the zoning order.", "Tom Reyes signed the pension deal.") == []
    )


def test_a_shared_head_word_alone_is_not_the_same_event() -> None:
    a = read_facts("The union rejected the 3% pay offer.")
    b = read_facts("Inflation reached 5% in the spring, the bank said.")
    assert not same_event(a, b)
    assert facts_differences(a, b) == []


# -- status and negation --------------------------------------------------------------------


def test_a_status_that_differs() -> None:
    [diff] = _diffs(
        "The location of the new stadium has not yet been decided.",
        "The location of the new stadium was decided on Monday.",
    )
    assert (diff.kind, diff.value_a, diff.value_b) == ("status", "expected", "happened")
    assert "not yet" in diff.evidence_a


def test_a_denial_against_a_statement() -> None:
    assert _kinds(
        "The mill dumped waste into the river.",
        "The owners denied that the mill dumped waste into the river.",
    ) == ["status"]


def test_negation() -> None:
    [diff] = _diffs(
        "The minister resigned after the vote.", "The minister did not resign after the vote."
    )
    assert (diff.kind, diff.value_a, diff.value_b) == ("negation", "affirmed", "negated")
    assert diff.evidence_b == "did not resign"
    assert (
        _diffs("The minister resigned after the vote.", "The minister resigned after the vote.")
        == []
    )


# -- claims and mentions --------------------------------------------------------------------


def _claim(text: str, article: str) -> Claim:
    return Claim(
        id=claim_id(article, 0, len(text), text),
        article_id=article,
        statement=text,
        quote=text,
        char_start=0,
        char_end=len(text),
        attributed_to="the outlet",
        modality="asserted",
    )


def test_typed_differences_reads_claims_with_or_without_facts() -> None:
    a = _claim("Thirteen people were injured in the collapse.", "a")
    b = _claim("Fifteen people were injured in the collapse.", "b")
    assert [d.kind for d in typed_differences(a, b)] == ["number"]
    b_read = b.model_copy(update={"facts": read_facts(b.quote)})
    assert typed_differences(a, b_read) == typed_differences(a, b)


def test_mentions_and_what_no_source_mentions() -> None:
    draft = read_facts("Mayor Ruth Okafor approved 40 new buses for Leeds.")
    found = {(m.kind, m.text) for m in mentions(draft)}
    assert ("name", "Ruth Okafor") in found and ("figure", "40 new buses") in found
    sources = [
        read_facts("Ruth Okafor approved new buses on Monday."),
        read_facts("The city of Leeds will receive 35 buses."),
    ]
    assert [m.text for m in unmentioned(draft, sources)] == ["40 new buses"]
    assert unmentioned(draft, [*sources, read_facts("Okafor approved 40 buses.")]) == []


def test_agree_is_symmetric_on_bounds() -> None:
    [a] = read_facts("More than 200 volunteers came.").quantities
    [b] = read_facts("214 volunteers came.").quantities
    [c] = read_facts("150 volunteers came.").quantities
    assert agree(a, b) and agree(b, a)
    assert not agree(a, c) and not agree(c, a)


@pytest.mark.parametrize(
    "a, b",
    [
        ("The senate passed the bill on Tuesday.", "The senate passed the bill on Tuesday."),
        ("The inquiry lasted 18 months.", "The inquiry lasted a year and a half."),
    ],
)
def test_an_agreement_pair_comes_out_clean(a: str, b: str) -> None:
    assert _diffs(a, b, FRIDAY) == []


def test_whether_it_happened_is_compared_only_for_one_doer() -> None:
    mayor = read_facts("The mayor responded to the complaint on Monday.")
    aide = read_facts("The mayor's spokesman did not respond to the complaint on Monday.")
    assert not [d for d in facts_differences(mayor, aide) if d.kind in {"negation", "status"}]
    silent = read_facts("The mayor did not respond to the complaint on Monday.")
    assert [d.kind for d in facts_differences(mayor, silent)] == ["negation"]
    pronoun = read_facts("She did not respond to the complaint on Monday.")
    assert [d.kind for d in facts_differences(mayor, pronoun)] == ["negation"]
