"""Verify a draft against its sources: is each claim of the draft backed,
contradicted, or simply not stated by the source texts?

Per draft claim: retrieve the ``top_k`` most similar source sentences
(lexical, no model call), have the judge write one yes/no question about
the draft claim alone, answer it from the draft claim, then from each
retrieved sentence in turn, and compare the answers as the reconciler does.

Each sentence is answered on its own, not a passage of all ``top_k``
together. The answer prompt is written for one sentence ("use only that
sentence"), a finding then points at the exact sentence that disagrees,
and answering stops at the first sentence that gives the same answer, so
a supported claim usually costs three calls, not ``2 + top_k``. The price is
that a fact split across two sentences is read as unstated.

Verdict rule, in order (a documented choice, not the only possible one):

1. ``supported``: some retrieved sentence gives the draft's answer. Support
   wins over a disagreeing sentence elsewhere because the small judge says
   "no" to merely related sentences far more often than it says "yes" to
   unrelated ones.
2. ``unverified``: a judge call failed, or the draft claim does not answer
   its own question (the question is unusable), so nothing can be settled.
3. ``contradicted``: a sentence gives a different definite answer, or puts
   as possible what the draft states as fact (a certainty mismatch).
4. ``unsupported``: no retrieved sentence addresses the question.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Literal

from factcheck.errors import ConfigurationError, FactcheckError
from factcheck.evaluation.retrieval import Evidence, SentenceIndex
from factcheck.ingest.sentences import split_sentences
from factcheck.reconcile import JudgeLike, classify
from factcheck.reconcile.deterministic import novel_names
from factcheck.reconcile.reconciler import PairJudgement, judge_pair, side_of
from factcheck.schemas import (
    Answer,
    Article,
    ArticleInfo,
    Claim,
    ClaimSupport,
    ContradictionKind,
    Finding,
    FindingCategory,
    Problem,
    Report,
    RunInfo,
    Sentence,
    claim_id,
    finding_id,
)

__all__ = [
    "ClaimCheck",
    "ClaimVerdict",
    "VerifyResult",
    "every_sentence",
    "evidence_claim",
    "sentence_claims",
    "verify_claims",
    "verify_sentences",
]

log = logging.getLogger(__name__)

ClaimVerdict = Literal["supported", "contradicted", "unsupported", "unverified"]

# Answers that address the question; any of them differing from the draft's is a clash.
_ADDRESSES = frozenset({"yes", "no", "uncertain"})
# A yes/no clash says more than one involving "uncertain" (as in the reconciler).
_STRENGTH = {frozenset({"yes", "no"}): 2}
_MAX_STATEMENT = 400


@dataclass(frozen=True)
class ClaimCheck:
    """Everything that was asked about one draft claim, and the verdict."""

    claim: Claim
    verdict: ClaimVerdict
    question: str | None = None
    claim_answer: Answer | None = None
    evidence: tuple[Evidence, ...] = ()
    evidence_answers: tuple[Answer, ...] = ()
    """Aligned with ``evidence``; shorter when answering stopped at a match."""
    deciding: Evidence | None = None
    """The sentence that supports or contradicts the claim, when one does."""
    finding: Finding | None = None
    """For a contradicted claim: the draft and the deciding sentence side by side."""
    note: str = ""


@dataclass
class VerifyResult:
    """Per-claim verdicts, findings for contradicted claims, and problems met."""

    checks: list[ClaimCheck]
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: list[Article] = field(default_factory=list)

    def with_verdict(self, verdict: ClaimVerdict) -> list[Claim]:
        return [check.claim for check in self.checks if check.verdict == verdict]

    @property
    def supported(self) -> list[Claim]:
        return self.with_verdict("supported")

    @property
    def contradicted(self) -> list[Claim]:
        return self.with_verdict("contradicted")

    @property
    def unsupported(self) -> list[Claim]:
        return self.with_verdict("unsupported")

    @property
    def unverified(self) -> list[Claim]:
        return self.with_verdict("unverified")

    def to_report(self, run: RunInfo, *, draft: Article | None = None) -> Report:
        """The same :class:`Report` the cross-article check produces.

        The draft's claims are the report's claims; a supported claim's
        corroboration names the source article of the sentence that backed it
        (answering stops at the first), so unsupported claims read as
        single-source. Evidence sentences appear only as the
        sides of findings: they are not claims anyone extracted.
        """
        findings_of: dict[str, list[str]] = {}
        for finding in self.findings:
            findings_of.setdefault(finding.sides[0].claim_id, []).append(finding.id)
        corroboration = [
            ClaimSupport(
                claim_id=check.claim.id,
                article_id=check.claim.article_id,
                supporting_article_ids=(
                    [check.deciding.article_id]
                    if check.verdict == "supported" and check.deciding
                    else []
                ),
                contradicted_by=sorted(findings_of.get(check.claim.id, [])),
            )
            for check in self.checks
        ]
        articles = [ArticleInfo.of(a) for a in self.sources]
        if draft is not None:
            articles.insert(0, ArticleInfo.of(draft, len(self.checks)))
        return Report(
            articles=articles,
            claims=[check.claim for check in self.checks],
            findings=self.findings,
            corroboration=corroboration,
            problems=self.problems,
            run=run,
        )


def evidence_claim(evidence: Evidence) -> Claim:
    """A source sentence as a claim the judge can answer from: in the
    article's own voice, firm, quoting the sentence at its offsets."""
    sentence = evidence.sentence
    text = " ".join(sentence.text.split())
    statement = text if len(text) <= _MAX_STATEMENT else text[: _MAX_STATEMENT - 3] + "..."
    return Claim(
        id=claim_id(evidence.article_id, sentence.char_start, sentence.char_end, statement),
        article_id=evidence.article_id,
        statement=statement,
        quote=sentence.text,
        char_start=sentence.char_start,
        char_end=sentence.char_end,
        line=sentence.line,
        attributed_to="the outlet",
        modality="asserted",
    )


