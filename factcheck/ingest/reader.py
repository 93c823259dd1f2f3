"""Reading article files into :class:`~factcheck.schemas.Article` records.

One file that cannot be read never ends a run of many: ``read_articles``
turns it into a :class:`~factcheck.schemas.Problem` and goes on. A single
``read_article`` raises :class:`~factcheck.errors.InputError`, whose message
says how to fix the file.
"""

from __future__ import annotations

import codecs
import datetime
import errno
import os
import stat
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import trafilatura
from pydantic import BaseModel, ConfigDict, Field

from factcheck.errors import InputError
from factcheck.ingest.clean import clean_text, guess_language, looks_like_injection
from factcheck.ingest.sentences import SetAside, segment_prose
from factcheck.schemas import Article, Problem, Sentence

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_BYTES",
    "MAX_DATA_BYTES",
    "MAX_REPORT_BYTES",
    "IngestResult",
    "PreparedArticle",
    "check_input_file",
    "prepare_article",
    "read_article",
    "read_articles",
    "read_input_bytes",
    "screening_problems",
]

MAX_BYTES = 5_000_000
"""Larger files are refused: no news article is that long, a data dump is."""
MAX_REPORT_BYTES = 200_000_000
"""A saved report (JSON, or the Markdown whose review decisions a re-run keeps)."""
MAX_DATA_BYTES = 2_000_000_000
"""A feed, a batch job's request or output file, a labelled data set."""

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_HTML_SUFFIXES = frozenset({".html", ".htm"})

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"OggS", "an audio file"),
    (b"ID3", "an audio file"),
    (b"\x00asm", "a WebAssembly module"),
)
# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05
_MAX_CHAOS = 0.1
_TEXT_CONTROLS = frozenset("\n\r\t\f\v")


class IngestResult(BaseModel):
    """The articles that could be read, and why the others could not."""

    model_config = ConfigDict(extra="forbid")

    articles: list[Article] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


