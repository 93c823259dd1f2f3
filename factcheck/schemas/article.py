"""The article record: what was read, cleaned, and split into sentences."""

from __future__ import annotations

import datetime
import hashlib
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, computed_field

__all__ = ["Article", "Sentence", "content_hash"]


def content_hash(text: str) -> str:
    """sha256 of the cleaned text; the cache and the review ids build on it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Sentence(BaseModel):
    """One prose sentence of the cleaned text, the unit a claim points at."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: Annotated[int, Field(ge=1, description="1-based number shown to the model")]
    char_start: Annotated[int, Field(ge=0)]
    char_end: Annotated[int, Field(ge=0)]
    line: Annotated[int, Field(ge=1, description="1-based line of the cleaned text")]
    text: str


class Article(BaseModel):
    """One article, after reading and cleaning.

    ``text`` is the cleaned text; every offset in factcheck points into it.
    """

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, Field(min_length=1, description="Defaults to the file's stem")]
    title: str = ""
    source_path: str | None = None
    text: str
    sentences: list[Sentence] = Field(default_factory=list)
    removed_lines: int = Field(0, ge=0, description="Lines of web debris dropped by cleaning")
    language: str | None = None
    published: datetime.date | None = None
    """The date the article gives for itself (HTML metadata), for resolving "on Tuesday"."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset in ``text``."""
        return self.text.count("\n", 0, max(0, offset)) + 1
