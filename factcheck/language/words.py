"""Content words: the one tokenizer behind grounding checks and lexical similarity.

``STOPWORDS`` are English function words (articles, auxiliaries, pronouns, prepositions,
conjunctions, a few light adverbs and the commonest verbs of saying): the closed classes of
any grammar (e.g. Huddleston & Pullum, *The Cambridge Grammar of the English Language*).
Negators are deliberately **not** stopwords ("not", "no", "never", "nor", "without"): a
dropped or added negation is the commonest way two sentences with the same words disagree,
and a similarity or grounding check must see it.
"""

from __future__ import annotations

import re

__all__ = ["MONTHS", "NEGATORS", "STOPWORDS", "TITLES", "WEEKDAYS", "content_words"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:\.\d+)?")
NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "none", "without", "n't"})
STOPWORDS = frozenset(
    """the a an and or of to in on for with by from at as is are was were be been being has have
    had that this these those it its his her their he she they we our us will would could may
    might can about into than then there which who whom what when where why how also said says
    say stated according after before over under more most such other any some all only just
    very new""".split()  # noqa: SIM905
)
assert not STOPWORDS & NEGATORS
TITLES = frozenset(
    """the president prime minister mr mrs ms dr secretary chancellor spokesman spokeswoman
    spokesperson leader general us u.s u.s. foreign special envoy official officials""".split()  # noqa: SIM905
)
"""Honorifics and office words that stand before a name ("President X", "Foreign Minister
Y"): two speakers are compared on the rest of their names."""

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The English names of the months and days, capitalised as written."""


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stopwords and one-letter tokens, in order."""
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return [w for w in words if len(w) > 1 and w not in STOPWORDS]
