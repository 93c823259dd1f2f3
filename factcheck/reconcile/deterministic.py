"""Cheap, exact checks that need no model: numbers and days that disagree.

Run only inside a block, where the claims already speak to the same thing,
so "a 20-point plan" and "a 12-point plan" are compared, but an unrelated
casualty figure is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.schemas import Claim, ContradictionKind

__all__ = [
    "ExactConflict",
    "common_terms",
    "exact_conflicts",
    "novel_names",
    "numbered_things",
    "polarity_conflict",
    "weekdays",
]

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
}  # fmt: skip
_COUNTED = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")[-\s]+([a-z]+)\b", re.IGNORECASE
)
_WEEKDAY = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
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


_NEGATION = re.compile(
    r"^(not|never|no|without|lack\w*|fail\w*|short|neither|nor|n't|cannot)$", re.IGNORECASE
)
_TOKEN = re.compile(r"[A-Za-z]+(?:n't)?|\d+|[.;:!?]")
_WINDOW = 6
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")
_FUNCTION_WORDS = frozenset(
    """the a an and or of to in on for with by from at as is are was were be been has have had
    that this these those it its his her their he she they we our us will would could may might
    can about into than then there which who what when where how also said says level long
    still just already only even more most very against between through during within upon
    among toward towards across despite via per over under after before since until while any
    some all both each other such""".split()  # noqa: SIM905
)


def _negated_terms(quote: str) -> tuple[set[str], set[str]]:
    """Content words of a quote, and those with a negation shortly before them
    in the same clause ("would not reach the level of NATO's Article 5")."""
    # "NATO's Article 5" is one noun phrase: a possessive 's is not a word of
    # its own that would push "Article" out of the negation's reach.
    words = _TOKEN.findall(_POSSESSIVE.sub("", quote))
    present: set[str] = set()
    negated: set[str] = set()
    for position, word in enumerate(words):
        lowered = word.lower()
        if not word[0].isalnum() or lowered in _FUNCTION_WORDS or _NEGATION.match(word):
            continue
        present.add(lowered)
        window: list[str] = []
        for earlier in reversed(words[max(0, position - _WINDOW) : position]):
            if not earlier[0].isalnum():
                break
            window.append(earlier)
        if any(_NEGATION.match(w) or w.lower().endswith("n't") for w in window):
            negated.add(lowered)
    return present, negated


def polarity_conflict(
    quote_a: str,
    quote_b: str,
    question: str = "",
    *,
    statements: tuple[str, str] | None = None,
    common: frozenset[str] = frozenset(),
) -> str | None:
    """A key term that one quote negates and the other affirms, or None.

    Key terms are the content words both quotes share, narrowed to those both
    claims' statements name (what each claim is about, not everything its
    sentence mentions) and to those of the question when it names any. The
    small judge model answers "yes" to "would not reach the level of Article
    5" as readily as to "akin to Article 5"; this exact check catches it.
    """
    present_a, negated_a = _negated_terms(quote_a)
    present_b, negated_b = _negated_terms(quote_b)
    shared = (present_a & present_b) - common
    if statements is not None:
        stated_a, stated_neg_a = _negated_terms(statements[0])
        stated_b, stated_neg_b = _negated_terms(statements[1])
        shared &= stated_a & stated_b
        # The claim and its quote must agree on whether the term is negated;
        # where they differ, the negation belongs to another clause.
        shared -= (negated_a ^ stated_neg_a) | (negated_b ^ stated_neg_b)
    asked = {w.lower() for w in _TOKEN.findall(question)}
    # With a question, only its terms count: a negation elsewhere in a long
    # sentence is about something else.
    key = shared & asked if asked else shared
    for term in sorted(key):
        if (term in negated_a) != (term in negated_b):
            return term
    return None


def common_terms(
    statements: Sequence[str], *, share: float = 0.15, floor: int = 5
) -> frozenset[str]:
    """Words so frequent across a run's claims that they name the story, not a point in it.

    On the seeds "Ukraine", "NATO" and "security" are in most claims; a
    negated "NATO" somewhere says nothing about which point two claims
    disagree on. A term is common when at least ``floor`` claims and more
    than ``share`` of them use it, so a small run keeps every term.
    """
    counts: dict[str, int] = {}
    for statement in statements:
        for term in _negated_terms(statement)[0]:
            counts[term] = counts.get(term, 0) + 1
    limit = max(floor, share * len(statements))
    return frozenset(t for t, k in counts.items() if k >= limit)


_NAME = re.compile(r"\b(?:[A-Z][a-zA-Z'’.-]*|\d[\d,.]*)")


def novel_names(text: str, sources: Sequence[str]) -> list[str]:
    """Names and figures in ``text`` that no source mentions anywhere.

    A draft that names a person, place or number its sources never mention
    is not supported by them, whatever a model says about the rest of the
    sentence. Capitalised words that open a sentence are skipped (they are
    capitalised for position, not because they are names).
    """
    haystack = {w.lower().strip(".,'’") for s in sources for w in re.findall(r"[\w'’.,-]+", s)}
    novel: list[str] = []
    for match in _NAME.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in '.!?"“:':
            continue
        word = match.group().strip(".,'’-")
        lowered = word.lower()
        if lowered.endswith(("'s", "’s")):
            lowered = lowered[:-2]
        if lowered and lowered not in haystack and lowered not in novel:
            novel.append(lowered)
    return novel
