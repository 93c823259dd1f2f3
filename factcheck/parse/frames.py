"""The frame of a value: the words of its clause that say what the value is *of*.

"Passengers were stuck on the runway for four hours" gives the duration the frame
"passengers were stuck on the runway for"; "Travellers waited on the tarmac for five
hours", "travellers waited on the tarmac for". Two values fill one slot when their frames
mean the same, whatever the verb: the comparison reads the frames' meaning
(:mod:`factcheck.comparison.checks.slots`). A frame is not the whole sentence: a sentence's other
clauses and the words of its subject would drown what the value is of.

The frame is the value's governing word (the nearest verb above it, or the noun its phrase
describes when no verb governs it) with that word's own dependents, less the values of the
sentence (every figure and date, so that "62-38" and "60 to 40" leave the same words), its
other clauses, determiners and punctuation, and less its subject (a passive's by-agent
included): "the assembly approved the treaty" and "the treaty was ratified by the assembly"
leave "approved treaty" and "was ratified". A common-noun subject keeps its head and the
words that name it ("the jobless rate climbed to 4.9%": "jobless rate climbed to"): then
the subject is what the value is of (typed pairs, ``benchmarks/typed_pairs.py --pairs --cv
both --alarm-cost 3``, measured when the rule came in: held-out recall 53.2% to 61.2%,
false alarms 6.9% to 7.9%; it also makes two things said of one subject look alike, "the
new law takes effect" / "the new law was passed", which the substitution test must part).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

__all__ = ["value_frame"]

_CLAUSES = frozenset({"advcl", "ccomp", "conj", "cc", "relcl", "parataxis", "appos", "meta"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"})
_MAX_WORDS = 16


def _governor(token: Token) -> Token:
    """The nearest verb above the token, or the noun its phrase describes."""
    current = token
    while current.head.i != current.i:
        head = current.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.pos_ in {"NOUN", "PROPN"} and current.dep_ == "prep" and head.dep_ != "pobj":
            return head
        current = head
    return current


def _kept(token: Token, out: list[Token]) -> None:
    """The token and its subtree less other clauses, subjects and punctuation."""
    out.append(token)
    for child in token.children:
        if child.dep_ in _SUBJECTS or child.dep_ in _CLAUSES or child.is_punct:
            continue
        _kept(child, out)


def _measured(governor: Token) -> list[Token]:
    """A common-noun subject's head and the words that name it ("the city budget totals
    $8.3 billion": "city budget"; "the previous strike lasted five weeks": "previous
    strike"), or the noun a participle describes: what a value is of is often the thing its
    clause is about. A named or pronoun subject says who, not what, and stays out."""
    subjects = [c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and governor.dep_ == "acl":
        subjects = [governor.head]  # "the ferry line, running since 2001": the line runs
    for subject in subjects:
        if subject.pos_ == "NOUN":
            return [subject, *(c for c in subject.children if c.dep_ in {"compound", "amod"})]
    return []


def value_frame(
    doc: Doc | Span,
    char_start: int,
    char_end: int,
    values: Sequence[tuple[int, int]] = (),
) -> str:
    """The frame of the value written at ``char_start:char_end`` of the sentence;
    ``values`` are the spans of all the sentence's values, left out of every frame."""
    tokens = [t for t in doc if char_start <= t.idx < char_end]
    if not tokens:
        return ""
    governor = _governor(tokens[-1])
    if governor.i == tokens[-1].i:
        return ""
    spans = [*values, (char_start, char_end)]
    kept: list[Token] = []
    _kept(governor, kept)
    kept.extend(_measured(governor))
    words = [
        t
        for t in sorted({t.i: t for t in kept}.values(), key=lambda t: t.i)
        if t.pos_ != "DET" and not any(start <= t.idx < end for start, end in spans)
    ]
    return " ".join(t.text for t in words[:_MAX_WORDS])
