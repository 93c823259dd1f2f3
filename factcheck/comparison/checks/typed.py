"""Typed checks: two claims that give different values for one slot of the same thing.

The parser (``factcheck.parse``) reads each claim's figures, dates, names, negation and
status once, into ``ClaimFacts``; these checks only read those fields.

* Figures are compared slot by slot (``comparable``): the same kind and unit, counting or
  measuring the same head by the same relation, in clauses with the same (or a
  synonymous) verb, of the same subject, on the same dates; never a forecast against a
  reported figure, nor figures that count different things. An approximate figure
  conflicts only with a value outside what it allows; equal values written differently
  agree.
* Dates, roles, status and negation are compared only when both claims tell the same event
  (``same_event``: the same or a synonymous predicate *and* a shared participant; a shared
  head word alone is not enough).

Each ``TypedDifference`` holds the two values and the two verbatim spans behind them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.language import (
    GENERAL_NOUNS,
    LIGHT_VERBS,
    PERIOD_BOUNDS,
    STOPWORDS,
    SUBJECT_PRONOUNS,
    TITLES,
    WORD_TOKEN,
    predicate_class,
    same_name_words,
)
from factcheck.parse import read_facts
from factcheck.schemas import Claim, Difference, DifferenceKind
from factcheck.schemas.facts import ClaimFacts, DateRef, EntityRef, Quantity

__all__ = [
    "NameOrFigure",
    "TypedDifference",
    "TypedKind",
    "agree",
    "comparable",
    "dates_disagree",
    "facts_differences",
    "facts_of",
    "mentioned_in",
    "mentions",
    "same_event",
    "same_name",
    "substituted",
    "typed_differences",
    "unmentioned",
]

TypedKind = DifferenceKind
"""The kinds a typed check finds: the schema's ``DifferenceKind`` under the checks' name."""

_ROLE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_DETERMINER = re.compile(r"(?:\b(?:a|an|the|its|his|her|their)\s+)$", re.IGNORECASE)
_WORD_AHEAD = re.compile(rf"[\s-]*({WORD_TOKEN.pattern})")


class TypedDifference(BaseModel):
    """One slot on which two claims about the same event give different values."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: TypedKind
    slot: str = Field(max_length=120, description="What is compared: 'page of indictment'")
    value_a: str = Field(max_length=120)
    value_b: str = Field(max_length=120)
    evidence_a: str = Field(max_length=200, description="Verbatim span of claim A")
    evidence_b: str = Field(max_length=200, description="Verbatim span of claim B")
    what_differs: str = Field(
        max_length=440, description='One line: A: "a 48-page indictment" · B: "the 47-page ..."'
    )

    def evidence(self, claim_a: str, claim_b: str) -> Difference:
        """The difference as a finding's evidence, between the claims with these ids."""
        return Difference(
            kind=self.kind,
            slot=self.slot,
            value_a=self.value_a,
            value_b=self.value_b,
            evidence_a=self.evidence_a,
            evidence_b=self.evidence_b,
            claim_a=claim_a,
            claim_b=claim_b,
        )

    def swapped(self) -> TypedDifference:
        """The same difference read from the other side."""
        return _difference(
            self.kind, self.slot, self.value_b, self.value_a, self.evidence_b, self.evidence_a
        )


def facts_of(claim: Claim) -> ClaimFacts:
    """The claim's facts, read from its quote when no one has attached them yet."""
    return claim.facts if claim.facts is not None else read_facts(claim.quote)


def typed_differences(claim_a: Claim, claim_b: Claim) -> list[TypedDifference]:
    """The slots on which two claims about the same event disagree (empty if none, or if
    they are not about the same event)."""
    return facts_differences(facts_of(claim_a), facts_of(claim_b))


# -- the same event -------------------------------------------------------------------------


def _key_words(key: str) -> set[str]:
    return {w for w in key.split() if w not in TITLES and w not in STOPWORDS}


def _participants(facts: ClaimFacts) -> set[str]:
    words: set[str] = set()
    if facts.event is not None:
        words.update(facts.event.participants)
        words.update(w for w in (facts.event.subject, facts.event.object) if w)
    for entity in facts.entities:
        words.update(_key_words(entity.key))
    words.update(q.head for q in facts.quantities if q.head)
    return {w for w in words if w not in GENERAL_NOUNS and not w.replace(",", "").isdigit()}


