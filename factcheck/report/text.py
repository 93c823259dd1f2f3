"""Markdown escaping for text that did not come from us: article quotes, titles, feed
titles and outlet names, model output, anything read from a JSON file.

Everything the report quotes is untrusted. Left raw, a quote could open a
link, inject HTML that GitHub renders, split a table row, or forge the
review markers the parser reads back. The escapes stay few so the Markdown
still reads well in a plain terminal. The one place Markdown is escaped: the
report's Markdown and the desk view's (through ``templating``) both use it.
"""

from __future__ import annotations

import re
import textwrap
from urllib.parse import quote

__all__ = [
    "WIDTH",
    "Markdown",
    "cell",
    "code",
    "fit",
    "inline",
    "link",
    "plural",
    "prose",
    "quote_marks",
]

WIDTH = 100
"""The widest line the summary writes: a plain terminal shows it unwrapped."""

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


class Markdown(str):
    """Markdown built from escaped parts (by :func:`link`, say): a Markdown template writes
    it as it stands, where it escapes any other value."""

    __slots__ = ()


def link(label: str, target: str) -> Markdown:
    """A link to a relative path: the label escaped, the target percent-encoded, so neither
    can end the link early or make it ``javascript:`` (a ``:`` is encoded)."""
    return Markdown(f"[{inline(label)}]({quote(target, safe='/')})")


def inline(text: str) -> str:
    """Untrusted text as one line of Markdown: line breaks become spaces."""
    return _escape(" ".join(text.split()))


def cell(text: str) -> str:
    """Untrusted text inside a table cell: ``|`` escaped, line breaks as ``<br>``."""
    lines = [_escape(" ".join(line.split())) for line in text.strip().splitlines()]
    return "<br>".join(lines).replace("|", r"\|")


def quote_marks(text: str) -> str:
    """A verbatim quote between curly marks, or as it stands when it opens with a
    quotation mark of its own (so a reader does not see a doubled "““"). Not escaped:
    escape the result for where it goes."""
    text = text.strip()
    return text if text.startswith(("“", '"', "‘", "«")) else f"“{text}”"


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


def prose(text: str, width: int = WIDTH) -> list[str]:
    """Our own sentences as lines of at most ``width``, for a terminal; GitHub joins
    them back into one paragraph. Only for text we wrote: a wrapped line of someone
    else's could start with ``-`` or ``#`` and turn into a list or a heading."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def fit(prefix: str, text: str, width: int = WIDTH) -> str:
    """``prefix`` and the untrusted ``text`` (escaped) on one line of at most ``width``,
    the text cut at a word and ended with "…" when it is too long."""
    words = " ".join(text.split()).split(" ")
    line = prefix + inline(" ".join(words))
    while len(line) > width and len(words) > 1:
        words.pop()
        line = prefix + inline(" ".join(words).rstrip(",;:") + "…")
    return line
