"""English words: content words, function words, months and days, the possessive.

``content_words`` is the one tokenizer behind lexical similarity.

``STOPWORDS`` are English function words (articles, auxiliaries, pronouns, prepositions,
conjunctions, a few light adverbs and the commonest verbs of saying): the closed classes of
any grammar (e.g. Huddleston & Pullum, *The Cambridge Grammar of the English Language*).
Negators are deliberately **not** stopwords ("not", "no", "never", "nor", "without"): a
dropped or added negation is the commonest way two sentences with the same words disagree,
and a similarity check must see it.
"""

from __future__ import annotations

import re

__all__ = [
    "FREQUENT_WORDS",
    "LETTER_RUN",
    "MONTHS",
    "MONTH_NUMBERS",
    "MONTH_WORDS",
    "NEGATORS",
    "POSSESSIVE_MARKERS",
    "STOPWORDS",
    "TITLES",
    "TITLE_SMALL_WORDS",
    "WEEKDAYS",
    "WORD_TOKEN",
    "content_words",
    "without_possessive",
]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:\.\d+)?")
LETTER_RUN = re.compile(r"[^\W\d_]+")
"""A run of letters of any script: the words of a text whose language is not known yet."""
WORD_TOKEN = re.compile(r"[\w'’-]+")
"""A word as written, possessive and hyphenated compounds whole ("Kyiv’s", "48-page"): the
words a label or a quote is read in."""
NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "none", "without", "n't"})
STOPWORDS = frozenset(
    """the a an and or of to in on for with by from at as is are was were be been being has have
    had that this these those it its his her their he she they we our us will would could may
    might can about into than then there which who whom what when where why how also said says
    say stated according after before over under more most such other any some all only just
    very new""".split()  # noqa: SIM905
)
assert not STOPWORDS & NEGATORS
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "as"}
)
"""The function words title case leaves in lower case ("Talks on the Future of Europe")."""
assert TITLE_SMALL_WORDS <= STOPWORDS

FREQUENT_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": "the and of to a in is that for on with as was by it at from be has have this are "
        "an not which were his her their its said but or will would been had who they he "
        "she we after about more than also into over",
        "de": "der die und das ist nicht den mit von sich des ein eine einer auf für dem im zu "
        "auch wurde sind bei nach wie über aus sagte werden hat noch oder",
        "fr": "le la les et des est une du dans que qui pour pas sur au avec ce il elle sont par "
        "aux ont été cette",
        "es": "el los las y del un una es por con para se su al lo como más pero sus fue ha",
        "it": "il di che è per non una sono della del con gli dei ha",
        "nl": "de het een van en niet dat zijn op met voor ook werd heeft",
    }.items()
}
"""The commonest function words of English and of the languages a European newsroom is most
likely to be sent, lower-cased: enough to tell English from them by counting."""

POSSESSIVE_MARKERS = frozenset({"'s", "’s"})
"""The possessive clitic as a tokenizer splits it off ("Kyiv" + "'s")."""
TITLES = frozenset(
    """the president prime minister mr mrs ms dr secretary chancellor spokesman spokeswoman
    spokesperson leader general us u.s u.s. foreign special envoy official officials senator sen
    governor gov lieutenant mayor councillor councilor judge justice inspector detective
    sergeant captain professor prof representative rep""".split()  # noqa: SIM905
)
"""Honorifics and office words that stand before a name ("President X", "Foreign Minister
Y"): two speakers are compared on the rest of their names."""

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The English names of the months and days, capitalised as written."""

MONTH_NUMBERS: dict[str, int] = {}
"""Every lower-case spelling of a month (name, three-letter abbreviation with or without its
full stop, "sept") and its number."""
for _number, _name in enumerate(MONTHS, start=1):
    _low = _name.lower()
    MONTH_NUMBERS[_low] = MONTH_NUMBERS[_low[:3]] = _number
    if _low[:3] != _low:  # "may" is no abbreviation
        MONTH_NUMBERS[_low[:3] + "."] = _number
MONTH_NUMBERS.update({"sept": 9, "sept.": 9})
MONTH_WORDS = frozenset(MONTH_NUMBERS)


def without_possessive(word: str) -> str:
    """``word`` without a possessive ending ("Kyiv's" -> "Kyiv"; "Reuters’s" -> "Reuters")."""
    for marker in POSSESSIVE_MARKERS:
        if word.endswith(marker):
            return word[: -len(marker)]
    return word


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stopwords and one-letter tokens, in order."""
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return [w for w in words if len(w) > 1 and w not in STOPWORDS]
