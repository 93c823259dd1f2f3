"""The question route of matching slots: the LLM names the questions a point answers.

One structured call per point (``prompts/slot_questions.yaml``) asks for the one question
that two or more of its numbered statements each answer with a value ("How many people were
arrested?"), with the words of each statement that give the value. The words must be word
for word from that statement (a made-up answer is re-asked; a call that still fails is
counted and gives no question). The model only says which values answer one question:
whether they agree is read off the parse by
:func:`factcheck.comparison.checks.slots.answered_differences`.

This is one of the three ways of matching slots measured by ``benchmarks/typed_pairs.py
--pairs --route questions``, beside the frame embeddings and the substitution test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from factcheck.errors import ModelCallError, ModelOutputError
from factcheck.llm import LLM, Prompt, load_prompt

__all__ = ["PROMPT", "AnsweredSlot", "PointQuestions", "QuestionsResult", "ask_questions", "locate"]

PROMPT = "slot_questions"


def locate(words: str, text: str) -> tuple[int, int] | None:
    """Where ``words`` stand in ``text``: exactly, else ignoring case; None if nowhere."""
    wanted = " ".join(words.split()).strip(" \"'.,;:")
    if len(wanted) < 1:
        return None
    start = text.find(wanted)
    if start < 0:
        start = text.lower().find(wanted.lower())
    if start < 0:
        return None
    return start, start + len(wanted)


class Answer(BaseModel):
    """The words of one numbered statement that answer a question."""

    model_config = ConfigDict(extra="forbid")

    statement: Annotated[int, Field(ge=1, le=64)]
    words: Annotated[str, Field(min_length=1, max_length=80)]


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: Annotated[str, Field(min_length=3, max_length=120)]
    answers: Annotated[list[Answer], Field(max_length=6)]


class PointQuestions(BaseModel):
    """The model's answer on one point."""

    model_config = ConfigDict(extra="forbid")

    questions: Annotated[list[Question], Field(max_length=1)]

    @model_validator(mode="after")
    def _answers_are_verbatim(self, info: ValidationInfo) -> PointQuestions:
        context: dict[str, Any] | None = info.context if info else None
        statements: Sequence[str] | None = (context or {}).get("statements")
        if statements is None:
            return self
        for question in self.questions:
            for answer in question.answers:
                if answer.statement > len(statements):
                    raise ValueError(
                        f"statement {answer.statement} does not exist: use the numbers given"
                    )
                if locate(answer.words, statements[answer.statement - 1]) is None:
                    raise ValueError(
                        f"{answer.words!r} is not word for word in statement "
                        f"{answer.statement}: copy the words exactly"
                    )
        return self


@dataclass(frozen=True)
class AnsweredSlot:
    """One question and, for each statement that answers it, where its answer stands:
    (statement index from 0, char_start, char_end)."""

    question: str
    spans: tuple[tuple[int, int, int], ...]


@dataclass
class QuestionsResult:
    """The questions a call named, and why it failed when it did ("" when it did not)."""

    slots: list[AnsweredSlot]
    failed: str = ""


def ask_questions(
    llm: LLM, statements: Sequence[str], prompt: Prompt | None = None
) -> QuestionsResult:
    """The questions two or more of ``statements`` answer, each answer located in its
    statement; a failed call gives none and says why."""
    prompt = prompt or load_prompt(PROMPT)
    numbered = "\n".join(f"[{n}] {' '.join(s.split())}" for n, s in enumerate(statements, 1))
    rendered = prompt.render(statements=numbered)
    try:
        answer = llm.generate(
            rendered, PointQuestions, stage="questions", context={"statements": list(statements)}
        )
    except (ModelCallError, ModelOutputError) as exc:
        return QuestionsResult([], failed=str(exc)[:200])
    slots: list[AnsweredSlot] = []
    for question in answer.questions:
        spans: list[tuple[int, int, int]] = []
        for item in question.answers:
            where = locate(item.words, statements[item.statement - 1])
            if where is not None:
                spans.append((item.statement - 1, *where))
        if len({s for s, _, _ in spans}) >= 2:
            slots.append(AnsweredSlot(" ".join(question.question.split()), tuple(spans)))
    return QuestionsResult(slots)
