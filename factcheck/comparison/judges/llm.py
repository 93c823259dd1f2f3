"""The LLM as judge, behind the gate of the typed checks and the contradiction model.

For each point of the story with a flag (a typed or certainty difference, a dispute, or a
pair only the contradiction model flags), one structured call (``prompts/judge_point.yaml``)
decides: contradiction, tension (e.g. what is sought against what is on offer) or
compatible (different aspects, or one fact in other words), with the kind, the point at
issue, a one-sentence explanation and the two quotes it rests on. The quotes must be
verbatim from the point's statements: the validator reads them from instructor's validation
context, so a made-up quote is re-asked, and a call that still fails is counted
(``judge_failed``) and leaves the typed checks' and the model's result as it was.

What the judge decides is what the report shows, the earlier evidence kept beside it:

- a finding of the point keeps its id (so review decisions survive), its sides and its
  ``differences``; its category becomes the judge's decision, its ``method`` ``llm_judge``
  and ``flagged_by`` what raised it. A typed dispute the judge calls compatible is kept as a
  ``compatible`` finding (not a dispute, not in the exit code), so a reviewer sees both;
- a point with no finding whose worth-a-look pair the judge calls a contradiction or a
  tension gets a new finding (method ``llm_judge``, flagged by the contradiction model) on
  the two claims it cites, and leaves the worth-a-look list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from factcheck.comparison.findings import build_finding, fit_explanation, severity
from factcheck.errors import ModelCallError, ModelOutputError
from factcheck.llm import LLM, Prompt, load_prompt
from factcheck.schemas import (
    Claim,
    ContradictionKind,
    Finding,
    JudgeDecision,
    Point,
    PointFlag,
    PointJudgement,
    PointStatement,
    Problem,
    WorthALook,
)

__all__ = ["PROMPT", "JudgeResult", "PointVerdict", "judge_points", "needs_judge", "verbatim"]

PROMPT = "judge_point"


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def verbatim(quote: str, statements: Sequence[tuple[str, str, str]]) -> list[int]:
    """Indices of the statements (claim id, article id, quote) whose quote holds ``quote``
    word for word (spacing and curly marks aside)."""
    wanted = _normal(quote).strip(" \"'….")
    if len(wanted) < 3:
        return []
    return [n for n, (_, _, text) in enumerate(statements) if wanted in _normal(text)]


class PointVerdict(BaseModel):
    """The judge's answer on one point."""

    model_config = ConfigDict(extra="forbid")

    decision: JudgeDecision
    kind: ContradictionKind
    point_at_issue: Annotated[str, Field(min_length=3, max_length=200)]
    explanation: Annotated[str, Field(min_length=3, max_length=400)]
    quote_a: Annotated[str, Field(min_length=3, max_length=600)]
    quote_b: Annotated[str, Field(min_length=3, max_length=600)]

    @model_validator(mode="after")
    def _quotes_are_verbatim(self, info: ValidationInfo) -> PointVerdict:
        context: dict[str, Any] | None = info.context if info else None
        statements = (context or {}).get("statements")
        if statements is None:
            return self
        a, b = verbatim(self.quote_a, statements), verbatim(self.quote_b, statements)
        for name, found in (("quote_a", a), ("quote_b", b)):
            if not found:
                raise ValueError(
                    f"{name} is not word for word in any statement: copy the words exactly "
                    "from one numbered statement"
                )
        if not any(x != y for x in a for y in b):
            raise ValueError("quote_a and quote_b must come from two different statements")
        return self


@dataclass
class JudgeResult:
    points: list[Point] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    worth_a_look: list[WorthALook] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    calls: int = 0


def needs_judge(point: Point) -> bool:
    """A point with a flag: a typed or certainty difference, a worth-a-look pair, a finding."""
    return bool(point.flags)


def _flags(point: Point, number: dict[str, int]) -> str:
    lines = []
    for flag in point.flags:
        pair = " and ".join(f"[{number[c]}]" for c in flag.claim_ids if c in number)
        if flag.flag == "typed_difference":
            lines.append(f"- a typed check on the parse: {pair} differ on {flag.detail}")
        elif flag.flag == "certainty_difference":
            lines.append(f"- {pair}: one proposition put as settled and as possible")
        elif flag.flag == "worth_a_look":
            lines.append(
                f"- a contradiction model (little accuracy on news) scores {pair} as "
                f"contradicting ({flag.detail})"
            )
    return "\n".join(lines) or "- none"


def _statements(point: Point) -> str:
    return "\n".join(
        f"[{n}] outlet {s.article_id} ({s.attributed_to}, {s.modality}): "
        f'"{" ".join(s.quote.split())}"'
        for n, s in enumerate(point.statements, 1)
    )


def _pick(
    verdict: PointVerdict, statements: Sequence[PointStatement]
) -> tuple[PointStatement, PointStatement]:
    triples = [(s.claim_id, s.article_id, s.quote) for s in statements]
    a, b = verbatim(verdict.quote_a, triples), verbatim(verdict.quote_b, triples)
    pairs = [(x, y) for x in a for y in b if x != y]
    # Two outlets where the quotes allow it.
    pairs.sort(key=lambda p: statements[p[0]].article_id == statements[p[1]].article_id)
    x, y = pairs[0]
    return statements[x], statements[y]


