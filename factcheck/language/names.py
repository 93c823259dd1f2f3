"""Names spelled two ways: one person or party, whichever wing reads it.

Transliterated names vary between outlets ("Zelensky", "Zelenskyy"; "Peskov"/"Peskoff"), so
two names are compared word by word with rapidfuzz rather than a list of variants. This is
the one home of the rule: the speaker roster (``factcheck.extract.speakers``), the parse's
mentions and the comparison all ask it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from rapidfuzz import fuzz

from factcheck.language.words import without_possessive

__all__ = [
    "NAME_SIMILARITY",
    "ORGANISATION_FUNCTION_WORDS",
    "ORGANISATION_SIMILARITY",
    "name_words",
    "same_name_word",
    "same_name_words",
    "same_organisation_words",
]

NAME_SIMILARITY = 85
"""rapidfuzz ratio (0-100) from which two words of names are one: "Zelensky" / "Zelenskyy"
scores 94, "Jackson" / "Johnson" 71."""

ORGANISATION_SIMILARITY = 90
"""rapidfuzz ``token_sort_ratio`` from which two organisations' names, their words in any
order, are one ("Department of Labor" / "Labor Department")."""

ORGANISATION_FUNCTION_WORDS = frozenset({"the", "of", "for", "and", "&", "s"})
"""Words of an organisation's name that do not tell it from another."""

_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?|\d+")


def name_words(name: str) -> list[str]:
    """The words of a name, lower-cased, without full stops and possessive endings
    ("the U.S. Attorney’s Office" -> ["the", "u.s", "attorney", "office"])."""
    words = [w.lower().rstrip(".").replace("’", "'") for w in _NAME_WORD.findall(name)]
    return [without_possessive(w) for w in words]


def same_name_word(a: str, b: str, *, initials: bool = False) -> bool:
    """Two words of names are one: equal, or a rapidfuzz ratio of at least
    ``NAME_SIMILARITY``; with ``initials``, a one-letter word is the initial of any word
    that starts with it ("J." of "John")."""
    if initials and (len(a) == 1 or len(b) == 1):
        return a[0] == b[0]
    return a == b or fuzz.ratio(a, b) >= NAME_SIMILARITY


def same_name_words(a: Collection[str], b: Collection[str]) -> bool:
    """Every word of the shorter name is a word of the longer one, spelled alike
    (:func:`same_name_word`): "zelensky" and "volodymyr zelenskyy" name one person,
    "jackson" and "johnson" do not."""
    small, large = sorted((a, b), key=len)
    return bool(small) and all(any(same_name_word(w, x) for x in large) for w in small)


def same_organisation_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two organisations' words (function words dropped) name one organisation: nearly the
    same words in any order, or one name's words all in the other's and both ending in the
    same word ("U.S. Attorney's Office" / "the Southern District's U.S. Attorney's Office";
    not "House" / "House Ethics Committee")."""
    if fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= ORGANISATION_SIMILARITY:
        return True
    shorter, longer = sorted((a, b), key=len)
    return set(shorter) <= set(longer) and shorter[-1] == longer[-1]
