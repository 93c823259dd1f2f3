"""Settings: the only place in factcheck that reads the environment.

Everything else receives a ``Settings`` (or a ready client) by injection.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from factcheck.errors import ConfigurationError

__all__ = ["LOCAL_MODEL_NAME", "Backend", "Settings"]

Backend = Literal["auto", "local", "openai"]

LOCAL_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
"""The embedded model, served under its real name so recorded traffic says who answered."""

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"

_ENV = {
    "backend": "FACTCHECK_BACKEND",
    "model": "FACTCHECK_MODEL",
    "base_url": "FACTCHECK_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "timeout_s": "FACTCHECK_TIMEOUT",
    "concurrency": "FACTCHECK_CONCURRENCY",
    "transport_retries": "FACTCHECK_TRANSPORT_RETRIES",
    "validation_retries": "FACTCHECK_VALIDATION_RETRIES",
    "cache_dir": "FACTCHECK_CACHE_DIR",
    "use_cache": "FACTCHECK_USE_CACHE",
    "context_tokens": "FACTCHECK_CONTEXT_TOKENS",
}


class Settings(BaseModel):
    """How to reach a model and how hard to try."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Backend = "auto"
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None
    timeout_s: Annotated[float, Field(gt=0, le=3600)] = 300.0
    concurrency: Annotated[int, Field(ge=1, le=64)] = 2
    transport_retries: Annotated[int, Field(ge=0, le=10)] = 4
    backoff_cap_s: Annotated[float, Field(gt=0)] = 30.0
    validation_retries: Annotated[int, Field(ge=0, le=5)] = 1
    temperature: Annotated[float, Field(ge=0, le=2)] = 0.0
    seed: int = 0
    cache_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_cache_dir("factcheck", appauthor=False))
    )
    use_cache: bool = True
    context_tokens: Annotated[int, Field(ge=1024, le=131072)] = 8192
    local_threads: Annotated[int, Field(ge=1, le=256)] = Field(
        default_factory=lambda: max(1, os.cpu_count() or 1)
    )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``FACTCHECK_*`` / ``OPENAI_API_KEY``; non-None overrides win."""
        source = os.environ if env is None else env
        values: dict[str, Any] = {}
        for field, var in _ENV.items():
            raw = source.get(var)
            if raw not in (None, ""):
                values[field] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
            )
            raise ConfigurationError(
                f"invalid settings ({problems}); check the FACTCHECK_* variables and flags"
            ) from None

    def resolved_backend(self) -> Literal["local", "openai"]:
        """``auto`` means local unless a key or a base URL says otherwise."""
        if self.backend != "auto":
            return self.backend
        return "openai" if (self.api_key or self.base_url) else "local"

    def resolved_model(self) -> str:
        if self.model:
            return self.model
        if self.resolved_backend() == "local":
            return LOCAL_MODEL_NAME
        if self.base_url:
            raise ConfigurationError(
                "a base URL was given without a model name: set FACTCHECK_MODEL or --model "
                "to the name the server serves (e.g. 'llama3.1:8b' for Ollama)"
            )
        return DEFAULT_OPENAI_MODEL
