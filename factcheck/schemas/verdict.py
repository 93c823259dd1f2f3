"""The contradiction model's verdict on one pair: "what does ``a`` say about ``b``"."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["NLI_LABELS", "NliLabel", "PairVerdict"]

NliLabel = Literal["entailment", "neutral", "contradiction"]
NLI_LABELS: tuple[NliLabel, NliLabel, NliLabel] = ("entailment", "neutral", "contradiction")


class PairVerdict(BaseModel):
    """Probabilities that ``a`` entails, says nothing about, or contradicts ``b``.

    They are the model's softmax outputs, not calibrated confidences. When ``a`` was longer
    than the model's window it was read in sentence windows and the window with the strongest
    evidence (entailment or contradiction) decided; ``evidence_start``/``evidence_end`` give
    that window's offsets in ``a``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    entailment: float = Field(ge=0.0, le=1.0)
    neutral: float = Field(ge=0.0, le=1.0)
    contradiction: float = Field(ge=0.0, le=1.0)
    label: NliLabel
    evidence_start: int = Field(ge=0, description="start of the deciding window in a")
    evidence_end: int = Field(ge=0, description="end of the deciding window in a")
    windows: int = Field(ge=1, description="windows of a that were read")
