"""The local models: the contradiction model (what one text says about another) and the
sentence embedder (which sentences are about the same thing). Both run offline on the CPU
and never call the LLM; caching their outputs in the LLM layer's response cache is done a
layer up (``factcheck.comparison``'s ``CachedJudge`` and ``CachedEmbedder``)."""

from factcheck.nli.compare import (
    ENTAILMENT_THRESHOLD,
    WindowScores,
    compare,
    compare_many,
    score_windows,
    sentence_spans,
    windows,
)
from factcheck.nli.embeddings import (
    EMBEDDING_MODEL,
    Embedder,
    MiniLMEmbedder,
    cosine_matrix,
    embeddings_available,
    load_default_embedder,
)
from factcheck.nli.model import MODEL_DIR, ContradictionModel, default_info, default_model

__all__ = [
    "EMBEDDING_MODEL",
    "ENTAILMENT_THRESHOLD",
    "MODEL_DIR",
    "ContradictionModel",
    "Embedder",
    "MiniLMEmbedder",
    "WindowScores",
    "compare",
    "compare_many",
    "cosine_matrix",
    "default_info",
    "default_model",
    "embeddings_available",
    "load_default_embedder",
    "score_windows",
    "sentence_spans",
    "windows",
]
