"""The question route of matching slots: the LLM names the question two statements answer
and the words that answer it; the parse says whether the answers agree. Sentences written
for these tests; the model is a fake that answers as told."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from factcheck.comparison.checks.slots import answered_differences
from factcheck.comparison.judges.questions import ask_questions, locate
from factcheck.llm import FakeLLM
from factcheck.parse import read_facts

COST_A = "The new depot cost $40 million, the council said."
COST_B = "Councillors approved a $55 million depot on Monday."


def _answering(*answers: tuple[int, str]) -> Any:
    def answer(schema: dict[str, Any], messages: list[dict[str, Any]]) -> Mapping[str, Any]:
        return {
            "questions": [
                {
                    "question": "How much did the depot cost?",
                    "answers": [{"statement": n, "words": words} for n, words in answers],
                }
            ]
        }

    return answer


def test_the_answers_are_located_in_their_statements() -> None:
    fake = FakeLLM(_answering((1, "$40 million"), (2, "$55 million")))
    result = ask_questions(fake, [COST_A, COST_B])
    assert not result.failed
    [slot] = result.slots
    assert slot.question == "How much did the depot cost?"
    assert [(i, (COST_A, COST_B)[i][s:e]) for i, s, e in slot.spans] == [
        (0, "$40 million"),
        (1, "$55 million"),
    ]


def test_an_answer_not_in_its_statement_is_re_asked_then_the_call_fails() -> None:
    fake = FakeLLM(_answering((1, "$40 million"), (2, "$60 million")))
    result = ask_questions(fake, [COST_A, COST_B])
    assert result.slots == [] and "failed validation" in result.failed
    assert len(fake.requests) == 2  # the first answer and one re-ask


def test_locate_ignores_case_and_trailing_punctuation_only() -> None:
    assert locate("On Monday.", COST_B) == (COST_B.index("on Monday"), COST_B.index("."))
    assert locate("$60 million", COST_B) is None


def test_two_answers_that_cannot_both_hold_differ_and_equal_ones_do_not() -> None:
    a, b = read_facts(COST_A), read_facts(COST_B)
    span_a = locate("$40 million", COST_A)
    span_b = locate("$55 million", COST_B)
    assert span_a is not None and span_b is not None
    [difference] = answered_differences(a, [span_a], b, [span_b], "How much?")
    assert (difference.value_a, difference.value_b) == ("40,000,000 USD", "55,000,000 USD")
    assert difference.slot == "How much?"
    same = read_facts("The depot cost $40,000,000.")
    span_same = locate("$40,000,000", same.text)
    assert span_same is not None
    assert answered_differences(a, [span_a], same, [span_same], "How much?") == []


def test_two_people_answering_who_differ() -> None:
    a = read_facts("The prize went to Maria Lopez.")
    b = read_facts("Judge Ana Ruiz won the prize.")
    span_a, span_b = locate("Maria Lopez", a.text), locate("Ana Ruiz", b.text)
    assert span_a is not None and span_b is not None
    [difference] = answered_differences(a, [span_a], b, [span_b], "Who won?")
    assert difference.kind == "role"
    same = read_facts("Lopez won the prize.")
    span_same = locate("Lopez", same.text)
    assert span_same is not None
    assert answered_differences(a, [span_a], same, [span_same], "Who won?") == []
