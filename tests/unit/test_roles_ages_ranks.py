"""Who did it, ages and ranks: each on sentences written for these tests, a pair that must
differ and its look-alike that must stay quiet."""

from __future__ import annotations

import pytest

from factcheck.comparison.checks.roles import actor_differences
from factcheck.comparison.checks.slots import LexicalFrames, point_differences
from factcheck.comparison.checks.typed import same_name
from factcheck.parse import read_facts
from factcheck.schemas.facts import ClaimFacts, Quantity

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _facts(text: str) -> ClaimFacts:
    return read_facts(text)


def _of_kind(text: str, kind: str) -> list[Quantity]:
    return [q for q in _facts(text).quantities if q.kind == kind]


# -- who did it -------------------------------------------------------------------------------


def test_actors_read_from_passive_active_and_recipient() -> None:
    passive = _facts("The petition was delivered by Councillor Brandt.")
    assert [(a.role, a.theme) for a in passive.actors] == [("agent", "petition")]
    assert passive.actors[0].text == "Councillor Brandt"
    given = _facts("The scholarship went to Priya Natarajan.")
    assert [(a.role, a.theme, a.key) for a in given.actors] == [
        ("recipient", "scholarship", "priya natarajan")
    ]
    # A name the entity recogniser may miss is still read from the parse's proper nouns.
    active = _facts("Olu Adebayo won the scholarship.")
    assert [(a.role, a.theme) for a in active.actors] == [("agent", "scholarship")]


def test_names_of_two_people_and_of_one() -> None:
    assert not same_name("priya natarajan", "meera natarajan")
    assert same_name("brandt", "councillor brandt")


def test_one_act_two_people_differs() -> None:
    a = _facts("The petition was delivered by Councillor Brandt.")
    b = _facts("Councillor Osei delivered the petition.")
    found = actor_differences(a, b, frames=LexicalFrames())
    assert [(d.kind, d.value_a, d.value_b) for d in found] == [
        ("role", "Councillor Brandt", "Councillor Osei")
    ]


def test_one_person_named_two_ways_is_quiet() -> None:
    a = _facts("The petition was delivered by Councillor Brandt.")
    b = _facts("Helga Brandt delivered the petition.")
    assert actor_differences(a, b, frames=LexicalFrames()) == []


@pytest.mark.xfail(
    strict=True,
    reason="known limit: the contradiction model reads 'delivered by X' and 'organised by X' "
    "as stating each other (entailment 0.62 / 0.74), so the two acts pass as one",
)
def test_two_acts_by_two_people_are_quiet() -> None:
    a = _facts("The petition was delivered by Councillor Brandt.")
    b = _facts("The petition was organised by Councillor Osei.")
    assert actor_differences(a, b) == []


def test_nominated_and_won_are_two_places() -> None:
    a = _facts("Meera Natarajan was shortlisted for the scholarship.")
    b = _facts("Olu Adebayo won the scholarship.")
    assert actor_differences(a, b) == []


def test_recipient_and_receiver_are_one_act_in_the_point() -> None:
    a = _facts("The scholarship went to Priya Natarajan.")
    b = _facts("Meera Natarajan received the scholarship.")
    kinds = [d.kind for d in point_differences(a, b)]
    assert "role" in kinds


@pytest.mark.xfail(
    strict=True,
    reason="known limit: 'went to X' does not entail 'X won' for the contradiction model "
    "here (0.13 one way), so the weaker way falls under ACT_ENTAILMENT",
)
def test_recipient_and_winner_are_one_act_in_the_point() -> None:
    a = _facts("The scholarship went to Priya Natarajan.")
    b = _facts("Meera Natarajan won the scholarship.")
    kinds = [d.kind for d in point_differences(a, b)]
    assert "role" in kinds


# -- ages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The 63-year-old ferry captain was praised.", 63),
        ("The ferry captain, aged 58, was praised.", 58),
        ("The ferry captain, 61, was praised.", 61),
        ("The lighthouse is 140 years old.", 140),
        ("He retired at 66.", 66),
    ],
)
def test_ages_are_read_in_years(text: str, value: int) -> None:
    ages = _of_kind(text, "age")
    assert [(q.value, q.unit) for q in ages] == [(value, "year")]


def test_an_age_is_not_a_duration() -> None:
    assert _of_kind("The captain has sailed the route for 58 months.", "age") == []


def _number_slots(a: str, b: str) -> list[str]:
    fa, fb = _facts(a), _facts(b)
    return [d.slot for d in point_differences(fa, fb) if d.kind == "number"]


def test_two_ages_of_one_person_differ() -> None:
    slots = _number_slots(
        "The ferry captain, 61, was praised by the coastguard.",
        "The 64-year-old ferry captain was praised by the coastguard.",
    )
    assert any(s.startswith("age") for s in slots)


def test_an_age_and_a_duration_are_quiet() -> None:
    slots = _number_slots(
        "The ferry captain, 61, was praised by the coastguard.",
        "The ferry captain was praised after 61 days at sea.",
    )
    assert slots == []


def test_one_age_two_constructions_is_quiet() -> None:
    slots = _number_slots(
        "The ferry captain, 61, was praised by the coastguard.",
        "The coastguard praised the 61-year-old ferry captain.",
    )
    assert slots == []


# -- ranks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The rower finished fourth in the final.", 4),
        ("The school is ranked 31st in the region.", 31),
        ("The rower ended the final in sixth place.", 6),
        ("The port is the continent's third-busiest.", 3),
        ("The rower took silver in the final.", 2),
        ("The single climbed to No. 7 in the charts.", 7),
    ],
)
def test_ranks_are_read(text: str, value: int) -> None:
    assert [q.value for q in _of_kind(text, "rank")] == [value]


def test_an_ordinal_that_is_no_rank() -> None:
    assert _of_kind("The rower first competed in 2015.", "rank") == []
    assert _of_kind("The school opened for the second time.", "rank") == []


def test_two_places_in_one_race_differ() -> None:
    slots = _number_slots(
        "The rower finished fourth in the final.", "The rower came sixth in the final."
    )
    assert any(s.startswith("rank") for s in slots)


def test_a_place_and_its_medal_agree() -> None:
    slots = _number_slots(
        "The rower finished second in the final.", "The rower took silver in the final."
    )
    assert slots == []
