"""The language data on sentences written for these tests (general news, not the seeds)."""

from __future__ import annotations

import pytest

from factcheck.language import (
    NEGATORS,
    STOPWORDS,
    content_words,
    demands,
    hedges,
    reports_speech,
    softens,
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The council may raise parking fees next year.",
        "The airline is considering cutting its winter schedule.",
        "The union is weighing a return to the table.",
        "Investors are mulling a bid for the brewery.",
        "The ministry is exploring a sale of its stake.",
        "The coach appeared to rule out a comeback.",
        "The striker is reportedly close to a move abroad.",
        "A deal is unlikely before the summer.",
    ],
)
def test_hedges_are_found_in_ordinary_news(sentence: str) -> None:
    assert hedges(sentence) and softens(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The council raised parking fees on Monday.",
        "The airline cut its winter schedule by a fifth.",
        "The bridge was closed for repairs in March.",
        "The committee approved the budget by nine votes to two.",
        "Police said the road reopened at noon.",
    ],
)
def test_plain_statements_have_no_hedge(sentence: str) -> None:
    assert not hedges(sentence)
    assert not softens(sentence)


def test_could_and_would_only_soften() -> None:
    # Past ability and reported future: a "hedged" label may stand, nothing forces it.
    assert not hedges("Rescuers could not reach the village until dawn.")
    assert softens("Rescuers could not reach the village until dawn.")
    assert softens("The minister said the plan would save money.")


def test_demands() -> None:
    assert demands("Residents demanded a full inquiry into the fire.")
    assert demands("The opposition called for the minister to resign.")
    assert demands("Teachers urge the board to reopen talks.")
    assert not demands("The board published its report on Friday.")


def test_reported_speech() -> None:
    assert reports_speech("The fire chief said the blaze was under control.")
    assert reports_speech("“We are not leaving,” one resident shouted.")
    assert reports_speech("According to the police, two people were hurt.")
    assert not reports_speech("Two people were hurt in the blaze.")
    # What a document shows, and a charge, are relayed too.
    assert reports_speech("Court filings show the firm paid the fine in June.")
    assert reports_speech("The treasurer was charged with fraud on Monday.")
    assert reports_speech("Figures released on Friday revealed a deficit.")


def test_negators_are_content_words() -> None:
    assert not STOPWORDS & NEGATORS
    assert "not" in content_words("The council did not raise fees.")
    assert "never" in content_words("The plant never reopened.")
    assert content_words("The fees were raised.") == ["fees", "raised"]
