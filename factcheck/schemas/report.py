"""The report: findings across articles, corroboration, and the problems met."""

from __future__ import annotations

import hashlib
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from factcheck.schemas.article import Article
from factcheck.schemas.claim import Claim, Modality

__all__ = [
    "CLAIM_ID",
    "FINDING_ID",
    "KIND_SEVERITY",
    "KIND_STRENGTH",
    "POINT_ID",
    "REVIEW_TEXT_MAX_CHARS",
    "WORTH_A_LOOK_ID",
    "ArticleInfo",
    "ClaimId",
    "ClaimSupport",
    "ContradictionKind",
    "Difference",
    "DifferenceKind",
    "Finding",
    "FindingCategory",
    "FindingId",
    "FindingSide",
    "JudgeDecision",
    "OrphanedReview",
    "Point",
    "PointFlag",
    "PointFlagKind",
    "PointId",
    "PointJudgement",
    "PointStatement",
    "Problem",
    "ProblemKind",
    "Report",
    "Review",
    "ReviewStatus",
    "RunInfo",
    "Severity",
    "Usage",
    "WorthALook",
    "finding_id",
]


# Ids are made by hashing (``finding_id``, ``claim_id``, ``point_id``), so a report read back
# from a JSON file must carry ids of exactly that shape: they become HTML ids and links, and
# a finding's id opens its review block in the Markdown. Anything else is refused on reading.
FINDING_ID = r"^F-[0-9a-f]{8}$"
WORTH_A_LOOK_ID = r"^W-[0-9a-f]{8}$"
POINT_ID = r"^P-[0-9a-f]{8}$"
CLAIM_ID = r"^C[0-9a-f]{10}$"
FLAGGED_ID = r"^[FW]-[0-9a-f]{8}$"
FindingId = Annotated[str, Field(pattern=FINDING_ID)]
ClaimId = Annotated[str, Field(pattern=CLAIM_ID)]
PointId = Annotated[str, Field(pattern=POINT_ID)]

ContradictionKind = Literal[
    "number", "date", "role", "status", "negation", "certainty", "factual", "attribution"
]
"""What differs. ``number``, ``date``, ``role``, ``status``, ``negation``: one slot of two
aligned claims has two values (a typed check on the parse). ``certainty``: one proposition
put as settled in one outlet and as possible in another. ``factual`` and ``attribution``
come only from an LLM judge's decision (``--judge llm``), never from the model alone."""

DifferenceKind = Literal["number", "date", "role", "status", "negation"]
Severity = Literal["high", "medium", "low"]
FindingCategory = Literal["contradiction", "tension", "compatible"]
"""``compatible``: a typed or certainty dispute that the LLM judge read as no disagreement
(different aspects, or one fact in other words). It is kept, with its evidence and review
block, so a reviewer can overrule the judge, but it is no dispute: not counted, not in the
exit code."""
JudgeDecision = Literal["contradiction", "tension", "compatible"]
ReviewStatus = Literal["unreviewed", "confirmed", "dismissed"]
ProblemKind = Literal[
    "unreadable_input",
    "duplicate_input",
    "extraction_failed",
    "extraction_partial",
    "article_chunked",
    "judge_failed",
    "label_fallback",
    "suspicious_input",
    "review_not_carried",
    "review_unclear",
    "sentence_skipped",
    "sentence_split",
    "claim_invalid",
]

SEVERITY_ORDER: dict[Severity, int] = {"low": 1, "medium": 2, "high": 3}

# The two rankings of what differs, side by side: they answer two questions and order the
# kinds differently, so each says which one it answers.
KIND_STRENGTH: dict[ContradictionKind, int] = {
    "status": 5, "negation": 5, "number": 5, "date": 5, "role": 4, "factual": 3,
    "attribution": 3, "certainty": 2,
}  # fmt: skip
"""Which pair decides a dispute, strongest first: a typed difference of one slot, then a
role, then a model's reading, then firmness alone."""
KIND_SEVERITY: dict[ContradictionKind, int] = {
    "status": 2, "negation": 2, "role": 2, "factual": 2, "attribution": 2,
    "number": 1, "date": 1, "certainty": 1,
}  # fmt: skip
"""How much a dispute of this kind weighs in its severity: whether something happened, was
denied, or who did it is the story; a figure or a date is one of its details."""


def finding_id(kind: str, sides: list[tuple[str, int, int]]) -> str:
    """Stable id from where the conflicting quotes sit, not from model wording.

    The same two passages in the same articles give the same id on a re-run,
    which is what lets a reviewer's decisions survive.
    """
    key = kind + "|" + "|".join(f"{a}:{s}:{e}" for a, s, e in sorted(sides))
    return "F-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


