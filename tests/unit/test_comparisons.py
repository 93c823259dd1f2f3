"""Comparison relations: what the parser reads, and which pairs of statements differ.

Every sentence here was written for these tests (none from the seeds or the dev stories).
"""

from __future__ import annotations

from typing import get_args

import pytest

from factcheck.comparison.checks.relations import relation_differences
from factcheck.language import COMPARISON_VERBS, ComparisonRelation, negated_relation, scale_of
from factcheck.parse import read_facts
from factcheck.schemas.facts import Comparison
from factcheck.schemas.facts import ComparisonRelation as SchemaRelation


def _one(sentence: str) -> Comparison:
    found = read_facts(sentence).comparisons
    assert len(found) == 1, found
    return found[0]


# -- the vocabulary -------------------------------------------------------------------------


def test_the_language_and_schema_relations_are_one_list() -> None:
    assert get_args(ComparisonRelation) == get_args(SchemaRelation)


def test_scales_are_named_by_their_positive_pole() -> None:
    assert scale_of("low") == ("high", True)
    assert scale_of("cheap") == ("expensive", True)
    assert scale_of("big") == ("large", False)
    assert scale_of("generous") == ("generous", False)


def test_negation_composes_per_relation() -> None:
    assert negated_relation("unlike") == "similar"
    assert negated_relation("similar") == "unlike"
    assert negated_relation("above") is None
    assert COMPARISON_VERBS["match"] == ("equal", "below")


# -- the parse side -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "relation", "reference", "span"),
    [
        (
            "The new stadium matches the size of Wembley.",
            "equal",
            "wembley",
            "matches the size of Wembley",
        ),
        (
            "The revised curriculum falls well short of the Finnish standard.",
            "below",
            "standard",
            "falls well short of the Finnish standard",
        ),
        (
            "The charter is modelled on the 1952 convention.",
            "similar",
            "convention",
            "is modelled on the 1952 convention",
        ),
        (
            "The ferry service goes far beyond the old timetable.",
            "above",
            "timetable",
            "goes far beyond the old timetable",
        ),
        (
            "The drug company offered terms that would not reach the level of the Swiss deal.",
            "below",
            "deal",
            "would not reach the level of the Swiss deal",
        ),
        (
            "The garden was inspired by the Japanese tradition.",
            "similar",
            "tradition",
            "was inspired by the Japanese tradition",
        ),
        (
            "The hospital's waiting times were longer than the national average.",
            "above",
            "average",
            "were longer than the national average",
        ),
        (
            "The orchestra's budget is smaller than the opera's.",
            "below",
            "opera",
            "is smaller than the opera",
        ),
        (
            "The new grant is as generous as the Erasmus scheme.",
            "equal",
            "scheme",
            "is as generous as the Erasmus scheme",
        ),
        (
            "The new grant is not as generous as the Erasmus scheme.",
            "below",
            "scheme",
            "is not as generous as the Erasmus scheme",
        ),
        (
            "Teachers' pay is on a par with the private sector.",
            "equal",
            "sector",
            "is on a par with the private sector",
        ),
        (
            "The tariff is in line with the EU rate.",
            "equal",
            "rate",
            "is in line with the EU rate",
        ),
        (
            "The bridge design is unlike the Tokyo model.",
            "unlike",
            "model",
            "is unlike the Tokyo model",
        ),
        (
            "The museum's layout is not unlike the Prado.",
            "similar",
            "prado",
            "is not unlike the Prado",
        ),
        (
            "The bakery's sales lagged behind Greggs.",
            "below",
            "greggs",
            "lagged behind Greggs",
        ),
        (
            "The harvest exceeded that of Brazil.",
            "above",
            "brazil",
            "exceeded that of Brazil",
        ),
        (
            "The union's offer does not match the 2021 settlement.",
            "below",
            "settlement",
            "does not match the 2021 settlement",
        ),
        (
            "Rents stayed below the city's cap.",
            "below",
            "cap",
            "stayed below the city's cap",
        ),
        (
            "The vaccine worked as well as the older shot.",
            "equal",
            "shot",
            "worked as well as the older shot",
        ),
        (
            "The chess club's results were better than expected.",
            "above",
            "expect",
            "were better than expected",
        ),
    ],
)
def test_a_comparison_is_read_with_its_relation_reference_and_span(
    sentence: str, relation: str, reference: str, span: str
) -> None:
    found = _one(sentence)
    assert (found.relation, found.reference, found.text) == (relation, reference, span)
    assert sentence[found.char_start : found.char_end] == found.text


def test_the_parts_of_a_comparison() -> None:
    found = _one("The new rail pass would not match the old regional ticket.")
    assert found.party == "pass"
    assert (found.party_modifiers, found.party_owner) == (["rail"], "")
    assert found.reference_modifiers == ["old", "regional"]
    assert found.reference_text == "the old regional ticket"
    assert (found.negated, found.modality, found.relation) == (True, "would", "below")


def test_a_relative_clause_compares_the_noun_it_qualifies() -> None:
    found = _one("The council proposed fees that mirror the Dublin charges.")
    assert (found.party, found.relation, found.reference) == ("fee", "similar", "charge")


def test_a_comparative_scale_and_its_pole() -> None:
    lower = _one("The new levy is lower than the old charge.")
    cheaper = _one("The new apartment is cheaper than the Leeds apartment.")
    assert (lower.relation, lower.scale) == ("below", "high")
    assert (cheaper.relation, cheaper.scale) == ("below", "expensive")


