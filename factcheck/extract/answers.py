"""What the model is asked to return, and how a statement is built from its answer.

The model labels sentences; it does not copy, rewrite or name anything. For a batch of
sentences it returns, for each, ``who``: the number of one of the sentence's speaker
candidates (``factcheck.extract.sentence_reading``; 0 is the outlet) or ``?`` when none
of them fits, and ``how``: one modality word. The JSON schema lists the allowed values as enums, so
a server that constrains decoding to the schema (llama.cpp) cannot produce anything else,
and a sentence costs a few generated tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, create_model

from factcheck.language.cues import ANAPHORIC_OPENING, DEMONSTRATIVES, POSSESSIVE_PRONOUNS
from factcheck.language.words import content_words

__all__ = [
    "MODALITY_CODES",
    "NOT_LISTED",
    "DraftModality",
    "Referent",
    "SentenceAnswer",
    "anaphoric_opening",
    "batch_schema",
    "read_answer",
    "referent_problem",
    "resolve_opening",
    "single_schema",
]

DraftModality = Literal[
    "asserted", "reported", "hedged", "speculative", "opinion", "demand", "none"
]
"""The claim modalities, plus "none" for a sentence that states nothing checkable."""

MODALITIES: tuple[DraftModality, ...] = get_args(DraftModality)

NOT_LISTED = "?"
"""The ``who`` of a sentence whose source is none of its candidates."""


class Referent(BaseModel):
    """What a sentence's opening pronoun or demonstrative stands for."""

    model_config = ConfigDict(extra="ignore")

    refers_to: Annotated[str, Field(max_length=60)]


class SentenceAnswer(BaseModel):
    """One sentence's answer, read: the candidate's number (None: none fits) and modality."""

    model_config = ConfigDict(frozen=True)

    candidate: int | None
    modality: DraftModality


MODALITY_CODES: dict[str, DraftModality] = {
    **{m: m for m in MODALITIES if m != "none"},
    "fragment": "none",
}
"""The word the model answers with for each modality: "none" would read as "nobody" next
to a speaker's number, so a sentence with nothing checkable is a "fragment"."""


def batch_schema(choices: Sequence[tuple[int, int]]) -> type[BaseModel]:
    """The response model for sentences ``(number, candidates)``: one required field a
    sentence, named by its number, holding ``how`` (a modality code) and, when the
    sentence has named candidates besides the outlet, ``who`` ("0", "1", ... or "?")."""
    fields: dict[str, Any] = {
        f"s{number}": (_answer_model(candidates), Field(alias=str(number)))
        for number, candidates in choices
    }
    return create_model(
        "SentenceLabels",
        __config__=ConfigDict(extra="ignore", populate_by_name=True),
        **fields,
    )


def single_schema(candidates: int) -> type[BaseModel]:
    """The response model for one sentence alone: its ``how`` and, when it has named
    candidates, its ``who``, with no sentence number around them (fewer tokens)."""
    return _answer_model(candidates)


def read_answer(answer: BaseModel) -> SentenceAnswer:
    """A sentence's answer as a candidate number (None: none fits) and a modality."""
    values = answer.model_dump()
    who = str(values.get("who", "0"))
    modality = MODALITY_CODES[str(values["how"])]
    return SentenceAnswer(candidate=None if who == NOT_LISTED else int(who), modality=modality)


@cache
def _answer_model(candidates: int) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    if candidates > 1:
        fields["who"] = _choice([*(str(i) for i in range(candidates)), NOT_LISTED])
    fields["how"] = _choice(list(MODALITY_CODES))
    return create_model(f"Answer{candidates}", __config__=ConfigDict(extra="ignore"), **fields)


def _choice(allowed: list[str]) -> Any:
    """A required string field whose schema lists ``allowed`` as an enum, checked on
    validation too (a backend that does not constrain decoding gets re-asked)."""
    enum: list[JsonValue] = list(allowed)
    permitted = frozenset(allowed)

    def check(value: str) -> str:
        if value not in permitted:
            raise ValueError(f"{value!r} is not one of {sorted(permitted)}")
        return value

    annotated = Annotated[
        str,
        Field(max_length=max(len(a) for a in allowed), json_schema_extra={"enum": enum}),
        AfterValidator(check),
    ]
    return (annotated, ...)


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