class ArticleInfo(BaseModel):
    """What the report keeps of an article, its cleaned text included, so the JSON
    report is the complete record: the HTML page highlights quotes in that text
    (claims' ``char_start``/``char_end`` index into it) without the input files."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    source_path: str | None
    content_hash: str
    characters: int
    sentences: int
    removed_lines: int
    claims: int = 0
    text: str | None = None
    """The cleaned text the claims were extracted from; None in reports written
    before the text was kept."""

    @classmethod
    def of(cls, article: Article, claims: int = 0) -> ArticleInfo:
        return cls(
            id=article.id,
            title=article.title,
            source_path=article.source_path,
            content_hash=article.content_hash,
            characters=len(article.text),
            sentences=len(article.sentences),
            removed_lines=article.removed_lines,
            claims=claims,
            text=article.text,
        )


class FindingSide(BaseModel):
    """One side of a finding: the claim, who asserts it, and where it sits."""

    model_config = ConfigDict(extra="forbid")

    claim_id: ClaimId
    article_id: str
    attributed_to: str
    modality: Modality
    statement: str
    quote: str
    char_start: int
    char_end: int
    line: int
    position: Annotated[int, Field(ge=0, le=1)] = 0
    """Which side of the dispute the claim is on (0 or 1); claims on one side agree."""

    @model_validator(mode="before")
    @classmethod
    def _drop_answer(cls, data: Any) -> Any:
        # Reports written by older versions carry an ``answer`` on each side (always null
        # since extraction stopped asking questions); it is read and dropped.
        if isinstance(data, dict) and "answer" in data:
            data = {k: v for k, v in data.items() if k != "answer"}
        return data


REVIEW_TEXT_MAX_CHARS = 8000


class Review(BaseModel):
    """A reviewer's decision, carried across re-runs by the finding's id."""

    model_config = ConfigDict(extra="forbid")

    status: ReviewStatus = "unreviewed"
    note: Annotated[str, Field(max_length=2000)] = ""
    """Everything the reviewer wrote besides the ticks, in the order written."""
    text: Annotated[str, Field(max_length=REVIEW_TEXT_MAX_CHARS)] | None = None
    """The block as the reviewer left it, between its two marker lines, word for word;
    None when they wrote nothing in it. The Markdown gives it back as it stands while it
    still reads as ``status`` and ``note``, so a re-render loses no character of it."""


class OrphanedReview(BaseModel):
    """A review of a finding the run no longer makes (its quotes moved, or the outlets now
    agree): kept, block and all, until the reviewer deletes it or the finding comes back."""

    model_config = ConfigDict(extra="forbid")

    finding_id: FindingId
    review: Review


FindingMethod = Literal["typed_check", "certainty_check", "llm_judge", "contradiction_model"]
"""Who decided: a typed check on the parse, the certainty check (extraction's modality on
two claims the contradiction model finds state one proposition), the LLM judge, or the
contradiction model (in ``verify``, a draft against its sources; as ``flagged_by``, the pair
of a point only the model flagged, worth a look)."""


class Difference(BaseModel):
    """The evidence of a typed dispute: one slot, its value on each side, and the words of
    each quote that give it."""

    model_config = ConfigDict(extra="forbid")

    kind: DifferenceKind
    slot: Annotated[str, Field(max_length=120)]
    value_a: Annotated[str, Field(max_length=120)]
    value_b: Annotated[str, Field(max_length=120)]
    evidence_a: Annotated[str, Field(max_length=200)]
    evidence_b: Annotated[str, Field(max_length=200)]
    claim_a: ClaimId
    claim_b: ClaimId

    def shown(self) -> str:
        """``A: "a 48-page indictment" · B: "the 47-page indictment"``."""
        return f'A: "{self.evidence_a}" · B: "{self.evidence_b}"'


class WorthALook(BaseModel):
    """Two claims of different outlets that the contradiction model scores as contradicting,
    with no typed difference and no certainty difference behind it: a ranking signal for a
    reviewer's attention, never a dispute and never part of the exit code."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, Field(pattern=WORTH_A_LOOK_ID)]
    probability: Annotated[float, Field(ge=0.0, le=1.0)]
    """The contradiction model's probability: a model output, not a calibrated confidence."""
    sides: Annotated[list[FindingSide], Field(min_length=2, max_length=2)]
    review: Review = Field(default_factory=Review)


