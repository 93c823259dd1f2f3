"""Figures in English prose: approximators, scale and fraction words, currencies, units of time.

General English, not fitted to any article; tested on sentences written for the tests
(``tests/unit/test_facts.py``). Cardinal number words themselves ("forty-eight", "three
hundred and twelve") are read by the ``text2num`` library in ``factcheck.parse``; these lists
hold what it does not read. The reader that uses them is ``factcheck.parse.numbers`` (a
figure's value and bounds) with ``factcheck.parse.figures``: this module is the word data,
that one the parsing, the two sides of one concept.

``APPROXIMATORS``
    the approximating and bounding modifiers of numerals: "about", "around", "roughly",
    "approximately", "some", "nearly", "almost", "more than", "over", "at least", "fewer than",
    "up to" ... (Huddleston & Pullum, *The Cambridge Grammar of the English Language*, 2002,
    ch. 5 §7.3 "modifiers in numeral phrases"; Quirk et al., *A Comprehensive Grammar of
    the English Language*, 1985, §7.58 and §8.127). Each maps to the bounds it allows around
    the figure: ``"about"`` a band on both sides, ``"nearly"`` just below, ``"more than"``
    anything above. The band's width (``APPROXIMATE_WIDTH``) is our choice, not a reading of
    any article: a tenth of the figure for "about" (``NEAR_WIDTH``, a twentieth, for "nearly" and
    "just over"), the width at which "about 300" no longer covers 330
    (cf. S. Ferson et al., "Natural language of uncertainty: numeric hedge words",
    *International Journal of Approximate Reasoning* 57, 2015, who measure wider bands for
    round numbers: a round figure's own rounding is added on top, see ``parse.numbers``).
``SCALES``, ``FRACTIONS``, ``DOZEN``
    the English multipliers and fraction nouns (any grammar, e.g. Huddleston & Pullum ch. 5
    §7.1): "million", "bn"; "half", "a third", "three quarters"; "dozen".
``CURRENCIES``
    ISO 4217 codes for the currency signs and names common in English news. "$" is read as US
    dollars unless the text names another dollar ("Canadian dollars", "C$"): a guess that a
    comparison must not rest on when two outlets name different dollars.
``TIME_UNITS``
    units of time, each in months or days: a year is 12 months and a week 7 days exactly; a
    month is not a whole number of days, so months and days are never compared.
``PERCENT_WORDS``
    the ways English writes a percentage ("%", "percent", "per cent", "pct").
``MEASURE_UNITS``
    units of measurement common in news (SI units and US customary units, NIST Handbook 44
    appendix C), as lemmas; a figure in one is a measurement, not a count.
``SPELLING_VARIANTS``
    British spellings of unit nouns and their American forms (the -re/-er and storey/story
    classes of any dictionary, e.g. Merriam-Webster's variant entries), so "a 15-storey
    building" and "an 11-story building" count the same thing.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "APPROXIMATE_WIDTH",
    "APPROXIMATORS",
    "CURRENCIES",
    "CURRENCY_SIGNS",
    "DOZEN",
    "FIGURE_JOINS",
    "FRACTIONS",
    "MEASURE_UNITS",
    "MEDALS",
    "NEAR_WIDTH",
    "ORDINALS",
    "PERCENT_WORDS",
    "RANK_NOUNS",
    "SCALES",
    "SPELLING_VARIANTS",
    "TALLY_JOINS",
    "TIME_UNITS",
    "Bound",
]

Bound = Literal["around", "below", "at_most", "above", "at_least", "just_above", "just_below"]
"""What an approximator allows: around the figure, just under it ("nearly"), up to it
("at most", "up to"), strictly above ("more than") or from it up ("at least")."""

APPROXIMATORS: dict[str, Bound] = {
    "about": "around",
    "around": "around",
    "roughly": "around",
    "approximately": "around",
    "some": "around",
    "an estimated": "around",
    "estimated": "around",
    "circa": "around",
    "close to": "just_below",
    "nearly": "just_below",
    "almost": "just_below",
    "just under": "just_below",
    "just shy of": "just_below",
    "just over": "just_above",
    "just above": "just_above",
    "more than": "above",
    "over": "above",
    "above": "above",
    "upwards of": "above",
    "in excess of": "above",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "as many as": "at_most",
    "as much as": "at_most",
    "up to": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "less than": "at_most",
    "fewer than": "at_most",
    "under": "at_most",
    "below": "at_most",
}
TALLY_JOINS = frozenset({"-", "–", "—", "to"})
"""What joins the two counts of a vote or a score ("62-38", "60 to 40")."""
FIGURE_JOINS = TALLY_JOINS | {"and"}
"""What joins two figures of one thing: a tally, or a range ("between 10 and 20 percent")."""
APPROXIMATE_WIDTH = 0.1
"""Relative half-width of the band "about" allows."""
NEAR_WIDTH = 0.05
"""How far below (above) the figure "nearly" ("just over") reaches: closer than "about"."""

SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
FRACTIONS: dict[str, float] = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fourth": 1 / 4,
    "fourths": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
"""Fraction nouns; "third", "fourth", "fifth" and "tenth" are fractions only after "a",
"one", "two"... ("a third of voters"), ordinals otherwise ("the third vote")."""
DOZEN = 12.0

CURRENCY_SIGNS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "c$": "CAD",
    "a$": "AUD",
    "₹": "INR",
}
CURRENCIES: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
}

TIME_UNITS: dict[str, tuple[Literal["month", "day", "minute"], float]] = {
    "decade": ("month", 120.0),
    "year": ("month", 12.0),
    "month": ("month", 1.0),
    "fortnight": ("day", 14.0),
    "week": ("day", 7.0),
    "day": ("day", 1.0),
    "hour": ("minute", 60.0),
    "minute": ("minute", 1.0),
}
"""A unit of time's lemma -> the unit durations are kept in and its size in that unit."""

PERCENT_WORDS = ("%", "percent", "per cent", "pct", "percentage")

MEASURE_UNITS = frozenset(
    """mile kilometer kilometre meter metre foot feet inch yard acre hectare ton tonne pound
    kilogram kg gram ounce gallon liter litre barrel degree watt kilowatt megawatt gigawatt
    square""".split()  # noqa: SIM905
)
SPELLING_VARIANTS: dict[str, str] = {
    "storey": "story",
    "storeys": "story",
    "metre": "meter",
    "kilometre": "kilometer",
    "litre": "liter",
    "centre": "center",
    "programme": "program",
}

ORDINALS: dict[str, int] = {
    word: k + 1
    for k, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
        twentieth""".split()  # noqa: SIM905
    )
}
"""Ordinal words and the place they name ("fourth" is 4); "52nd" is read from its digits."""
MEDALS: dict[str, int] = {"gold": 1, "silver": 2, "bronze": 3}
"""Medals and the place they stand for: "took silver" is finishing second."""
RANK_NOUNS = frozenset({"place", "position", "spot"})
"""Nouns an ordinal names a place in a ranking with ("in fifth place")."""