def _query_text(claim: Claim) -> str:
    parts = [claim.statement, claim.quote, claim.subject, claim.object, claim.topic]
    return " ".join(dict.fromkeys(p for p in parts if p))


class _Verifier:
    def __init__(
        self, judge: JudgeLike, index: SentenceIndex, top_k: int, source_texts: list[str]
    ) -> None:
        self.judge = judge
        self.index = index
        self.top_k = top_k
        self.source_texts = source_texts

    def check(self, claim: Claim) -> tuple[ClaimCheck, Problem | None]:
        evidence = tuple(self.index.top(_query_text(claim), self.top_k))
        if not evidence:
            # Not a single content word in common: nothing the judge could read it from.
            return ClaimCheck(claim, "unsupported", note="no source sentence shares a word"), None
        novel = novel_names(claim.quote, self.source_texts)
        if novel:
            # An exact check before any model call: names and figures the
            # sources never mention cannot be supported by them.
            note = "the sources never mention " + ", ".join(novel[:5])
            return ClaimCheck(claim, "unsupported", evidence=evidence, note=note), None
        try:
            question = self.judge.question([claim])
            claim_answer = self.judge.answer(question, claim)
        except FactcheckError as exc:
            log.warning("no question for claim %s: %s", claim.id, exc)
            return ClaimCheck(claim, "unverified", evidence=evidence, note=str(exc)), _failed(
                claim, f"the judge failed: {exc}"
            )
        base = ClaimCheck(claim, "unverified", question, claim_answer, evidence)
        if claim_answer == "unverified":
            return base, _failed(claim, "the judge could not answer for the claim itself")
        if claim_answer == "not_stated":
            return replace(base, note="the claim does not answer its own question"), _failed(
                claim, f'the question "{question}" does not fit the claim; it was not checked'
            )

        answers: list[Answer] = []
        exact: list[tuple[Evidence, Answer, PairJudgement]] = []
        for item in evidence:
            try:
                answer = self.judge.answer(question, evidence_claim(item))
            except FactcheckError as exc:
                log.warning("no answer for evidence of claim %s: %s", claim.id, exc)
                answer = "unverified"
            answers.append(answer)
            if answer == claim_answer:
                # Same answer; the exact checks (a negated key term, a hedge
                # against a firm statement) may still find what the model missed.
                judgement = judge_pair(claim, evidence_claim(item), claim_answer, answer, question)
                if judgement.verdict == "agree":
                    return replace(
                        base, verdict="supported", evidence_answers=tuple(answers), deciding=item
                    ), None
                exact.append((item, answer, judgement))
        checked = replace(base, evidence_answers=tuple(answers))
        if exact:
            deciding, answer, judgement = exact[0]
            finding = _finding(question, claim, claim_answer, deciding, answer, judgement)
            return replace(
                checked, verdict="contradicted", deciding=deciding, finding=finding
            ), None
        if "unverified" in answers:
            return checked, _failed(claim, "a judge call on its evidence failed")
        clashes = [(e, a) for e, a in zip(evidence, answers, strict=True) if a in _ADDRESSES]
        if clashes:
            # The strongest clash, then the most similar sentence (clashes keep rank order).
            deciding, answer = max(
                clashes, key=lambda ea: _STRENGTH.get(frozenset({claim_answer, ea[1]}), 0)
            )
            finding = _finding(question, claim, claim_answer, deciding, answer)
            return replace(
                checked, verdict="contradicted", deciding=deciding, finding=finding
            ), None
        return replace(checked, verdict="unsupported"), None


def _failed(claim: Claim, reason: str) -> Problem:
    return Problem(
        kind="judge_failed",
        article_id=claim.article_id,
        message=f"claim {claim.id} could not be verified: {reason}",
    )


def _confidence(draft: Claim, draft_answer: Answer, evidence: Evidence, answer: Answer) -> float:
    """A heuristic, not a calibrated probability: a yes/no clash, a firm
    draft claim and a close lexical match each add to it."""
    score = 0.45
    if {draft_answer, answer} <= {"yes", "no"}:
        score += 0.2
    if draft.modality in ("asserted", "reported"):
        score += 0.15
    score += min(0.15, evidence.score * 0.2)
    return round(min(score, 0.95), 2)


