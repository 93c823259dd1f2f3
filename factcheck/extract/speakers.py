"""One speaker per person or organisation, however the text spells them.

"Zelenskyy", "Zelensky" and "Ukrainian President Volodymyr Zelenskyy" are one speaker,
shown as the fullest name ("Volodymyr Zelenskyy"); "the Kremlin" and "Kremlin spokesperson
Dmitry Peskov" stay two, because a person and an organisation are never merged. Names are
compared with rapidfuzz's edit-distance ratios, not with rules for particular spellings
(the rules and their thresholds live in ``factcheck.language.names``):

- two people are one when their surnames are nearly the same (``fuzz.ratio`` at least
  ``NAME_SIMILARITY``) and every other word of the shorter name is nearly a word of the
  longer one; a surname alone ("Jackson") goes to the person of that surname the text
  named first (news style names someone in full, then by surname); two full names with
  different suffixes ("Jesse Jackson" / "Jesse Jackson Jr.") are two people;
- two organisations are one when their words, in any order, are nearly the same
  (``fuzz.token_sort_ratio``: "Department of Labor" / "the Labor Department"), or when one
  name's words are all in the other's and both end in the same word ("U.S. Attorney's
  Office" / "the Southern District's U.S. Attorney's Office"; not "House" / "House Ethics
  Committee").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from factcheck.language import (
    ORGANISATION_FUNCTION_WORDS,
    TITLES,
    name_words,
    same_name_word,
    same_organisation_words,
)

__all__ = ["OUTLET", "SpeakerKind", "SpeakerRoster"]

OUTLET = "the outlet"
"""The source of record of what the article says in its own voice."""

SpeakerKind = Literal["person", "organisation"]


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass
class _Person:
    display: str
    given: tuple[str, ...]
    surname: str
    suffix: str
    first: int
    """Where the person is first named (the position of the earliest of their names)."""
    names: set[str] = field(default_factory=set)


@dataclass
class _Organisation:
    display: str
    words: tuple[str, ...]
    names: set[str] = field(default_factory=set)


class SpeakerRoster:
    """The speakers of a set of names: ``speaker_of(name, kind)`` is the one display name
    of the person or organisation ``name`` refers to."""

    def __init__(self, names: Iterable[tuple[str, SpeakerKind]]) -> None:
        self._people: list[_Person] = []
        self._organisations: list[_Organisation] = []
        unique = list(dict.fromkeys((" ".join(n.split()), k) for n, k in names if n.strip()))
        people = [(position, name) for position, (name, kind) in enumerate(unique)
                  if kind == "person"]  # fmt: skip
        # Full names first, so that a surname alone finds the person it abbreviates.
        for position, name in sorted(people, key=lambda p: -len(_person_words(p[1])[0])):
            self._add_person(name, position)
        for name, kind in unique:
            if kind == "organisation":
                self._add_organisation(name)

    def speaker_of(self, name: str, kind: SpeakerKind) -> str:
        name = " ".join(name.split())
        if kind == "person":
            for person in self._people:
                if name in person.names:
                    return person.display
        else:
            for organisation in self._organisations:
                if name in organisation.names:
                    return organisation.display
        return name

    def speakers(self) -> dict[str, SpeakerKind]:
        """Every speaker's display name and kind."""
        found: dict[str, SpeakerKind] = {p.display: "person" for p in self._people}
        found.update({o.display: "organisation" for o in self._organisations})
        return found

    def _add_person(self, name: str, position: int) -> None:
        given, surname, suffix = _person_words(name)
        if not surname:
            return
        matches = [p for p in self._people if _same_person(p, given, surname, suffix)]
        if matches:
            # A surname alone is the person of that name the text introduced first.
            person = min(matches, key=lambda p: p.first)
            person.first = min(person.first, position)
            person.names.add(name)
            return
        self._people.append(
            _Person(
                display=_strip_honorifics(name),
                given=given,
                surname=surname,
                suffix=suffix,
                first=position,
                names={name},
            )
        )

    def _add_organisation(self, name: str) -> None:
        words = _organisation_words(name)
        if not words:
            return
        for organisation in self._organisations:
            if same_organisation_words(organisation.words, words):
                organisation.names.add(name)
                if len(words) > len(organisation.words):
                    organisation.words = words
                return
        self._organisations.append(_Organisation(display=name, words=words, names={name}))


def _strip_honorifics(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def _person_words(name: str) -> tuple[tuple[str, ...], str, str]:
    """(given names, surname, suffix) of a person's name, lower-cased, titles dropped."""
    words = name_words(name)
    while words and words[0] in TITLES:
        words = words[1:]
    suffix = ""
    if len(words) > 1 and words[-1] in _SUFFIXES:
        suffix = words.pop()
    if not words:
        return (), "", suffix
    return tuple(words[:-1]), words[-1], suffix


def _same_person(person: _Person, given: tuple[str, ...], surname: str, suffix: str) -> bool:
    if not same_name_word(person.surname, surname, initials=True):
        return False
    if given and person.given and person.suffix != suffix:
        return False
    shorter, longer = sorted((given, person.given), key=len)
    return all(
        any(same_name_word(word, other, initials=True) for other in longer) for word in shorter
    )


def _organisation_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in name_words(name) if w not in ORGANISATION_FUNCTION_WORDS)