class Finding(BaseModel):
    """A contradiction (the outlets cannot both be right) or a tension (they
    describe different things, e.g. a demand and what is on the table)."""

    model_config = ConfigDict(extra="forbid")

    id: FindingId
    category: FindingCategory
    kind: ContradictionKind
    severity: Severity
    probability: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    """The contradiction model's probability that the strongest pair contradicts: a ranking
    signal shown beside the evidence, not a calibrated confidence, and not what decided."""
    differences: list[Difference] = Field(default_factory=list)
    """What differs, slot by slot (typed disputes); empty for a certainty dispute, whose
    evidence is the two modalities on its sides."""
    question: str
    """The point at issue."""
    explanation: Annotated[str, Field(max_length=1200)]
    method: FindingMethod
    """Who decided what the report shows (``llm_judge`` when the LLM judge did)."""
    flagged_by: FindingMethod | None = None
    """When the LLM judge decided: what raised the finding before it (a typed check, the
    certainty check, or the contradiction model for a worth-a-look pair), whose evidence
    (``differences``, ``probability``) is kept beside the judge's decision."""
    cited: Annotated[list[str], Field(max_length=2)] = Field(default_factory=list)
    """The two quotes (verbatim from the point's claims) the LLM judge rests its decision on."""
    point_id: PointId | None = None
    """The point of the story the finding belongs to."""
    sides: Annotated[list[FindingSide], Field(min_length=2)]
    review: Review = Field(default_factory=Review)

    @model_validator(mode="before")
    @classmethod
    def _older_reports(cls, data: Any) -> Any:
        # Reports written before 0.2 carried ``confidence`` (a copy of ``probability``) and
        # named the contradiction model or an exact check as the method.
        if isinstance(data, dict) and "confidence" in data:
            data = {k: v for k, v in data.items() if k != "confidence"}
            if data.get("method") in ("contradiction_model", "deterministic"):
                data["method"] = "typed_check"
        return data


class PointStatement(BaseModel):
    """What one outlet says on a point: the claim, who says it, how firmly, and the quote."""

    model_config = ConfigDict(extra="forbid")

    claim_id: ClaimId
    article_id: str
    attributed_to: str
    modality: Modality
    quote: str
    char_start: int
    char_end: int
    line: int = 1


PointFlagKind = Literal[
    "typed_difference", "certainty_difference", "worth_a_look", "dispute", "tension",
    "compatible",
]  # fmt: skip
"""``typed_difference``: two values of one slot; ``certainty_difference``: one proposition
put as settled and as possible; ``worth_a_look``: only the contradiction model flags the
pair; ``dispute`` / ``tension`` / ``compatible``: the finding drawn from the point."""


class PointFlag(BaseModel):
    """Something on a point a reader should look at: a pair of its claims, or its finding."""

    model_config = ConfigDict(extra="forbid")

    flag: PointFlagKind
    claim_ids: Annotated[list[ClaimId], Field(max_length=2)] = Field(default_factory=list)
    detail: Annotated[str, Field(max_length=500)] = ""
    """What differs (``number of pages: A: "..." · B: "..."``) or the model's probability."""
    probability: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    finding_id: Annotated[str, Field(pattern=FLAGGED_ID)] | None = None
    """The finding drawn from the point, or the worth-a-look pair (``W-...``) it flags."""


class PointJudgement(BaseModel):
    """The LLM judge's decision on a point, resting on two verbatim quotes of its claims."""

    model_config = ConfigDict(extra="forbid")

    decision: JudgeDecision
    kind: ContradictionKind
    point_at_issue: Annotated[str, Field(max_length=200)]
    explanation: Annotated[str, Field(max_length=400)]
    quote_a: str
    quote_b: str
    claim_a: ClaimId
    claim_b: ClaimId
    model: str


class Point(BaseModel):
    """One point of the story (one event, figure or status) and what every outlet says on
    it. A claim belongs to one point at most; claims in no point are single-source."""

    model_config = ConfigDict(extra="forbid")

    id: PointId
    heading: Annotated[str, Field(max_length=160)]
    """A short label (at most 12 words): the LLM's when it passed the check, else the parse's."""
    heading_by: Literal["llm", "parse"] = "parse"
    statements: Annotated[list[PointStatement], Field(min_length=1)]
    silent: list[str] = Field(default_factory=list)
    """Articles with no statement on the point."""
    flags: list[PointFlag] = Field(default_factory=list)
    judgement: PointJudgement | None = None

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(s.article_id for s in self.statements))

    @property
    def claim_ids(self) -> list[str]:
        return [s.claim_id for s in self.statements]