def _same_predicate(a: str, b: str) -> bool:
    return a == b or b in predicate_class(a)


def same_event(facts_a: ClaimFacts, facts_b: ClaimFacts) -> bool:
    """Both sentences tell the same event: the same or a synonymous predicate (one class of
    ``language.PREDICATE_CLASSES``, not a light verb such as "be" or "have") with at least
    one participant in common."""
    if facts_a.event is None or facts_b.event is None:
        return False
    if facts_a.event.predicate in LIGHT_VERBS:
        return False
    if not _same_predicate(facts_a.event.predicate, facts_b.event.predicate):
        return False
    return bool(_participants(facts_a) & _participants(facts_b))


# -- evidence -------------------------------------------------------------------------------


def _evidence(text: str, start: int, end: int, head: str = "") -> str:
    """The span, widened to its determiner and to the head noun right after it:
    "48-page" -> "a 48-page indictment"."""
    if head:
        cursor = end
        for _ in range(3):
            match = _WORD_AHEAD.match(text, cursor)
            if not match:
                break
            cursor = match.end()
            if match.group(1).lower().startswith(head[: max(3, len(head) - 2)]):
                end = cursor
                break
    before = _DETERMINER.search(text[max(0, start - 8) : start])
    if before:
        start -= len(before.group(0))
    return text[start:end].strip()[:200]


def _line(evidence_a: str, evidence_b: str) -> str:
    return f'A: "{evidence_a}" · B: "{evidence_b}"'[:440]


def _difference(
    kind: TypedKind, slot: str, value_a: str, value_b: str, evidence_a: str, evidence_b: str
) -> TypedDifference:
    return TypedDifference(
        kind=kind,
        slot=slot[:120],
        value_a=value_a[:120],
        value_b=value_b[:120],
        evidence_a=evidence_a,
        evidence_b=evidence_b,
        what_differs=_line(evidence_a, evidence_b),
    )


# -- figures --------------------------------------------------------------------------------


def _head_class(head: str) -> str:
    """Heads that are verbs of one class compare as one ("fell" and "dropped")."""
    return min(predicate_class(head))


def _counted(q: Quantity) -> str:
    """What a figure counts: its unit, or the noun it is "of" ("a vote of 300-120")."""
    return q.unit if q.unit != "none" else q.head


def _is_attribute(q: Quantity) -> bool:
    """A measure of a thing, "a 48-page indictment": the figure describes its head noun."""
    return (
        q.kind in {"count", "measure"}
        and q.unit not in {"none", q.head}
        and (q.head != q.predicate)
    )


def _is_bound(d: DateRef) -> bool:
    """The date bounds a period ("since 2007"): it is not the time of the event."""
    return d.relation in PERIOD_BOUNDS


def _clause_dates(q: Quantity, facts: ClaimFacts) -> list[DateRef]:
    if not q.predicate:
        return []
    return [d for d in facts.dates if d.predicate and _same_predicate(d.predicate, q.predicate)]


def _clause_spans(q: Quantity, facts: ClaimFacts) -> list[float]:
    """The lengths of the periods a figure's clause runs over ("over the eight year span",
    "in seven years"): the clause's other figures of time, in the parser's unit."""
    if not q.predicate or q.kind == "duration":
        return []
    return sorted(
        x.value
        for x in facts.quantities
        if x is not q
        and x.kind == "duration"
        and x.predicate
        and _same_predicate(x.predicate, q.predicate)
    )


def _on_other_occasions(a: Quantity, fa: ClaimFacts, b: Quantity, fb: ClaimFacts) -> bool:
    """The figures' clauses are dated differently: points that cannot be the same day ("in
    August" / "in July"), or periods with other bounds ("from 2007 through 2014" / "last
    year"; "since 2008" / no period at all) or other lengths ("over the eight year span" /
    none): a figure over a period is not one at a time."""
    dates_a, dates_b = _clause_dates(a, fa), _clause_dates(b, fb)
    bounds_a = sorted(d.iso or d.text for d in dates_a if _is_bound(d))
    bounds_b = sorted(d.iso or d.text for d in dates_b if _is_bound(d))
    if bounds_a != bounds_b:
        return True
    if _clause_spans(a, fa) != _clause_spans(b, fb):
        return True  # "over the eight year span" / "in 2013": a total is not a year's
    points_a = [d for d in dates_a if not _is_bound(d)]
    points_b = [d for d in dates_b if not _is_bound(d)]
    return dates_disagree(points_a, points_b)


