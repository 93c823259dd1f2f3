"""Comparison: the words by which English sets a party against a reference, and the relation
each word states. General English as lemmas, for a dependency parse; nothing is taken from
any article.

The constructions are the comparative and equative constructions of Huddleston & Pullum,
*The Cambridge Grammar of the English Language* (2002), ch. 13 ("Comparative
constructions": the scalar comparatives "higher than", "more generous than"; the equatives
"as generous as", "the same as"; the non-scalar "like", "unlike", "similar to", "different
from"), and the lexical units of FrameNet 1.7's frames Evaluative_comparison (match, equal,
rival, exceed, surpass, outstrip, top, trail, lag, fall short, on a par, in line),
Similarity (like, unlike, similar, akin, resemble, mirror, echo, parallel, identical,
different) and Imitating / Create_representation (copy, replicate, emulate, model on). No
lexical resource (WordNet, FrameNet) is installed with the project, so the lists are written
out here.

``ComparisonRelation``
    equal (the same level or thing), similar (alike without being the same), below (short
    of, less than), above (beyond, more than), unlike (different, in no stated direction).
``COMPARISON_VERBS``
    verbs whose object is the reference ("matches the old scheme", "exceeds the target"),
    each with its relation and the relation its negation states: a negated verb of
    attainment is below ("does not match", "would not reach the level of"), a negated verb
    of likeness is unlike ("does not resemble"); ``None`` where the negation states no one
    relation ("does not exceed" allows equal and below).
``ATTAINMENT_VERBS``
    verbs that compare only with a measure noun as object ("reaches the level of X",
    "meets the standard of X"): equal, and below when negated.
``MODEL_VERBS``
    verbs of imitation whose reference follows "on" / "after" / "by" in the passive ("is
    modelled on the 1987 accord", "patterned after", "inspired by"): similar. "Based on"
    is left out: in news it names a source far more often than a model ("based on a
    study", "based on the median forecast").
``COMPARISON_PREPOSITIONS``
    prepositions that compare by themselves ("unlike the old scheme", "goes beyond the
    accord"). ``SCALAR_PREPOSITIONS`` (above, below, beneath, behind) are also words of
    place, so they compare only after a verb of position on a scale (``POSITION_VERBS``:
    "is below", "fell below", "lags behind"). "Under" and "over" are left out: after the
    same verbs they name a rule or a subject far more often than a level ("falls under
    the 1987 accord" is "is governed by it", "a row over the accord"). "Beyond" compares
    after a verb of extent (``EXTENT_VERBS``: "goes beyond", "extends beyond"); opening a
    sentence it means "besides". "Like" compares after a linking verb (``LINKING_VERBS``:
    "is like", "looks like") or opening a sentence ("Like the 1987 accord, the treaty
    ..."); elsewhere it gives examples ("countries like France") or a manner ("read it
    like a speech"). "Unlike" compares anywhere but after a noun.
``COMPARISON_PHRASES``
    an adjective or noun and the preposition that introduces the reference ("similar to",
    "short of", "on a par with", "in line with", "the same as").
``NEGATIVE_POLES`` / ``SCALE_NAMES``
    scalar comparatives name a scale by one of its poles: "lower than" is below on the scale
    of "high", "cheaper than" below on that of "expensive". Each negative pole maps to its
    positive pole, after the marked/unmarked pairs of D. A. Cruse, *Lexical Semantics*
    (1986), ch. 9 (long/short, high/low, old/young, many/few ...). ``SCALE_NAMES`` groups poles
    that name one scale (big, large, great).
``MEASURE_NOUNS``
    nouns that name a measure of the reference, not the reference ("the level of Article 5",
    "those of Germany"): the reference is what follows their "of".
``POSSIBILITY_MODALS``
    modals that put the comparison as possible, not as the case (may, might, could): a
    possibility does not contradict a statement.

The reader that uses these words is ``factcheck.parse.comparisons``: this module is the word
data, that one the parsing, the two sides of one concept. (Comparing claims across articles
is another matter, ``factcheck.comparison``.)
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "ATTAINMENT_VERBS",
    "COMPARISON_PHRASES",
    "COMPARISON_PREPOSITIONS",
    "COMPARISON_VERBS",
    "EXTENT_VERBS",
    "LINKING_VERBS",
    "MEASURE_NOUNS",
    "MODEL_PREPOSITIONS",
    "MODEL_VERBS",
    "NEGATIVE_POLES",
    "POSITION_VERBS",
    "POSSIBILITY_MODALS",
    "SCALAR_PREPOSITIONS",
    "SCALE_NAMES",
    "ComparisonRelation",
    "negated_relation",
    "scale_of",
]

ComparisonRelation = Literal["equal", "similar", "below", "above", "unlike"]

_NEGATED: dict[ComparisonRelation, ComparisonRelation | None] = {
    "equal": "below",
    "similar": "unlike",
    "unlike": "similar",
    "above": None,
    "below": None,
}

COMPARISON_VERBS: dict[str, tuple[ComparisonRelation, ComparisonRelation | None]] = {
    # attainment: its negation falls short
    "match": ("equal", "below"),
    "equal": ("equal", "below"),
    "rival": ("equal", "below"),
    "replicate": ("equal", "unlike"),
    "duplicate": ("equal", "unlike"),
    # likeness: its negation differs
    "mirror": ("similar", "unlike"),
    "resemble": ("similar", "unlike"),
    "echo": ("similar", "unlike"),
    "parallel": ("similar", "unlike"),
    "copy": ("similar", "unlike"),
    "emulate": ("similar", "unlike"),
    "imitate": ("similar", "unlike"),
    # above
    "exceed": ("above", None),
    "surpass": ("above", None),
    "outstrip": ("above", None),
    "outpace": ("above", None),
    "outperform": ("above", None),
    "outdo": ("above", None),
    "outnumber": ("above", None),
    "outweigh": ("above", None),
    "eclipse": ("above", None),
    "overtake": ("above", None),
    "top": ("above", None),
    # below
    "trail": ("below", None),
    "lag": ("below", None),
}

ATTAINMENT_VERBS = frozenset({"reach", "meet", "match", "attain", "hit"})

MODEL_VERBS = frozenset({"model", "pattern", "fashion", "inspire", "mould", "mold"})
MODEL_PREPOSITIONS = frozenset({"on", "upon", "after", "by"})

COMPARISON_PREPOSITIONS: dict[str, ComparisonRelation] = {
    "like": "similar",
    "unlike": "unlike",
    "beyond": "above",
    "above": "above",
    "below": "below",
    "beneath": "below",
    "behind": "below",
}
SCALAR_PREPOSITIONS = frozenset({"above", "below", "beneath", "behind"})
LINKING_VERBS = frozenset({"be", "seem", "look", "sound", "feel", "appear", "become", "remain"})
EXTENT_VERBS = frozenset({"go", "extend", "reach", "stretch", "push", "move", "venture", "be"})
POSITION_VERBS = frozenset(
    """be remain stay sit stand lie fall drop dip slip sink rise climb go come run keep hold
    edge move push land settle end finish close lag trail""".split()  # noqa: SIM905
)

COMPARISON_PHRASES: dict[tuple[str, str], ComparisonRelation] = {
    ("similar", "to"): "similar",
    ("akin", "to"): "similar",
    ("alike", "to"): "similar",
    ("analogous", "to"): "similar",
    ("comparable", "to"): "similar",
    ("comparable", "with"): "similar",
    ("reminiscent", "of"): "similar",
    ("lines", "of"): "similar",  # along the lines of
    ("mould", "of"): "similar",  # in the mould of
    ("keeping", "with"): "similar",  # in keeping with
    ("equal", "to"): "equal",
    ("equivalent", "to"): "equal",
    ("identical", "to"): "equal",
    ("identical", "with"): "equal",
    ("same", "as"): "equal",
    ("par", "with"): "equal",  # on a par with
    ("line", "with"): "equal",  # in line with
    ("level", "with"): "equal",
    ("different", "from"): "unlike",
    ("different", "to"): "unlike",
    ("different", "than"): "unlike",
    ("distinct", "from"): "unlike",
    ("dissimilar", "to"): "unlike",
    ("short", "of"): "below",
    ("inferior", "to"): "below",
    ("superior", "to"): "above",
}

NEGATIVE_POLES: dict[str, str] = {
    "low": "high",
    "small": "large",
    "little": "large",
    "few": "many",
    "less": "more",
    "least": "more",
    "weak": "strong",
    "bad": "good",
    "slow": "fast",
    "cheap": "expensive",
    "short": "long",
    "poor": "rich",
    "young": "old",
    "narrow": "wide",
    "light": "heavy",
    "thin": "thick",
    "mild": "severe",
    "lenient": "strict",
    "loose": "tight",
    "modest": "ambitious",
    "meagre": "generous",
    "meager": "generous",
    "stingy": "generous",
    "shallow": "deep",
    "soft": "hard",
    "easy": "difficult",
    "safe": "dangerous",
    "late": "early",
    "near": "far",
    "close": "far",
    "badly": "good",
}
SCALE_NAMES: dict[str, str] = {
    "big": "large",
    "great": "large",
    "much": "more",
    "many": "more",
    "quick": "fast",
    "rapid": "fast",
    "costly": "expensive",
    "wealthy": "rich",
    "tough": "strict",
    "harsh": "severe",
    "tall": "high",
    "well": "good",
    "bold": "ambitious",
}
"""Poles that name one scale, mapped to the one name ("bigger" and "larger" compare)."""

MEASURE_NOUNS = frozenset(
    """level levels standard standards height heights degree extent scale size value that
    those one ones terms provision provisions""".split()  # noqa: SIM905
)

POSSIBILITY_MODALS = frozenset({"may", "might", "could", "can"})


def negated_relation(relation: ComparisonRelation) -> ComparisonRelation | None:
    """What a negated comparison states: "not unlike" is similar, "not the same as" unlike,
    "not as generous as" below; a negated "above" or "below" allows two relations (None)."""
    return _NEGATED[relation]


def scale_of(lemma: str) -> tuple[str, bool]:
    """The scale a comparative adjective or adverb names, and whether ``lemma`` is its
    negative pole: ("high", True) for "low", ("expensive", False) for "expensive"."""
    lemma = lemma.lower()
    name = NEGATIVE_POLES.get(lemma, lemma)
    return SCALE_NAMES.get(name, name), lemma in NEGATIVE_POLES
