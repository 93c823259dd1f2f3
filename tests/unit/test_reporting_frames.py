"""Status through reporting frames, on sentences written for these tests.

The parse reads the frame an event is told through (its source-introducing predicate, noun
or adjective), the frame's commitment and the event's status composed with the clause's own
modality; ``comparison.checks.reporting`` compares those statuses across two statements of one
event.
"""

from __future__ import annotations

import pytest

from factcheck.comparison.checks.reporting import reported_status_differences
from factcheck.comparison.checks.typed import TypedDifference
from factcheck.language import FIRM_SOURCES, NEGATIVE_SOURCES, TENTATIVE_SOURCES, frame_class
from factcheck.parse import read_facts


def _diffs(a: str, b: str) -> list[TypedDifference]:
    return reported_status_differences(read_facts(a), read_facts(b))


# -- the parse: frame, commitment, composed status, evidence ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "predicate", "frame", "commitment", "status", "evidence"),
    [
        (
            "The orchestra has announced it is cancelling its winter tour.",
            "cancel",
            "announce",
            "firm",
            "committed",
            "has announced it is cancelling",
        ),
        (
            "The orchestra signalled it may cancel its winter tour.",
            "cancel",
            "signal",
            "tentative",
            "possible",
            "signalled it may cancel",
        ),
        (
            "The regulator confirmed the mine will reopen.",
            "reopen",
            "confirm",
            "firm",
            "committed",
            "confirmed the mine will reopen",
        ),
        (
            "The regulator denied that the mine would reopen.",
            "reopen",
            "deny",
            "negative",
            "ruled_out",
            "denied that the mine would reopen",
        ),
        (
            "The regulator did not confirm that the mine will reopen.",
            "reopen",
            "confirm",
            "uncommitted",
            "uncommitted",
            "did not confirm that the mine will reopen",
        ),
        (
            "The regulator confirmed the mine may reopen.",
            "reopen",
            "confirm",
            "firm",
            "possible",
            "confirmed the mine may reopen",
        ),
        (
            "The regulator stated that the mine will not reopen.",
            "reopen",
            "state",
            "firm",
            "ruled_out",
            "stated that the mine will not reopen",
        ),
        (
            "The airline indicated a willingness to refund the tickets.",
            "refund",
            "willingness",
            "tentative",
            "possible",
            "indicated a willingness to refund",
        ),
        (
            "The landlord is open to renewing the lease.",
            "renew",
            "open",
            "tentative",
            "possible",
            "is open to renewing",
        ),
        (
            "The senator raised the possibility of leaving the party.",
            "leave",
            "possibility",
            "tentative",
            "possible",
            "raised the possibility of leaving",
        ),
        (
            "The festival ruled out moving to a new venue.",
            "move",
            "rule out",
            "negative",
            "ruled_out",
            "ruled out moving",
        ),
        (
            "The festival has not ruled out moving to a new venue.",
            "move",
            "rule out",
            "tentative",
            "possible",
            "has not ruled out moving",
        ),
        (
            "The brewery rejected reports that it would lay off staff.",
            "lay",
            "reject",
            "negative",
            "ruled_out",
            "rejected reports that it would lay",
        ),
        (
            "The council announced its decision to demolish the pier.",
            "demolish",
            "decision",
            "firm",
            "committed",
            "announced its decision to demolish",
        ),
        (
            "The museum said it was weighing a loan of the painting.",
            "weigh",
            "say",
            "firm",
            "committed",
            "said it was weighing",
        ),
        (
            "The museum said it is considering lending the painting.",
            "lend",
            "consider",
            "tentative",
            "possible",
            "said it is considering lending",
        ),
        (
            "The union said it would probably accept the offer.",
            "accept",
            "say",
            "firm",
            "possible",
            "said it would probably accept",
        ),
        (
            "The club says it would sell the ground.",
            "sell",
            "say",
            "firm",
            "possible",
            "says it would sell",
        ),
    ],
)
def test_the_parse_reads_the_frame_and_composes_the_status(
    sentence: str, predicate: str, frame: str, commitment: str, status: str, evidence: str
) -> None:
    facts = read_facts(sentence)
    assert facts.event is not None
    assert facts.event.predicate == predicate
    assert facts.event.frame == frame
    assert facts.event.frame_commitment == commitment
    assert facts.reported_status == status
    assert facts.reported_status_evidence == evidence
    assert evidence in sentence


def test_would_after_a_past_verb_of_saying_is_the_reported_will() -> None:
    # "said it would" reports "will" (backshift); "says it would" is conditional.
    assert read_facts("The club said it would sell the ground.").reported_status == "committed"
    assert read_facts("The club says it would sell the ground.").reported_status == "possible"


def test_a_negative_implicative_under_a_frame_rules_the_event_out() -> None:
    facts = read_facts("The club said it refused to sell the ground.")
    assert facts.event is not None and facts.event.predicate == "sell"
    assert facts.reported_status == "ruled_out"


def test_the_source_is_the_nearest_frame_subject_that_is_not_a_pronoun() -> None:
    facts = read_facts("Officials said the ferry company announced it will stop the service.")
    assert facts.event is not None
    assert facts.event.frame == "announce"
    assert facts.event.frame_source == "company"
    nested = read_facts("The ferry company said it was willing to stop the service.")
    assert nested.event is not None and nested.event.frame_source == "company"