def _words_compatible(a: str, b: str) -> bool:
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a


def _about_compatible(a: Quantity, b: Quantity, *, strict: bool) -> bool:
    """The phrases after the figures name the same thing; with ``strict`` a phrase on one
    side only is a difference too (the figure's verb alone does not say what it counts)."""
    if not a.about or not b.about:
        return not strict or a.about == b.about
    if a.about_is_name and b.about_is_name:
        return same_name(a.about, b.about)
    return _words_compatible(a.about, b.about)


def comparable(a: Quantity, fa: ClaimFacts, b: Quantity, fb: ClaimFacts, *, event: bool) -> bool:
    """Both figures give the same slot: the same kind and unit, counting the same thing.

    Never compared: a forecast with a reported figure, figures of different named subjects
    ("Bush paid 36%" / "the Clintons paid 35.7%"), of differently narrowed heads ("average
    rate" / "effective rate"), of different things after them ("in state taxes" / "in
    federal taxes"), or of clauses dated differently. Money paid to or spent at the same
    named party is one slot ("$5,687.75 on X" / "a $5,587.75 vacation at X"). Otherwise the
    heads must match (verbs of one class count as one) by the same preposition, and either
    the figure describes its noun ("a 48-page indictment"), or it counts a noun in a clause
    with the same or a synonymous verb, or it hangs off the verb itself ("spent $250,000")
    of the same main event (``event``) with the same phrase after it.
    """
    if a.kind != b.kind or a.unit != b.unit or a.forecast != b.forecast:
        return False
    same_party = a.kind == "money" and a.about_is_name and b.about_is_name
    # Money at one named place is one slot unless two named spenders are set apart.
    if (
        a.subject
        and b.subject
        and not same_name(a.subject, b.subject)
        and (not same_party or (a.subject_is_name and b.subject_is_name))
    ):
        return False
    if (
        a.modifiers
        and b.modifiers
        and not _words_compatible(" ".join(a.modifiers), " ".join(b.modifiers))
    ):
        return False
    if _on_other_occasions(a, fa, b, fb):
        return False
    if same_party:
        return same_name(a.about, b.about)
    if not a.head or not b.head or _counted(a) != _counted(b):
        return False
    if _head_class(a.head) != _head_class(b.head):
        return False
    if a.relation.replace("of", "") != b.relation.replace("of", ""):
        return False
    on_verb = bool(a.predicate) and _head_class(a.head) == _head_class(a.predicate)
    if not _about_compatible(a, b, strict=on_verb):
        return False
    if _is_attribute(a) and _is_attribute(b):
        return True
    if on_verb:
        return event
    return bool(a.predicate) and _same_predicate(a.predicate, b.predicate)


def agree(a: Quantity, b: Quantity) -> bool:
    """The two figures can both be true: what each wording allows overlaps."""
    low_a = a.low if a.low is not None else float("-inf")
    high_a = a.high if a.high is not None else float("inf")
    low_b = b.low if b.low is not None else float("-inf")
    high_b = b.high if b.high is not None else float("inf")
    tolerance = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return low_a <= high_b + tolerance and low_b <= high_a + tolerance


def _figure_value(q: Quantity) -> str:
    value = f"{q.value:,.2f}".rstrip("0").rstrip(".")
    unit = "" if q.unit == "none" else f" {q.unit}"
    return f"{q.qualifier + ' ' if q.qualifier else ''}{value}{unit}"


def _slot_name(q: Quantity) -> str:
    if q.kind == "money" and q.about:
        return f"{q.unit} to {q.about}"
    what = q.unit if q.unit not in {"none", q.head} else ""
    of = f"{what} of {q.head}" if what else q.head
    return f"{of} ({q.relation})" if q.relation else of