class ClaimSupport(BaseModel):
    """Which other articles say the same thing as this claim."""

    model_config = ConfigDict(extra="forbid")

    claim_id: ClaimId
    article_id: str
    supporting_article_ids: list[str] = Field(default_factory=list)
    supporting_claim_ids: list[ClaimId] = Field(default_factory=list)
    contradicted_by: list[FindingId] = Field(default_factory=list)

    @property
    def single_source(self) -> bool:
        return not self.supporting_article_ids


class Problem(BaseModel):
    """Something that went wrong and was counted rather than hidden."""

    model_config = ConfigDict(extra="forbid")

    kind: ProblemKind
    message: str
    article_id: str | None = None
    path: str | None = None
    count: int = 1

    @model_validator(mode="before")
    @classmethod
    def _legacy_kind(cls, data: Any) -> Any:
        # Older versions counted quotes dropped as ungrounded ("ungrounded_dropped"); no
        # version makes them now, and such a report reads them as the partial extraction
        # they were, its message kept.
        if isinstance(data, dict) and data.get("kind") == "ungrounded_dropped":
            data = {**data, "kind": "extraction_partial"}
        return data


class Usage(BaseModel):
    """Model calls and tokens, split by pipeline stage."""

    model_config = ConfigDict(extra="forbid")

    calls: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failed_calls: int = 0

    def minus(self, earlier: Usage) -> Usage:
        """What was used since ``earlier``, a snapshot of the same counters."""
        return Usage(
            calls=self.calls - earlier.calls,
            cache_hits=self.cache_hits - earlier.cache_hits,
            prompt_tokens=self.prompt_tokens - earlier.prompt_tokens,
            completion_tokens=self.completion_tokens - earlier.completion_tokens,
            failed_calls=self.failed_calls - earlier.failed_calls,
        )

    def add(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            cache_hits=self.cache_hits + other.cache_hits,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            failed_calls=self.failed_calls + other.failed_calls,
        )


class RunInfo(BaseModel):
    """How the report was produced."""

    model_config = ConfigDict(extra="forbid")

    factcheck_version: str
    backend: str
    model: str
    prompts: dict[str, str] = Field(default_factory=dict, description="prompt name -> hash")
    usage: dict[str, Usage] = Field(default_factory=dict, description="stage -> usage")
    wall_seconds: float = 0.0


class Report(BaseModel):
    """Everything a run found; the Markdown and JSON outputs both render this."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleInfo]
    claims: list[Claim]
    points: list[Point] = Field(default_factory=list)
    """The points of the story at least two articles speak to, in story order."""
    findings: list[Finding] = Field(default_factory=list)
    worth_a_look: list[WorthALook] = Field(default_factory=list)
    """Pairs only the contradiction model flags, strongest first: after the disputes."""
    corroboration: list[ClaimSupport] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    orphaned_reviews: list[OrphanedReview] = Field(default_factory=list)
    """Reviews of findings this run no longer makes, kept word for word (see
    :class:`OrphanedReview`)."""
    run: RunInfo

    @model_validator(mode="before")
    @classmethod
    def _older_reports(cls, data: Any) -> Any:
        # Reports written before points carried the story at a glance as ``groups`` of claims
        # answering a question; points are not rebuilt from them (re-run check for points).
        if isinstance(data, dict) and "groups" in data:
            data = {k: v for k, v in data.items() if k != "groups"}
        return data

    @model_validator(mode="after")
    def _claim_ids_have_their_shape(self) -> Report:
        # ``Claim`` is also what extraction builds, where the id comes from ``claim_id``; a
        # report read back from a file is checked here, as every other id is by its field.
        for n, claim in enumerate(self.claims):
            if not re.fullmatch(CLAIM_ID, claim.id):
                raise ValueError(
                    f"claims.{n}.id {claim.id[:40]!r} is not a claim id (C and 10 hex digits)"
                )
        return self

    def contradictions(self) -> list[Finding]:
        return [f for f in self.findings if f.category == "contradiction"]

    def tensions(self) -> list[Finding]:
        return [f for f in self.findings if f.category == "tension"]

    def judged_compatible(self) -> list[Finding]:
        """Typed or certainty disputes the LLM judge read as compatible."""
        return [f for f in self.findings if f.category == "compatible"]

    def point(self, point_id: str) -> Point | None:
        return next((p for p in self.points if p.id == point_id), None)

    def max_severity(self, category: FindingCategory = "contradiction") -> Severity | None:
        levels = [f.severity for f in self.findings if f.category == category]
        if not levels:
            return None
        return max(levels, key=lambda level: SEVERITY_ORDER[level])

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)
