"""Shared readings of spaCy's parse: lemmas, clause verbs, governors, entity keys.

Used by the event, figure and date readers of ``factcheck.parse``; not part of its API.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from factcheck.language import POSSESSIVE_MARKERS, TITLES
from factcheck.language.dates import PARTS_OF_DAY

__all__ = [
    "CLAUSES",
    "OBJECTS",
    "PASSIVE_SUBJECTS",
    "SUBJECTS",
    "YEARLIKE",
    "child_with",
    "clause_verb",
    "entity_at",
    "entity_key",
    "governor",
    "lemma_of",
    "span_root",
    "words_of",
]

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "dative"})
CLAUSES = frozenset({"ccomp", "xcomp"})
YEARLIKE = re.compile(r"^(1[6-9]\d\d|20\d\d)$")


def child_with(token: Token, deps: frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def lemma_of(token: Token) -> str:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and len(lemma) >= 7 and lemma.endswith("ise"):
        lemma = lemma[:-3] + "ize"  # British -ise: "apologise" and "apologize" are one verb
    return lemma[:60]


def clause_verb(token: Token) -> str:
    """Lemma of the verb whose clause holds ``token`` ("create" for the figure in "when
    1 million jobs were created"); '' for a verbless fragment."""
    current = token
    for _ in range(10):
        if current.pos_ in {"VERB", "AUX"} and current.i != token.i:
            return lemma_of(current)
        if current.head.i == current.i:
            return lemma_of(current) if current.pos_ in {"VERB", "AUX"} else ""
        current = current.head
    return ""


def words_of(doc: Doc, tokens: Iterable[Token]) -> str:
    """The text from the first to the last of ``tokens``, as written."""
    chosen = sorted({t.i for t in tokens})
    if not chosen:
        return ""
    return doc[chosen[0] : chosen[-1] + 1].text


def entity_at(doc: Doc, token: Token, labels: frozenset[str]) -> Span | None:
    if token.ent_type_ not in labels:
        return None
    return next((e for e in doc.ents if e.start <= token.i < e.end), None)


def entity_key(ent: Span) -> str:
    words = [
        t.lower_
        for t in ent
        if not t.is_punct and t.lower_ not in POSSESSIVE_MARKERS and t.lower_ != "the"
    ]
    while len(words) > 1 and words[0].rstrip(".") in TITLES:
        words.pop(0)
    return " ".join(words)[:120]


def span_root(doc: Doc, start: int, end: int) -> Token:
    inside = range(start, end)
    for token in doc[start:end]:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return doc[end - 1]


def governor(root: Token) -> tuple[str, str]:
    """(head lemma, preposition) of the word a figure or date attaches to."""
    head = root.head
    # The second figure of a tally hangs off the first ("a vote of 300-120").
    while head.like_num and head.head.i != head.i:
        head = head.head
    if head.i == root.i or head.like_num:
        return "", ""
    # "on Tuesday evening": the date narrows the part of the day, which dates the verb.
    if head.lemma_.lower() in PARTS_OF_DAY and head.head.i != head.i:
        head = head.head
    relation = ""
    if head.pos_ == "ADP" or head.dep_ in {"prep", "agent"}:
        relation = head.lower_
        if head.head.i == head.i:
            return "", relation
        head = head.head
    return lemma_of(head), relation[:20]