def _number_differences(fa: ClaimFacts, fb: ClaimFacts, *, event: bool) -> list[TypedDifference]:
    """Figures of one slot pair off with one that agrees; the rest pair in order."""
    qa, qb = fa.quantities, fb.quantities
    pairs = [
        (i, j)
        for i in range(len(qa))
        for j in range(len(qb))
        if comparable(qa[i], fa, qb[j], fb, event=event)
    ]
    left = {i for i, _ in pairs}
    right = {j for _, j in pairs}
    for i, j in pairs:
        if i in left and j in right and agree(qa[i], qb[j]):
            left.discard(i)
            right.discard(j)
    found: list[TypedDifference] = []
    for i, j in pairs:
        if i in left and j in right:
            left.discard(i)
            right.discard(j)
            a, b = qa[i], qb[j]
            found.append(
                _difference(
                    "number",
                    _slot_name(a),
                    _figure_value(a),
                    _figure_value(b),
                    _evidence(fa.text, a.char_start, a.char_end, a.head),
                    _evidence(fb.text, b.char_start, b.char_end, b.head),
                )
            )
    return found


# -- dates ----------------------------------------------------------------------------------


def _event_dates(facts: ClaimFacts) -> list[DateRef]:
    if facts.event is None:
        return []
    return [
        d
        for d in facts.dates
        if d.head and _same_predicate(facts.event.predicate, d.head) and not _is_bound(d)
    ]


