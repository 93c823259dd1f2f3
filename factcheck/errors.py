"""One error hierarchy for the whole library.

Every message says what went wrong *and how to fix it*; the CLI maps the
classes to exit codes and never shows a traceback for them.
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "ContradictionModelError",
    "FactcheckError",
    "InputError",
    "LocalBackendError",
    "ModelCallError",
    "ModelOutputError",
    "OutputError",
]


class FactcheckError(Exception):
    """Root of every error factcheck raises on purpose."""


class ConfigurationError(FactcheckError):
    """A setting the user must fix (backend, model, key, flags)."""


class InputError(FactcheckError):
    """An article that cannot be read or is not usable as an article."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class OutputError(FactcheckError):
    """A file that cannot be written where it was asked for: its folder is missing, a folder
    or a special file stands in its place, or it would overwrite an input or another output."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ModelCallError(FactcheckError):
    """A model call failed after its retries (transport, timeout, HTTP status)."""


class ModelOutputError(ModelCallError):
    """The model answered, but never with output that passed validation."""


class LocalBackendError(ConfigurationError):
    """The embedded llama.cpp backend cannot start (weights, hash, port, server)."""


class ContradictionModelError(ConfigurationError):
    """The shipped contradiction model is missing, corrupted or cannot be loaded."""
