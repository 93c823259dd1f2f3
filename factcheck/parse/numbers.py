"""The value of a written figure, and the bounds its wording allows.

Digits ("1,500,000", "4.2"), cardinal words (read by ``text2num``: "forty-eight", "three
hundred and twelve"), scale words ("1.5 million", "$5bn"), fractions ("a third", "one and a
half", "two-thirds") and "dozen" ("half a dozen"). Works on words, not on a parse, so it is
tested on its own.

The word data it reads with is ``factcheck.language.numbers`` (approximators, scales,
fractions): that module holds the words, this one the parsing, the two sides of one concept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from text_to_num import text2num

from factcheck.language import APPROXIMATE_WIDTH, DOZEN, FRACTIONS, NEAR_WIDTH, SCALES, Bound

__all__ = ["Reading", "bounds", "is_number_word", "read_number", "split_and_fraction"]

_DIGITS = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?$")
_DIGITS_SCALE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<scale>k|m|mn|bn|b|tn|trn)$", re.I)
_CARDINALS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion""".split()  # noqa: SIM905
)
"""The words of English cardinal numerals (text2num reads their combinations)."""
_FRACTION_ONLY = frozenset({"half", "halves", "thirds", "quarters", "fourths", "fifths", "tenths"})


@dataclass(frozen=True)
class Reading:
    """A figure's value and its rounding step (0 when written exactly)."""

    value: float
    step: float
    fraction: bool = False
    """Written as a fraction ("a third", "half"): colloquial, read as approximate."""


def is_number_word(word: str) -> bool:
    """A cardinal word, or a hyphenated pair of them ("forty-eight")."""
    low = word.lower()
    return low in _CARDINALS or (all(p in _CARDINALS for p in low.split("-") if p) and "-" in low)


def _splits(word: str) -> bool:
    """A hyphenated numeral: "forty-eight", "two-thirds"."""
    parts = word.split("-")
    return len(parts) > 1 and all(p in _CARDINALS or p in FRACTIONS for p in parts)


def _digits(word: str) -> tuple[float, int, int] | None:
    """(value, decimals, trailing zeros) of a digit string."""
    match = _DIGITS.match(word)
    if not match:
        return None
    integer = match["int"].replace(",", "")
    decimals = match["dec"] or ""
    value = float(f"{integer}.{decimals}" if decimals else integer)
    zeros = 0 if decimals else len(integer) - len(integer.rstrip("0"))
    if value == 0:
        zeros = 0
    return value, len(decimals), zeros


def _round_step(value: float, decimals: int, zeros: int, scale: float) -> float:
    """How far a written figure may be from the exact one it rounds.

    A decimal is rounded at its last digit ("4.2%", "1.6 million"); a figure with a scale
    word at its last digit ("$43 million"); a plain whole number only when it ends in three
    or more zeros ("293,000"), since tallies and counts under a thousand are written exact.
    The step never exceeds a tenth of the figure ("1,000,000" is not "anything under two
    million").
    """
    if decimals:
        step = 10.0**-decimals * scale
    elif scale > 1:
        step = scale
    elif zeros >= 3:
        step = 10.0**zeros
    else:
        return 0.0
    return min(step, abs(value) * scale / 10) if value else step


def _words_value(words: Sequence[str]) -> float | None:
    """Cardinal words to a number via text2num ("a hundred" reads as "one hundred")."""
    if not words:
        return None
    cleaned = ["one" if w in {"a", "an"} else w for w in words]
    phrase = " ".join(w for w in cleaned if w != "and" or cleaned[-1] != "and")
    try:
        return float(text2num(phrase, "en"))
    except ValueError:
        return None


def read_number(words: Sequence[str]) -> Reading | None:
    """The value of the words of one figure (no currency sign, no approximator).

    ``["1.5", "million"]``, ``["one", "and", "a", "half", "million"]`` and
    ``["1,500,000"]`` all read 1,500,000; ``["half", "a", "dozen"]`` reads 6;
    ``["a", "third"]`` reads 1/3 (a fraction). ``None`` when the words are no figure.
    """
    low = [w.lower() for w in words if w not in {"-", "–"}]
    low = [p for w in low for p in (w.split("-") if _splits(w) else [w])]
    if not low:
        return None
    low, scale = _scaled(low)
    if not low:  # "a dozen"
        return Reading(scale, 0.0)
    fraction = 0.0
    if len(low) >= 3 and low[-1] in FRACTIONS and "and" in low:
        split = split_and_fraction(low)
        if split is None:
            return None
        low, fraction = split
    else:
        matched, reading = _fraction_reading(low, scale)
        if matched:
            return reading
    if not low:
        return Reading(fraction * scale, 0.0, fraction=True) if fraction else None
    return _whole_reading(low, fraction, scale)


