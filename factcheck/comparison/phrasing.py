"""Optional: an LLM phrases each dispute's point at issue and explains it in one sentence.

For strong remote backends (``--judge llm``). The contradiction model and the exact checks
have already decided everything (which claims disagree, the sides, kind, severity and the
dispute's id, so review decisions still attach); the LLM is asked once per dispute, only for
words. A failed call keeps the model's own wording and is counted as a problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from factcheck.comparison.findings import fit_explanation
from factcheck.errors import ModelCallError, ModelOutputError
from factcheck.llm import LLM, Prompt, load_prompt
from factcheck.schemas import Finding, FindingSide, Problem

__all__ = ["PROMPT", "DisputePhrasing", "phrase_disputes"]

PROMPT = "phrase_dispute"


class DisputePhrasing(BaseModel):
    """The LLM's answer: words only."""

    model_config = ConfigDict(extra="forbid")

    point: Annotated[str, Field(min_length=3, max_length=200)]
    explanation: Annotated[str, Field(min_length=3, max_length=400)]


def _side(sides: Sequence[FindingSide]) -> str:
    return "\n".join(
        f'- {s.article_id} ({s.attributed_to}, {s.modality}): "{" ".join(s.quote.split())}"'
        for s in sides
    )


def phrase_disputes(
    findings: Sequence[Finding], llm: LLM, prompt: Prompt | None = None
) -> tuple[list[Finding], list[Problem]]:
    """``findings`` with the point at issue and explanation phrased by ``llm``; one call each
    (``prompt``: the loaded ``phrase_dispute`` prompt, read from its file when not given)."""
    prompt = prompt or load_prompt(PROMPT)
    out: list[Finding] = []
    failed: list[str] = []
    for finding in findings:
        side_a = [s for s in finding.sides if s.position == 0]
        side_b = [s for s in finding.sides if s.position == 1]
        rendered = prompt.render(kind=finding.kind, side_a=_side(side_a), side_b=_side(side_b))
        try:
            answer = llm.generate(rendered, DisputePhrasing, stage="judge")
        except (ModelCallError, ModelOutputError):
            failed.append(finding.id)
            out.append(finding)
            continue
        explanation = f"{finding.explanation} In {llm.model}'s words: {answer.explanation.strip()}"
        out.append(
            finding.model_copy(
                update={
                    "question": answer.point.strip(),
                    "explanation": fit_explanation(explanation),
                }
            )
        )
    problems = []
    if failed:
        problems.append(
            Problem(
                kind="judge_failed",
                count=len(failed),
                message=(
                    f"the LLM could not phrase {len(failed)} dispute(s); they keep the "
                    f"contradiction model's wording: {', '.join(failed[:10])}"
                )[:400],
            )
        )
    return out, problems
