"""Verify a draft against its sources: is each claim of the draft backed,
contradicted, or simply not stated by the source texts?

Each draft claim is put to the contradiction model (:mod:`factcheck.comparison.judges.model`)
against every source text, read in sentence windows; the window with the strongest evidence
(entailment or contradiction) decides (the SummaC / MiniCheck way). No LLM call is made.

Verdict rule, in order (thresholds chosen on SummEdits news dev, ``benchmarks/calibrate.py``):

1. ``contradicted``: a sentence of the deciding window tells the same event with another
   figure, date, person in the role, status or negation (a typed check on both parses, with
   the two spans as evidence); or the deciding window's contradiction probability reaches
   ``VERIFY_CONTRADICTION_THRESHOLD``.
2. ``unsupported``: the claim names a person, place or figure that no source mentions (the
   typed facts of every source sentence: whatever the model makes of the rest, the sources
   cannot back it).
3. ``supported``: the deciding window's entailment probability reaches
   ``VERIFY_ENTAILMENT_THRESHOLD``.
4. ``unsupported``: none of these.

``unverified`` is left for a claim the model could not read (an error, counted as a
problem): never a default label.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from factcheck.comparison.checks.typed import (
    TypedDifference,
    facts_differences,
    facts_of,
    unmentioned,
)
from factcheck.comparison.findings import build_finding
from factcheck.comparison.judges.model import (
    VERIFY_CONTRADICTION_THRESHOLD,
    VERIFY_ENTAILMENT_THRESHOLD,
    ModelJudge,
    PairJudge,
)
from factcheck.errors import FactcheckError
from factcheck.ingest.sentences import split_sentences
from factcheck.nli import WindowScores
from factcheck.parse import read_facts_many
from factcheck.schemas import (
    NOT_FACT,
    STATEMENT_MAX_CHARS,
    Article,
    ArticleInfo,
    Claim,
    ClaimFacts,
    ClaimSupport,
    Finding,
    FindingCategory,
    NliLabel,
    Problem,
    Report,
    RunInfo,
    Sentence,
    claim_id,
)

__all__ = [
    "ClaimCheck",
    "ClaimVerdict",
    "Evidence",
    "VerifyResult",
    "every_sentence",
    "evidence_claim",
    "sentence_claims",
    "verify_claims",
    "verify_sentences",
]

log = logging.getLogger(__name__)

ClaimVerdict = Literal["supported", "contradicted", "unsupported", "unverified"]

# The longest statement a sentence claim keeps (the schema's limit on a statement).
_MAX_STATEMENT = STATEMENT_MAX_CHARS


@dataclass(frozen=True)
class Evidence:
    """One source sentence put to the model, with its place in its article."""

    article_id: str
    sentence: Sentence
    score: float


@dataclass(frozen=True)
class ClaimCheck:
    """Everything that was asked about one draft claim, and the verdict."""

    claim: Claim
    verdict: ClaimVerdict
    contradiction: float = 0.0
    """The contradiction probability of the deciding window."""
    entailment: float = 0.0
    """The entailment probability of the deciding window."""
    evidence: tuple[Evidence, ...] = ()
    """The sentences of the deciding window."""
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
    text = " ".join(evidence.sentence.text.split())
    statement = text if len(text) <= _MAX_STATEMENT else text[: _MAX_STATEMENT - 3] + "..."
    return _sentence_claim(evidence.article_id, evidence.sentence, statement, "the outlet")


def _sentence_claim(article_id: str, sentence: Sentence, statement: str, speaker: str) -> Claim:
    """``sentence`` as a firm claim of ``speaker``: the statement given, the sentence as its
    quote at its offsets."""
    return Claim(
        id=claim_id(article_id, sentence.char_start, sentence.char_end, statement),
        article_id=article_id,
        statement=statement,
        quote=sentence.text,
        char_start=sentence.char_start,
        char_end=sentence.char_end,
        line=sentence.line,
        attributed_to=speaker,
        modality="asserted",
    )


class _Verifier:
    def __init__(self, judge: PairJudge, sources: Sequence[Article]) -> None:
        self.judge = judge
        self.sources = [a for a in sources if a.text.strip()]
        self._facts: dict[tuple[str, int], ClaimFacts] | None = None

    @property
    def sentence_facts(self) -> dict[tuple[str, int], ClaimFacts]:
        """Typed facts of every source sentence, by (article id, sentence index), read once."""
        if self._facts is None:
            self._facts = {}
            for article in self.sources:
                read = read_facts_many(
                    [s.text for s in article.sentences], article_date=article.published
                )
                for sentence, facts in zip(article.sentences, read, strict=True):
                    self._facts[(article.id, sentence.index)] = facts
        return self._facts

    def _sentence(self, key: tuple[str, int]) -> tuple[str, Sentence]:
        article = next(a for a in self.sources if a.id == key[0])
        return article.id, next(s for s in article.sentences if s.index == key[1])

    def check_all(self, claims: Sequence[Claim]) -> list[tuple[ClaimCheck, Problem | None]]:
        out: list[tuple[ClaimCheck, Problem | None] | None] = [None] * len(claims)
        jobs: list[tuple[int, int]] = []
        for n, claim in enumerate(claims):
            if not self.sources:
                out[n] = (ClaimCheck(claim, "unsupported", note="no source text"), None)
            else:
                jobs.extend((n, k) for k in range(len(self.sources)))
        pairs = [(self.sources[k].text, _statement(claims[n])) for n, k in jobs]
        try:
            scores = self.judge.score(pairs)
        except FactcheckError as exc:
            log.warning("the contradiction model failed: %s", exc)
            for n, _ in jobs:
                out[n] = (
                    ClaimCheck(claims[n], "unverified", note=str(exc)),
                    _failed(claims[n], f"the contradiction model failed: {exc}"),
                )
            return [o for o in out if o is not None]
        per_claim: dict[int, list[tuple[int, WindowScores]]] = {}
        for (n, k), score in zip(jobs, scores, strict=True):
            per_claim.setdefault(n, []).append((k, score))
        for n, scored in per_claim.items():
            out[n] = (self._decide(claims[n], scored), None)
        return [o for o in out if o is not None]

    def _decide(self, claim: Claim, scored: list[tuple[int, WindowScores]]) -> ClaimCheck:
        # Per source, the window with the strongest evidence (entailment or contradiction);
        # across sources, the strongest of those.
        verdicts = [(s.verdict(), k) for k, s in scored]
        best, k = max(verdicts, key=lambda vk: max(vk[0].entailment, vk[0].contradiction))
        source, span = self.sources[k], (best.evidence_start, best.evidence_end)
        draft = facts_of(claim)
        novel = [m.text for m in unmentioned(draft, list(self.sentence_facts.values()))]
        note = "the sources never mention " + ", ".join(novel[:5]) if novel else ""
        window = [
            sentence
            for sentence in source.sentences
            if sentence.char_start < span[1] and sentence.char_end > span[0]
        ]
        # The typed check reads every source sentence (cheap, no model): the one that tells
        # the same event with another value need not be in the model's deciding window.
        typed = [
            (self._sentence(key), found)
            for key, facts in self.sentence_facts.items()
            for found in facts_differences(draft, facts)
        ]
        if typed:
            verdict: ClaimVerdict = "contradicted"
        elif best.contradiction >= VERIFY_CONTRADICTION_THRESHOLD:
            verdict = "contradicted"
        elif novel:
            # An exact check: names and figures the sources never mention cannot be
            # supported by them, whatever the model makes of the rest of the sentence.
            verdict = "unsupported"
        elif best.entailment >= VERIFY_ENTAILMENT_THRESHOLD:
            verdict = "supported"
        else:
            verdict = "unsupported"
        evidence = tuple(Evidence(source.id, sentence, 0.0) for sentence in window)
        if typed:
            (typed_article, typed_sentence), _ = typed[0]
            evidence = (Evidence(typed_article, typed_sentence, 0.0),)
            deciding: Evidence | None = evidence[0]
        elif verdict != "unsupported":
            deciding = self._deciding(claim, evidence, verdict)
        else:
            deciding = None
        check = ClaimCheck(
            claim, verdict, round(best.contradiction, 4), round(best.entailment, 4), evidence,
            deciding, note=note,
        )  # fmt: skip
        if verdict == "contradicted" and deciding is not None:
            differences = [found for where, found in typed if where[1] == deciding.sentence]
            check = replace(
                check, finding=_finding(claim, deciding, best.contradiction, differences)
            )
        return check

    def _deciding(
        self, claim: Claim, evidence: tuple[Evidence, ...], verdict: ClaimVerdict
    ) -> Evidence | None:
        """The one sentence of the deciding window that bears the verdict out most."""
        if not evidence:
            return None
        if len(evidence) == 1:
            return evidence[0]
        label: NliLabel = "contradiction" if verdict == "contradicted" else "entailment"
        scores = self.judge.score([(e.sentence.text, _statement(claim)) for e in evidence])
        best = max(range(len(evidence)), key=lambda i: scores[i].strongest(label)[0])
        return replace(evidence[best], score=round(scores[best].strongest(label)[0], 4))


def _statement(claim: Claim) -> str:
    return claim.statement or claim.quote


def _failed(claim: Claim, reason: str) -> Problem:
    return Problem(
        kind="judge_failed",
        article_id=claim.article_id,
        message=f"claim {claim.id} could not be verified: {reason}",
    )


def _finding(
    draft: Claim, evidence: Evidence, probability: float, typed: Sequence[TypedDifference] = ()
) -> Finding:
    source = evidence_claim(evidence)
    category: FindingCategory = "tension" if draft.modality in NOT_FACT else "contradiction"
    if typed:
        first = typed[0]
        explanation = (
            f"Sentence {evidence.sentence.index} of {evidence.article_id} tells the same event "
            f"with another {first.kind} for {first.slot}: {first.what_differs}."
        )
    else:
        explanation = (
            f"The contradiction model reads sentence {evidence.sentence.index} of "
            f"{evidence.article_id} as contradicting the draft's claim (probability "
            f"{probability:.2f})."
        )
    if category == "tension":
        explanation += (
            f" Not necessarily an error: the draft reports what {draft.attributed_to} wants "
            "or judges, the source what is the case."
        )
    differences = [found.evidence(draft.id, source.id) for found in typed]
    return build_finding(
        lead=(draft, source),
        sides=[(draft, 0), (source, 1)],
        kind=typed[0].kind if typed else "factual",
        category=category,
        probability=probability,
        explanation=explanation,
        method="typed_check" if typed else "contradiction_model",
        question=draft.statement,
        in_lead=True,
        differences=differences,
    )


def verify_claims(
    draft_claims: Sequence[Claim],
    sources: Sequence[Article],
    judge: PairJudge | None = None,
) -> VerifyResult:
    """Check each draft claim against the whole text of every source (no LLM call)."""
    verifier = _Verifier(judge or ModelJudge(), sources)
    outcomes = verifier.check_all(draft_claims)
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
        claims.append(
            _sentence_claim(article_id, sentence, statement[:_MAX_STATEMENT], "the summary")
        )
    return claims


def verify_sentences(
    summary: str,
    doc: Article | str,
    judge: PairJudge | None = None,
    *,
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
    )
