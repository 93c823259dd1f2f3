"""Training data helpers that need no torch: the unrelated, edited and in-context augmentations."""

from __future__ import annotations

from factcheck.language import content_words
from training.data import (
    EDITED_SOURCE,
    IN_CONTEXT_SOURCE,
    UNRELATED_SOURCE,
    Pair,
    edited_pairs,
    in_context_pairs,
    unrelated_pairs,
)

# Written for this test: two small "sources" of three-way pairs.
NEWS = [
    Pair(
        "The council approved the new budget on Tuesday.", "The budget passed.", "entailment", "a"
    ),
    Pair(
        "The council approved the new budget on Tuesday.",
        "The budget failed.",
        "contradiction",
        "a",
    ),
    Pair(
        "Heavy rain flooded the harbour district overnight.",
        "Water rose in the harbour.",
        "entailment",
        "a",
    ),
    Pair(
        "The striker scored twice in the final minutes.",
        "The match ended goalless.",
        "contradiction",
        "a",
    ),
    Pair(
        "A new bakery opened beside the railway station.",
        "Bread is sold near the station.",
        "entailment",
        "a",
    ),
]
CAPTIONS = [
    Pair("A dog runs across a snowy field.", "An animal is outside.", "entailment", "b"),
    Pair("Two children paint a fence in the sun.", "Kids are painting.", "entailment", "b"),
    Pair(
        "A man repairs a bicycle tyre on the pavement.", "A man is sleeping.", "contradiction", "b"
    ),
]


def test_unrelated_pairs_are_neutral_cross_pairs_of_one_source() -> None:
    train = NEWS + CAPTIONS
    pairs = unrelated_pairs(train, 12, seed=3)
    assert pairs, "no pair drawn"
    premises_of = {p.hypothesis: p.premise for p in train}
    source_of = {p.premise: p.source for p in train} | {p.hypothesis: p.source for p in train}
    originals = {(p.premise, p.hypothesis) for p in train}
    for pair in pairs:
        assert pair.label == "neutral"
        assert pair.source == UNRELATED_SOURCE
        assert (pair.premise, pair.hypothesis) not in originals
        assert premises_of[pair.hypothesis] != pair.premise  # another pair's hypothesis
        assert source_of[pair.premise] == source_of[pair.hypothesis]
        shared = set(content_words(pair.premise)) & set(content_words(pair.hypothesis))
        assert len(shared) <= 1, (pair, shared)
    assert len({(p.premise, p.hypothesis) for p in pairs}) == len(pairs)


def test_unrelated_pairs_are_reproducible_and_seeded() -> None:
    train = NEWS + CAPTIONS
    assert unrelated_pairs(train, 8, seed=5) == unrelated_pairs(train, 8, seed=5)
    assert unrelated_pairs(train, 8, seed=5) != unrelated_pairs(train, 8, seed=6)


def test_unrelated_pairs_skip_a_premise_with_itself() -> None:
    # One premise only: every draw would pair it with its own hypotheses, so none is made.
    same = [p for p in NEWS if p.premise.startswith("The council")]
    assert unrelated_pairs(same, 5, seed=1) == []


# Written for this test: entailed pairs whose hypotheses name or count something.
ENTAILED = [
    Pair(
        "The mayor, Hannah Kessler, met union leader Tomas Berg in the town hall on Monday.",
        "The mayor met Tomas Berg.",
        "entailment",
        "a",
    ),
    Pair(
        "The ferry carried 340 passengers and 12 crew when it left in March 2019.",
        "The ferry left in 2019 with 340 passengers aboard.",
        "entailment",
        "a",
    ),
    Pair(
        "Flooding closed the road in May, and it reopened in June.",
        "The road reopened in June.",
        "entailment",
        "a",
    ),
]


def test_edited_pairs_swap_one_fact_for_another_of_the_premise() -> None:
    pairs = edited_pairs(ENTAILED, 10, seed=3)
    originals, edits = pairs[0::2], pairs[1::2]
    assert len(edits) == len(ENTAILED)
    for original, edit in zip(originals, edits, strict=True):
        assert (original.label, edit.label) == ("entailment", "contradiction")
        assert original.source == edit.source == EDITED_SOURCE
        assert original.premise == edit.premise
        assert edit.hypothesis != original.hypothesis
    swapped = {e.hypothesis for e in edits}
    assert "The mayor met Hannah Kessler." in swapped  # a name for a name
    assert "The road reopened in May." in swapped  # a month for a month
    # A count for a count; the year has no other year to take.
    assert "The ferry left in 2019 with 12 passengers aboard." in swapped


def test_edited_pairs_leave_what_a_swap_could_keep_true() -> None:
    hedged = [
        # "more than 300" stays true for 340: a comparison is not edited.
        Pair("The ferry carried 340 passengers and 12 crew.", "It carried more than 300 "
             "people.", "entailment", "a"),
        # Paris and France are neighbours: "in France" would still be true.
        Pair("The summit was held in Paris, France.", "The summit took place in Paris.",
             "entailment", "a"),
        # Only entailed pairs are edited.
        Pair("Mayor Hannah Kessler met Tomas Berg.", "Kessler skipped the meeting with Berg.",
             "contradiction", "a"),
    ]  # fmt: skip
    assert edited_pairs(hedged, 10, seed=1) == []


def test_edited_pairs_are_seeded() -> None:
    assert edited_pairs(ENTAILED, 3, seed=5) == edited_pairs(ENTAILED, 3, seed=5)
    assert len(edited_pairs(ENTAILED, 1, seed=5)) == 2


def test_in_context_pairs_set_the_premise_among_unrelated_sentences() -> None:
    train = NEWS + CAPTIONS
    pairs = in_context_pairs(train, 20, seed=4)
    assert pairs, "no passage made"
    originals = {(p.premise, p.hypothesis): p for p in train}
    premises = {p.premise for p in train}
    for pair in pairs:
        assert pair.source == IN_CONTEXT_SOURCE
        # The pair's own premise is in the passage, with its own label ...
        own = [o for (premise, hyp), o in originals.items() if hyp == pair.hypothesis]
        assert any(o.premise in pair.premise and o.label == pair.label for o in own)
        # ... beside at least one other premise of the same source, none of which shares a
        # content word with the hypothesis.
        others = [
            p for p in premises if p in pair.premise and (p, pair.hypothesis) not in originals
        ]
        assert others
        source = own[0].source
        for other in others:
            assert {o.source for o in train if o.premise == other} == {source}
            assert not set(content_words(other)) & set(content_words(pair.hypothesis))
        assert len(pair.premise.split()) <= 70


def test_in_context_pairs_are_seeded() -> None:
    train = NEWS + CAPTIONS
    assert in_context_pairs(train, 6, seed=2) == in_context_pairs(train, 6, seed=2)
