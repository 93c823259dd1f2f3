"""SummEdits (Laban et al., 2023): is a summary consistent with its document?

Each summary sentence is verified against the document
(:func:`~factcheck.comparison.verify.verify_sentences`) and the item's
prediction follows from the sentence verdicts by a decision rule. Two rules
are measured on every run, because which one suits the judge is an
empirical question:

- ``none_contradicted`` (the primary rule): consistent iff no sentence is
  contradicted. Lenient with sentences the judge finds unstated, which
  forgives a judge that misses paraphrases but also lets inserted facts
  through. Chosen as primary on SummEdits news dev with the shipped
  contradiction model (``benchmarks/calibrate.py``, run 3): 71.5 against 69.5.
- ``all_supported``: consistent iff every sentence is supported. The
  benchmark's own definition (a summary is consistent when the document
  entails it), but the small model's entailment misses many paraphrases.

An item with an unverified sentence whose verdict the rule cannot settle
without it gets no prediction, and counts as wrong: failed calls must not
raise the score. They are counted apart as "undecided".
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factcheck.comparison.judges.model import ModelJudge, PairJudge
from factcheck.comparison.verify import ClaimVerdict, verify_sentences
from factcheck.errors import ConfigurationError, InputError
from factcheck.schemas import Usage

__all__ = [
    "PRIMARY_RULE",
    "REFERENCE_BALANCED_ACCURACY",
    "RULES",
    "Confusion",
    "DecisionRule",
    "EditTypeScore",
    "EvalResult",
    "ItemOutcome",
    "RuleScore",
    "SummEditsItem",
    "edit_type_scores",
    "evaluate",
    "format_table",
    "load_summedits",
    "predict",
    "run_summedits",
    "stratified_sample",
]

DecisionRule = Literal["all_supported", "none_contradicted"]
PRIMARY_RULE: DecisionRule = "none_contradicted"
RULES: tuple[DecisionRule, ...] = ("all_supported", "none_contradicted")
_RULE_TEXT: dict[DecisionRule, str] = {
    "all_supported": "consistent iff every sentence supported",
    "none_contradicted": "consistent iff no sentence contradicted",
}

REFERENCE_BALANCED_ACCURACY: tuple[tuple[str, float], ...] = (
    ("human", 90.0),
    ("GPT-4", 83.3),
    ("QAFactEval", 74.4),
    ("SummaC-Conv", 61.9),
    ("Mistral-7B", 59.8),
)
"""Published balanced accuracy on the SummEdits news domain (Laban et al.,
2023, "SummEdits: Measuring LLM Ability at Factual Reasoning Through the
Lens of Summarization"), on the full news test set: context, not a score
measured here."""

NO_EDIT_TYPE = "(none)"


class SummEditsItem(BaseModel):
    """One document-summary pair; ``label`` 1 is consistent, 0 inconsistent."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: Annotated[str, Field(min_length=1)]
    doc: Annotated[str, Field(min_length=1)]
    summary: Annotated[str, Field(min_length=1)]
    label: Literal[0, 1]
    edit_types: tuple[str, ...] = ()

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @field_validator("label", mode="before")
    @classmethod
    def _label_from_text(cls, value: object) -> object:
        # The files carry it as a number or as the string "0" / "1".
        return int(value) if isinstance(value, str) and value.strip() in ("0", "1") else value

    @field_validator("edit_types", mode="before")
    @classmethod
    def _types_from_text(cls, value: object) -> object:
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(t.strip() for t in value.split(",") if t.strip())
        return value

    @property
    def consistent(self) -> bool:
        return self.label == 1


def load_summedits(path: Path | str) -> list[SummEditsItem]:
    """Read a SummEdits JSONL file; a bad line is an :class:`InputError` naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", path=str(path)) from None
    items: list[SummEditsItem] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = SummEditsItem.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}, line {number}: not valid JSON ({exc.msg}); each line must be one "
                "JSON object",
                path=str(path),
            ) from None
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'line'}: {e['msg']}" for e in exc.errors()
            )
            raise InputError(
                f"{path}, line {number}: {problems}; expected id, doc, summary, label (0 or 1)",
                path=str(path),
            ) from None
        if item.id in seen:
            raise InputError(f"{path}, line {number}: the id {item.id!r} appears twice")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise InputError(f"{path} holds no items", path=str(path))
    return items


def _order_key(item: SummEditsItem) -> str:
    # A hash of the id, not file order: the file is sorted by document, so the
    # first N lines would all be about one story.
    return hashlib.sha256(item.id.encode("utf-8")).hexdigest()


def stratified_sample(items: Sequence[SummEditsItem], limit: int) -> list[SummEditsItem]:
    """A deterministic sample of ``limit`` items keeping the label proportions,
    with at least one item of each label when ``limit`` allows."""
    if limit < 1:
        raise ConfigurationError(f"the limit must be at least 1, not {limit}")
    if limit >= len(items):
        return sorted(items, key=_order_key)
    by_label = {
        label: sorted((i for i in items if i.label == label), key=_order_key) for label in (0, 1)
    }
    present = [label for label in (0, 1) if by_label[label]]
    quota = {label: round(limit * len(by_label[label]) / len(items)) for label in present}
    if len(present) == 2 and limit >= 2:
        for label in present:
            quota[label] = min(max(quota[label], 1), limit - 1)
    # Rounding can leave the total one off; the larger class absorbs it.
    larger = max(present, key=lambda label: len(by_label[label]))
    quota[larger] += limit - sum(quota.values())
    chosen = [item for label in present for item in by_label[label][: quota[label]]]
    return sorted(chosen, key=_order_key)


def predict(verdicts: Sequence[ClaimVerdict], rule: DecisionRule) -> Literal[0, 1] | None:
    """1 consistent, 0 inconsistent, None when an unverified sentence leaves it open."""
    if "contradicted" in verdicts:
        return 0
    if rule == "all_supported" and "unsupported" in verdicts:
        return 0
    if "unverified" in verdicts:
        return None
    return 1


@dataclass(frozen=True)
class Confusion:
    """Counts by (label, prediction); ``None`` predictions count as wrong."""

    consistent_right: int = 0
    consistent_wrong: int = 0
    consistent_undecided: int = 0
    inconsistent_right: int = 0
    inconsistent_wrong: int = 0
    inconsistent_undecided: int = 0

    @property
    def n_consistent(self) -> int:
        return self.consistent_right + self.consistent_wrong + self.consistent_undecided

    @property
    def n_inconsistent(self) -> int:
        return self.inconsistent_right + self.inconsistent_wrong + self.inconsistent_undecided

    @property
    def recall_consistent(self) -> float | None:
        return self.consistent_right / self.n_consistent if self.n_consistent else None

    @property
    def recall_inconsistent(self) -> float | None:
        return self.inconsistent_right / self.n_inconsistent if self.n_inconsistent else None

    @property
    def balanced_accuracy(self) -> float | None:
        """Mean of the two recalls; undefined unless both labels occur."""
        a, b = self.recall_consistent, self.recall_inconsistent
        return None if a is None or b is None else (a + b) / 2

    @classmethod
    def of(cls, pairs: Sequence[tuple[int, int | None]]) -> Confusion:
        """From (label, prediction) pairs."""

        def count(label: int, outcome: str) -> int:
            return sum(
                1
                for lab, pred in pairs
                if lab == label
                and (
                    (outcome == "right" and pred == label)
                    or (outcome == "wrong" and pred is not None and pred != label)
                    or (outcome == "undecided" and pred is None)
                )
            )

        return cls(
            consistent_right=count(1, "right"),
            consistent_wrong=count(1, "wrong"),
            consistent_undecided=count(1, "undecided"),
            inconsistent_right=count(0, "right"),
            inconsistent_wrong=count(0, "wrong"),
            inconsistent_undecided=count(0, "undecided"),
        )


@dataclass(frozen=True)
class ItemOutcome:
    id: str
    label: Literal[0, 1]
    edit_types: tuple[str, ...]
    verdicts: tuple[ClaimVerdict, ...]
    predictions: Mapping[DecisionRule, Literal[0, 1] | None]


@dataclass(frozen=True)
class EditTypeScore:
    """Items carrying one edit type; ``detected`` is the share of its
    inconsistent items predicted inconsistent."""

    edit_type: str
    n: int
    n_inconsistent: int
    detected: Mapping[DecisionRule, float | None]


@dataclass(frozen=True)
class RuleScore:
    rule: DecisionRule
    confusion: Confusion

    @property
    def balanced_accuracy(self) -> float | None:
        return self.confusion.balanced_accuracy


@dataclass(frozen=True)
class EvalResult:
    n: int
    scores: Mapping[DecisionRule, RuleScore]
    edit_types: list[EditTypeScore]
    outcomes: list[ItemOutcome]
    usage: Usage = field(default_factory=Usage)
    wall_seconds: float = 0.0
    sampled_from: int = 0

    @property
    def primary(self) -> RuleScore:
        return self.scores[PRIMARY_RULE]

    @property
    def balanced_accuracy(self) -> float | None:
        return self.primary.balanced_accuracy

    def verdict_counts(self) -> dict[ClaimVerdict, int]:
        counts: dict[ClaimVerdict, int] = {
            "supported": 0,
            "contradicted": 0,
            "unsupported": 0,
            "unverified": 0,
        }
        for outcome in self.outcomes:
            for verdict in outcome.verdicts:
                counts[verdict] += 1
        return counts


def edit_type_scores(outcomes: Sequence[ItemOutcome]) -> list[EditTypeScore]:
    """One row per edit type; an item with several types counts under each."""
    by_type: dict[str, list[ItemOutcome]] = {}
    for outcome in outcomes:
        for edit_type in outcome.edit_types or (NO_EDIT_TYPE,):
            by_type.setdefault(edit_type, []).append(outcome)
    rows = []
    for edit_type, members in sorted(by_type.items()):
        inconsistent = [m for m in members if m.label == 0]
        detected: dict[DecisionRule, float | None] = {
            rule: (
                sum(m.predictions[rule] == 0 for m in inconsistent) / len(inconsistent)
                if inconsistent
                else None
            )
            for rule in RULES
        }
        rows.append(EditTypeScore(edit_type, len(members), len(inconsistent), detected))
    return rows


def evaluate(
    items: Sequence[SummEditsItem],
    judge: PairJudge | None = None,
    *,
    limit: int | None = None,
    on_item: Callable[[int, int], None] | None = None,
) -> EvalResult:
    """Score the contradiction-model check on ``items`` (a stratified sample of ``limit``).

    No LLM is called: each summary sentence is verified against its document by the model.
    """
    chosen = stratified_sample(items, limit) if limit is not None else list(items)
    judge = judge or ModelJudge()
    started = time.perf_counter()
    outcomes: list[ItemOutcome] = []
    for done, item in enumerate(chosen, start=1):
        result = verify_sentences(item.summary, item.doc, judge, doc_id=f"doc-{item.id}")
        verdicts = tuple(check.verdict for check in result.checks)
        outcomes.append(
            ItemOutcome(
                id=item.id,
                label=item.label,
                edit_types=item.edit_types,
                verdicts=verdicts,
                predictions={rule: predict(verdicts, rule) for rule in RULES},
            )
        )
        if on_item is not None:
            on_item(done, len(chosen))
    wall = time.perf_counter() - started
    scores = {
        rule: RuleScore(rule, Confusion.of([(o.label, o.predictions[rule]) for o in outcomes]))
        for rule in RULES
    }
    return EvalResult(
        n=len(outcomes),
        scores=scores,
        edit_types=edit_type_scores(outcomes),
        outcomes=outcomes,
        usage=Usage(),
        wall_seconds=round(wall, 2),
        sampled_from=len(items),
    )


def run_summedits(
    path: Path | str,
    *,
    limit: int | None = None,
    judge: PairJudge | None = None,
    on_item: Callable[[int, int], None] | None = None,
) -> EvalResult:
    """Load, verify every summary sentence with the contradiction model, score."""
    return evaluate(load_summedits(path), judge, limit=limit, on_item=on_item)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def format_table(result: EvalResult) -> str:
    """The scores as plain text for a terminal."""
    c = result.primary.confusion
    sample = (
        f" (stratified sample of {result.sampled_from})" if result.sampled_from > result.n else ""
    )
    lines = [
        f"SummEdits: {result.n} items{sample}, "
        f"{c.n_consistent} consistent, {c.n_inconsistent} inconsistent",
        "",
        f"{'decision rule':<44}{'bal. acc.':>10}{'recall 1':>10}{'recall 0':>10}{'undecided':>11}",
    ]
    for rule in RULES:
        conf = result.scores[rule].confusion
        label = _RULE_TEXT[rule] + (" *" if rule == PRIMARY_RULE else "")
        undecided = conf.consistent_undecided + conf.inconsistent_undecided
        lines.append(
            f"{label:<44}{_pct(conf.balanced_accuracy):>10}{_pct(conf.recall_consistent):>10}"
            f"{_pct(conf.recall_inconsistent):>10}{undecided:>11}"
        )
    lines += [
        "* primary rule. recall 1: consistent items called consistent; recall 0: inconsistent "
        "items called inconsistent; undecided items count as wrong.",
        "",
        "confusion, primary rule (rows: label; columns: predicted 1 / 0 / undecided)",
        f"  consistent    {c.consistent_right:>5}{c.consistent_wrong:>5}"
        f"{c.consistent_undecided:>5}",
        f"  inconsistent  {c.inconsistent_wrong:>5}{c.inconsistent_right:>5}"
        f"{c.inconsistent_undecided:>5}",
        "",
        f"{'edit type':<34}{'n':>5}{'n incons.':>11}"
        + "".join(f"{'detected ' + str(i + 1):>12}" for i in range(len(RULES))),
    ]
    for row in result.edit_types:
        lines.append(
            f"{row.edit_type:<34}{row.n:>5}{row.n_inconsistent:>11}"
            + "".join(f"{_pct(row.detected[rule]):>12}" for rule in RULES)
        )
    lines.append(
        "detected 1 / 2: share of the type's inconsistent items caught under "
        + " / ".join(f'"{_RULE_TEXT[rule]}"' for rule in RULES)
    )
    counts = result.verdict_counts()
    u = result.usage
    lines += [
        "",
        "sentence verdicts: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
        f"model calls {u.calls} (cache hits {u.cache_hits}, failed {u.failed_calls}), "
        f"prompt tokens {u.prompt_tokens}, completion tokens {u.completion_tokens}, "
        f"wall {result.wall_seconds:.1f} s",
        "",
        "published balanced accuracy, SummEdits news domain, full test set (Laban et al., "
        "2023); context only, not measured here:",
        "  " + ", ".join(f"{name} {score:.1f}" for name, score in REFERENCE_BALANCED_ACCURACY),
    ]
    return "\n".join(lines)
