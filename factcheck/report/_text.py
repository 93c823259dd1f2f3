"""Escaping for text that did not come from us: article quotes, titles, model output.

Everything the report quotes is untrusted. Left raw, a quote could open a
link, inject HTML that GitHub renders, split a table row, or forge the
review markers the parser reads back. The escapes stay few so the Markdown
still reads well in a plain terminal.
"""

from __future__ import annotations

import re

__all__ = ["cell", "code", "inline", "plural"]

# Backslash first, so the escapes added after it are not escaped again.
_MARKUP = re.compile(r"([\\`*\[\]])")
# Only underscores at a word edge can start emphasis; snake_case ids stay clean.
_EDGE_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
# A bare "&" is harmless; only one that would form an entity changes the text.
_ENTITY = re.compile(r"&(?=#?\w+;)")


def _escape(line: str) -> str:
    line = _MARKUP.sub(r"\\\1", line)
    line = _EDGE_UNDERSCORE.sub(r"\\_", line)
    line = _ENTITY.sub("&amp;", line)
    # "&lt;" rather than "\<": it also defuses "<!--", so no quote can
    # forge or close a review block.
    return line.replace("<", "&lt;")


def inline(text: str) -> str:
    """Untrusted text as one line of Markdown: line breaks become spaces."""
    return _escape(" ".join(text.split()))


def cell(text: str) -> str:
    """Untrusted text inside a table cell: ``|`` escaped, line breaks as ``<br>``."""
    lines = [_escape(" ".join(line.split())) for line in text.strip().splitlines()]
    return "<br>".join(lines).replace("|", r"\|")


def code(text: str, *, in_table: bool = False) -> str:
    """A short identifier (article id, hash) as a code span.

    Backslash escapes do not work inside code spans, so a backtick is
    replaced rather than escaped; GitHub does honour ``\\|`` in table cells.
    """
    span = "`" + " ".join(text.split()).replace("`", "'") + "`"
    return span.replace("|", r"\|") if in_table else span


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
