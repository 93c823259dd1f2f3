"""Deterministic checks on how firmly a claim is put.

A small model often reports "may abandon" as "has abandoned". The source
sentence is right there, so cheap and exact cues in it correct the
model's modality label: a hedge in the quote makes the claim hedged, a
demand verb makes it a demand. The model's label stands otherwise.
"""

from __future__ import annotations

import re

from factcheck.schemas import Modality

__all__ = ["HEDGE_CUES", "normalize_speaker", "refine_modality"]

HEDGE_CUES = re.compile(
    r"\b(may|might|willing(ness)? to|consider(ing)? (abandon|drop|giv|forego|relinquish)\w*|"
    r"signal(s|ed|led|ing)? (a |an )?(potential |possible )?(willingness|shift|readiness)|"
    r"indicat(es|ed|ing) (a |an )?(potential |possible )?(willingness|readiness)|"
    r"open to|is exploring|are exploring)\b",
    re.IGNORECASE,
)
DEMAND_CUES = re.compile(
    r"\b(demand(s|ed|ing)?|insist(s|ed|ing)?|urg(e|es|ed|ing)|call(s|ed)? for|"
    r"seek(s|ing)?|sought|request(s|ed|ing)?|ask(s|ed|ing)? for|must|propos(e|es|ed|ing)|"
    r"expects?)\b",
    re.IGNORECASE,
)
_OUTLET = re.compile(
    r"^(the )?(outlet|article|author|writer|reporter|narrator|news ?paper|media|unknown|none"
    r"|n/?a)$",
    re.IGNORECASE,
)


def refine_modality(model_label: Modality, statement: str, quote: str) -> Modality:
    """The modality to record, given the model's label and the words it rests on."""
    if model_label in ("opinion", "speculative"):
        return model_label
    if DEMAND_CUES.search(statement) or (
        model_label == "asserted" and DEMAND_CUES.search(quote) and not HEDGE_CUES.search(quote)
    ):
        return "demand"
    if HEDGE_CUES.search(statement) or HEDGE_CUES.search(quote):
        return "hedged"
    return model_label


def normalize_speaker(speaker: str) -> str:
    """One spelling for the outlet's own voice; names are kept as given."""
    cleaned = " ".join(speaker.split()).strip(" .,:;\"'")
    if not cleaned or _OUTLET.match(cleaned):
        return "the outlet"
    return cleaned
