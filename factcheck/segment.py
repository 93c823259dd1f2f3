"""Sentence boundaries with exact offsets, by pysbd: the one segmenter of the package.

``factcheck.ingest`` numbers these sentences for claims to cite, and ``factcheck.nli`` reads
long premises in windows of them, so both cut text the same way. pysbd (the Golden Rules
segmenter, rule-based, no model) was chosen by ``benchmarks/segmenters.py`` over syntok,
sentencex and blingfire: it made the fewest errors on hand-labelled news sentences and on
the disputed boundaries of the SummEdits documents and the seeds, and it keeps a quotation
with its attribution ("“... ready. We have always been ready,” she said.") in one sentence.

Imports only the standard library and pysbd.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

__all__ = ["sentence_spans"]

# pysbd takes consecutive numbers before full stops for an inline numbered list ("in week
# 3. Volunteers ... in week 4. Then") and cuts before each number, in mid-sentence. A piece
# that opens with such a number right after a piece ending in a letter or digit gets the
# number back when a capital follows it, so the cut falls after the full stop, where the
# sentence ends.
_LIST_NUMBER_CUT = re.compile(r"\d{1,3}\.(?=\s+[\"'“‘(]?[A-Z])")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, white space trimmed.

    A line break always ends a sentence. Offsets index ``text``, so
    ``text[s:e]`` is the sentence, character for character.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    line_start = start
    while line_start <= stop:
        line_end = text.find("\n", line_start, stop)
        if line_end < 0:
            line_end = stop
        spans.extend(
            (line_start + s, line_start + e) for s, e in _line_spans(text[line_start:line_end])
        )
        line_start = line_end + 1
    return spans


# The contradiction model asks for the same premise's sentences once per claim it is
# compared with, and pysbd takes tens of milliseconds an article.
@lru_cache(maxsize=4096)
def _line_spans(line: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans within one line (no line break)."""
    if not line.strip():
        return ()
    # A segmenter per call: pysbd keeps the text being split on the instance, so a shared
    # one would not be thread-safe; building one costs microseconds.
    pieces: list[str] = pysbd.Segmenter(language="en", clean=False).segment(line)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        sentence = piece.strip()
        if not sentence:
            continue
        found = line.find(sentence, cursor)
        if found < 0 or line[cursor:found].strip():
            # pysbd returned text that is not the next stretch of the line; rather than cite
            # a sentence that is not in the article, the rest of the line is one sentence.
            break
        number = _LIST_NUMBER_CUT.match(sentence)
        if number and spans and line[spans[-1][1] - 1].isalnum():
            spans[-1] = (spans[-1][0], found + number.end())
            sentence = sentence[number.end() :].lstrip()
            found = line.find(sentence, found + number.end())
        spans.append((found, found + len(sentence)))
        cursor = found + len(sentence)
    rest = line[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((cursor + lead, cursor + len(rest.rstrip())))
    return tuple(spans)
