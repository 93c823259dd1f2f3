"""Claim extraction: the LLM turns each article into grounded, attributed claims."""

from factcheck.extract.extractor import ExtractionResult, Extractor
from factcheck.extract.hedging import ground_speaker, normalize_speaker, refine_modality
from factcheck.extract.models import ClaimDraft, ClaimDrafts, grounding_problem

__all__ = [
    "ClaimDraft",
    "ClaimDrafts",
    "ExtractionResult",
    "Extractor",
    "ground_speaker",
    "grounding_problem",
    "normalize_speaker",
    "refine_modality",
]
