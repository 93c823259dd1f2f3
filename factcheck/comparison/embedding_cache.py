"""The sentence embedder's vectors kept in the response cache.

The embedder itself (``factcheck.nli.embeddings``) is a model runner and never touches the
LLM layer; the cache is the LLM layer's, so the wrapper that joins them sits here, as
``CachedJudge`` does for the contradiction model's scores.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from factcheck.llm import ResponseCache, cache_key, cached_batch
from factcheck.nli.embeddings import EMBEDDING_MODEL, Embedder

__all__ = ["CachedEmbedder"]


class CachedEmbedder:
    """Embeddings kept in the response cache, keyed by the text: a re-run on the same
    claims neither loads the embedding model nor runs it."""

    def __init__(self, make: Callable[[], Embedder | None], cache: ResponseCache) -> None:
        self._make = make
        self._inner: Embedder | None = None
        self._cache = cache

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        keys = [cache_key(kind="embedding", model=EMBEDDING_MODEL, text=t) for t in texts]
        return cached_batch(
            self._cache,
            keys,
            lambda missing: self._embedder().embed([texts[i] for i in missing]),
            encode=json.dumps,
            decode=_vector,
            prompt="embedding",
            model=EMBEDDING_MODEL,
        )

    def _embedder(self) -> Embedder:
        if self._inner is None:
            self._inner = self._make()
        if self._inner is None:
            raise ImportError("the embedding model is not installed")
        return self._inner


def _vector(raw: str) -> list[float] | None:
    try:
        vector = json.loads(raw)
    except ValueError:
        return None
    return vector if isinstance(vector, list) and vector else None
