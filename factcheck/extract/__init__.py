"""Claim extraction: the LLM labels each sentence of an article as an attributed claim."""

from factcheck.extract.extractor import ExtractionResult, Extractor
from factcheck.extract.hedging import ground_speaker, normalize_speaker, refine_modality
from factcheck.extract.models import SentenceLabel, SentenceLabelWithReferent, resolve_opening

__all__ = [
    "ExtractionResult",
    "Extractor",
    "SentenceLabel",
    "SentenceLabelWithReferent",
    "ground_speaker",
    "normalize_speaker",
    "refine_modality",
    "resolve_opening",
]
