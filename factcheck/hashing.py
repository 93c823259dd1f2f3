"""The sha256 of a file: the one helper behind every check of shipped weights and data."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["file_sha256"]


def file_sha256(path: Path) -> str:
    """The hex sha256 of the file at ``path``, read in blocks (weights run to hundreds of MB)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
