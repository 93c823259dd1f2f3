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
``REPRESENTATIVES``
    the nouns of those who speak for someone (a lawyer, a spokesperson, an aide, an
    office): "his lawyer said" gives the words to whom "his" is, as a wire service's
    attribution style has it (the attribution guideline, rule 3).
"""

from __future__ import annotations

import re

__all__ = [
    "ANAPHORIC_OPENING",
    "DEMONSTRATIVES",
    "PERSONAL_PRONOUNS",
    "POSSESSIVE_PRONOUNS",
    "REPRESENTATIVES",
    "SUBJECT_PRONOUNS",
]

PERSONAL_PRONOUNS = ("he", "she", "they")
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
SUBJECT_PRONOUNS = frozenset(
    {"i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "this", "there"}
)
"""Pronouns in a subject's place: they stand for someone named elsewhere, or no one."""
DEMONSTRATIVES = ("this", "these", "those", "such")
REPRESENTATIVES = frozenset(
    {"lawyer", "attorney", "counsel", "spokesman", "spokeswoman", "spokesperson", "aide",
     "office", "representative"}
)  # fmt: skip
ANAPHORIC_OPENING = re.compile(
    r"^[\W_]*(?P<word>"
    + "|".join((*PERSONAL_PRONOUNS, *sorted(POSSESSIVE_PRONOUNS), *DEMONSTRATIVES))
    + r")\b(?!['’])",
    re.IGNORECASE,
)
