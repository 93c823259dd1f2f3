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

import fcntl
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from factcheck.errors import ConfigurationError

__all__ = [
    "CACHE_FILE",
    "MergeResult",
    "ResponseCache",
    "ShardedCache",
    "cache_key",
    "cached_batch",
    "merge_shards",
    "shard_paths",
]

CACHE_FILE = "responses.sqlite3"
"""The main cache's file name in the cache folder."""
SHARD_DIR = "shards"
"""Where the workers of a batch write their own answers, one SQLite file each."""

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
        self._busy_timeout_s = busy_timeout_s
        self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(path), check_same_thread=False, timeout=self._busy_timeout_s)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigurationError(
                f"cannot open the response cache at {path} ({exc}); "
                "set FACTCHECK_CACHE_DIR to a writable folder, or run with --no-cache"
            ) from None
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS responses ("
                " key TEXT PRIMARY KEY, value TEXT NOT NULL, prompt TEXT NOT NULL,"
                " model TEXT NOT NULL, created REAL NOT NULL)"
            )
            db.commit()
        except sqlite3.OperationalError as exc:  # locked past the timeout, read-only, disk full
            db.close()
            raise ConfigurationError(
                f"cannot use the response cache at {path} ({exc}); wait for another run "
                "using it to finish, make it writable, or run with --no-cache"
            ) from None
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            db.close()
            raise ConfigurationError(
                f"the response cache at {path} is damaged ({exc}); "
                "delete the file to start a fresh cache, or run with --no-cache"
            ) from None
        return db

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

    def put_all(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """(key, value, prompt, model) rows in one transaction, all or none; unlike
        ``put``, a write the cache cannot make is an error: for answers that exist
        nowhere else once the caller reports them folded (a batch job's)."""
        now = time.time()
        try:
            with self._lock, self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO responses (key, value, prompt, model, created)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [(key, value, prompt, model, now) for key, value, prompt, model in rows],
                )
        except sqlite3.Error as exc:
            raise ConfigurationError(
                f"cannot write the response cache at {self.path} ({exc}); nothing was "
                "written: make the file and its folder writable, or wait for the run "
                "using it to finish"
            ) from None

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


class _ShardsLock:
    """``shards/.lock``: shared (``flock``) by every worker while it writes its shard,
    exclusive for a merge while it copies and deletes shards.

    So a merge never takes a shard in the middle of a write, and a worker never writes
    into a shard a merge has just taken: it finds the file gone, under the lock, and
    starts a new one. The operating system drops a dead worker's lock with its process.
    One file for the folder, never deleted (a lock on a deleted file guards nothing);
    beside the shards rather than on them, because SQLite's own locks on a database are
    POSIX locks, which ``flock`` may be emulated with on NFS.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / ".lock"
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)

    @contextmanager
    def held(self, *, exclusive: bool) -> Iterator[None]:
        fcntl.flock(self._fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        os.close(self._fd)


class ShardedCache(ResponseCache):
    """A worker's cache in a batch: reads its own shard, then the shared cache; writes
    only its shard, so workers never wait on one another's writes (SQLite WAL has one
    writer at a time, and on a cluster the shared file may be on another host's disk).
    ``merge_shards`` folds the shards into the shared cache, afterwards or while workers
    still run (a Ray actor may outlive the run that started it): each write holds the
    shards' shared lock, and a write that finds its shard merged away starts a new one.
    A worker that is killed loses nothing it already wrote: each answer is committed to
    its shard at once.
    """

    def __init__(self, shared: Path, shard: Path, *, busy_timeout_s: float = 30.0) -> None:
        self._writing = threading.Lock()
        try:
            self._shards_lock = _ShardsLock(shard.parent)
        except OSError as exc:
            raise ConfigurationError(
                f"cannot lock the cache shards in {shard.parent} ({exc}); set "
                "FACTCHECK_CACHE_DIR to a writable folder, or run with --no-cache"
            ) from None
        try:
            # Made under the lock: a merge never finds a shard without its table.
            with self._shards_lock.held(exclusive=False):
                super().__init__(shard, busy_timeout_s=busy_timeout_s)
        except BaseException:
            self._shards_lock.close()
            raise
        self.shared_path = shared
        self._shared = self._open_shared()

    def _open_shared(self) -> ResponseCache | None:
        if not self.shared_path.exists():
            return None
        try:
            return ResponseCache(self.shared_path, busy_timeout_s=self._busy_timeout_s)
        except ConfigurationError as exc:
            log.warning("shared cache %s not read (%s)", self.shared_path, exc)
            return None

    def get(self, key: str) -> str | None:
        found = super().get(key)
        if found is None and self._shared is not None:
            found = self._shared.get(key)
        return found

    def put(self, key: str, value: str, *, prompt: str, model: str) -> None:
        with self._writing, self._shards_lock.held(exclusive=False):
            self._reopen_if_merged()
            super().put(key, value, prompt=prompt, model=model)

    def put_many(self, rows: list[tuple[str, str]], *, prompt: str, model: str) -> None:
        with self._writing, self._shards_lock.held(exclusive=False):
            self._reopen_if_merged()
            super().put_many(rows, prompt=prompt, model=model)

    def put_all(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        with self._writing, self._shards_lock.held(exclusive=False):
            self._reopen_if_merged()
            super().put_all(rows)

    def _reopen_if_merged(self) -> None:
        """A new shard file when a merge took this one (its rows are in the main cache):
        SQLite refuses writes to a database whose file was deleted, and would lose them."""
        if self.path.exists():
            return
        if self._shared is None:  # the merge made the main cache: this shard's rows are there
            self._shared = self._open_shared()
        with self._lock:
            # The old connection first: closing it removes "<shard>-wal" by name.
            self._db.close()
            try:
                self._db = self._connect()
            except ConfigurationError as exc:
                log.warning(
                    "cache shard %s not reopened (%s); answers are not cached", self.path, exc
                )
                self._db = sqlite3.connect(":memory:", check_same_thread=False)
                self._db.execute(
                    "CREATE TABLE responses (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
                    " prompt TEXT NOT NULL, model TEXT NOT NULL, created REAL NOT NULL)"
                )

    def close(self) -> None:
        if self._shared is not None:
            self._shared.close()
        try:
            with self._writing, self._shards_lock.held(exclusive=False):
                super().close()
        finally:
            self._shards_lock.close()


def shard_paths(cache_dir: Path) -> list[Path]:
    """The shards waiting in a cache folder to be merged."""
    folder = cache_dir / SHARD_DIR
    return sorted(folder.glob("*.sqlite3")) if folder.is_dir() else []


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: shards folded, rows new to the main cache, rows it had already."""

    shards: int
    added: int
    already: int


