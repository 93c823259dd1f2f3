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

from factcheck.schemas import Sentence
from factcheck.segment import sentence_spans

__all__ = ["Segmenter", "looks_like_heading", "split_sentences"]

_ENDS_SENTENCE = re.compile(r"(?:[.!…]|\.{3})[\"'”’»)\]]*$")
_ENDS_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")
_LIST_MARKER = re.compile(r"(?:[-*•–—▪●]|\d{1,2}[.)])\s+")
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "as"}
)
_TITLE_MAX_WORDS = 25
_HEADING_MAX_WORDS = 8


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
    if _ENDS_QUESTION.search(stripped):
        # "What's at Stake?" is a heading; a question in prose is longer or lower case.
        return len(words) <= _HEADING_MAX_WORDS and _title_case_share(words) >= 0.5
    return len(words) <= _HEADING_MAX_WORDS or _title_case_share(words) >= 0.75


def _title_case_share(words: list[str]) -> float:
    content = [w for w in words if w.lower() not in _SMALL_WORDS and any(c.isalpha() for c in w)]
    if not content:
        return 0.0
    capitalised = sum(1 for w in content if next(c for c in w if c.isalpha()).isupper())
    return capitalised / len(content)


Segmenter = Callable[[str, int, int], list[tuple[int, int]]]
"""``segment(text, start, end)``: spans into ``text`` of the sentences of ``text[start:end]``."""


def split_sentences(text: str, *, segment: Segmenter = sentence_spans) -> list[Sentence]:
    """The prose sentences of ``text``, numbered from 1, with exact offsets.

    Each line is a paragraph, a list item or a heading; headings are skipped, a list
    item loses its marker, and the rest is cut into sentences by ``segment``
    (``factcheck.segment.sentence_spans``; ``benchmarks/segmenters.py`` passes others).
    """
    sentences: list[Sentence] = []
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
            sentences.append(
                Sentence(
                    index=len(sentences) + 1,
                    char_start=start,
                    char_end=end,
                    line=line_no,
                    text=text[start:end],
                )
            )
    return sentences
