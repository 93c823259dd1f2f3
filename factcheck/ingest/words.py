"""Content words: the one tokenizer behind grounding checks and lexical similarity."""

from __future__ import annotations

import re

__all__ = ["STOPWORDS", "content_words"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:\.\d+)?")
STOPWORDS = frozenset(
    """the a an and or of to in on for with by from at as is are was were be been being has have
    had that this these those it its his her their he she they we our us not will would could may
    might can about into than then there which who whom what when where why how also said says
    say stated according after before over under more most such other any some all only just
    very new""".split()  # noqa: SIM905
)


def content_words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stopwords and one-letter tokens, in order."""
    words = (w.lower().strip("'’-") for w in _WORD.findall(text))
    return [w for w in words if len(w) > 1 and w not in STOPWORDS]