def _explain(
    category: FindingCategory,
    kind: ContradictionKind,
    question: str,
    draft: Claim,
    draft_answer: Answer,
    evidence: Evidence,
    answer: Answer,
) -> str:
    head = (
        f'Asked "{question}", {draft.article_id} ({draft.attributed_to}) says '
        f"{draft_answer.replace('_', ' ')}; sentence {evidence.sentence.index} of "
        f"{evidence.article_id} says {answer.replace('_', ' ')}."
    )
    if category == "tension":
        tail = (
            f" Not necessarily an error: the draft reports what {draft.attributed_to} wants or "
            "judges, the source what is the case."
        )
    elif kind == "certainty":
        tail = " One puts it as settled, the other only as possible."
    elif kind == "degree":
        tail = " They disagree on how far it goes."
    else:
        tail = " The source does not bear the draft out."
    return (head + tail)[:400]


def _finding(
    question: str,
    draft: Claim,
    draft_answer: Answer,
    evidence: Evidence,
    answer: Answer,
    judgement: PairJudgement | None = None,
) -> Finding:
    source = evidence_claim(evidence)
    basis = judgement.basis if judgement else "answers"
    category, kind, severity = classify(draft, source, draft_answer, answer, question, basis)
    return Finding(
        id=finding_id(kind, [(c.article_id, c.char_start, c.char_end) for c in (draft, source)]),
        category=category,
        kind=kind,
        severity=severity,
        confidence=_confidence(draft, draft_answer, evidence, answer),
        question=question,
        explanation=_explain(category, kind, question, draft, draft_answer, evidence, answer)
        if judgement is None
        else (
            f"Sentence {evidence.sentence.index} of {evidence.article_id} addresses the same "
            f"point, but {judgement.detail}."
        )[:400],
        method="llm_judge" if basis == "answers" else "deterministic",
        sides=[side_of(draft, draft_answer), side_of(source, answer)],
    )


def verify_claims(
    draft_claims: Sequence[Claim],
    sources: Sequence[Article],
    judge: JudgeLike,
    *,
    top_k: int = 3,
    concurrency: int = 2,
) -> VerifyResult:
    """Check each draft claim against the sentences of ``sources``.

    Model calls: at most ``2 + top_k`` per claim, none for a claim that
    shares no content word with any source sentence.
    """
    if top_k < 1:
        raise ConfigurationError(f"top_k must be at least 1, not {top_k}")
    verifier = _Verifier(judge, SentenceIndex(sources), top_k, [a.text for a in sources])
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        outcomes = list(pool.map(verifier.check, draft_claims))
    checks = [check for check, _ in outcomes]
    findings = {c.finding.id: c.finding for c in checks if c.finding is not None}
    return VerifyResult(
        checks=checks,
        findings=sorted(findings.values(), key=lambda f: f.id),
        problems=[problem for _, problem in outcomes if problem is not None],
        sources=list(sources),
    )


def every_sentence(text: str) -> list[Sentence]:
    """The sentences of ``text``, including what ingest would skip.

    Ingest leaves out lines that look like headings (a short line with no
    full stop), which is right for articles; in a summary such a line is
    still something the summary asserts, so it is kept as a sentence.
    """
    found = split_sentences(text)
    lines_with_sentences = {s.line for s in found}
    extra: list[Sentence] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if number in lines_with_sentences or not any(c.isalnum() for c in stripped):
            continue
        first = line_start + line.index(stripped)
        extra.append(
            Sentence(
                index=1,
                char_start=first,
                char_end=first + len(stripped),
                line=number,
                text=stripped,
            )
        )
    ordered = sorted([*found, *extra], key=lambda s: s.char_start)
    return [s.model_copy(update={"index": n}) for n, s in enumerate(ordered, start=1)]


def sentence_claims(text: str, *, article_id: str = "summary") -> list[Claim]:
    """Each sentence of ``text`` as a claim of its own, with no extraction
    call: statement and quote are the sentence, offsets point into ``text``."""
    claims = []
    for sentence in every_sentence(text):
        statement = " ".join(sentence.text.split())
        if len(statement) < 3:
            continue
        statement = statement[:_MAX_STATEMENT]
        claims.append(
            Claim(
                id=claim_id(article_id, sentence.char_start, sentence.char_end, statement),
                article_id=article_id,
                statement=statement,
                quote=sentence.text,
                char_start=sentence.char_start,
                char_end=sentence.char_end,
                line=sentence.line,
                attributed_to="the summary",
                modality="asserted",
            )
        )
    return claims


def verify_sentences(
    summary: str,
    doc: Article | str,
    judge: JudgeLike,
    *,
    top_k: int = 3,
    concurrency: int = 2,
    summary_id: str = "summary",
    doc_id: str = "document",
) -> VerifyResult:
    """The SummEdits case: every sentence of ``summary`` checked against ``doc``."""
    source = (
        doc
        if isinstance(doc, Article)
        else Article(id=doc_id, text=doc, sentences=split_sentences(doc))
    )
    return verify_claims(
        sentence_claims(summary, article_id=summary_id),
        [source],
        judge,
        top_k=top_k,
        concurrency=concurrency,
    )