def test_sentences_with_no_frame_have_no_reported_status() -> None:
    for sentence in (
        "The outcome of the trial will depend on the evidence.",
        "Ticket prices will rise next spring.",
        "The museum plans to lend the painting.",  # "plans to" frames no source's words
        "The club said it plans to sell the ground.",
    ):
        facts = read_facts(sentence)
        assert facts.reported_status == "unknown", sentence
        assert facts.reported_status_evidence == ""


def test_a_negated_denial_is_not_a_denial() -> None:
    facts = read_facts("The regulator did not deny that the mine would reopen.")
    assert facts.status != "denied"
    assert facts.reported_status == "possible"


# -- comparison: pairs that differ -----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        (
            "The orchestra has announced it is cancelling its winter tour.",
            "The orchestra signalled it may cancel its winter tour.",
            ("committed", "possible"),
        ),
        (
            "The regulator confirmed the mine will reopen.",
            "The regulator denied that the mine would reopen.",
            ("committed", "ruled out"),
        ),
        (
            "The airline indicated a willingness to refund the tickets.",
            "The airline announced it will refund the tickets.",
            ("possible", "committed"),
        ),
        (
            "The festival ruled out moving to a new venue.",
            "The festival said it might move to a new venue.",
            ("ruled out", "possible"),
        ),
        (
            "The regulator did not confirm that the mine will reopen.",
            "The regulator confirmed that the mine will reopen.",
            ("not committed", "committed"),
        ),
        (
            "Northwind Bank said it would close its branch in Leeds.",
            "The bank said it may close its branch in Leeds.",
            ("committed", "possible"),
        ),
        (
            "The museum confirmed it will lend the painting.",
            "The museum said it is considering lending the painting.",
            ("committed", "possible"),
        ),
    ],
)
def test_one_event_with_two_statuses_differs(a: str, b: str, values: tuple[str, str]) -> None:
    diffs = _diffs(a, b)
    assert len(diffs) == 1
    diff = diffs[0]
    assert diff.kind == "status"
    assert diff.slot.startswith("status of ")
    assert (diff.value_a, diff.value_b) == values
    assert diff.evidence_a in a and diff.evidence_b in b
    swapped = _diffs(b, a)
    assert [(d.value_a, d.value_b) for d in swapped] == [values[::-1]]


def test_frames_dated_on_the_same_day_are_compared() -> None:
    diffs = _diffs(
        "The coach hinted on Monday that he may resign.",
        "The coach declared on Monday that he would not resign.",
    )
    assert [(d.value_a, d.value_b) for d in diffs] == [("possible", "ruled out")]


def test_the_difference_names_the_event_and_quotes_frame_and_modal() -> None:
    diff = _diffs(
        "The orchestra has announced it is cancelling its winter tour.",
        "The orchestra signalled it may cancel its winter tour.",
    )[0]
    assert diff.slot == "status of cancel (tour)"
    assert diff.evidence_a == "has announced it is cancelling"
    assert diff.evidence_b == "signalled it may cancel"


# -- comparison: look-alikes that must stay quiet --------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The same status in other words.
        (
            "The orchestra announced it will cancel its winter tour.",
            "The orchestra confirmed it will cancel its winter tour.",
        ),
        (
            "The regulator denied that the mine would reopen.",
            "The regulator ruled out reopening the mine.",
        ),
        (
            "The orchestra signalled it may cancel its winter tour.",
            "The orchestra hinted that it could cancel its winter tour.",
        ),
        # Two outlets' own analysis or forecast, which no source introduces.
        (
            "The outcome of the trial will depend on the evidence.",
            "The outcome of the trial could depend on the evidence.",
        ),
        # A forecast against a report of the same event: timing, not status.
        (
            "The ministry said ticket prices will rise.",
            "The ministry said ticket prices rose.",
        ),
        # Different embedded events.
        (
            "The orchestra announced it will cancel its winter tour.",
            "The orchestra signalled it may extend its winter tour.",
        ),
        (
            "The orchestra announced it will cancel its winter tour.",
            "The orchestra signalled it may cancel its summer festival.",
        ),
        # Different sources: an analyst's guess is not the company's word.
        (
            "Analysts suggested the brewery may close the plant.",
            "The brewery announced it will close the plant.",
        ),
        # One side has no frame at all.
        (
            "The brewery may close the plant.",
            "The brewery announced it will close the plant.",
        ),
        # One source on two days: what it hinted on one it may deny on the next.
        (
            "The coach hinted on Monday that he may resign.",
            "The coach declared on Thursday that he would not resign.",
        ),
        # A weaker report against a possibility is not a dispute.
        (
            "The regulator did not confirm that the mine will reopen.",
            "The regulator said the mine might reopen.",
        ),
    ],
)
def test_look_alikes_stay_quiet(a: str, b: str) -> None:
    assert _diffs(a, b) == []
    assert _diffs(b, a) == []


def test_the_lexicon_classes_each_source_predicate_once() -> None:
    assert not FIRM_SOURCES & TENTATIVE_SOURCES
    assert not FIRM_SOURCES & NEGATIVE_SOURCES
    assert not TENTATIVE_SOURCES & NEGATIVE_SOURCES
    assert frame_class("suggest", "verb") == "tentative"
    assert frame_class("rule out", "verb") == "negative"
    assert frame_class("rule", "verb") is None
    assert frame_class("raise", "verb") == "transparent"
    assert frame_class("willingness", "noun") == "tentative"
    assert frame_class("report", "noun") == "transparent"
    assert frame_class("sure", "adjective") is None
