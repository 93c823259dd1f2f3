"""A sentence's opening that refers back ("He said ...", "Their offer ...", "This move
..."), and that opening resolved to what it stands for.

Such a sentence cannot be read alone. The LLM is asked what the opening refers to (the
``Referent`` answer of ``factcheck.extract.answers``); ``referent_problem`` refuses a
referent whose words do not come from the sentences before, and ``resolve_opening`` puts the
referent in the sentence while keeping every word of the article.
"""

from __future__ import annotations

import re

from factcheck.language.cues import ANAPHORIC_OPENING, DEMONSTRATIVES, POSSESSIVE_PRONOUNS
from factcheck.language.words import content_words

__all__ = ["anaphoric_opening", "referent_problem", "resolve_opening"]


def anaphoric_opening(sentence: str) -> str | None:
    """The words a sentence opens with that refer back ("He", "Their", "This move",
    "These"), or None.

    Such a sentence cannot be read alone: what it is about is named in a sentence before it.
    """
    span = _opening(sentence)
    return sentence[span[0] : span[1]] if span else None


def _opening(sentence: str) -> tuple[int, int] | None:
    """Where the referring opening is: the pronoun, or a demonstrative with its noun."""
    match = ANAPHORIC_OPENING.match(sentence)
    if match is None:
        return None
    start, end = match.span("word")
    if match.group("word").lower() in DEMONSTRATIVES:
        noun = re.match(r"\s+([a-z][\w’'-]*)", sentence[end:])
        if noun and _qualified_noun(match.group("word"), noun.group(1)):
            end += noun.end()
    return start, end


def referent_problem(referent: str, before: str) -> str | None:
    """Why ``referent`` cannot stand for a sentence's opening words, or None when it can.

    A referent must come from the sentences before (most of its content words occur
    there): one the model made up would put words in the outlet's mouth.
    """
    words = set(content_words(referent))
    if not words:
        return "the referent has no content words"
    found = set(content_words(before))
    share = len(words & found) / len(words)
    if share < 0.5:
        return f"only {share:.0%} of the referent's words occur in the sentences before"
    return None


def resolve_opening(sentence: str, referent: str) -> str:
    """``sentence`` with its referring opening replaced by ``referent``.

    "He proposed ..." becomes "Zelensky proposed ...", "His offer ..." becomes
    "Zelensky's offer ..."; a demonstrative ("This move ...", "This represents ...") is
    kept and the referent follows it in parentheses, so the article's words all stay.
    """
    span = _opening(sentence)
    referent = " ".join(referent.split()).strip(" .,;:")
    if span is None or not referent:
        return sentence
    start, end = span
    word = sentence[start:end].split()[0]
    if word.lower() in DEMONSTRATIVES:
        return f"{sentence[:end]} ({referent}){sentence[end:]}"
    replacement = referent
    if word.lower() in POSSESSIVE_PRONOUNS and not referent.endswith(("'s", "’s", "’", "'")):
        replacement += "’" if referent.endswith("s") else "’s"
    if not any(char.isalnum() for char in sentence[:start]):
        replacement = replacement[:1].upper() + replacement[1:]
    return sentence[:start] + replacement + sentence[end:]


def _qualified_noun(determiner: str, word: str) -> bool:
    """Whether ``word`` after ``determiner`` is the noun it qualifies ("This move"), not
    the verb of a bare demonstrative ("This represents", "These included")."""
    lowered = word.lower()
    if lowered in _VERB_LIKE or lowered.endswith("ed"):
        return False
    return not (determiner.lower() in ("this", "that") and lowered.endswith("s"))


# After a demonstrative, these words start the verb phrase ("This is", "This has
# led"), not the noun it qualifies.
_VERB_LIKE = frozenset(
    {"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can",
     "may", "might", "should", "must", "does", "did", "comes", "came", "means", "meant"}
)  # fmt: skip
