"""Reconciliation: line claims up across articles and flag where they disagree."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from factcheck.errors import FactcheckError
from factcheck.extract.hedging import is_firm, states_decision
from factcheck.reconcile.blocking import Block, block_claims, similarities
from factcheck.reconcile.deterministic import (
    ExactConflict,
    common_terms,
    exact_conflicts,
    polarity_conflict,
)
from factcheck.reconcile.embeddings import Embedder
from factcheck.reconcile.judge import compare_answers
from factcheck.schemas import (
    Answer,
    Claim,
    ClaimGroup,
    ClaimSupport,
    ContradictionKind,
    Finding,
    FindingCategory,
    FindingSide,
    Problem,
    Severity,
    Verdict,
    finding_id,
)

__all__ = [
    "JudgeLike",
    "PairJudgement",
    "ReconcileResult",
    "Reconciler",
    "classify",
    "judge_pair",
    "same_source",
    "side_of",
]

log = logging.getLogger(__name__)

_DEGREE_CUES = re.compile(
    r"\b(like|akin|similar|mirror\w*|equal\w*|equivalent|level|on par|match\w*|short of|"
    r"fall\w* short|same as|comparable|as strong as)\b",
    re.IGNORECASE,
)
_NOT_FACT = frozenset({"demand", "opinion", "speculative"})
_DEFINITE = frozenset({"yes", "no"})
# Which answer pairs say more: a yes/no clash beats one involving "uncertain".
_STRENGTH = {frozenset({"yes", "no"}): 2, frozenset({"yes", "uncertain"}): 1,
             frozenset({"no", "uncertain"}): 1}  # fmt: skip


class JudgeLike(Protocol):
    def question(self, claims: list[Claim]) -> str: ...

    def answer(self, question: str, claim: Claim) -> Answer: ...


@dataclass
class ReconcileResult:
    groups: list[ClaimGroup] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    corroboration: list[ClaimSupport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def classify(
    a: Claim, b: Claim, answer_a: Answer, answer_b: Answer, question: str, basis: str = "answers"
) -> tuple[FindingCategory, ContradictionKind, Severity]:
    """Category, kind and severity of a disagreement between two claims."""
    if basis == "polarity":
        kind: ContradictionKind = (
            "degree"
            if _DEGREE_CUES.search(question) or _DEGREE_CUES.search(a.quote + " " + b.quote)
            else "negation"
        )
    elif "uncertain" in (answer_a, answer_b) or {a.modality, b.modality} & {"hedged"}:
        kind = "certainty"
    elif _DEGREE_CUES.search(question) or _DEGREE_CUES.search(a.quote + " " + b.quote):
        kind = "degree"
    else:
        kind = "negation"
    different_speakers = a.attributed_to.lower() != b.attributed_to.lower()
    # A demand and a description of what is on the table are two different
    # things; neither outlet is wrong, so this is a tension, not a contradiction.
    if different_speakers and {a.modality, b.modality} & _NOT_FACT:
        return "tension", kind, "low"
    firm = {a.modality, b.modality} <= {"asserted", "reported"}
    severity: Severity = "high" if firm and kind != "certainty" else "medium"
    return "contradiction", kind, severity


_FIRM = frozenset({"asserted", "reported"})


@dataclass(frozen=True)
class PairJudgement:
    """The verdict on two claims of one block and what it rests on."""

    verdict: Verdict
    basis: str = "answers"
    """"answers" (the judge's answers differ), "modality" (same answer, one put
    as fact and one as possibility), "polarity" (one quote negates a key term
    the other affirms)."""
    detail: str = ""


SAME_PROPOSITION_MARGIN = 0.2
"""How far above the blocking threshold two claims must be to count as the
same proposition, which the hedge-against-firm check needs: a hedge on one
fact says nothing about another fact in the same block."""


def judge_pair(
    a: Claim,
    b: Claim,
    answer_a: Answer,
    answer_b: Answer,
    question: str,
    *,
    same_proposition: bool = True,
    common: frozenset[str] = frozenset(),
) -> PairJudgement:
    """Combine the judge's answers with exact checks on the quotes.

    The answers decide whether the claims address the question at all
    ("not_stated" means unrelated). When both address it and the answers
    agree, two exact checks can still find a disagreement the small model
    glosses over: a hedge against a firm statement, and a negated key term
    (``common`` terms, which name the whole story, are not key terms).
    """
    verdict = compare_answers(answer_a, answer_b)
    if verdict == "contradict" and "uncertain" in (answer_a, answer_b):
        unsure, other = (a, b) if answer_a == "uncertain" else (b, a)
        # "Uncertain" against "yes" is a certainty disagreement only when the
        # words bear it out, as for the exact check below: the same source,
        # the same proposition, a softening word on the uncertain side and
        # none on the other. On the seeds every "uncertain" finding without
        # that backing was wrong (the model answers "uncertain" to claims that
        # do not address the question), so the pair is left uncompared.
        backed = (
            same_proposition
            and same_source(a, b)
            and not is_firm(unsure.statement, unsure.quote)
            and _firm_act(other)
        )
        if not backed:
            return PairJudgement("unrelated")
    if verdict != "agree":
        return PairJudgement(verdict)
    term = polarity_conflict(
        a.quote, b.quote, question, statements=(a.statement, b.statement), common=common
    )
    if term:
        return PairJudgement("contradict", "polarity", f'one negates "{term}", the other does not')
    if same_proposition and same_source(a, b):
        hedged, firm = (a, b) if a.modality == "hedged" else (b, a)
        if hedged.modality == "hedged" and _firm_act(firm):
            return PairJudgement("contradict", "modality", "one is firm, the other hedged")
    return PairJudgement("agree")


def _firm_act(claim: Claim) -> bool:
    """The firm side of a certainty contradiction: put firmly, with no softening
    word, and stating a decided or completed act ("has announced", "chose to
    give up"), not a state of affairs ("some members are opposed")."""
    return (
        claim.modality in _FIRM
        and is_firm(claim.statement, claim.quote)
        and states_decision(claim.statement, claim.quote)
    )


def _surname(speaker: str) -> str:
    words = re.findall(r"[a-z]+", speaker.lower())
    return words[-1][:6] if words else ""


def same_source(a: Claim, b: Claim) -> bool:
    """Whether two claims can be about one source's position: the same speaker
    (spelling aside: "Zelenskyy", "Ukrainian President Volodymyr Zelensky"),
    or one outlet speaking in its own voice.

    "Zelenskyy announced X" against "Zelenskyy may do X" is a certainty
    contradiction; Russia insisting on X against Zelenskyy weighing X is not.
    """
    if "the outlet" in (a.attributed_to, b.attributed_to):
        return True
    return _surname(a.attributed_to) == _surname(b.attributed_to) != ""


def side_of(claim: Claim, answer: Answer | None) -> FindingSide:
    """A claim as one side of a finding."""
    return FindingSide(
        claim_id=claim.id,
        article_id=claim.article_id,
        attributed_to=claim.attributed_to,
        modality=claim.modality,
        statement=claim.statement,
        quote=claim.quote,
        char_start=claim.char_start,
        char_end=claim.char_end,
        line=claim.line,
        answer=answer,
    )


def _explain(
    category: FindingCategory, kind: ContradictionKind, a: Claim, b: Claim,
    answer_a: Answer, answer_b: Answer, question: str, judgement: PairJudgement,
) -> str:  # fmt: skip
    if judgement.basis == "answers":
        head = (
            f'Asked "{question}", {a.article_id} ({a.attributed_to}) says '
            f"{answer_a.replace('_', ' ')} and {b.article_id} ({b.attributed_to}) says "
            f"{answer_b.replace('_', ' ')}."
        )
    else:
        head = f"{a.article_id} and {b.article_id} address the same point, but {judgement.detail}."
    if category == "tension":
        wish, fact = (a, b) if a.modality in _NOT_FACT else (b, a)
        tail = (
            f" Not necessarily an error: {wish.article_id} reports what {wish.attributed_to} "
            f"wants or judges ({wish.modality}), {fact.article_id} what {fact.attributed_to} "
            "presents as the situation."
        )
    elif kind == "certainty":
        tail = " One puts it as settled, the other only as possible or under consideration."
    elif kind == "degree":
        tail = " They disagree on how far it goes, not only on whether it happened."
    else:
        tail = " Both cannot be true."
    return (head + tail)[:400]


def _confidence(answer_a: Answer, answer_b: Answer, a: Claim, b: Claim, cohesion: float) -> float:
    """A heuristic, not a calibrated probability: definite answers, firm
    modality and a tight block each add to it."""
    score = 0.45
    if {answer_a, answer_b} <= _DEFINITE:
        score += 0.2
    if {a.modality, b.modality} <= {"asserted", "reported"}:
        score += 0.15
    score += min(0.15, cohesion * 0.2)
    return round(min(score, 0.95), 2)


def _pair_finding(
    a: Claim,
    b: Claim,
    answer_a: Answer | None,
    answer_b: Answer | None,
    question: str,
    judgement: PairJudgement,
    cohesion: float,
) -> Finding:
    """The finding for a pair judged to disagree; ``None`` answers mean the
    pair was never put to the judge (an exact check outside the blocks)."""
    ans_a, ans_b = answer_a or "not_stated", answer_b or "not_stated"
    category, kind, severity = classify(a, b, ans_a, ans_b, question, judgement.basis)
    return Finding(
        id=finding_id(kind, [(c.article_id, c.char_start, c.char_end) for c in (a, b)]),
        category=category,
        kind=kind,
        severity=severity,
        confidence=_confidence(ans_a, ans_b, a, b, cohesion),
        question=question,
        explanation=_explain(category, kind, a, b, ans_a, ans_b, question, judgement),
        method="llm_judge" if judgement.basis == "answers" else "deterministic",
        sides=[side_of(a, answer_a), side_of(b, answer_b)],
    )


def _exact_pair_findings(
    claims: Sequence[Claim],
    sims: list[list[float]],
    cut: float,
    co_blocked: set[frozenset[str]],
    common: frozenset[str],
) -> list[Finding]:
    """Exact checks on similar pairs that share no block.

    They cost no model call, so they run on every pair of similar claims from
    different articles, not only within the judge's blocks: a claim sits in
    at most a few blocks, and its closest match on one point ("would not
    reach the level of Article 5" against "similar to Article 5") may be in
    none of them.
    """
    found: list[Finding] = []
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if (
                a.article_id == b.article_id
                or sims[i][j] < cut
                or frozenset((a.id, b.id)) in co_blocked
            ):
                continue
            term = polarity_conflict(
                a.quote, b.quote, statements=(a.statement, b.statement), common=common
            )
            if term:
                judgement = PairJudgement(
                    "contradict", "polarity", f'one negates "{term}", the other does not'
                )
                question = f'Do both passages say the same about "{term}"?'
                found.append(_pair_finding(a, b, None, None, question, judgement, sims[i][j]))
            found.extend(
                _figure_finding(a, b, conflict, "", None, None)
                for conflict in exact_conflicts([a, b])
            )
    return found


def _figure_finding(
    a: Claim,
    b: Claim,
    conflict: ExactConflict,
    question: str,
    answer_a: Answer | None,
    answer_b: Answer | None,
) -> Finding:
    """A finding for counts or days that differ between two claims."""
    return Finding(
        id=finding_id(conflict.kind, [(c.article_id, c.char_start, c.char_end) for c in (a, b)]),
        category="contradiction",
        kind=conflict.kind,
        severity="medium",
        confidence=0.9,
        question=question or f"What {conflict.kind} is right?",
        explanation=(
            f"{a.article_id} and {b.article_id} give different figures on the same point: "
            f"{conflict.detail}."
        )[:400],
        method="deterministic",
        sides=[side_of(a, answer_a), side_of(b, answer_b)],
    )


class Reconciler:
    """Blocks claims, has the judge answer one question per block, compares answers."""

    def __init__(
        self,
        judge: JudgeLike,
        *,
        concurrency: int = 2,
        embedder: Embedder | None = None,
        threshold: float | None = None,
        max_block: int = 6,
    ) -> None:
        self.judge = judge
        self.embedder = embedder
        self.concurrency = max(1, concurrency)
        self.threshold = threshold
        self.max_block = max_block

    def reconcile(
        self,
        claims: Sequence[Claim],
        *,
        on_progress: Callable[[str, int, int], None] | None = None,
    ) -> ReconcileResult:
        claims = list(claims)
        result = ReconcileResult()
        sims, default_cut = similarities(claims, self.embedder)
        cut = default_cut if self.threshold is None else self.threshold
        blocks = block_claims(
            claims,
            embedder=self.embedder,
            threshold=cut,
            max_block=self.max_block,
            sims=sims,
        )
        index_of = {id(c): k for k, c in enumerate(claims)}
        common = common_terms([c.statement for c in claims])
        questions = self._ask_questions(claims, blocks, result, on_progress)
        answers = self._answer(claims, blocks, questions, on_progress)

        support: dict[str, set[str]] = {c.id: set() for c in claims}
        supporters: dict[str, set[str]] = {c.id: set() for c in claims}
        contradicted: dict[str, set[str]] = {c.id: set() for c in claims}
        findings: dict[str, Finding] = {}

        for number, block in enumerate(blocks, start=1):
            question = questions.get(number)
            members = [claims[k] for k in block.members]
            group_answers = {c.id: answers.get((number, c.id), "unverified") for c in members}
            group_id = (
                "G-"
                + hashlib.sha256(
                    "|".join(sorted(f"{c.article_id}:{c.char_start}" for c in members)).encode()
                ).hexdigest()[:8]
            )
            result.groups.append(
                ClaimGroup(
                    id=group_id,
                    question=question or "(no question: the judge failed)",
                    claim_ids=[c.id for c in members],
                    answers=group_answers,
                )
            )
            best: dict[tuple[str, str], tuple[int, Claim, Claim, PairJudgement]] = {}
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if a.article_id == b.article_id:
                        continue
                    ans_a, ans_b = group_answers[a.id], group_answers[b.id]
                    similar = sims[index_of[id(a)]][index_of[id(b)]]
                    same_proposition = similar >= cut + SAME_PROPOSITION_MARGIN
                    judgement = judge_pair(
                        a, b, ans_a, ans_b, question or "",
                        same_proposition=same_proposition, common=common,
                    )  # fmt: skip
                    verdict = judgement.verdict
                    if verdict == "agree" and same_proposition:
                        # Support means another outlet states the same thing: two
                        # claims that both say "yes" to a broad question are not
                        # that (the small judge says "yes" to nearly everything).
                        support[a.id].add(b.article_id)
                        support[b.id].add(a.article_id)
                        supporters[a.id].add(b.id)
                        supporters[b.id].add(a.id)
                    elif verdict == "contradict" and question:
                        pair = (min(a.article_id, b.article_id), max(a.article_id, b.article_id))
                        strength = _STRENGTH.get(frozenset({ans_a, ans_b}), 0)
                        if pair not in best or strength > best[pair][0]:
                            best[pair] = (strength, a, b, judgement)
            for _, a, b, judgement in best.values():
                finding = _pair_finding(
                    a, b, group_answers[a.id], group_answers[b.id], question or "", judgement,
                    block.cohesion,
                )  # fmt: skip
                findings[finding.id] = finding
            for conflict in exact_conflicts(members):
                a, b = members[conflict.first], members[conflict.second]
                finding = _figure_finding(
                    a, b, conflict, question or "", group_answers[a.id], group_answers[b.id]
                )
                findings.setdefault(finding.id, finding)

        co_blocked = {
            frozenset((claims[x].id, claims[y].id))
            for block in blocks
            for x in block.members
            for y in block.members
            if x != y
        }
        for finding in _exact_pair_findings(claims, sims, cut, co_blocked, common):
            findings.setdefault(finding.id, finding)

        for finding in findings.values():
            for side in finding.sides:
                contradicted[side.claim_id].add(finding.id)
        result.findings = sorted(
            findings.values(),
            key=lambda f: (f.category, -{"high": 3, "medium": 2, "low": 1}[f.severity], f.id),
        )
        result.corroboration = [
            ClaimSupport(
                claim_id=c.id,
                article_id=c.article_id,
                supporting_article_ids=sorted(support[c.id]),
                supporting_claim_ids=sorted(supporters[c.id]),
                contradicted_by=sorted(contradicted[c.id]),
            )
            for c in claims
        ]
        return result

    def _ask_questions(
        self,
        claims: list[Claim],
        blocks: list[Block],
        result: ReconcileResult,
        on_progress: Callable[[str, int, int], None] | None,
    ) -> dict[int, str]:
        def ask(item: tuple[int, Block]) -> tuple[int, str | None]:
            number, block = item
            try:
                return number, self.judge.question([claims[k] for k in block.members])
            except FactcheckError as exc:
                log.warning("no question for block %d: %s", number, exc)
                result.problems.append(
                    Problem(
                        kind="judge_failed",
                        message=f"claims {', '.join(claims[k].id for k in block.members)} "
                        f"could not be compared: {exc}",
                    )
                )
                return number, None

        questions: dict[int, str] = {}
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            for done, (number, question) in enumerate(
                pool.map(ask, enumerate(blocks, start=1)), start=1
            ):
                if question:
                    questions[number] = question
                if on_progress:
                    on_progress("questions", done, len(blocks))
        return questions

    def _answer(
        self,
        claims: list[Claim],
        blocks: list[Block],
        questions: dict[int, str],
        on_progress: Callable[[str, int, int], None] | None,
    ) -> dict[tuple[int, str], Answer]:
        jobs = [
            (number, questions[number], claims[k])
            for number, block in enumerate(blocks, start=1)
            if number in questions
            for k in block.members
        ]

        def run(job: tuple[int, str, Claim]) -> tuple[tuple[int, str], Answer]:
            number, question, claim = job
            return (number, claim.id), self.judge.answer(question, claim)

        answers: dict[tuple[int, str], Answer] = {}
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            for done, (key, answer) in enumerate(pool.map(run, jobs), start=1):
                answers[key] = answer
                if on_progress:
                    on_progress("answers", done, len(jobs))
        return answers
