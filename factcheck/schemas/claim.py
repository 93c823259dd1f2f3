"""The claim record: one attributed proposition, grounded in its article."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from factcheck.schemas.facts import ClaimFacts

__all__ = [
    "FIRM",
    "NOT_FACT",
    "STATEMENT_MAX_CHARS",
    "STATEMENT_MIN_CHARS",
    "UNSURE",
    "Alignment",
    "Claim",
    "Modality",
    "Provenance",
    "claim_id",
]

Modality = Literal["asserted", "reported", "hedged", "speculative", "opinion", "demand"]
"""How firmly the claim is put.

- asserted: stated as fact by the outlet or speaker ("Zelenskyy announced ...").
- reported: the outlet relays what someone said, without endorsing it.
- hedged: conditional or tentative ("may abandon", "willing to consider").
- speculative: guesses about the future or unnamed analysts' expectations.
- opinion: a value judgement ("a remarkable concession").
- demand: what someone wants, proposes or insists on, not what is the case.
"""

FIRM: frozenset[Modality] = frozenset({"asserted", "reported"})
"""Modalities that put a claim as fact."""
NOT_FACT: frozenset[Modality] = frozenset({"demand", "opinion", "speculative"})
"""Modalities that put a claim as a wish, a judgement or a guess rather than as the case."""
UNSURE: frozenset[Modality] = frozenset({"hedged", "speculative"})
"""Modalities that put a claim as possible rather than settled."""

STATEMENT_MIN_CHARS = 3
STATEMENT_MAX_CHARS = 2000

Alignment = Literal["exact"]
"""How the quote was found: byte for byte (a claim's quote is its sentence, cut from the
article's text)."""


def claim_id(article_id: str, char_start: int, char_end: int, statement: str) -> str:
    """Stable id: the same claim from the same article text gets the same id."""
    key = f"{article_id}\x1f{char_start}\x1f{char_end}\x1f{' '.join(statement.lower().split())}"
    return "C" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


class Provenance(BaseModel):
    """Which prompt and model produced a record, so stale output is recognisable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    prompt: str
    prompt_hash: str
    model: str
    decided_by: Literal["llm", "parse"] = "llm"
    """Who chose the claim's speaker and modality: the model from the parse's candidates,
    or the parse's rules alone (no call made)."""


class Claim(BaseModel):
    """One standalone, attributed proposition with the verbatim quote it rests on.

    When validated with ``context={"article_text": ...}`` the quote must sit
    exactly at ``[char_start, char_end)`` of that text.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    article_id: str
    # A sentence is kept whole: ingest cuts only run-on text over 1,500 characters, at a
    # clause boundary, so the limit leaves room for a resolved opening.
    statement: Annotated[str, Field(min_length=STATEMENT_MIN_CHARS, max_length=STATEMENT_MAX_CHARS)]
    quote: Annotated[str, Field(min_length=1)]
    char_start: Annotated[int, Field(ge=0)]
    char_end: Annotated[int, Field(ge=0)]
    line: Annotated[int, Field(ge=1)] = 1
    alignment: Alignment = "exact"
    attributed_to: Annotated[
        str, Field(max_length=120, description="Named speaker, institution, or 'the outlet'")
    ]
    modality: Modality
    provenance: Provenance | None = None
    facts: ClaimFacts | None = None
    """What the parser read off the quote (``factcheck.parse.attach_facts``); None until then."""

    @model_validator(mode="after")
    def _quote_sits_at_offsets(self, info: ValidationInfo) -> Claim:
        if self.char_end <= self.char_start:
            raise ValueError("char_end must be greater than char_start")
        context: dict[str, Any] | None = info.context if info else None
        text = (context or {}).get("article_text")
        if isinstance(text, str) and text[self.char_start : self.char_end] != self.quote:
            raise ValueError(
                f"quote is not at [{self.char_start}, {self.char_end}) of article {self.article_id}"
            )
        return self
