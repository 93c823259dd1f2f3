"""What the model is asked to return: the schemas of its answers, and how an answer is read.

The model labels sentences; it does not copy, rewrite or name anything. For a batch of
sentences it returns, for each, ``who``: the number of one of the sentence's speaker
candidates (``factcheck.extract.sentence_reading``; 0 is the outlet) or ``?`` when none
of them fits, and ``how``: one modality word. The JSON schema lists the allowed values as enums, so
a server that constrains decoding to the schema (llama.cpp) cannot produce anything else,
and a sentence costs a few generated tokens. A sentence that opens by referring back ("He
...", "This move ...") is asked what it refers to (``Referent``); the opening is checked and
resolved in ``factcheck.extract.anaphora``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, create_model

__all__ = [
    "MODALITY_CODES",
    "NOT_LISTED",
    "DraftModality",
    "Referent",
    "SentenceAnswer",
    "batch_schema",
    "read_answer",
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
