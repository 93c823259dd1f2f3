"""Claim extraction: each sentence of an article as an attributed claim, its speaker and
modality read by the parse, or chosen by the LLM from the parse's candidates."""

from factcheck.extract.anaphora import resolve_opening
from factcheck.extract.answers import (
    Referent,
    SentenceAnswer,
    batch_schema,
    read_answer,
)
from factcheck.extract.extractor import (
    BATCH_SENTENCES,
    Attribution,
    ExtractionResult,
    Extractor,
    unify_speakers,
)
from factcheck.extract.sentence_reading import (
    Candidate,
    SentenceCandidates,
    SpeakerMention,
    sentence_candidates,
)
from factcheck.extract.speakers import OUTLET, SpeakerKind, SpeakerRoster

__all__ = [
    "BATCH_SENTENCES",
    "OUTLET",
    "Attribution",
    "Candidate",
    "ExtractionResult",
    "Extractor",
    "Referent",
    "SentenceAnswer",
    "SentenceCandidates",
    "SpeakerKind",
    "SpeakerMention",
    "SpeakerRoster",
    "batch_schema",
    "read_answer",
    "resolve_opening",
    "sentence_candidates",
    "unify_speakers",
]
