"""Training data helpers that need no torch: the unrelated-pair augmentation."""

from __future__ import annotations

from factcheck.language import content_words
from training.data import UNRELATED_SOURCE, Pair, unrelated_pairs

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
