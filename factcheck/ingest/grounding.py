"""Finding a model's quote in the article text.

Models retype what they quote: straight quotes for curly ones, a hyphen for
an en dash, one space where the page had two. An exact match is preferred;
failing that, both sides are normalised and the match is mapped back to the
article's original offsets, so a claim always points at real characters.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.schemas import Alignment

__all__ = ["Located", "locate_quote", "normalize_for_match"]

_REPLACEMENTS: dict[str, str] = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
# Invisible characters that a copy may add or drop without changing the text.
_IGNORED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@dataclass(frozen=True)
class Located:
    """Where a quote sits in the text: ``text[char_start:char_end]``."""

    char_start: int
    char_end: int
    alignment: Alignment


def normalize_for_match(s: str) -> str:
    """``s`` with quotes, dashes, ellipses and whitespace runs made uniform."""
    return _normalize_with_map(s)[0].strip()


def _normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the original index."""
    chars: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char in _IGNORED:
            continue
        if char.isspace():
            if not in_space:
                chars.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        replacement = _REPLACEMENTS.get(char, char)
        chars.extend(replacement)
        origin.extend([index] * len(replacement))
    return "".join(chars), origin


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    position = haystack.find(needle)
    while position != -1:
        found.append(position)
        position = haystack.find(needle, position + 1)
    return found


def _nearest(spans: list[tuple[int, int]], near: int | None) -> tuple[int, int]:
    if near is None:
        return spans[0]
    return min(spans, key=lambda span: (abs(span[0] - near), span[0]))


def locate_quote(text: str, quote: str, *, near: int | None = None) -> Located | None:
    """Where ``quote`` occurs in ``text``, or None.

    With several occurrences, the one starting nearest ``near`` (for
    instance the cited sentence's offset) wins; without ``near``, the first.
    """
    if not quote.strip():
        return None
    exact = [(start, start + len(quote)) for start in _occurrences(text, quote)]
    if exact:
        start, end = _nearest(exact, near)
        return Located(char_start=start, char_end=end, alignment="exact")
    normalized_text, origin = _normalize_with_map(text)
    needle = normalize_for_match(quote)
    if not needle:
        return None
    # Each match is mapped back through the original index of its first and
    # last character, so the offsets cover the article's own characters.
    spans = [
        (origin[m], origin[m + len(needle) - 1] + 1) for m in _occurrences(normalized_text, needle)
    ]
    if not spans:
        return None
    start, end = _nearest(spans, near)
    return Located(char_start=start, char_end=end, alignment="normalized")
