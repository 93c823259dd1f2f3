"""The one forecast reading (``factcheck.parse.forecast``), on sentences written for these
tests, and its three readers: a figure's ``forecast``, a sentence's stance, an event's
status."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from factcheck.parse import load_nlp, read_facts_many
from factcheck.parse.forecast import expectation_passive, future_modal, is_forecast


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _word(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def test_a_future_modal_is_read_on_the_verb_it_serves(nlp: Language) -> None:
    doc = nlp("The plant will close and the mine won't reopen.")
    assert future_modal(_word(doc, "close"))
    assert future_modal(_word(doc, "reopen"))
    could = nlp("The plant could close.")
    assert not future_modal(_word(could, "close"))
    assert future_modal(_word(could, "close"), conditional=True)


def test_a_passive_expectation_frame(nlp: Language) -> None:
    assert expectation_passive(_word(nlp("The vote is expected to pass."), "expected"))
    assert expectation_passive(_word(nlp("The mill is set to reopen."), "set"))
    assert not expectation_passive(_word(nlp("Analysts expected a rise."), "expected"))


def test_a_figure_under_a_word_of_prediction_is_a_forecast(nlp: Language) -> None:
    doc = nlp("Economists had forecast growth of 0.6 per cent.")
    assert is_forecast([_word(doc, "0.6")], walk_heads=True)
    noun = nlp("The bank's forecast of 2.1 percent growth was cut.")
    assert is_forecast([_word(noun, "2.1")], walk_heads=True)
    future = nlp("Sales will reach 40 million units.")
    assert is_forecast([_word(future, "40")], walk_heads=True)
    reported = nlp("Sales reached 40 million units last year.")
    assert not is_forecast([_word(reported, "40")], walk_heads=True)


def test_in_a_clause_only_a_verb_predicts_and_conditionals_are_asked_for(
    nlp: Language,
) -> None:
    noun = nlp("The forecast proved wrong.")
    assert not is_forecast(list(noun))
    assert is_forecast(list(nlp("Analysts predict a slowdown.")))
    could = list(nlp("The storm could cut power."))
    assert not is_forecast(could)
    assert is_forecast(could, conditional=True)
    assert is_forecast(list(nlp("No, he won't.")))  # the modal stands for its verb


def test_every_reader_asks_the_same_rule() -> None:
    # A figure's forecast and an event's status come from the one reading.
    will, did = read_facts_many(["The city will hire 40 officers.", "The city hired 40 officers."])
    assert [q.forecast for q in will.quantities] == [True]
    assert will.status == "expected"
    assert [q.forecast for q in did.quantities] == [False]
    assert did.status == "happened"
