"""Status through reporting frames: one event that two statements put as committed,
possible or ruled out by the sources they report.

The parser reads, for an event told through a source-introducing predicate ("The club has
announced it is selling its stadium", "The club signalled it may sell its stadium"), the
frame's commitment composed with the clause's own modality (``ClaimFacts.reported_status``,
FactBank's composition: Saurí & Pustejovsky 2009). This check compares those statuses when
both statements tell the same embedded event through a frame.

It stays quiet on:

* the same status in other words ("announced it will sell" / "confirmed it will sell");
* an outlet's own analysis or forecast, which no source introduces ("the success will
  depend on ..." / "could depend on ..."): both statements need a frame;
* a forecast against a report of the same event ("said fares will rise" / "said fares
  rose"): both are committed, the difference is one of timing, not of status;
* different embedded events (another predicate, or other participants), and the words of
  different sources ("analysts suggested the club may sell" / "the club announced it will
  sell"): a source's words are compared with the same source's;
* frames dated on different days ("hinted on Tuesday that he may resign" / "declared on
  Wednesday that he would not step down"): a source may say one thing one day and another
  the next; that is a story's course, not two outlets at odds.
"""

from __future__ import annotations

from factcheck.comparison.checks.typed import (
    TypedDifference,
    _difference,
    _same_predicate,
    dates_disagree,
    same_name,
)
from factcheck.language import GENERAL_NOUNS, LIGHT_VERBS, frame_class
from factcheck.schemas.facts import ClaimFacts, DateRef, EventRef, ReportedStatus

__all__ = ["DISPUTED_STATUSES", "reported_status_differences"]

DISPUTED_STATUSES: frozenset[frozenset[ReportedStatus]] = frozenset(
    {
        frozenset({"committed", "possible"}),
        frozenset({"committed", "ruled_out"}),
        frozenset({"possible", "ruled_out"}),
        frozenset({"committed", "uncommitted"}),
    }
)
"""Pairs of statuses that cannot both be what one source said. "Uncommitted" ("did not
confirm") disputes only "committed" ("confirmed"): against "possible" or "ruled out" it is
a weaker report, not another one."""

_VALUES: dict[ReportedStatus, str] = {
    "committed": "committed",
    "possible": "possible",
    "ruled_out": "ruled out",
    "uncommitted": "not committed",
    "unknown": "unknown",
}


def _participants(event: EventRef) -> set[str]:
    """The embedded event's own participants; a pronoun subject ("it is selling") stands
    for the frame's source ("the club")."""
    words = set(event.participants)
    words.update(w for w in (event.subject, event.object) if w)
    if not event.subject and event.frame_source:
        words.add(event.frame_source)
    return {w for w in words if w not in GENERAL_NOUNS and not w.replace(",", "").isdigit()}


def _same_embedded_event(a: EventRef, b: EventRef) -> bool:
    """The same or a synonymous predicate (not a light verb), with the same object head when
    both name one, else a shared participant."""
    if a.predicate in LIGHT_VERBS or not _same_predicate(a.predicate, b.predicate):
        return False
    if a.object and b.object:
        return a.object == b.object
    return bool(_participants(a) & _participants(b))


def _same_source(a: EventRef, b: EventRef) -> bool:
    """The frames report one source, as far as the words tell: the same head, or one side
    with no named source (a pronoun, a passive), or a name on one side and a common noun on
    the other ("Acme" / "the company"), which only the article could tell apart."""
    if not a.frame_source or not b.frame_source or a.frame_source == b.frame_source:
        return True
    if a.frame_source_is_name and b.frame_source_is_name:
        return same_name(a.frame_source, b.frame_source)
    return a.frame_source_is_name != b.frame_source_is_name


def _frame_dates(facts: ClaimFacts, event: EventRef) -> list[DateRef]:
    """Dates on the frame, not on the event: "hinted on Tuesday that ..."; for a framing
    noun or adjective, on a verb of saying ("indicated on Monday a willingness to ...")."""
    verb_frame = frame_class(event.frame, "verb") is not None
    return [
        d
        for d in facts.dates
        if d.head != event.predicate
        and (d.head == event.frame or (not verb_frame and frame_class(d.head, "verb")))
    ]


def _on_other_days(facts_a: ClaimFacts, a: EventRef, facts_b: ClaimFacts, b: EventRef) -> bool:
    return dates_disagree(_frame_dates(facts_a, a), _frame_dates(facts_b, b))


def _slot(event: EventRef) -> str:
    what = event.object or next(iter(sorted(_participants(event))), "")
    return f"status of {event.predicate} ({what})" if what else f"status of {event.predicate}"


def reported_status_differences(facts_a: ClaimFacts, facts_b: ClaimFacts) -> list[TypedDifference]:
    """The embedded event's status where two statements report it through frames and one
    puts it as committed, another as possible or ruled out (empty otherwise)."""
    a, b = facts_a.event, facts_b.event
    if a is None or b is None or a.frame_commitment == "none" or b.frame_commitment == "none":
        return []
    status_a, status_b = facts_a.reported_status, facts_b.reported_status
    if frozenset({status_a, status_b}) not in DISPUTED_STATUSES:
        return []
    if not _same_embedded_event(a, b) or not _same_source(a, b):
        return []
    if _on_other_days(facts_a, a, facts_b, b):
        return []
    evidence_a = facts_a.reported_status_evidence or a.evidence
    evidence_b = facts_b.reported_status_evidence or b.evidence
    return [
        _difference(
            "status", _slot(a), _VALUES[status_a], _VALUES[status_b], evidence_a, evidence_b
        )
    ]