def merge_shards(main: Path, shards: Sequence[Path], *, remove: bool = True) -> MergeResult:
    """Fold shards into the main cache (INSERT OR IGNORE: an answer already there stays),
    one transaction per shard; a merged shard is deleted unless ``remove`` is False.

    The shards' folder lock is held exclusively meanwhile: no worker is in the middle
    of a write, and none writes until the merge is done, so every row of a shard
    deleted was copied first; a worker still running starts a new shard on its next write.
    """
    added = already = merged = 0
    by_folder: dict[Path, list[Path]] = {}
    for shard in shards:
        by_folder.setdefault(shard.parent, []).append(shard)
    with ResponseCache(main) as target:
        for folder, group in by_folder.items():
            try:
                lock = _ShardsLock(folder)
            except OSError as exc:
                raise ConfigurationError(
                    f"cannot lock the cache shards in {folder} ({exc}); make the cache "
                    "folder writable"
                ) from None
            try:
                with lock.held(exclusive=True):
                    for shard in group:
                        if not shard.is_file():  # another merge took it meanwhile
                            continue
                        new, count = _copy_shard(target, shard, main)
                        merged += 1
                        added += new
                        already += count - new
                        if remove:
                            for leftover in (shard, *_sidecars(shard)):
                                leftover.unlink(missing_ok=True)
            finally:
                lock.close()
    return MergeResult(merged, added, already)


def _copy_shard(target: ResponseCache, shard: Path, main: Path) -> tuple[int, int]:
    """Rows of ``shard`` new to ``target``, and all its rows."""
    try:
        with target._lock, target._db:
            before = target._db.total_changes
            target._db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
            try:
                count = int(
                    target._db.execute("SELECT COUNT(*) FROM shard.responses").fetchone()[0]
                )
                target._db.execute(
                    "INSERT OR IGNORE INTO responses (key, value, prompt, model, created)"
                    " SELECT key, value, prompt, model, created FROM shard.responses"
                )
                new = target._db.total_changes - before
            finally:
                target._db.commit()
                target._db.execute("DETACH DATABASE shard")
    except sqlite3.DatabaseError as exc:
        raise ConfigurationError(
            f"cannot merge the cache shard {shard} into {main} ({exc}); the shard may be "
            "damaged: delete the shard (its answers are asked again)"
        ) from None
    return new, count


def _sidecars(database: Path) -> tuple[Path, Path]:
    return database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")
