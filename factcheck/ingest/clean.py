"""Cleaning and screening article text before anything points into it.

Scraped news carries debris around the article: the headline printed twice,
bylines, code fences left by a converter, "KEEP READING" lists of
unrelated stories, comment forms. Left in, the model extracts claims about a
terror attack from an article on NATO talks. Cleaning drops whole lines by
pattern, so every kept character is still the article's own.

Screening looks at what survives: sentences written at the model rather than
the reader, and text that is probably not English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from factcheck.ingest.sentences import looks_like_heading
from factcheck.language import FREQUENT_WORDS, LETTER_RUN

__all__ = ["Cleaned", "clean_text", "guess_language", "looks_like_injection"]

# A line that starts the page furniture after the article: it and everything
# after it is dropped.
_CUTOFF = re.compile(
    r"(?:leave a (?:reply|comment)|keep reading|read (?:more|next)|more stories"
    r"|related (?:articles|posts|stories|coverage)|you (?:may|might) also like"
    r"|share this(?: article| story)?|about the author|post navigation)[\s:.!…-]*",
    re.IGNORECASE,
)
# A converter's Markdown code fence (CommonMark: three or more backticks or tildes and an
# optional info string such as the language).
_CODE_FENCE = re.compile(r"(?:`{3,}|~{3,})\s*[\w+-]*")
# Names are matched case-sensitively, so prose such as "By then it was over." is never
# taken for a byline.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&)){0,4}"
_BYLINE = re.compile(
    r"(?i:by|written by|posted by|author:?)"
    rf"|(?i:by|written by|posted by)\s+{_NAME}(?:\s*[,|]\s*[^.!?]{{0,40}})?"
    r"|(?i:(?:posted|published|updated)\s+(?:on\s+)?)\w+[^.!?]{0,40}\d{4}"
)
# The page's note on itself ("This story was first published ...", "This article is
# based on ...") is about the page, not the news.
_BOILERPLATE = re.compile(
    r"(?:this (?:article|story|post|piece|content) (?:was|has been|is|first|originally)\b.*"
    r"|all rights reserved\.?.*|copyright\s*(?:©|\(c\))?\s*\d{4}.*|©\s*\d{4}.*"
    r"|(?:sign up|subscribe) (?:for|to) (?:our|the) newsletter.*|follow us on .*"
    r"|click here to .*|advertisement|sponsored content)",
    re.IGNORECASE,
)
_HEADING_MARKER = re.compile(r"^#{1,6}\s+|\s+#+\s*$")
_WHOLE_LINE_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#)[^)\s]*\)")
# A bracketed link label ("[source]", "[video]") and its dash are what is left of a
# hyperlink once the page is text.
_LINK_PLACEHOLDER = re.compile(
    r"\s*[–—-]?\s*\[(?:source|link|via|here|photo|image|video|ad)\]", re.IGNORECASE
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\t"}


@dataclass(frozen=True)
class Cleaned:
    """The article text with its debris removed; ``title`` is its first line, if any."""

    title: str
    text: str
    removed_lines: int


def clean_text(raw: str) -> Cleaned:
    """Remove web debris; the result is the text every offset points into."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n").translate(_INVISIBLE).translate(_SPACES)
    kept: list[str] = []
    removed = 0
    title_key: str | None = None
    lines = text.split("\n")
    for position, original in enumerate(lines):
        line = _tidy(original)
        if not line:
            kept.append("")
            continue
        if _CUTOFF.fullmatch(line):
            removed += sum(1 for rest in lines[position:] if rest.strip())
            break
        key = _comparable(line)
        is_debris = (
            not key  # separators such as "* * *" or a lone dash
            or _CODE_FENCE.fullmatch(line) is not None
            or _BYLINE.fullmatch(line) is not None
            or _BOILERPLATE.fullmatch(line) is not None
            or key == title_key
            or (bool(kept) and key == _comparable(_last_content(kept)))
        )
        if is_debris:
            removed += 1
            continue
        if title_key is None:  # scraped pages print the headline again further down
            title_key = key
        kept.append(line)
    cleaned = _collapse_blank_lines(kept)
    first = cleaned.split("\n", 1)[0]
    title = first if looks_like_heading(first, first_line=True) else ""
    return Cleaned(title=title, text=cleaned, removed_lines=removed)


def _tidy(line: str) -> str:
    line = _HEADING_MARKER.sub("", line.strip())
    emphasis = _WHOLE_LINE_EMPHASIS.match(line)
    if emphasis:
        line = emphasis.group(2)
    line = _MARKDOWN_IMAGE.sub("", line)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _LINK_PLACEHOLDER.sub("", line)
    return re.sub(r"[ ]{2,}", " ", line).strip()


def _comparable(line: str) -> str:
    """A line reduced to its words, to recognise the same headline printed twice."""
    return " ".join(re.findall(r"\w+", line.casefold()))


def _last_content(lines: list[str]) -> str:
    return next((line for line in reversed(lines) if line), "")


def _collapse_blank_lines(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# Phrases addressed to a language model rather than to a reader of the news.
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|everything\s+)?"
    r"(?:of\s+)?(?:the\s+|your\s+|my\s+)?(?:above|previous|prior|preceding|earlier|former"
    r"|instructions|rules|guidelines)"
    r"|\bdisregard\s+(?:all|any|everything)\b"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|a\.i\.|language\s+model|large\s+language\s+model"
    r"|llm|chatbot|assistant|gpt)\b"
    r"|\bas\s+an\s+(?:ai|language\s+model)\b"
    r"|\bsystem\s+prompt\b"
    r"|\b(?:new|updated|hidden)\s+instructions?\s*:"
    r"|\binstructions?\s+(?:to|for)\s+(?:the\s+)?(?:model|ai|assistant|llm|chatbot)\b"
    r"|\breport\s+no\s+(?:contradictions?|inconsistenc(?:y|ies)|conflicts?|problems?|findings?)\b"
    r"|\b(?:do\s+not|don't|never)\s+(?:report|flag|mention)\s+(?:any\s+)?"
    r"(?:contradictions?|inconsistenc(?:y|ies)|conflicts?)\b"
    r"|\b(?:respond|reply|answer|output)\s+only\s+with\b"
    r"|<\|?(?:im_start|im_end|system|endoftext)\|?>",
    re.IGNORECASE,
)


def looks_like_injection(sentence: str) -> bool:
    """True when a sentence reads as instructions to a model, not news."""
    return _INJECTION.search(sentence) is not None


_MIN_WORDS_TO_JUDGE = 20
_MIN_ENGLISH_SHARE = 0.1


def guess_language(text: str) -> str:
    """The text's language: "en", or "unknown" when it shows signs of another.

    A stopword count: cheap, dependency-free, and good enough to warn that
    extraction prompts written for English may do badly. Short texts without
    foreign evidence count as English rather than raising a false alarm.
    """
    words = LETTER_RUN.findall(text.casefold())[:3000]
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in FREQUENT_WORDS.items()}
    english = counts.pop("en")
    foreign = max(counts.values())
    if foreign > english and foreign >= 2:
        return "unknown"
    if len(words) >= _MIN_WORDS_TO_JUDGE and english < _MIN_ENGLISH_SHARE * len(words):
        return "unknown"
    return "en"
