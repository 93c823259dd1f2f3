"""The hand-written sentence cutting as it was before the segmenter swap (commit a6de5de).

Kept only as the baseline of ``benchmarks/segmenters.py``; the package does not use it.
Only the cutting of one line into sentences is kept: the benchmark runs it, like every
other candidate, behind the package's own line handling
(``factcheck.ingest.sentences.split_sentences(text, segment=sentence_spans)`` with this
module's ``sentence_spans``), so headings and list markers are handled the same for all.
"""

from __future__ import annotations

import re

__all__ = ["sentence_spans"]

# Word-shaped abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "gen", "jr", "sr", "prof", "gov", "sen", "rep",
        "lt", "col", "capt", "sgt", "maj", "cmdr", "adm", "rev", "hon", "pres", "mt",
        "ft", "ave", "blvd", "vs", "approx", "dept", "fig", "vol", "cf", "al", "nos",
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "e.g", "i.e", "viz", "ca",
    }
)  # fmt: skip
# These may end a sentence too ("... run by Acme Inc. The board"), so they
# split only before a word that typically opens one.
_SOFT_ABBREVIATIONS = frozenset({"inc", "corp", "ltd", "co", "etc", "bros"})
_SENTENCE_OPENERS = frozenset(
    {
        "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "this", "that",
        "these", "those", "there", "his", "her", "its", "their", "our", "in", "on", "at",
        "but", "and", "so", "yet", "however", "meanwhile", "after", "before", "while",
        "when", "if", "as", "for", "with", "since", "although", "despite", "officials",
    }
)  # fmt: skip

_TERMINAL = re.compile(r"(?:\.{3}|…|[.!?]+)[\"'”’»)\]]*(?=\s|$)")
_QUOTATION = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# Past this length a quotation is more likely an unbalanced quote mark than a
# real quotation, and the sentence would be too long to cite anyway.
_MAX_PROTECTED_QUOTE = 600
# A trailing clause that gives someone else's words their own speaker:
# "Officials described the sessions as productive, with Zelenskyy emphasizing
# that the guarantees must be legally binding". It carries a claim of its
# own, so it is its own unit; a one-claim-per-unit extractor would otherwise
# state the first half and lose the second.
_ATTRIBUTED_CLAUSE = re.compile(
    r",\s+(?=with\s+(?:[A-Z][\w’'.-]*\s+){1,4}"
    r"(?:emphasi[sz]ing|saying|noting|stressing|adding|warning|insisting|arguing|claiming|"
    r"stating|proposing|urging|calling|suggesting|describing|telling|acknowledging)\b)"
)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans into ``text`` of the sentences of the line body ``text[start:end]``."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:end]
    return [(line_start + s, line_start + e) for s, e in _split_prose(line, start - line_start)]


def _split_prose(line: str, start: int) -> list[tuple[int, int]]:
    """Spans of the sentences in ``line[start:]``, trimmed of whitespace."""
    protected = [
        (m.start(), m.end())
        for m in _QUOTATION.finditer(line, start)
        if m.end() - m.start() <= _MAX_PROTECTED_QUOTE
    ]
    cuts = [
        m.end()
        for m in _TERMINAL.finditer(line, start)
        if m.end() < len(line.rstrip())
        and not any(qs < m.start() and m.end() < qe for qs, qe in protected)
        and _ends_here(line, m)
    ]
    spans: list[tuple[int, int]] = []
    for begin, end in zip([start, *cuts], [*cuts, len(line)], strict=True):
        span = _trim(line, begin, end)
        if span is None:
            continue
        if not any(c.isalnum() for c in line[span[0] : span[1]]) and spans:
            # A stray dash or bracket after a closing quote belongs to that sentence.
            spans[-1] = (spans[-1][0], span[1])
            continue
        spans.extend(_split_attributed(line, *span, protected))
    return spans


def _split_attributed(
    line: str, begin: int, end: int, protected: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``line[begin:end]`` cut before each trailing attributed clause
    (", with Zelenskyy emphasizing that ..."); the comma stays with neither."""
    spans: list[tuple[int, int]] = []
    for match in _ATTRIBUTED_CLAUSE.finditer(line, begin, end):
        if any(qs < match.start() < qe for qs, qe in protected):
            continue
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, end))
    return spans


def _trim(line: str, begin: int, end: int) -> tuple[int, int] | None:
    while begin < end and line[begin].isspace():
        begin += 1
    while end > begin and line[end - 1].isspace():
        end -= 1
    return (begin, end) if end > begin else None


def _ends_here(line: str, match: re.Match[str]) -> bool:
    """Whether the terminal punctuation in ``match`` really ends a sentence."""
    punctuation = match.group().rstrip("\"'”’»)]")
    tail = line[match.end() :].lstrip()
    next_word = re.match(r"[\"'“‘(\[]*([^\s\"'”’)\]]*)", tail)
    following = next_word.group(1) if next_word else ""
    opens_with_quote = bool(tail) and tail[0] in "\"“‘('["
    if punctuation == ".":
        token = re.search(r"[^\s\"'“‘(\[]*$", line[: match.start()])
        before = token.group() if token else ""
        lowered = before.lower()
        if lowered in _ABBREVIATIONS:
            return False
        if lowered == "no" and following[:1].isdigit():
            return False
        if len(before) == 1 and before.isalpha():
            return False  # an initial: "Donald J. Trump"
        if lowered in _SOFT_ABBREVIATIONS or _DOTTED_ACRONYM.fullmatch(before):
            return following[:1].isupper() and following.lower() in _SENTENCE_OPENERS
        if match.group() == "." and following[:1].islower():
            # Web copy drops capitals ("Zelensky stated. he proposed"); only a
            # plain word before the stop makes that a boundary.
            return before.isalpha() and before.islower() and len(before) >= 3
    if opens_with_quote:
        return True
    return following[:1].isupper() or following[:1].isdigit()
