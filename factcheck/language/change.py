"""Which way a verb of change goes: the calibratable change-of-state verbs (Levin 45.6, the
class ``PREDICATE_CLASSES`` opens with) split by direction, so that "fell 20 to 180" gives
the value it fell from (200)."""

from __future__ import annotations

__all__ = ["FALL_VERBS", "RISE_VERBS", "direction_of"]

RISE_VERBS = frozenset(
    """rise climb increase jump soar surge grow gain edge rocket swell expand""".split()  # noqa: SIM905
)
FALL_VERBS = frozenset(
    """fall decline decrease drop dip plummet plunge tumble slide sink shrink slip slump
    dwindle contract""".split()  # noqa: SIM905
)


def direction_of(lemma: str) -> int:
    """+1 for a verb of rising, -1 for one of falling, 0 otherwise."""
    if lemma in RISE_VERBS:
        return 1
    if lemma in FALL_VERBS:
        return -1
    return 0
