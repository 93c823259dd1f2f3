"""Why a finding was made, in words: the one home of the explanation sentences.

The sentence is said at two lengths. The reconciler stores one with the finding
(``Finding.explanation``) that names each side's articles, speakers and modalities; the
report, whose table already shows the sides, says only what kind of disagreement it is
(its "Why flagged"). Both build their sentence here, one function per reason (a typed
difference, a tension, a certainty difference, any other dispute), from plain strings,
so the wording is changed in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.schemas.report import DifferenceKind

__all__ = [
    "DIFFERENCE_WORDS",
    "certainty",
    "certainty_brief",
    "certainty_of",
    "other",
    "other_brief",
    "tension",
    "tension_brief",
    "tension_unclear_brief",
    "typed_difference",
    "typed_difference_brief",
]

DIFFERENCE_WORDS: dict[DifferenceKind, str] = {
    "number": "figures",
    "date": "dates",
    "role": "people in one role",
    "status": "statuses",
    "negation": "polarities (one negates)",
}
"""What two sides that differ in one kind of slot give differently: ``different figures``."""

_SETTLED = "as settled"
_UNSURE = "as possible or under consideration"
_NOT_AN_ERROR = "not necessarily an error"
_THE_SITUATION = "what is presented as the situation"
_BOTH_TRUE = "cannot both be true"


def _sides(a: str, b: str) -> str:
    return f"Side A, {a}, and side B, {b},"


# The stored sentence: ``a`` and ``b`` name each side's articles, speakers and modalities.


def typed_difference(
    a: str, b: str, slot: str, value_a: str, value_b: str, what_differs: str
) -> str:
    """A typed check found one slot with two values."""
    return f"{_sides(a, b)} differ on {slot} ({value_a} against {value_b}): {what_differs}."


def tension(a: str, b: str, article: str, speaker: str, modality: str) -> str:
    """One side reports what ``speaker`` (in ``article``) wants or judges, the other a fact."""
    return (
        f"{_sides(a, b)} address the same point; {_NOT_AN_ERROR}: "
        f"{article} reports what {speaker} wants or judges "
        f"({modality}), the other side {_THE_SITUATION}."
    )


def certainty(a: str, b: str) -> str:
    """One side states the point as settled, the other as only possible."""
    return (
        f"{_sides(a, b)} state the same point with different certainty: "
        f"one {_SETTLED}, the other only {_UNSURE}."
    )


def other(a: str, b: str) -> str:
    """Any other dispute."""
    return f"{_sides(a, b)} give accounts that {_BOTH_TRUE}."


# The report's sentence: ``a`` and ``b`` are ``side A (A1, A3)``; the table shows the rest.


def typed_difference_brief(
    kind: DifferenceKind, slot: str, value_a: str, value_b: str, a: str, b: str
) -> str:
    return (
        f"The quotes give different {DIFFERENCE_WORDS[kind]} for {slot} ({value_a} against "
        f"{value_b}) on the same event: {a} and {b} cannot both be right."
    )


def tension_brief(wanting: str, modalities: str, other_side: str) -> str:
    """Side ``wanting`` reports what is wanted or judged (``modalities``), the other a fact."""
    return (
        f"{_NOT_AN_ERROR.capitalize()}: {wanting} reports what is wanted or judged "
        f"({modalities}), {other_side} {_THE_SITUATION}."
    )


def tension_unclear_brief(a: str, b: str) -> str:
    """A tension where neither side alone reports only wishes or judgements."""
    return f"{_NOT_AN_ERROR.capitalize()}: {a} and {b} describe different things on this point."


def certainty_of(unsure: bool, modalities: str) -> str:
    """``as settled (asserted)`` or ``as possible or under consideration (possible)``."""
    return f"{_UNSURE if unsure else _SETTLED} ({modalities})"


def certainty_brief(a: str, certainty_a: str, b: str, certainty_b: str) -> str:
    """``certainty_a`` and ``certainty_b`` as :func:`certainty_of` gives them."""
    return f"The same point with different certainty: {a} puts it {certainty_a}, {b} {certainty_b}."


def other_brief(reader: str, a: str, b: str) -> str:
    """``reader``: what flagged the pair, in words (``the LLM judge``)."""
    return f"{reader[0].upper()}{reader[1:]} reads {a} and {b} as accounts that {_BOTH_TRUE}."