def judge_points(
    points: Sequence[Point],
    findings: Sequence[Finding],
    worth_a_look: Sequence[WorthALook],
    claims: Sequence[Claim],
    llm: LLM,
    prompt: Prompt | None = None,
) -> JudgeResult:
    """The judge's decision on every flagged point, applied to the findings (see the module)."""
    prompt = prompt or load_prompt(PROMPT)
    by_claim = {c.id: c for c in claims}
    result = JudgeResult(findings=list(findings), worth_a_look=list(worth_a_look))
    failed: list[str] = []
    for point in points:
        if not needs_judge(point):
            result.points.append(point)
            continue
        number = {s.claim_id: n for n, s in enumerate(point.statements, 1)}
        rendered = prompt.render(
            point=point.heading, statements=_statements(point), flags=_flags(point, number)
        )
        triples = [(s.claim_id, s.article_id, s.quote) for s in point.statements]
        result.calls += 1
        try:
            verdict = llm.generate(
                rendered, PointVerdict, stage="judge", context={"statements": triples}
            )
        except (ModelCallError, ModelOutputError) as exc:
            failed.append(f"{point.id} ({str(exc)[:100]})")
            result.points.append(point)
            continue
        first, second = _pick(verdict, point.statements)
        judgement = PointJudgement(
            decision=verdict.decision,
            kind=verdict.kind,
            point_at_issue=" ".join(verdict.point_at_issue.split()),
            explanation=" ".join(verdict.explanation.split()),
            quote_a=verdict.quote_a,
            quote_b=verdict.quote_b,
            claim_a=first.claim_id,
            claim_b=second.claim_id,
            model=llm.model,
        )
        point = point.model_copy(update={"judgement": judgement})
        point = _apply(point, judgement, result, by_claim)
        result.points.append(point)
    if failed:
        result.problems.append(
            Problem(
                kind="judge_failed",
                count=len(failed),
                message=(
                    f"the LLM judge failed on {len(failed)} point(s); they keep the typed "
                    f"checks' and the contradiction model's result: {'; '.join(failed[:4])}"
                )[:400],
            )
        )
    return result


def _apply(
    point: Point, judgement: PointJudgement, result: JudgeResult, by_claim: dict[str, Claim]
) -> Point:
    members = set(point.claim_ids)
    mine = [n for n, f in enumerate(result.findings) if {s.claim_id for s in f.sides} <= members]
    cited = [judgement.quote_a, judgement.quote_b]
    for n in mine:
        finding = result.findings[n]
        update: dict[str, Any] = {
            "category": judgement.decision,
            "method": "llm_judge",
            "flagged_by": finding.flagged_by or finding.method,
            "explanation": fit_explanation(judgement.explanation),
            "question": judgement.point_at_issue[:300],
            "cited": cited,
            "point_id": point.id,
        }
        if not finding.differences and finding.kind != "certainty":
            update["kind"] = judgement.kind
        if judgement.decision != "contradiction":
            update["severity"] = "low"
        elif finding.category != "contradiction":
            # A tension the judge calls a contradiction is rated as one (by slot and firmness).
            first = by_claim.get(finding.sides[0].claim_id)
            other = next((by_claim.get(s.claim_id) for s in finding.sides if s.position), None)
            if first is not None and other is not None:
                kind = update.get("kind", finding.kind)
                update["severity"] = severity("contradiction", kind, first, other, lead=False)
        result.findings[n] = finding.model_copy(update=update)
    if mine or judgement.decision == "compatible":
        flags = [
            f.model_copy(update={"flag": _flag(judgement.decision)}) if f.finding_id and
            f.flag in ("dispute", "tension", "compatible") else f
            for f in point.flags
        ]  # fmt: skip
        return point.model_copy(update={"flags": flags})
    a, b = by_claim.get(judgement.claim_a), by_claim.get(judgement.claim_b)
    if a is None or b is None:
        return point
    looks = [f for f in point.flags if f.flag == "worth_a_look"]
    probability = max((f.probability or 0.0 for f in looks), default=None)
    finding = build_finding(
        lead=(a, b),
        sides=[(a, 0), (b, 1)],
        kind=judgement.kind,
        category=judgement.decision,
        probability=probability,
        explanation=judgement.explanation,
        method="llm_judge",
        question=judgement.point_at_issue,
    ).model_copy(update={"flagged_by": "contradiction_model", "cited": cited, "point_id": point.id})
    result.findings.append(finding)
    result.worth_a_look = [
        item for item in result.worth_a_look if not {s.claim_id for s in item.sides} <= members
    ]
    flag = PointFlag(flag=_flag(judgement.decision), finding_id=finding.id, detail=finding.kind)
    return point.model_copy(update={"flags": [*point.flags, flag]})


def _flag(decision: JudgeDecision) -> Literal["dispute", "tension", "compatible"]:
    if decision == "contradiction":
        return "dispute"
    return "tension" if decision == "tension" else "compatible"