def test_a_passive_comparison_states_the_converse() -> None:
    found = _one("Its rainfall was exceeded by that of Wales.")
    assert (found.party, found.relation, found.reference) == ("rainfall", "below", "wales")


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 40 people attended the hearing.",  # a figure's qualifier
        "The union reached an agreement on Friday.",  # "reach" without a measure
        "The charity stopped short of an apology.",  # declining to act
        "Cities like Lyon have banned the scooters.",  # examples, not a comparison
        "The contract was signed under the 1998 treaty.",  # a rule, not a level
        "Inflation stayed below 2% in March.",  # a bound on a figure
        "The talks will run beyond 2026.",  # a date
        "She plays the violin as well as the piano.",  # a conjunction
        "The dog's collar does not exceed the limit.",  # negated above: no one relation
    ],
)
def test_look_alikes_are_not_read_as_comparisons(sentence: str) -> None:
    assert read_facts(sentence).comparisons == []


# -- the comparison side --------------------------------------------------------------------


def _differences(a: str, b: str) -> list[tuple[str, str, str]]:
    found = relation_differences(read_facts(a), read_facts(b))
    return [(d.slot, d.value_a, d.value_b) for d in found]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The new pension matches the old final-salary scheme.",
            "The new pension falls well short of the old scheme.",
        ),
        (
            "The treaty is modelled on the 1987 accord.",
            "The treaty goes far beyond the 1987 accord.",
        ),
        (
            "The regional plan offers water guarantees that mirror the Rhine agreement.",
            "The regional plan offers water arrangements that would not reach the level of "
            "the Rhine agreement.",
        ),
        (
            "Exports from the port were higher than last year.",
            "Exports from the port were lower than last year.",
        ),
        (
            "The new grant is as generous as the Erasmus scheme.",
            "The new grant is less generous than the Erasmus scheme.",
        ),
        (
            "The stadium's capacity exceeds that of Wembley.",
            "The stadium's capacity lags behind that of Wembley.",
        ),
        (
            "The union's offer matches the 2021 settlement.",
            "The union's offer does not match the 2021 settlement.",
        ),
        (
            "The vaccine worked as well as the older shot.",
            "The vaccine performed worse than the older shot.",
        ),
        (
            "The new museum wing is similar to the Louvre pyramid.",
            "Unlike the Louvre pyramid, the new museum wing is built of stone.",
        ),
    ],
)
def test_pairs_that_differ(a: str, b: str) -> None:
    found = _differences(a, b)
    assert len(found) == 1, found
    assert found[0][1] != found[0][2]
    assert _differences(b, a), "the check is symmetric"


def test_the_difference_carries_both_verbatim_spans() -> None:
    a = "The charter is modelled on the 1952 convention."
    b = "The charter goes well beyond the 1952 convention."
    (found,) = relation_differences(read_facts(a), read_facts(b))
    assert found.kind == "status"
    assert found.slot == "relation to the 1952 convention"
    assert (found.value_a, found.value_b) == ("similar (model on)", "above or beyond (beyond)")
    assert (found.evidence_a, found.evidence_b) == (
        "is modelled on the 1952 convention",
        "goes well beyond the 1952 convention",
    )
    assert found.evidence_a in a and found.evidence_b in b


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # different references
        (
            "The treaty is modelled on the 1987 accord.",
            "The treaty goes far beyond the 1990 accord.",
        ),
        (
            "Inflation was higher than last year.",
            "Inflation was lower than expected.",
        ),
        (
            "The grant matches the Erasmus scheme.",
            "The grant falls short of the Fulbright scheme.",
        ),
        # different parties
        (
            "The Senate bill mirrors the Texas law.",
            "The House bill goes beyond the Texas law.",
        ),
        (
            "Inflation was higher than last year.",
            "Unemployment was lower than last year.",
        ),
        (
            "The club's income exceeded the league average.",
            "The club's wage bill fell short of the league average.",
        ),
        # the same relation in other words
        (
            "The new law is not unlike the Swedish model.",
            "The new law resembles the Swedish model.",
        ),
        (
            "The pension falls short of the old scheme.",
            "The pension lags behind the old scheme.",
        ),
        (
            "Wages are in line with inflation.",
            "Wages are on a par with inflation.",
        ),
        (
            "The rail fare matches the bus fare.",
            "The rail fare is the same as the bus fare.",
        ),
        # two properties
        (
            "The new apartment is cheaper than the Leeds apartment.",
            "The new apartment is larger than the Leeds apartment.",
        ),
        (
            "The new car is similar to the 2019 model.",
            "The new car is faster than the 2019 model.",
        ),
        # a possibility against a statement
        (
            "The bonus may exceed the 2022 payout.",
            "The bonus matches the 2022 payout.",
        ),
        # unlike allows either direction
        (
            "The new rules are unlike the 2015 code.",
            "The new rules go beyond the 2015 code.",
        ),
    ],
)
def test_look_alikes_that_must_stay_quiet(a: str, b: str) -> None:
    assert _differences(a, b) == []
    assert _differences(b, a) == []


def test_a_pronoun_party_is_compared_with_a_stated_one() -> None:
    assert _differences(
        "The new pension matches the old scheme.", "It falls short of the old scheme."
    )


def test_an_agreeing_comparison_settles_the_reference() -> None:
    a = "The fare matches the 2020 fare and is as cheap as the 2020 fare."
    b = "The fare is similar to the 2020 fare."
    assert _differences(a, b) == []
