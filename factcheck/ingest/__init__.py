"""Reading articles: decode, clean web debris, split into sentences, screen.

Imports only the schemas, the errors, factcheck.segment (pysbd), the standard
library, trafilatura and charset_normalizer; nothing here calls a model.
"""

from factcheck.ingest.chunking import chunk_sentences
from factcheck.ingest.clean import Cleaned, clean_text, guess_language, looks_like_injection
from factcheck.ingest.reader import (
    ARTICLE_SUFFIXES,
    MAX_BYTES,
    IngestResult,
    PreparedArticle,
    prepare_article,
    read_article,
    read_articles,
    screening_problems,
)
from factcheck.ingest.sentences import looks_like_heading, split_sentences

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_BYTES",
    "Cleaned",
    "IngestResult",
    "PreparedArticle",
    "chunk_sentences",
    "clean_text",
    "guess_language",
    "looks_like_heading",
    "looks_like_injection",
    "prepare_article",
    "read_article",
    "read_articles",
    "screening_problems",
    "split_sentences",
]