def _scaled(low: list[str]) -> tuple[list[str], float]:
    """The words less their trailing scale words ("million", "dozen") and the scale they
    multiply by; no words left for "a dozen"."""
    low = list(low)
    scale = 1.0
    while low and low[-1].rstrip(".") in SCALES and len(low) > 1:
        scale *= SCALES[low.pop().rstrip(".")]
    if low and low[-1] in {"dozen", "dozens"}:
        low.pop()
        scale *= DOZEN
        if not low or low in (["a"], ["an"]):
            return [], scale
    return low, scale


def split_and_fraction(low: Sequence[str]) -> tuple[list[str], float] | None:
    """The words before a last "and <fraction>" and the fraction's value: "one and a half"
    gives (["one"], 0.5), "two and three quarters" (["two"], 0.75). ``None`` when the words
    after "and" are no fraction of a number. The one reading of "... and a half"."""
    if "and" not in low or low[-1] not in FRACTIONS:
        return None
    cut = len(low) - 1 - list(low)[::-1].index("and")
    numerator = _small(low[cut + 1 : -1])
    if numerator is None:
        return None
    return list(low[:cut]), numerator * FRACTIONS[low[-1]]


def _fraction_reading(low: list[str], scale: float) -> tuple[bool, Reading | None]:
    """(whether the words are a fraction, its reading): "a third", "two-thirds", "half",
    "half a million"."""
    if low[-1] in FRACTIONS and (len(low) > 1 or low[-1] in _FRACTION_ONLY):
        numerator = _small(low[:-1]) if len(low) > 1 else 1.0
        if numerator is None:
            return True, None
        return True, Reading(numerator * FRACTIONS[low[-1]] * scale, 0.0, fraction=True)
    if low[0] == "half" and len(low) >= 2 and low[1] in {"a", "an"}:
        # "half a million", "half a dozen" (the dozen already taken into scale)
        rest = low[2:]
        inner = 1.0 if not rest else _words_value(rest)
        if inner is None:
            return True, None
        return True, Reading(0.5 * inner * scale, 0.0)
    return False, None


def _whole_reading(low: list[str], fraction: float, scale: float) -> Reading | None:
    """A figure in digits ("1,500", "4.2", "3bn") or in words ("forty-eight"), plus a
    fraction already read off its end."""
    if len(low) == 1 and (digits := _digits(low[0])) is not None:
        value, decimals, zeros = digits
        total = (value + fraction) * scale
        step = _round_step(value, decimals, zeros, scale)
        return Reading(total, step)
    if len(low) == 1 and (match := _DIGITS_SCALE.match(low[0])):
        number = match["num"]
        multiplier = SCALES[match["scale"].lower()]
        decimals = len(number.split(".")[1]) if "." in number else 0
        value = float(number)
        return Reading(value * multiplier * scale, _round_step(value, decimals, 0, multiplier))
    value_words = _words_value(low)
    if value_words is None:
        return None
    total = (value_words + fraction) * scale
    step = 0.0
    if scale > 1:
        step = _round_step(value_words + fraction, 1 if fraction else 0, 0, scale)
    elif value_words >= 1000 and value_words % 1000 == 0:
        step = _round_step(value_words, 0, 3, 1.0)
    return Reading(total, step)


def _small(words: Sequence[str]) -> float | None:
    """The numerator of a fraction: "a", "one", "two", "three" ..."""
    if not words or list(words) in (["a"], ["an"]):
        return 1.0
    return _words_value(words)


def bounds(reading: Reading, bound: Bound | None) -> tuple[float | None, float | None]:
    """The lowest and highest value the wording allows (``None``: unbounded). A round
    figure covers half its step either way, as rounding to the nearest does: "$8 billion"
    is not "$9 billion", though each allows "$8.3 billion" and "$8.6 billion" in turn."""
    value, step = reading.value, reading.step
    low = value - step / 2
    high = value + step / 2
    if reading.fraction and bound is None:
        bound = "around"
    width = abs(value) * APPROXIMATE_WIDTH
    near = abs(value) * NEAR_WIDTH
    if bound == "around":
        return low - width, high + width
    if bound == "just_below":
        return value - near - step / 2, value + step / 2
    if bound == "just_above":
        return value - step / 2, value + near + step
    if bound in {"above", "at_least"}:
        return value, None
    if bound == "at_most":
        return None, value
    return low, high
