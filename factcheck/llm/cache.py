"""A content-addressed cache of validated model responses, in SQLite.

The key covers everything that decides the answer: backend, model, prompt
hash, the response schema, the rendered messages and the sampling settings.
Each answer is committed as soon as it arrives, so a crash loses nothing
already answered, and a re-run on unchanged input makes no model call.

The cache only saves work: once open, a read it cannot make is a miss and a
write it cannot make is a warning, so a locked or full disk never costs an
answer the model has already given.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from factcheck.errors import ConfigurationError

__all__ = ["ResponseCache", "cache_key", "cached_batch"]

T = TypeVar("T")

log = logging.getLogger(__name__)


def cache_key(**parts: Any) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """One SQLite file, shared safely by the threads of one run and by concurrent runs."""

    def __init__(self, path: Path, *, busy_timeout_s: float = 30.0) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=busy_timeout_s)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(
                f"cannot open the response cache at {path} ({exc}); "
                "set FACTCHECK_CACHE_DIR to a writable folder, or run with --no-cache"
            ) from None
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS responses ("
                " key TEXT PRIMARY KEY, value TEXT NOT NULL, prompt TEXT NOT NULL,"
                " model TEXT NOT NULL, created REAL NOT NULL)"
            )
            self._db.commit()
        except sqlite3.OperationalError as exc:  # locked past the timeout, read-only, disk full
            self._db.close()
            raise ConfigurationError(
                f"cannot use the response cache at {path} ({exc}); wait for another run "
                "using it to finish, make it writable, or run with --no-cache"
            ) from None
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            self._db.close()
            raise ConfigurationError(
                f"the response cache at {path} is damaged ({exc}); "
                "delete the file to start a fresh cache, or run with --no-cache"
            ) from None

    def get(self, key: str) -> str | None:
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT value FROM responses WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.OperationalError as exc:
            log.warning("response cache %s unreadable (%s); calling the model", self.path, exc)
            return None
        return None if row is None else str(row[0])

    def put(self, key: str, value: str, *, prompt: str, model: str) -> None:
        try:
            # One short transaction per answer, committed at once: crash-safe.
            with self._lock, self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO responses (key, value, prompt, model, created)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (key, value, prompt, model, time.time()),
                )
        except sqlite3.OperationalError as exc:
            log.warning("response cache %s not written (%s); the answer is kept", self.path, exc)

    def put_many(self, rows: list[tuple[str, str]], *, prompt: str, model: str) -> None:
        """Many (key, value) rows in one transaction: for scores that come in batches."""
        if not rows:
            return
        now = time.time()
        try:
            with self._lock, self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO responses (key, value, prompt, model, created)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [(key, value, prompt, model, now) for key, value in rows],
                )
        except sqlite3.OperationalError as exc:
            log.warning("response cache %s not written (%s); the scores are kept", self.path, exc)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def cached_batch(
    cache: ResponseCache,
    keys: Sequence[str],
    compute: Callable[[list[int]], list[T]],
    *,
    encode: Callable[[T], str],
    decode: Callable[[str], T | None],
    prompt: str,
    model: str,
) -> list[T]:
    """One value per key: from the cache where it decodes, else from ``compute``.

    ``compute`` gets the positions of the missing keys and returns their values in that
    order, all in one call (a batch); those are written back in one transaction. An
    entry that does not decode counts as missing and is computed again.
    """
    found: list[T | None] = []
    for key in keys:
        raw = cache.get(key)
        found.append(None if raw is None else decode(raw))
    missing = [i for i, value in enumerate(found) if value is None]
    if missing:
        fresh = compute(missing)
        for i, value in zip(missing, fresh, strict=True):
            found[i] = value
        cache.put_many(
            [(keys[i], encode(value)) for i, value in zip(missing, fresh, strict=True)],
            prompt=prompt,
            model=model,
        )
    return [value for value in found if value is not None]
