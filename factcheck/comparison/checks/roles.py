"""Who did it: one act told with two different people in one place.

"The award went to Maria Lopez" / "Ana Lopez won the award"; "The motion was tabled by
Senator Reyes" / "Senator Ortiz introduced the motion". The parse reads the names in the
doer's and the recipient's places of each sentence's main event, with the event's theme
(:class:`factcheck.schemas.facts.Actor`: "award", "motion"). Two statements tell one act
with two people when

* the themes are one (the same head lemma) and the dates, where both give some, agree;
* the names are two people by :func:`factcheck.comparison.checks.typed.same_name` (the one rule of
  :mod:`factcheck.language.names`: "Senator Reyes" and "Carla Reyes" are one person, "Maria
  Lopez" and "Ana Lopez" two), and neither statement names the other's person anywhere;
* the predicates are one act: the same verb or a verb of one class
  (:func:`factcheck.language.predicate_class`), else, with a contradiction model, A with B's
  person written in its place and B state each other (the entailment both ways, the weaker
  at least ``ACT_ENTAILMENT``: "The award went to Ana Lopez" and "Ana Lopez won the award"
  do; "The bill was signed by Price" and "The bill was drafted by Price" do not); without a
  model, the two acts written with one placeholder person ("someone won the award") are at
  least ``ACT_SIMILARITY`` alike to a given frame matcher (the weaker route: on the
  typed-pairs look-alikes MiniLM puts "signed by someone" and "drafted by someone" at
  0.82).

Being put forward for something and getting it are not one place: "Lopez was nominated for
the award" puts Lopez in no doer's or recipient's place of "award", so it is never compared
with "Ana Lopez won the award".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.comparison.checks.typed import (
    TypedDifference,
    _difference,
    _evidence,
    dates_disagree,
    same_name,
    substituted,
)
from factcheck.comparison.judges.model import ModelJudge, PairJudge
from factcheck.language import predicate_class
from factcheck.schemas.facts import Actor, ClaimFacts

if TYPE_CHECKING:
    from factcheck.comparison.checks.slots import FrameMatcher

__all__ = ["ACT_ENTAILMENT", "ACT_SIMILARITY", "actor_differences"]

ACT_ENTAILMENT = 0.5
"""With B's person written into A, A and B state each other at least this firmly (the
contradiction model's entailment, the weaker of the two ways): one act."""

ACT_SIMILARITY = 0.7
"""Without a model: two acts written with one placeholder person at least this alike."""

_PLACEHOLDER = "someone"


def _named_anywhere(actor: Actor, facts: ClaimFacts) -> bool:
    """The statement names this person in some place (an actor or any named entity)."""
    keys = [a.key for a in facts.actors] + [e.key for e in facts.entities]
    return any(same_name(actor.key, key) for key in keys)


def _on_other_occasions(fa: ClaimFacts, fb: ClaimFacts) -> bool:
    """Both date their statements and no date of one agrees with one of the other."""
    return dates_disagree(fa.dates, fb.dates)


def _placeholder_act(facts: ClaimFacts, actor: Actor) -> str:
    """The statement's act with a placeholder in the person's place."""
    return facts.text[: actor.char_start] + _PLACEHOLDER + facts.text[actor.char_end :]


def _one_act(
    fa: ClaimFacts,
    a: Actor,
    fb: ClaimFacts,
    b: Actor,
    frames: FrameMatcher | None,
    judge: PairJudge | None,
) -> bool:
    if a.predicate == b.predicate or b.predicate in predicate_class(a.predicate):
        return a.role == b.role
    if judge is not None:
        swapped = substituted(
            fa.text, (a.char_start, a.char_end), fb.text, (b.char_start, b.char_end)
        )
        both = judge.score([(swapped, fb.text), (fb.text, swapped)])
        return min(s.strongest("entailment")[0] for s in both) >= ACT_ENTAILMENT
    if frames is None:
        return False
    similarity = frames.similarity(_placeholder_act(fa, a), _placeholder_act(fb, b))
    return similarity >= ACT_SIMILARITY


def actor_differences(
    facts_a: ClaimFacts,
    facts_b: ClaimFacts,
    *,
    frames: FrameMatcher | None = None,
    judge: PairJudge | None = None,
) -> list[TypedDifference]:
    """One act (the same theme, the same act by meaning) with two different people in the
    doer's or the recipient's place. Where the verbs differ, ``judge`` decides whether they
    are one act (the shipped contradiction model when neither is given), else ``frames``
    (measured weaker: it takes "delivered by" and "organised by" for one act)."""
    if not facts_a.actors or not facts_b.actors or _on_other_occasions(facts_a, facts_b):
        return []
    if judge is None and frames is None:
        judge = ModelJudge()
    found: list[TypedDifference] = []
    for a in facts_a.actors:
        for b in facts_b.actors:
            if a.theme != b.theme or same_name(a.key, b.key):
                continue
            if _named_anywhere(a, facts_b) or _named_anywhere(b, facts_a):
                continue  # both name both people: a difference of wording, not of who
            if not _one_act(facts_a, a, facts_b, b, frames, judge):
                continue
            found.append(
                _difference(
                    "role",
                    f"{a.role} of {a.predicate} ({a.theme})",
                    a.text,
                    b.text,
                    _evidence(facts_a.text, a.char_start, a.char_end),
                    _evidence(facts_b.text, b.char_start, b.char_end),
                )
            )
            return found
    return found
