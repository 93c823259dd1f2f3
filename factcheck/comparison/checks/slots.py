"""Inside one point: every pair of statements of different outlets compared slot by slot.

The points table lines up what each outlet says about one point of the story; this module
reads what differs inside such a row. Besides the typed checks of
:mod:`factcheck.comparison.checks.typed` (which compare a value only when the verbs fall in one
word class and the heads match), two statements known to be about one point are compared
on:

* **values matched by what they are of**: a vote tally ("62-38" / "by a vote of 60 to
  40"), a length of time, a date and its bound ("since 2011", "by", "until", "before",
  "after": a "since" bound only with a "since" bound), a day, a count, share, amount of
  money or measure. Two values of one type fill one slot when their *frames* (the words of
  the clause that say what the value is of, :func:`factcheck.parse.frames.value_frame`:
  "were stuck on the runway for" / "waited on the tarmac for") mean the same: the cosine of
  the frames' sentence embeddings is at least ``FRAME_SIMILARITY``. A forecast is never
  compared with a reported value, nor values whose clauses are dated differently;
* **arithmetic**: a change and its two ends ("fell 20 to 180" gives 200 as where it fell
  from; "fell to 180 from 210" says 210);
* the **status of an event told through a reporting frame**
  (:mod:`factcheck.comparison.checks.reporting`) and **comparison relations**
  (:mod:`factcheck.comparison.checks.relations`).

A status difference between a forecast and a report of the same event ("fares will rise
3%" / "fares rose 3%") is timing, not a dispute, and is dropped here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from factcheck.comparison.checks.relations import relation_differences
from factcheck.comparison.checks.reporting import reported_status_differences
from factcheck.comparison.checks.roles import actor_differences
from factcheck.comparison.checks.typed import (
    TypedDifference,
    TypedKind,
    _date_relation,
    _difference,
    _evidence,
    _figure_value,
    _on_other_occasions,
    _other_figures,
    agree,
    facts_differences,
    same_name,
    substituted,
)
from factcheck.comparison.judges.model import ModelJudge, PairJudge
from factcheck.language import STOPWORDS, TALLY_JOINS
from factcheck.language.change import direction_of
from factcheck.language.dates import DATE_BOUNDS
from factcheck.language.words import WORD_TOKEN
from factcheck.nli.embeddings import Embedder, load_default_embedder
from factcheck.schemas.facts import ClaimFacts, DateRef, EntityRef, Quantity

__all__ = [
    "ENTAILMENT_ALONE",
    "FRAMES_ALONE",
    "FRAME_SIMILARITY",
    "EmbeddingFrames",
    "FrameMatcher",
    "LexicalFrames",
    "SlotMatch",
    "answered_differences",
    "default_frames",
    "default_match",
    "point_differences",
    "timing_only",
]

FRAME_SIMILARITY = 0.5
"""Two frames at least this close (cosine of MiniLM embeddings) may give one slot. Chosen by
five-fold cross-validation over the folds of benchmarks/data/typed_pairs (recall less three
times the false-alarm rate on the four training folds), the setting most folds chose:
``benchmarks/typed_pairs.py --pairs --cv either --alarm-cost 3`` chose 0.5 in four folds of
five (0.4 in one), ``SUBSTITUTION_ENTAILMENT`` 0.6 and ``ENTAILMENT_ALONE`` 0.9 in all
five; held out 91/139 found and 6/101 false alarms (the same grid without the entailment
alone, ``--cv both``: 88/139 and 6/101)."""

SUBSTITUTION_ENTAILMENT = 0.6
"""With B's value written into A, the two statements state each other at least this firmly
(the contradiction model's entailment, both ways averaged). Chosen with
``FRAME_SIMILARITY`` by the same cross-validation."""

ENTAILMENT_ALONE = 0.9
"""With B's value written into A, the two statements state each other this firmly: one slot
whatever the frames ("the Supreme Court ruled 5-4" / "in a 6-3 decision, the justices
found"). Chosen by the same cross-validation."""

FRAMES_ALONE = 0.9
"""Frames at least this close give one slot without the substitution test ("the ferry line
has operated since" / "the ferry line running since": the model's entailment on the
substituted pair is low however alike the frames). ``--cv frames-alone`` chose 0.9 in four
folds of five (0.8 in one)."""

_SPAN_ENDS = frozenset({"from", "to", "between"})
"""Bounds that come in pairs ("from 2007 to 2014"): a period, compared by the typed checks."""
_FORECAST_AND_REPORT = frozenset({"expected", "happened"})
_CHANGE_ROLES = {"": "by", "by": "by", "to": "end", "from": "start"}
"""The part of a change a figure gives, by the preposition before it."""


class FrameMatcher(Protocol):
    """How alike two values' frames are: 1 for one slot, 0 for unrelated ones."""

    def similarity(self, a: str, b: str) -> float: ...


class EmbeddingFrames:
    """Frames compared by the cosine of their sentence embeddings (kept per text)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._vectors: dict[str, list[float]] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed many frames in one batch (the embedder is fastest batched)."""
        missing = sorted({t for t in texts if t and t not in self._vectors})
        if missing:
            for text, vector in zip(missing, self._embedder.embed(missing), strict=True):
                self._vectors[text] = vector

    def similarity(self, a: str, b: str) -> float:
        if not a or not b:
            return 0.0
        if a.lower() == b.lower():
            return 1.0
        self.prepare([a, b])
        va, vb = self._vectors[a], self._vectors[b]
        dot = sum(x * y for x, y in zip(va, vb, strict=True))
        norm = math.sqrt(sum(x * x for x in va)) * math.sqrt(sum(y * y for y in vb))
        return dot / norm if norm else 0.0


class LexicalFrames:
    """Frames compared by their shared content words (Jaccard), where no embedder is
    installed."""

    def similarity(self, a: str, b: str) -> float:
        words_a = {w for w in a.lower().split() if w not in STOPWORDS}
        words_b = {w for w in b.lower().split() if w not in STOPWORDS}
        if not words_a or not words_b:
            return 0.0
        return len(words_a & words_b) / len(words_a | words_b)


_DEFAULT: list[FrameMatcher] = []


def default_frames() -> FrameMatcher:
    """The embedding matcher on the shipped MiniLM model, or the lexical one without it."""
    if not _DEFAULT:
        embedder = load_default_embedder()
        _DEFAULT.append(EmbeddingFrames(embedder) if embedder else LexicalFrames())
    return _DEFAULT[0]


@dataclass(frozen=True)
class SlotMatch:
    """How two values are found to fill one slot: their frames' similarity at least
    ``frame_threshold`` (alone: ``frames_alone_threshold``), and, with a ``judge``, the two
    statements stating each other once
    B's value is written into A (at least ``entailment_threshold``); or, whatever the
    frames, the two statements stating each other at least ``alone_threshold`` once the
    value is substituted (above 1: never)."""

    frames: FrameMatcher
    judge: PairJudge | None = None
    frame_threshold: float = FRAME_SIMILARITY
    entailment_threshold: float = SUBSTITUTION_ENTAILMENT
    alone_threshold: float = ENTAILMENT_ALONE
    frames_alone_threshold: float = FRAMES_ALONE


# -- values and their slots -------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    kind: str
    frame: str
    start: int
    end: int
    quantity: Quantity | None = None
    date: DateRef | None = None
    tally: tuple[float, float] | None = None


def _is_whole(q: Quantity) -> bool:
    return q.value == int(q.value) and q.value >= 0


def _tallies(facts: ClaimFacts) -> tuple[list[_Value], set[int]]:
    """Two whole counts joined by a dash or "to" ("62-38", "60 to 40", "a 6-3 vote")."""
    found: list[_Value] = []
    taken: set[int] = set()
    qs = facts.quantities
    for k in range(1, len(qs)):
        a, b = qs[k - 1], qs[k]
        if k - 1 in taken or a.kind != "count" or b.kind != "count":
            continue
        join = facts.text[a.char_end : b.char_start].strip()
        if join not in TALLY_JOINS or a.approximate or b.approximate:
            continue
        if not (_is_whole(a) and _is_whole(b)) or a.unit not in {"none", "vote"}:
            continue
        # "a 6-3 decision", "a 62-38 margin": the noun after a dashed tally names the vote.
        if b.unit not in {"none", "vote"} and join == "to":
            continue
        if join == "to" and (direction_of(a.predicate) != 0 or _change_role(a, facts) == "start"):
            continue  # "fell by 300 to 2,700", "went from 700 to 900": a change, not a vote
        taken.update({k - 1, k})
        high, low = max(a.value, b.value), min(a.value, b.value)
        found.append(
            _Value("tally", a.frame, a.char_start, b.char_end, quantity=a, tally=(high, low))
        )
    return found, taken


def _quantity_kind(q: Quantity) -> str:
    """A count's type is "count", whatever it counts: what it counts is in its frame."""
    if q.kind == "count" and q.unit not in {"none", "vote"}:
        return "count"
    return f"{q.kind}:{q.unit}"


def _quantity_frame(q: Quantity) -> str:
    """The frame with the noun a count counts ("destroyed" + "home")."""
    if q.kind == "count" and q.unit not in {"none", "vote"}:
        return f"{q.frame} {q.unit}"
    return q.frame


def _date_kind(d: DateRef) -> str:
    if d.relation in _SPAN_ENDS:
        return ""
    side = DATE_BOUNDS.get(d.relation)
    if side:  # a start only with a start ("since", "after"), an end with an end
        return f"bound:{'since' if side == 'start' else 'until'}"
    return "when"


def values_of(facts: ClaimFacts) -> list[_Value]:
    """The typed values of a statement, each with its frame."""
    found, taken = _tallies(facts)
    for k, q in enumerate(facts.quantities):
        if k not in taken and q.frame:
            found.append(
                _Value(_quantity_kind(q), _quantity_frame(q), q.char_start, q.char_end, quantity=q)
            )
    for d in facts.dates:
        kind = _date_kind(d)
        if kind and d.frame and (d.iso or d.weekday):
            found.append(_Value(kind, d.frame, d.char_start, d.char_end, date=d))
    return found


def _agreement(a: _Value, b: _Value) -> bool | None:
    """True if the two values can both hold, False if not, None if they do not compare."""
    if a.tally is not None and b.tally is not None:
        return a.tally == b.tally
    if a.quantity is not None and b.quantity is not None:
        return agree(a.quantity, b.quantity)
    if a.date is not None and b.date is not None:
        return _date_relation(a.date, b.date)
    return None


def _may_compare(a: _Value, fa: ClaimFacts, b: _Value, fb: ClaimFacts) -> bool:
    if a.date is not None and b.date is not None:
        # Other figures for one thing on two dates: two occasions, not one dated twice.
        return not _other_figures(fa, fb)
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None:
        return True
    if qa.forecast != qb.forecast:
        return False
    if (
        qa.subject_is_name
        and qb.subject_is_name
        and qa.subject
        and qb.subject
        and not same_name(qa.subject, qb.subject)
    ):
        return False
    if a.tally is not None:
        return True
    if qa.kind == "duration" and _duration_part(qa, fa) != _duration_part(qb, fb):
        return False  # "took nine hours" is not "delayed by two hours"
    roles = {_change_role(qa, fa), _change_role(qb, fb)}
    if len(roles) > 1 and roles != {"", "end"}:
        return False  # "grew by 5,000" is not "rose from 80,000"; "rose to" is a level
    return not _on_other_occasions(qa, fa, qb, fb)


def _duration_part(q: Quantity, facts: ClaimFacts) -> str:
    """What a length of time gives: how long something lasts ("for four hours", "lasted
    three weeks", "sentenced to eight years"), how much it changed by ("delayed by two
    hours", "extended by 30 days"), or when something happens ("after five years", "within
    a month")."""
    word = _word_before(q, facts)
    if word == "by":
        return "change"
    if word in {"after", "within", "in", "before", "until"}:
        return "when"
    return "length"


def _word_before(q: Quantity, facts: ClaimFacts) -> str:
    words = WORD_TOKEN.findall(facts.text[max(0, q.char_start - 12) : q.char_start])
    return words[-1].lower() if words else ""


def _change_role(q: Quantity, facts: ClaimFacts) -> str:
    """Of a verb of change: the amount ("by"), where it ends ("to") or starts ("from"); the
    word before the figure decides over the parse's attachment ("dropped 36,000 to 293,000",
    "grew by 5,000 to 85,000": the figure after "to" is the end). A verb of no direction
    has ends only ("went from 280,000 to 310,000")."""
    if not q.predicate:
        return ""
    word = _word_before(q, facts)
    before = _CHANGE_ROLES.get(word, "") if word else ""
    if direction_of(q.predicate) == 0:
        return before if before in {"start", "end"} else ""
    if before in {"start", "end"}:
        return before
    return _CHANGE_ROLES.get(q.relation, q.relation)


def _shown(v: _Value) -> str:
    if v.tally is not None:
        return f"{v.tally[0]:g}-{v.tally[1]:g}"
    if v.quantity is not None:
        return _figure_value(v.quantity)
    if v.date is not None:
        parts = [p for p in (v.date.iso, v.date.weekday) if p]
        return " / ".join(dict.fromkeys(parts)) or v.date.text
    return ""


def _slot(v: _Value) -> str:
    what = {"tally": "vote tally", "when": "when"}.get(v.kind, v.kind.split(":")[0])
    if v.kind.startswith("bound:"):
        what = f"{v.kind.split(':')[1]} (a bound)"
    return f"{what}: {v.frame}"[:120]


def _entailment(judge: PairJudge, first: str, second: str) -> float:
    """How firmly the two statements state each other (mean of both ways)."""
    both = judge.score([(first, second), (second, first)])
    return sum(s.strongest("entailment")[0] for s in both) / 2


def _one_slot(fa: ClaimFacts, a: _Value, fb: ClaimFacts, b: _Value, match: SlotMatch) -> float:
    """How surely the two values fill one slot (their frames' similarity), or -1."""
    if a.kind != b.kind or not _may_compare(a, fa, b, fb):
        return -1.0
    similarity = match.frames.similarity(a.frame, b.frame)
    if similarity >= match.frames_alone_threshold:
        return similarity
    if match.judge is None or match.entailment_threshold <= 0:
        return similarity if similarity >= match.frame_threshold else -1.0
    if similarity < match.frame_threshold and match.alone_threshold > 1:
        return -1.0
    # One slot: with B's value in A's place, the two statements say the same.
    swapped = substituted(fa.text, (a.start, a.end), fb.text, (b.start, b.end))
    entailment = _entailment(match.judge, swapped, fb.text)
    if entailment >= match.alone_threshold:
        return max(similarity, 0.0)
    if similarity < match.frame_threshold or entailment < match.entailment_threshold:
        return -1.0
    return similarity


def _value_differences(fa: ClaimFacts, fb: ClaimFacts, match: SlotMatch) -> list[TypedDifference]:
    values_a, values_b = values_of(fa), values_of(fb)
    if isinstance(match.frames, EmbeddingFrames):
        match.frames.prepare([v.frame for v in (*values_a, *values_b)])
    scored: list[tuple[float, int, int, bool]] = []
    for i, a in enumerate(values_a):
        for j, b in enumerate(values_b):
            agreement = _agreement(a, b)
            if agreement is None:
                continue
            similarity = _one_slot(fa, a, fb, b, match)
            if similarity >= 0:
                scored.append((similarity, i, j, agreement))
    # A value that agrees with a value of one slot on the other side is accounted for.
    left = {i for _, i, _, _ in scored}
    right = {j for _, _, j, _ in scored}
    for _, i, j, agreement in scored:
        if agreement:
            left.discard(i)
            right.discard(j)
    found: list[TypedDifference] = []
    for _, i, j, agreement in sorted(scored, key=lambda s: -s[0]):
        if agreement or i not in left or j not in right:
            continue
        left.discard(i)
        right.discard(j)
        found.append(_value_difference(fa, values_a[i], fb, values_b[j], _slot(values_a[i])))
    return found


def _value_difference(
    fa: ClaimFacts, a: _Value, fb: ClaimFacts, b: _Value, slot: str
) -> TypedDifference:
    """Two values of one slot as a difference, each with its verbatim span."""
    kind: TypedKind = "date" if a.date is not None else "number"
    return _difference(
        kind,
        slot,
        _shown(a),
        _shown(b),
        _evidence(fa.text, a.start, a.end),
        _evidence(fb.text, b.start, b.end),
    )


def _within(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _people_within(facts: ClaimFacts, spans: Sequence[tuple[int, int]]) -> list[EntityRef]:
    return [
        e
        for e in facts.entities
        if e.label == "PERSON" and _within(e.char_start, e.char_end, spans)
    ]


def answered_differences(
    fa: ClaimFacts,
    spans_a: Sequence[tuple[int, int]],
    fb: ClaimFacts,
    spans_b: Sequence[tuple[int, int]],
    question: str,
) -> list[TypedDifference]:
    """The question route: two statements' answers to one question (``spans_a`` of A's
    text, ``spans_b`` of B's, :mod:`factcheck.comparison.judges.questions`) that give two
    values of one type which cannot both hold, or two different people. The slot is the
    question; whether the values agree is read off the parse, as for the other routes."""
    values_a = [v for v in values_of(fa) if _within(v.start, v.end, spans_a)]
    values_b = [v for v in values_of(fb) if _within(v.start, v.end, spans_b)]
    compared = [
        (a, b, _agreement(a, b))
        for a in values_a
        for b in values_b
        if a.kind == b.kind and _may_compare(a, fa, b, fb)
    ]
    if any(agreement for _, _, agreement in compared):
        return []
    for a, b, agreement in compared:
        if agreement is False:
            return [_value_difference(fa, a, fb, b, question)]
    if values_a or values_b:
        return []
    people_a, people_b = _people_within(fa, spans_a), _people_within(fb, spans_b)
    if not people_a or not people_b:
        return []
    if any(same_name(x.key, y.key) for x in people_a for y in people_b):
        return []
    x, y = people_a[0], people_b[0]
    return [
        _difference(
            "role",
            question,
            x.text,
            y.text,
            _evidence(fa.text, x.char_start, x.char_end),
            _evidence(fb.text, y.char_start, y.char_end),
        )
    ]


# -- arithmetic -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    """A change stated with its ends: each of by/start/end either given or implied."""

    frame: str
    unit: str
    direction: int
    subject: str
    given: dict[str, Quantity]
    values: dict[str, float]


def _changes(facts: ClaimFacts) -> list[_Change]:
    by_predicate: dict[str, dict[str, Quantity]] = {}
    for q in facts.quantities:
        if q.forecast or not q.predicate:
            continue
        role = _change_role(q, facts)
        if role not in {"by", "start", "end"} or q.kind == "percent":
            continue
        by_predicate.setdefault(q.predicate, {}).setdefault(role, q)
    found: list[_Change] = []
    for predicate, given in by_predicate.items():
        units = {(q.kind, q.unit) for q in given.values()}
        if len(given) < 2 or len(units) != 1:
            continue
        values = {role: q.value for role, q in given.items()}
        sign = direction_of(predicate)
        if sign == 0:
            if set(given) != {"start", "end"} or values["start"] == values["end"]:
                continue
            sign = 1 if values["end"] > values["start"] else -1
        if "by" not in values:
            values["by"] = abs(values["end"] - values["start"])
        elif "start" not in values:
            values["start"] = values["end"] - sign * values["by"]
        elif "end" not in values:
            values["end"] = values["start"] + sign * values["by"]
        first = next(iter(given.values()))
        found.append(_Change(first.frame, first.unit, sign, first.subject, given, values))
    return found


def _one_end_agrees(a: _Change, b: _Change) -> bool:
    """Both state where the change ended (or began) and agree on it: one change, whatever
    else the sentences say ("dropped 36,000 to 293,000" / "fell to 293,000 from 344,750")."""
    return any(
        role in a.given and role in b.given and agree(a.given[role], b.given[role])
        for role in ("start", "end")
    )


def _arithmetic_differences(
    fa: ClaimFacts, fb: ClaimFacts, frames: FrameMatcher, threshold: float
) -> list[TypedDifference]:
    """A change and its ends: compared where one side implies what the other states."""
    found: list[TypedDifference] = []
    for a in _changes(fa):
        for b in _changes(fb):
            if a.unit != b.unit or a.direction != b.direction:
                continue
            if (
                a.subject != b.subject
                and not _one_end_agrees(a, b)
                and frames.similarity(a.frame, b.frame) < threshold
            ):
                continue
            for role in ("start", "end", "by"):
                if role in a.given and role in b.given:
                    continue  # both say it: the value check compares them
                x, y = a.values[role], b.values[role]
                if abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)):
                    continue
                found.append(_arithmetic(fa, a, fb, b, role))
                break
    return found


def _stated(facts: ClaimFacts, change: _Change, role: str) -> tuple[str, str]:
    value = change.values[role]
    shown = f"{value:,.2f}".rstrip("0").rstrip(".")
    if role in change.given:
        q = change.given[role]
        return shown, _evidence(facts.text, q.char_start, q.char_end)
    spans = sorted(change.given.values(), key=lambda q: q.char_start)
    words = {"start": "from", "end": "to", "by": "by"}[role]
    evidence = facts.text[spans[0].char_start : spans[-1].char_end]
    return f"{shown} ({words}, implied)", evidence


def _arithmetic(
    fa: ClaimFacts, a: _Change, fb: ClaimFacts, b: _Change, role: str
) -> TypedDifference:
    value_a, evidence_a = _stated(fa, a, role)
    value_b, evidence_b = _stated(fb, b, role)
    what = {"start": "value before the change", "end": "value after the change", "by": "change"}
    return _difference(
        "number", f"{what[role]}: {a.frame}", value_a, value_b, evidence_a, evidence_b
    )


# -- one point --------------------------------------------------------------------------------


def timing_only(difference: TypedDifference, facts_a: ClaimFacts, facts_b: ClaimFacts) -> bool:
    """A forecast against a report of the same figure ("fares will rise 3%" / "fares rose
    3%"): timing, not a dispute. Without a figure both give alike, "will" against "did" is
    still a status difference (has it happened?)."""
    if (
        difference.kind != "status"
        or {difference.value_a, difference.value_b} != _FORECAST_AND_REPORT
    ):
        return False
    return any(
        a.kind == b.kind and a.unit == b.unit and agree(a, b)
        for a in facts_a.quantities
        for b in facts_b.quantities
    )


def default_match() -> SlotMatch:
    """Frames by the shipped embedder, checked by substitution with the shipped model."""
    return SlotMatch(default_frames(), ModelJudge())


def point_differences(
    facts_a: ClaimFacts, facts_b: ClaimFacts, *, match: SlotMatch | None = None
) -> list[TypedDifference]:
    """The slots on which two statements of one point give different values."""
    match = match or default_match()
    found = [d for d in facts_differences(facts_a, facts_b) if not timing_only(d, facts_a, facts_b)]
    extra = [
        *_value_differences(facts_a, facts_b, match),
        *_arithmetic_differences(facts_a, facts_b, match.frames, match.frame_threshold),
        *reported_status_differences(facts_a, facts_b),
        *relation_differences(facts_a, facts_b),
        *actor_differences(facts_a, facts_b, frames=match.frames, judge=match.judge),
    ]
    seen = {(d.evidence_a, d.evidence_b) for d in found}
    for difference in extra:
        key = (difference.evidence_a, difference.evidence_b)
        if key not in seen:
            seen.add(key)
            found.append(difference)
    return found
