"""Comparison relations: two statements that set one party against one reference differently.

The parser reads each comparison of a sentence (``ClaimFacts.comparisons``: the party, the
reference, the relation, its negation and modal). Two comparisons are compared only when

* their references are the same: one named party (``same_name``), or the same head noun
  with modifiers one of which narrows the other ("the old final-salary scheme" / "the old
  scheme"; never "the 1987 accord" / "the 1990 accord", nor "higher than last year" /
  "higher than expected");
* their parties are compatible: the same name, the same head narrowed compatibly, two
  heads of one class ("security guarantees" / "security arrangements"), of one owner when
  both name one, or one side unstated (a pronoun);
* neither is put as only possible ("may exceed", "could match").

Then equal or similar against below, above or unlike is a difference, and so is below
against above; equal and similar agree, and so do two wordings of one relation ("falls
short of" / "lags behind"). A scalar comparative compares one property: two on different
scales ("cheaper than" / "stronger than") say nothing about each other, and "similar to"
does not deny "cheaper than"; a scale-less relation ("matches", "goes beyond") is set
against either.
"""

from __future__ import annotations

from factcheck.comparison.checks.typed import TypedDifference, _difference, same_name
from factcheck.language import POSSIBILITY_MODALS
from factcheck.schemas.facts import ClaimFacts, Comparison, ComparisonRelation

__all__ = ["conflicting", "relation_differences", "same_party", "same_reference"]

_LABELS: dict[ComparisonRelation, str] = {
    "equal": "equal",
    "similar": "similar",
    "below": "below or short of",
    "above": "above or beyond",
    "unlike": "unlike",
}
_LIKENESS: frozenset[ComparisonRelation] = frozenset({"equal", "similar"})


def _words(key: str) -> set[str]:
    return set(key.split())


def same_reference(a: Comparison, b: Comparison) -> bool:
    """Both compare with the same thing: one named party, or one head noun narrowed
    compatibly (one side's modifiers within the other's)."""
    if a.reference_is_name and b.reference_is_name:
        return same_name(a.reference, b.reference)
    if a.reference_is_name != b.reference_is_name:
        # The tagger names "Article 5" on one side and not on the other.
        name, other = (a, b) if a.reference_is_name else (b, a)
        return _words(name.reference) == {other.reference_head, *other.reference_modifiers}
    if a.reference_head != b.reference_head:
        return False
    mods_a, mods_b = set(a.reference_modifiers), set(b.reference_modifiers)
    return mods_a <= mods_b or mods_b <= mods_a


def same_party(a: Comparison, b: Comparison) -> bool:
    """The compared parties can be one: either unstated (a pronoun), the same name, or
    things of one owner (if both name one) that are the same head narrowed compatibly ("the
    pension" / "the state pension"; not "the Senate bill" / "the House bill") or two heads
    of one class ("security guarantees" / "security arrangements"). An owner alone does not
    make two heads one: "the company's profit" is not "the company's revenue"."""
    if not a.party or not b.party:
        return True
    if a.party_is_name or b.party_is_name:
        return a.party_is_name == b.party_is_name and same_name(a.party, b.party)
    if a.party_owner and b.party_owner and not same_name(a.party_owner, b.party_owner):
        return False
    mods_a, mods_b = set(a.party_modifiers), set(b.party_modifiers)
    if a.party == b.party:
        return mods_a <= mods_b or mods_b <= mods_a
    return bool(mods_a & mods_b)


def conflicting(a: Comparison, b: Comparison) -> bool:
    """The two relations to one reference cannot both hold."""
    ra, rb = a.relation, b.relation
    if ra == rb or (ra in _LIKENESS and rb in _LIKENESS):
        return False
    if a.scale and b.scale and a.scale != b.scale:
        return False  # "cheaper than" / "stronger than": two properties
    if ra in _LIKENESS or rb in _LIKENESS:
        like, other = (a, b) if ra in _LIKENESS else (b, a)
        # "similar to" does not deny a difference in one property ("cheaper than").
        return not (like.relation == "similar" and other.scale)
    return "unlike" not in (ra, rb)  # below against above; "unlike" allows either


def _asserted(c: Comparison) -> bool:
    return c.modality not in POSSIBILITY_MODALS


def _value(c: Comparison) -> str:
    return f"{_LABELS[c.relation]} ({'not ' if c.negated else ''}{c.cue})"


def relation_differences(facts_a: ClaimFacts, facts_b: ClaimFacts) -> list[TypedDifference]:
    """The references to which two statements put the same party in relations that
    cannot both hold, each with both verbatim spans. A comparison that agrees with one of
    the other side's on the same reference settles that reference."""
    found: list[TypedDifference] = []
    settled: set[int] = set()
    for a in facts_a.comparisons:
        if not _asserted(a):
            continue
        matched = [
            (j, b)
            for j, b in enumerate(facts_b.comparisons)
            if j not in settled and _asserted(b) and same_reference(a, b) and same_party(a, b)
        ]
        if not matched or any(not conflicting(a, b) for _, b in matched):
            settled.update(j for j, _ in matched)
            continue
        j, b = matched[0]
        settled.add(j)
        found.append(
            _difference(
                "status",
                f"relation to {a.reference_text}",
                _value(a),
                _value(b),
                a.text,
                b.text,
            )
        )
    return found
