"""Prompts are files: YAML in ``prompts/``, parsed into a typed, strict model.

A template may only use the variables it declares, and rendering with a
missing or an extra variable is an error, so a typo cannot silently blank
part of a prompt. Every output is stamped with the prompt's hash.
"""

from __future__ import annotations

import hashlib
import string
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from factcheck.errors import ConfigurationError

__all__ = ["Prompt", "RenderedPrompt", "load_prompt", "prompts_dir"]


def prompts_dir() -> Path:
    """The repository's ``prompts/`` in a checkout, the packaged copy in a wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "prompts", here / "_prompts"):
        if candidate.is_dir():
            return candidate
    raise ConfigurationError("prompt files not found: reinstall factcheck")


class RenderedPrompt(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    hash: str
    messages: tuple[tuple[str, str], ...]
    max_tokens: int

    def as_openai(self) -> list[dict[str, str]]:
        return [{"role": role, "content": content} for role, content in self.messages]


class Prompt(BaseModel):
    """A prompt template file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str
    variables: list[str]
    max_tokens: Annotated[int, Field(gt=0, le=8192)]
    system: str
    user: str

    @model_validator(mode="after")
    def _declared_variables_only(self) -> Prompt:
        used = _fields(self.system) | _fields(self.user)
        undeclared = used - set(self.variables)
        unused = set(self.variables) - used
        if undeclared or unused:
            raise ValueError(
                f"prompt {self.name}: undeclared {sorted(undeclared)}, unused {sorted(unused)}"
            )
        return self

    @property
    def hash(self) -> str:
        body = yaml.safe_dump(self.model_dump(), sort_keys=True)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]

    def render(self, **values: str) -> RenderedPrompt:
        missing = set(self.variables) - values.keys()
        extra = values.keys() - set(self.variables)
        if missing or extra:
            raise ConfigurationError(
                f"prompt {self.name}: missing {sorted(missing)}, unexpected {sorted(extra)}"
            )
        return RenderedPrompt(
            name=self.name,
            hash=self.hash,
            messages=(
                ("system", self.system.format(**values)),
                ("user", self.user.format(**values)),
            ),
            max_tokens=self.max_tokens,
        )


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@cache
def load_prompt(name: str) -> Prompt:
    path = prompts_dir() / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Prompt.model_validate(data)
    except FileNotFoundError:
        raise ConfigurationError(f"prompt file {path} is missing: reinstall factcheck") from None
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigurationError(f"prompt file {path} is invalid: {exc}") from None
