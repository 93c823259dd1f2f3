"""Inside one point: every pair of statements of different outlets compared slot by slot.

The points table lines up what each outlet says about one point of the story; this module
reads what differs inside such a row. It runs the typed checks of
:mod:`factcheck.comparison.typed` and the checks that only make sense once two statements
are known to be about one point: a value's slot matched by what the value is *of*, the
status of an event told through a reporting frame, comparison relations, who did an act,
and the arithmetic of a change.
"""

from __future__ import annotations

from factcheck.comparison.typed import TypedDifference, facts_differences
from factcheck.schemas.facts import ClaimFacts

__all__ = ["point_differences"]


def point_differences(facts_a: ClaimFacts, facts_b: ClaimFacts) -> list[TypedDifference]:
    """The slots on which two statements of one point give different values."""
    return facts_differences(facts_a, facts_b)