@dataclass(frozen=True)
class PreparedArticle:
    """An article and the sentences held back from extraction.

    ``excluded`` keeps its original numbering, as does ``article.sentences``,
    so "sentence 7" means the same sentence in a problem and in a prompt.
    """

    article: Article
    excluded: tuple[Sentence, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    """Pieces the segmenter cut that are no sentence (skipped) or too long (split)."""


def prepare_article(
    raw: str, *, article_id: str, source_path: str | None = None, html: bool = False
) -> PreparedArticle:
    """Clean, split and screen raw text (or HTML) that is already in memory."""
    where = source_path or article_id
    text = _html_to_text(raw, where) if html else raw
    cleaned = clean_text(text)
    if not cleaned.text.strip():
        raise InputError(
            f"{where} has no article text left once page debris (bylines, code fences, "
            "'Leave a Reply' and the like) is removed; check that it is a news article",
            path=source_path,
        )
    segmented = segment_prose(cleaned.text)
    sentences = segmented.sentences
    if html and not sentences:
        # With no article on the page, trafilatura falls back to menus and link text.
        raise InputError(
            f"{where}: no article text could be extracted from the HTML, only "
            f"{cleaned.text[:60]!r}; save the article text as .txt and pass that instead",
            path=source_path,
        )
    kept: list[Sentence] = []
    excluded: list[Sentence] = []
    for sentence in sentences:
        (excluded if looks_like_injection(sentence.text) else kept).append(sentence)
    article = Article(
        id=article_id,
        title=cleaned.title,
        source_path=source_path,
        text=cleaned.text,
        sentences=kept,
        removed_lines=cleaned.removed_lines,
        language=guess_language(cleaned.text),
        published=_published(raw) if html else None,
    )
    return PreparedArticle(
        article=article, excluded=tuple(excluded), set_aside=tuple(segmented.set_aside)
    )


def screening_problems(prepared: PreparedArticle) -> list[Problem]:
    """Warnings about an article that was read but may mislead or weaken extraction."""
    article = prepared.article
    problems = [
        Problem(
            kind="suspicious_input",
            article_id=article.id,
            path=article.source_path,
            message=(
                f"sentence {sentence.index} (line {sentence.line}) of {article.id} looks like "
                "instructions to the model; it was excluded from extraction"
            ),
        )
        for sentence in prepared.excluded
    ]
    problems.extend(_set_aside_problem(article, piece) for piece in prepared.set_aside)
    if article.language != "en":
        problems.append(
            Problem(
                kind="suspicious_input",
                article_id=article.id,
                path=article.source_path,
                message=(
                    f"article {article.id} does not look like English; "
                    "extraction quality may suffer"
                ),
            )
        )
    return problems


def _set_aside_problem(article: Article, piece: SetAside) -> Problem:
    shown = piece.text if len(piece.text) <= 60 else piece.text[:57] + "..."
    if piece.reason == "split":
        return Problem(
            kind="sentence_split",
            article_id=article.id,
            path=article.source_path,
            message=(
                f"line {piece.line} of {article.id}: a {len(piece.text):,}-character sentence "
                f"({shown!r}) was cut at clause boundaries into {piece.parts} sentences"
            ),
        )
    why = "has no letters or digits" if piece.reason == "no_words" else "is too short"
    return Problem(
        kind="sentence_skipped",
        article_id=article.id,
        path=article.source_path,
        message=(
            f"line {piece.line} of {article.id}: {shown!r} {why} to be a claim; it was skipped"
        ),
    )


def read_article(path: str | Path, *, article_id: str | None = None) -> Article:
    """Read one article file; the id defaults to the file's stem."""
    return _read_prepared(Path(path), article_id=article_id).article


def read_articles(paths: Sequence[str | Path]) -> IngestResult:
    """Read files and directories of articles, turning failures into problems.

    A directory contributes its article files (by suffix, sorted, hidden
    files skipped, not recursive). The same file or the same cleaned text
    given twice is read once. Files with the same stem get ids ``stem``,
    ``stem-2``, ... If nothing could be read the problems say why; the caller
    decides whether that ends the run.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    if not paths:
        raise InputError("no articles given; pass one or more files or directories")
    result = IngestResult()
    seen_paths: set[Path] = set()
    seen_texts: dict[str, Article] = {}
    used_ids: set[str] = set()
    for path in _expand(paths):
        resolved = path.resolve()
        if resolved in seen_paths:
            result.problems.append(
                Problem(
                    kind="duplicate_input",
                    path=str(path),
                    message=f"{path} was given more than once; it was read once",
                )
            )
            continue
        seen_paths.add(resolved)
        try:
            prepared = _read_prepared(path, article_id=path.stem)
        except InputError as exc:
            result.problems.append(
                Problem(kind="unreadable_input", path=str(path), message=str(exc))
            )
            continue
        article = prepared.article
        original = seen_texts.get(article.content_hash)
        if original is not None:
            result.problems.append(
                Problem(
                    kind="duplicate_input",
                    article_id=original.id,
                    path=str(path),
                    message=(
                        f"{path} has the same text as article {original.id} "
                        f"({original.source_path}); it was read once"
                    ),
                )
            )
            continue
        unique_id = _unique_id(article.id, used_ids)
        if unique_id != article.id:
            article = article.model_copy(update={"id": unique_id})
            prepared = PreparedArticle(article=article, excluded=prepared.excluded)
        seen_texts[article.content_hash] = article
        result.articles.append(article)
        result.problems.extend(screening_problems(prepared))
    return result


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    """Files to read, in order; a missing path is passed on to fail as a problem.

    Every directory is listed before any file is read, so an empty one is
    reported at once rather than after minutes of reading.
    """
    files: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            files.extend(_article_files(path))
        else:
            files.append(path)
    return files


def _article_files(directory: Path) -> list[Path]:
    files = sorted(
        (
            child
            for child in directory.iterdir()
            if child.suffix.lower() in ARTICLE_SUFFIXES
            and not child.name.startswith(".")
            and child.is_file()
        ),
        key=lambda child: child.name,
    )
    if not files:
        raise InputError(
            f"{directory} contains no .txt/.md/.html articles; "
            "put the article files there or name the files directly",
            path=str(directory),
        )
    return files


def _unique_id(stem: str, used: set[str]) -> str:
    candidate, number = stem, 1
    while candidate in used:
        number += 1
        candidate = f"{stem}-{number}"
    used.add(candidate)
    return candidate


def _read_prepared(path: Path, *, article_id: str | None) -> PreparedArticle:
    text = _decode(_read_bytes(path), path)
    if not text.strip():
        raise InputError(
            f"{path} is empty (or only whitespace); remove it or add the article text",
            path=str(path),
        )
    suffix = path.suffix.lower()
    html = suffix in _HTML_SUFFIXES or (suffix not in ARTICLE_SUFFIXES and _looks_like_html(text))
    return prepare_article(
        text, article_id=article_id or path.stem, source_path=str(path), html=html
    )


def _read_bytes(path: Path) -> bytes:
    return read_input_bytes(path, max_bytes=MAX_BYTES, what="article")


def check_input_file(path: Path, *, max_bytes: int, what: str) -> int:
    """The size of ``path`` if it is a regular file of at most ``max_bytes``; else an
    :class:`InputError` that says why (missing, a folder, a symlink loop, a FIFO or a
    device, too large). Every file factcheck reads as input passes here first, so a
    named pipe never blocks a run and ``/dev/zero`` is never read."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _unreadable(path, exc, what) from None
    return _checked_size(path, info, max_bytes=max_bytes, what=what)


def read_input_bytes(path: Path, *, max_bytes: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, checked on the open file
    itself (a file swapped for a FIFO after a check still cannot block the read)."""
    check_input_file(path, max_bytes=max_bytes, what=what)
    try:
        # O_NONBLOCK: opening a FIFO put there since the check returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _unreadable(path, exc, what) from None
    with os.fdopen(fd, "rb") as handle:
        _checked_size(path, os.fstat(fd), max_bytes=max_bytes, what=what)
        try:
            # One byte over the limit tells a file that grew since its size was read.
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise _unreadable(path, exc, what) from None
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes, what)
    return data


def _checked_size(path: Path, info: os.stat_result, *, max_bytes: int, what: str) -> int:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        hint = (
            "name one article file, or pass the directory to read_articles (the command "
            "line accepts directories) to read every article in it"
            if what == "article"
            else f"name the {what} file itself"
        )
        raise InputError(f"{path} is a directory; {hint}", path=str(path))
    if not stat.S_ISREG(mode):
        kind = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise InputError(
            f"{path} is {kind}, not a regular file; save the {what} to a file and name that",
            path=str(path),
        )
    if info.st_size > max_bytes:
        raise _too_large(path, info.st_size, max_bytes, what)
    return info.st_size


def _too_large(path: Path, size: int, max_bytes: int, what: str) -> InputError:
    hint = (
        "pass only the article text, or split the file"
        if what == "article"
        else "split it, or check that it is the right file"
    )
    return InputError(
        f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit for one {what}; {hint}",
        path=str(path),
    )


def _unreadable(path: Path, exc: OSError, what: str) -> InputError:
    if exc.errno == errno.ENOENT:
        message = f"{path} does not exist; check the path and the directory you run from"
    elif exc.errno == errno.ELOOP:
        message = f"{path} is a symbolic link that points back to itself (a loop); fix the link"
    elif exc.errno == errno.ENOTDIR:
        message = f"{path} does not exist (a part of the path is a file, not a folder)"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        message = f"{path} cannot be read ({exc.strerror}); check its permissions"
    else:
        message = f"{path} cannot be read as the {what} ({exc.strerror or exc})"
    return InputError(message, path=str(path))


def _decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 if it is, a confidently detected encoding if not."""
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            return _checked_text(_decode_as(data, encoding, path), path)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise _binary_error(path, f"it looks like {kind}")
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        raise _binary_error(path, "it contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect_encoding(data, path)
    return _checked_text(text.removeprefix("\ufeff"), path)


def _decode_as(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} starts with a {encoding.upper()} byte-order mark but is not valid "
            f"{encoding.upper()}; re-save it as UTF-8",
            path=str(path),
        ) from exc


def _detect_encoding(data: bytes, path: Path) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(
            f"{path} is not UTF-8 and its encoding cannot be told with confidence; "
            f"convert it to UTF-8 (for example: iconv -f cp1252 -t utf-8 '{path}')",
            path=str(path),
        )
    # Short Western text fits several Windows code pages equally well and the
    # detector's pick among equals is arbitrary (cp1250 turns "ñ" into "ń").
    # Non-UTF-8 English news is almost always cp1252, so it wins ties.
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass  # a byte cp1252 leaves undefined: the detector's choice stands
    return str(best)


def _checked_text(text: str, path: Path) -> str:
    sample = text[:_SNIFF_BYTES]
    controls = sum(1 for c in sample if c not in _TEXT_CONTROLS and unicodedata.category(c) == "Cc")
    if sample and controls > _MAX_CONTROL_SHARE * len(sample):
        raise _binary_error(path, "most of it is not text")
    return text


def _binary_error(path: Path, why: str) -> InputError:
    return InputError(
        f"{path} is not a text article ({why}); "
        "save the article as .txt, .md or .html and pass that file",
        path=str(path),
    )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _published(html: str) -> datetime.date | None:
    """The date a web page gives for itself (its metadata, read by trafilatura), if any."""
    try:
        metadata = trafilatura.extract_metadata(html)
        day = getattr(metadata, "date", None)
        return datetime.date.fromisoformat(day[:10]) if isinstance(day, str) else None
    # A page whose metadata cannot be read still has its text; it just has no date.
    except Exception:
        return None


def _html_to_text(html: str, where: str) -> str:
    """The article text of a web page, headline first.

    trafilatura, not regular expressions: it drops scripts, navigation,
    comments and footers by page structure, which patterns cannot see.
    """
    try:
        body = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_precision=True
        )
        metadata = trafilatura.extract_metadata(html)
    # The parser underneath raises a variety of lxml and value errors on broken
    # pages; one broken page must become a problem, not end the run.
    except Exception as exc:
        raise InputError(
            f"{where}: the HTML could not be parsed ({exc}); save the article text as .txt",
            path=where,
        ) from exc
    if not isinstance(body, str) or not body.strip():
        raise InputError(
            f"{where}: no article text could be extracted from the HTML; "
            "save the article text as .txt and pass that instead",
            path=where,
        )
    title = getattr(metadata, "title", None)
    if isinstance(title, str) and title.strip() and not body.lstrip().startswith(title.strip()):
        return f"{title.strip()}\n{body}"
    return body
