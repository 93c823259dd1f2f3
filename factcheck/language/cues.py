"""Closed word classes of English for reading a sentence alone, not rules for any article.

``ANAPHORIC_OPENING``
    a sentence that opens with a personal or possessive pronoun or a demonstrative
    ("He said ...", "Their goal ...", "This move ...") names its subject in an earlier
    sentence, so it cannot be read alone. The words are English's third-person personal and
    possessive pronouns and its demonstrative determiners (any grammar, e.g. Huddleston &
    Pullum, *The Cambridge Grammar of the English Language*, ch. 5 and 17). First and second
    person ("I", "we", "you") are left out: inside a quotation they are the speaker, whom the
    speaker field already names. "It" and "that" are left out too: as often as not they are
    the expletive "It is expected that ..." or a conjunction, which refer to nothing.
"""

from __future__ import annotations

import re

__all__ = [
    "ANAPHORIC_OPENING",
    "DEMONSTRATIVES",
    "PERSONAL_PRONOUNS",
    "POSSESSIVE_PRONOUNS",
    "SUBORDINATORS",
    "refers_back",
]

PERSONAL_PRONOUNS = ("he", "she", "they")
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
DEMONSTRATIVES = ("this", "these", "those", "such")
SUBORDINATORS = frozenset(
    """after although as because before if once since though unless until when whenever where
    whereas while but and yet however meanwhile""".split()  # noqa: SIM905
)
"""English's simple subordinators (Quirk et al., *A Comprehensive Grammar of the English
Language*, 1985, §14.12) and the conjunctions and linking adverbs that open a sentence: a
capitalised word after one of them opens a clause, not the sentence."""

ANAPHORIC_OPENING = re.compile(
    r"^[\W_]*(?P<word>"
    + "|".join((*PERSONAL_PRONOUNS, *sorted(POSSESSIVE_PRONOUNS), *DEMONSTRATIVES))
    + r")\b(?!['’])",
    re.IGNORECASE,
)

_PERSONAL = re.compile(r"\b(?:" + "|".join(PERSONAL_PRONOUNS) + r")\b(?!['’])", re.IGNORECASE)


def refers_back(text: str) -> bool:
    """``text`` has a third-person personal pronoun ("he said", "she added", "they argue"):
    its subject is someone an earlier sentence names."""
    return bool(_PERSONAL.search(text))
