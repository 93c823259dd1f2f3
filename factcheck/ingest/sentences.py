"""Splitting cleaned text into prose sentences with exact offsets.

Claims cite sentences by number and quote them verbatim, so every sentence
keeps ``text[char_start:char_end] == sentence.text``. Headings and the title
are not prose: they are skipped, because a claim resting on a headline
("Zelensky Drops NATO Bid") overstates what the article itself says. Where one
sentence ends and the next begins is pysbd's call (``factcheck.segment``); this
module decides only which lines are prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from factcheck.language import TITLE_SMALL_WORDS
from factcheck.schemas import Sentence
from factcheck.segment import sentence_spans

__all__ = [
    "MAX_SENTENCE_CHARS",
    "MIN_SENTENCE_CHARS",
    "Segmented",
    "Segmenter",
    "SetAside",
    "looks_like_heading",
    "segment_prose",
    "split_sentences",
]

MIN_SENTENCE_CHARS = 3
"""Letters and digits a piece needs to be a claim: a lone quotation mark, full stop or dash
that the segmenter cuts off is none (the claim record's statement needs 3 characters)."""
MAX_SENTENCE_CHARS = 1500
"""Longer "sentences" are run-on text (a list pasted without full stops, a transcript): they
are cut at a clause boundary. Real news sentences of 400-900 characters are kept whole; the
longest of the 285 newsday-dev articles and the stories-dev set is under this limit."""
_CLAUSE_BREAKS = ("; ", ": ", " — ", " – ", " -- ", ", ", " ")
"""Where an over-long sentence may be cut, strongest boundary first; white space last, so a
word is never cut."""

_ENDS_SENTENCE = re.compile(r"(?:[.!…]|\.{3})[\"'”’»)\]]*$")
_ENDS_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")
_LIST_MARKER = re.compile(r"(?:[-*•–—▪●]|\d{1,2}[.)])\s+")
_TITLE_MAX_WORDS = 25
_HEADING_MAX_WORDS = 8
_TITLE_CASE_SHARE = 0.75
"""Share of a line's content words that are capitalised from which it is in title case."""


def looks_like_heading(line: str, *, first_line: bool = False) -> bool:
    """True for a title or section heading rather than a line of prose.

    A heading has no closing full stop and is short or written in title case;
    the first line of an article may be a longer, sentence-case headline.
    """
    stripped = line.strip()
    words = stripped.split()
    if not words or _LIST_MARKER.match(stripped) or _ENDS_SENTENCE.search(stripped):
        return False
    if first_line and len(words) <= _TITLE_MAX_WORDS:
        return True
    title_case = _title_case_share(words) >= _TITLE_CASE_SHARE
    if _ENDS_QUESTION.search(stripped):
        # A short question is often prose ("Why now?"); one in title case is a heading.
        return title_case
    return len(words) <= _HEADING_MAX_WORDS or title_case


def _title_case_share(words: list[str]) -> float:
    content = [
        w for w in words if w.lower() not in TITLE_SMALL_WORDS and any(c.isalpha() for c in w)
    ]
    if not content:
        return 0.0
    capitalised = sum(1 for w in content if next(c for c in w if c.isalpha()).isupper())
    return capitalised / len(content)


Segmenter = Callable[[str, int, int], list[tuple[int, int]]]
"""``segment(text, start, end)``: spans into ``text`` of the sentences of ``text[start:end]``."""

SetAsideReason = Literal["no_words", "too_short", "split"]


@dataclass(frozen=True)
class SetAside:
    """A piece of prose that did not become one sentence as the segmenter cut it.

    ``no_words`` and ``too_short`` pieces are skipped (they cannot be a claim); a ``split``
    piece was longer than :data:`MAX_SENTENCE_CHARS` and became ``parts`` sentences.
    """

    reason: SetAsideReason
    line: int
    char_start: int
    char_end: int
    text: str
    parts: int = 0


@dataclass
class Segmented:
    """The prose sentences of a text, and what was skipped or split on the way."""

    sentences: list[Sentence] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)


def _word_chars(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` in pieces of at most :data:`MAX_SENTENCE_CHARS`, each cut at the
    strongest clause boundary in the second half of the allowed length."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = -1
        for mark in _CLAUSE_BREAKS:
            found = window.rfind(mark, MAX_SENTENCE_CHARS // 2)
            if found > 0:
                cut = found + len(mark.rstrip())
                break
        if cut <= 0:
            # One unbroken token longer than the limit (a URL, a hash): kept whole.
            break
        pieces.append((start, start + cut))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return [(s, e) for s, e in pieces if e > s]


def split_sentences(text: str, *, segment: Segmenter = sentence_spans) -> list[Sentence]:
    """The prose sentences of ``text``, numbered from 1, with exact offsets
    (:func:`segment_prose` without what it set aside)."""
    return segment_prose(text, segment=segment).sentences


def segment_prose(text: str, *, segment: Segmenter = sentence_spans) -> Segmented:
    """The prose sentences of ``text``, numbered from 1, with exact offsets.

    Each line is a paragraph, a list item or a heading; headings are skipped, a list
    item loses its marker, and the rest is cut into sentences by ``segment``
    (``factcheck.segment.sentence_spans``; ``benchmarks/segmenters.py`` passes others).
    A piece with no letter or digit, or fewer than :data:`MIN_SENTENCE_CHARS` of them,
    is skipped; one longer than :data:`MAX_SENTENCE_CHARS` is cut at clause boundaries.
    Both are listed in ``set_aside`` with their line.
    """
    result = Segmented()
    sentences = result.sentences
    offset = 0
    seen_content = False
    for line_no, line in enumerate(text.split("\n"), start=1):
        line_start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        first_line = not seen_content
        seen_content = True
        lead = len(line) - len(line.lstrip())
        marker = _LIST_MARKER.match(line, lead)
        if marker is None and looks_like_heading(line, first_line=first_line):
            continue
        body_start = line_start + (marker.end() if marker else lead)
        for start, end in segment(text, body_start, line_start + len(line)):
            piece = text[start:end]
            words = _word_chars(piece)
            if words < MIN_SENTENCE_CHARS:
                reason: SetAsideReason = "no_words" if words == 0 else "too_short"
                result.set_aside.append(SetAside(reason, line_no, start, end, piece))
                continue
            parts = _cut_long(text, start, end) if end - start > MAX_SENTENCE_CHARS else []
            if len(parts) > 1:
                result.set_aside.append(SetAside("split", line_no, start, end, piece, len(parts)))
            for part_start, part_end in parts or [(start, end)]:
                sentences.append(
                    Sentence(
                        index=len(sentences) + 1,
                        char_start=part_start,
                        char_end=part_end,
                        line=line_no,
                        text=text[part_start:part_end],
                    )
                )
    return result
