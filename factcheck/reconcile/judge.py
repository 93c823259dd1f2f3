"""The decomposed LLM judge.

Asked for a verdict on a pair directly, the small default model says
"contradict" almost always. So the judgement is split: one yes/no question
per block of related claims, then each claim answers it on its own (yes /
no / uncertain / not stated), and the verdict comes from comparing answers.
Each call is short, and the number of calls is one per block plus one per
claim in a block: linear in the number of claims.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.errors import FactcheckError
from factcheck.llm import LLM, load_prompt
from factcheck.schemas import Answer, Claim, Verdict

__all__ = ["ClaimAnswer", "GroupQuestion", "Judge", "compare_answers"]


class GroupQuestion(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: Annotated[str, Field(min_length=8, max_length=160)]


class ClaimAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    answer: Literal["yes", "no", "uncertain", "not_stated"]


def compare_answers(a: Answer, b: Answer) -> Verdict:
    """The verdict for two claims, from their answers to the same question."""
    if "unverified" in (a, b):
        return "unverified"
    if "not_stated" in (a, b):
        return "unrelated"
    if a == b:
        return "agree"
    return "contradict"


class Judge:
    """Questions and answers through an injected :class:`LLM`."""

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        self.question_prompt = load_prompt("judge_question")
        self.answer_prompt = load_prompt("judge_answer")

    @property
    def prompt_hashes(self) -> dict[str, str]:
        return {
            self.question_prompt.name: self.question_prompt.hash,
            self.answer_prompt.name: self.answer_prompt.hash,
        }

    def question(self, claims: list[Claim]) -> str:
        listing = "\n".join(f"- {c.statement}" for c in claims)
        rendered = self.question_prompt.render(claims=listing)
        reply = self.llm.generate(rendered, GroupQuestion, stage="reconcile")
        return " ".join(reply.question.split())

    def answer(self, question: str, claim: Claim) -> Answer:
        """The claim's answer, or "unverified" when the model could not give one."""
        rendered = self.answer_prompt.render(
            question=question,
            statement=claim.statement,
            quote=claim.quote,
            speaker=claim.attributed_to,
        )
        try:
            reply = self.llm.generate(rendered, ClaimAnswer, stage="reconcile")
        except FactcheckError:
            return "unverified"
        return reply.answer