def _date_parts(iso: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of "2021-07-04", "2021-07", "2021", "--07-04" or "--07"."""
    if not iso:
        return None, None, None
    year: int | None = None
    rest = iso
    if iso.startswith("--"):
        rest = iso[2:]
    else:
        year = int(iso[:4])
        rest = iso[5:]
    pieces = [int(p) for p in rest.split("-") if p]
    month = pieces[0] if pieces else None
    day = pieces[1] if len(pieces) > 1 else None
    return year, month, day


def _one_weekday(a: DateRef, b: DateRef) -> bool:
    return (a.kind == "weekday") != (b.kind == "weekday") and "date" in {a.kind, b.kind}


def _weekday_against_day(a: DateRef, b: DateRef) -> bool | None:
    """A day named only by its weekday ("on Monday") against a calendar day ("March 11"):
    the weekday may be the last or the next such day, and a calendar day without its year
    this year's or last year's, so they agree when the calendar day, read in any year that
    puts it within ten days of the weekday's reading (a week either way, and the days a
    tense misread can add), falls on that weekday."""
    weekday, day = (a, b) if a.kind == "weekday" else (b, a)
    if not weekday.iso or not day.iso or not weekday.weekday:
        return None
    anchor = datetime.date.fromisoformat(weekday.iso)
    month_day = day.iso[5:] if len(day.iso) == 10 else ""
    if not month_day:
        return None
    years = [anchor.year - 1, anchor.year, anchor.year + 1] if day.resolved else [int(day.iso[:4])]
    near: list[datetime.date] = []
    for year in years:
        try:
            candidate = datetime.date.fromisoformat(f"{year}-{month_day}")
        except ValueError:
            continue
        if abs((candidate - anchor).days) <= 10:
            near.append(candidate)
    if not near:
        return None
    return any(c.strftime("%A") == weekday.weekday for c in near)


def _date_relation(a: DateRef, b: DateRef) -> bool | None:
    """True if the two dates agree, False if they cannot both hold, None if they cannot be
    compared (an unresolved relative date, or no part given by both). A weekday against a
    calendar day agrees when the day can fall on it (:func:`_weekday_against_day`)."""
    if _one_weekday(a, b):
        return _weekday_against_day(a, b)
    if a.iso and b.iso:
        pairs = [
            (x, y) for x, y in zip(_date_parts(a.iso), _date_parts(b.iso), strict=True) if x and y
        ]
        return all(x == y for x, y in pairs) if pairs else None
    if a.weekday and b.weekday:
        return a.weekday == b.weekday
    return None


def dates_disagree(dates_a: Sequence[DateRef], dates_b: Sequence[DateRef]) -> bool:
    """Two sets of dates that put things on other occasions: some pair cannot both hold and
    no pair agrees."""
    relations = [_date_relation(x, y) for x in dates_a for y in dates_b]
    return False in relations and True not in relations


def substituted(text_a: str, span_a: tuple[int, int], text_b: str, span_b: tuple[int, int]) -> str:
    """Sentence A with what sentence B writes at ``span_b`` in place of A's ``span_a``: the
    substitution test of one slot ("does A, with B's value, say what B says?")."""
    return text_a[: span_a[0]] + text_b[span_b[0] : span_b[1]] + text_a[span_a[1] :]


def _date_value(d: DateRef) -> str:
    parts = [p for p in (d.iso, d.weekday, d.relative) if p]
    return " / ".join(dict.fromkeys(parts)) or d.text


def _other_figures(fa: ClaimFacts, fb: ClaimFacts) -> bool:
    """Both give a figure of one kind for one thing, and the figures disagree: with the dates
    differing too, that is two occasions ("added 235,000 jobs in August" / "added 943,000
    jobs in July"), not one event dated twice."""
    return any(
        a.kind == b.kind and a.unit == b.unit and _counted(a) == _counted(b) and not agree(a, b)
        for a in fa.quantities
        for b in fb.quantities
    )


def _report_dates(facts: ClaimFacts) -> list[DateRef]:
    """Dates of the verb of saying the event was reported with ("said in 2017 that ...")."""
    if facts.event is None or not facts.event.reported_with:
        return []
    verb = facts.event.reported_with
    return [d for d in facts.dates if d.head == verb and not _is_bound(d) and d.iso]


def _later(a: str, b: str) -> bool:
    """``a`` is certainly later than ``b``, at the precision both give."""
    for x, y in zip(_date_parts(a), _date_parts(b), strict=True):
        if x is None or y is None:
            return False
        if x != y:
            return x > y
    return False


def _reported_before(fa: ClaimFacts, fb: ClaimFacts) -> tuple[DateRef, DateRef] | None:
    """A past event reported on a date (A: "said in 2017 that they repaid") that the other
    claim dates later (B: "repaid ... earlier this year", 2018): it cannot be both."""
    if fa.status != "happened" or fa.negated:
        return None
    for report in _report_dates(fa):
        for when in _event_dates(fb):
            if when.iso and _later(when.iso, report.iso):
                return report, when
    return None


def _date_differences(fa: ClaimFacts, fb: ClaimFacts) -> list[TypedDifference]:
    if _other_figures(fa, fb):
        return []
    dates_a, dates_b = _event_dates(fa), _event_dates(fb)
    relations = [(a, b, _date_relation(a, b)) for a in dates_a for b in dates_b]
    if any(r is True for _, _, r in relations):
        return []
    conflicts = [(a, b) for a, b, r in relations if r is False]
    slot = f"when: {fa.event.predicate if fa.event else ''}"
    if not relations:
        if (bound := _reported_before(fa, fb)) is not None:
            conflicts = [bound]
        elif (bound := _reported_before(fb, fa)) is not None:
            conflicts = [(bound[1], bound[0])]
        slot += " (reported as done by then)"
    if len(conflicts) != 1:
        return []
    a, b = conflicts[0]
    return [
        _difference(
            "date",
            slot,
            _date_value(a),
            _date_value(b),
            _evidence(fa.text, a.char_start, a.char_end),
            _evidence(fb.text, b.char_start, b.char_end),
        )
    ]


# -- roles ----------------------------------------------------------------------------------


def same_name(a: str, b: str) -> bool:
    """Two keys name the same party: equal, or one's words within the other's ("hunter" and
    "duncan hunter"), spelled alike ("volodymyr zelensky" and "zelenskyy")."""
    words_a, words_b = _key_words(a), _key_words(b)
    if not words_a or not words_b:
        return a == b
    return same_name_words(words_a, words_b)


def _other_participant_agrees(fa: ClaimFacts, fb: ClaimFacts, role: str) -> bool:
    """The event's other side is the same in both: the object for a different agent, the
    subject for a different patient. Without it, two agents are two events."""
    if fa.event is None or fb.event is None:
        return False
    other_a = fa.event.object if role == "agent" else fa.event.subject
    other_b = fb.event.object if role == "agent" else fb.event.subject
    return bool(other_a) and (other_a == other_b or same_name(other_a, other_b))


def _role_differences(fa: ClaimFacts, fb: ClaimFacts) -> list[TypedDifference]:
    found: list[TypedDifference] = []
    if _date_differences(fa, fb):
        return found  # on another day: another occasion, not another doer
    for role in ("agent", "patient"):
        if not _other_participant_agrees(fa, fb, role):
            continue
        for label in _ROLE_LABELS:
            side_a = [e for e in fa.entities if e.role == role and e.label == label]
            side_b = [e for e in fb.entities if e.role == role and e.label == label]
            if not side_a or not side_b:
                continue
            if any(same_name(a.key, b.key) for a in side_a for b in side_b):
                continue
            if _mentioned_anywhere(side_a, fb) or _mentioned_anywhere(side_b, fa):
                continue  # both name both parties: a difference of wording, not of role
            a, b = side_a[0], side_b[0]
            predicate = fa.event.predicate if fa.event else ""
            found.append(
                _difference(
                    "role",
                    f"{role} of {predicate}",
                    a.text,
                    b.text,
                    _evidence(fa.text, a.char_start, a.char_end),
                    _evidence(fb.text, b.char_start, b.char_end),
                )
            )
    return found


def _mentioned_anywhere(entities: Sequence[EntityRef], facts: ClaimFacts) -> bool:
    return any(same_name(e.key, other.key) for e in entities for other in facts.entities)


# -- status and negation --------------------------------------------------------------------


def _predicate_evidence(facts: ClaimFacts) -> str:
    if facts.event is not None and facts.event.evidence:
        return facts.event.evidence
    return facts.text[:80]


def _status_differences(fa: ClaimFacts, fb: ClaimFacts) -> list[TypedDifference]:
    if "unknown" in (fa.status, fb.status) or fa.status == fb.status:
        return []
    predicate = fa.event.predicate if fa.event else ""
    return [
        _difference(
            "status",
            f"status of {predicate}",
            fa.status,
            fb.status,
            fa.status_evidence or _predicate_evidence(fa),
            fb.status_evidence or _predicate_evidence(fb),
        )
    ]


def _negation_differences(fa: ClaimFacts, fb: ClaimFacts) -> list[TypedDifference]:
    if fa.negated == fb.negated:
        return []
    predicate = fa.event.predicate if fa.event else ""
    return [
        _difference(
            "negation",
            f"negation of {predicate}",
            "negated" if fa.negated else "affirmed",
            "negated" if fb.negated else "affirmed",
            _predicate_evidence(fa),
            _predicate_evidence(fb),
        )
    ]


def facts_differences(facts_a: ClaimFacts, facts_b: ClaimFacts) -> list[TypedDifference]:
    """``typed_differences`` on facts already read.

    Figures are compared slot by slot (``comparable``); dates, roles, status and negation
    only when the two sentences tell the same event (``same_event``), and status and
    negation only when they do not name two different doers.
    """
    event = same_event(facts_a, facts_b)
    found = _number_differences(facts_a, facts_b, event=event)
    if not event:
        return found
    found.extend(_date_differences(facts_a, facts_b))
    found.extend(_role_differences(facts_a, facts_b))
    if _other_doers(facts_a, facts_b):
        return found
    status = _status_differences(facts_a, facts_b)
    found.extend(status or _negation_differences(facts_a, facts_b))
    return found


def _other_doers(fa: ClaimFacts, fb: ClaimFacts) -> bool:
    """Both name who does it, and not the same one ("Clinton responded" / "her spokesman
    did not respond"): two acts, so whether each happened is no dispute. A pronoun names
    no one here."""
    a = fa.event.subject if fa.event else ""
    b = fb.event.subject if fb.event else ""
    if not a or not b or a in SUBJECT_PRONOUNS or b in SUBJECT_PRONOUNS:
        return False
    return a != b and not same_name(a, b)


# -- mentions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameOrFigure:
    """A name or a figure a claim mentions, for telling whether any source mentions it."""

    kind: Literal["name", "figure"]
    text: str
    key: str
    entity: EntityRef | None = None
    quantity: Quantity | None = None


def mentions(facts: ClaimFacts) -> list[NameOrFigure]:
    """The names (named entities) and figures of a claim."""
    found = [NameOrFigure("name", e.text, e.key, entity=e) for e in facts.entities]
    found.extend(
        NameOrFigure("figure", q.text, _figure_value(q), quantity=q) for q in facts.quantities
    )
    return found


def mentioned_in(mention: NameOrFigure, sources: Iterable[ClaimFacts]) -> bool:
    """Some source names the same party, or gives a figure of the same kind and unit that the
    mention's wording allows."""
    for facts in sources:
        if mention.entity is not None and any(
            same_name(mention.entity.key, e.key) for e in facts.entities
        ):
            return True
        q = mention.quantity
        if q is not None and any(
            o.kind == q.kind and o.unit == q.unit and agree(q, o) for o in facts.quantities
        ):
            return True
    return False


def unmentioned(draft: ClaimFacts, sources: Sequence[ClaimFacts]) -> list[NameOrFigure]:
    """The names and figures of ``draft`` that no source mentions."""
    return [m for m in mentions(draft) if not mentioned_in(m, sources)]
