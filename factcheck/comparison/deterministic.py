"""Cheap, exact checks that need no model: numbers and days that disagree, and names a
draft mentions that its sources never do.

Run only on candidate pairs, where the claims already speak to the same thing, so "a
20-point plan" and "a 12-point plan" are compared, but an unrelated casualty figure is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.language import WEEKDAYS
from factcheck.schemas import Claim, ContradictionKind

__all__ = [
    "ExactConflict",
    "exact_conflicts",
    "novel_names",
    "numbered_things",
    "weekdays",
]

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
}  # fmt: skip
_COUNTED = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")[-\s]+([a-z]+)\b", re.IGNORECASE
)
_WEEKDAY = re.compile(r"\bon (" + "|".join(WEEKDAYS) + r")\b")
_UNIT_STOP = frozenset({"and", "or", "of", "the", "a", "to", "in", "on", "percent"})


def numbered_things(text: str) -> dict[str, float]:
    """Counted nouns: "20-point plan" -> {"point": 20}."""
    found: dict[str, float] = {}
    for raw, unit in _COUNTED.findall(text):
        unit = unit.lower()
        if unit in _UNIT_STOP:
            continue
        word = raw.lower()
        if word in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[word])
        else:
            try:
                value = float(word.replace(",", ""))
            except ValueError:
                continue
        found[unit.rstrip("s")] = value
    return found


def weekdays(text: str) -> set[str]:
    return set(_WEEKDAY.findall(text))


@dataclass(frozen=True)
class ExactConflict:
    first: int
    second: int
    kind: ContradictionKind
    detail: str


def exact_conflicts(claims: Sequence[Claim]) -> list[ExactConflict]:
    """Pairs (by index) from different articles whose counts or days differ."""
    conflicts: list[ExactConflict] = []
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if a.article_id == b.article_id:
                continue
            na, nb = numbered_things(a.quote), numbered_things(b.quote)
            for unit in sorted(na.keys() & nb.keys()):
                if na[unit] != nb[unit]:
                    conflicts.append(
                        ExactConflict(i, j, "number", f"{na[unit]:g} vs {nb[unit]:g} ({unit})")
                    )
            da, db = weekdays(a.quote), weekdays(b.quote)
            if len(da) == 1 and len(db) == 1 and da != db:
                conflicts.append(
                    ExactConflict(i, j, "date", f"on {next(iter(da))} vs on {next(iter(db))}")
                )
    return conflicts


_TOKEN = re.compile(r"[^\W_](?:[\w'’.,&/-]*[^\W_])?")
_POSSESSIVE = ("'s", "’s", "'", "’")


def _normal(word: str) -> str:
    """A token as it is compared: lower case, no possessive ending, no thousands commas."""
    word = word.lower()
    for ending in _POSSESSIVE:
        if word.endswith(ending):
            word = word[: -len(ending)]
            break
    return word.replace(",", "")


def _mentioned(sources: Sequence[str]) -> set[str]:
    """Every token of ``sources``, whole and by its hyphen, slash and dot parts, with and
    without its dots ("U.N." is also "un")."""
    found: set[str] = set()
    for source in sources:
        for match in _TOKEN.finditer(source):
            word = _normal(match.group())
            found.update((word, word.replace(".", "")))
            found.update(part for part in re.split(r"[-/.]", word) if part)
    return found


def novel_names(text: str, sources: Sequence[str]) -> list[str]:
    """Names and figures in ``text`` that no source mentions anywhere.

    A draft that names a person, place or number its sources never mention
    is not supported by them, whatever a model says about the rest of the
    sentence. A name is a capitalised token, a figure one that starts with a digit, each
    taken whole ("SARS-CoV-2", "$5bn" as "5bn", "Kyiv's" as "kyiv"). Capitalised words that
    open a sentence are skipped (they are capitalised for position, not because they are
    names).
    """
    mentioned = _mentioned(sources)
    novel: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not (token[0].isupper() or token[0].isdigit()):
            continue
        before = text[: match.start()].rstrip()
        if not before or before[-1] in '.!?"“:':
            continue
        word = _normal(token)
        if word in mentioned or word.replace(".", "") in mentioned or word in novel:
            continue
        novel.append(word)
    return novel
