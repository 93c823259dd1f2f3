"""A day's feed: articles with their outlet and date, and the stories made of them.

A feed is a JSONL file (one article a line: ``id``, ``outlet``, ``date``, ``title``,
``text``) or a folder of article files, where a file's outlet is the name of the folder
it lies in and its date is unknown. Stories are written as JSONL too, so ``cluster``'s
output is ``batch``'s input for a later run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factcheck.api import load_inputs
from factcheck.errors import InputError
from factcheck.ingest.reader import ARTICLE_SUFFIXES, MAX_DATA_BYTES, check_input_file
from factcheck.outputs import write_text

__all__ = [
    "FeedArticle",
    "Story",
    "file_names",
    "read_feed",
    "read_stories",
    "safe_name",
    "write_stories",
]

log = logging.getLogger(__name__)

_LEAD_CHARS = 600
"""Title and lead (about the first two sentences) stand for an article when clustering."""


class FeedArticle(BaseModel):
    """One article of a feed, as a newsroom's wire or scraper hands it over."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: Annotated[str, Field(min_length=1)]
    outlet: str = "unknown"
    date: dt.date | None = None
    title: str = ""
    text: Annotated[str, Field(min_length=1)]

    @field_validator("outlet")
    @classmethod
    def _outlet_key(cls, outlet: str) -> str:
        # Feeds spell one outlet several ways ("HPO", "hpo"); the per-outlet rule needs one.
        return " ".join(outlet.split()).lower() or "unknown"

    def lead(self, chars: int = _LEAD_CHARS) -> str:
        """The title and the opening of the text: what says which story this is."""
        body = " ".join(self.text.split())
        if len(body) > chars:
            cut = body.rfind(" ", 0, chars)
            body = body[: cut if cut > 0 else chars]
        return f"{self.title}. {body}" if self.title else body

    def as_file_text(self) -> str:
        """The article as a text file ``factcheck check`` reads: its title on the first line."""
        text = self.text.strip()
        return f"{self.title.strip()}\n\n{text}\n" if self.title.strip() else f"{text}\n"


class Story(BaseModel):
    """Articles of several outlets about one event: the unit a day is checked in."""

    model_config = ConfigDict(extra="forbid")

    id: str
    articles: list[FeedArticle]

    @property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.articles})

    @property
    def title(self) -> str:
        return next((a.title for a in self.articles if a.title), self.articles[0].id)


def read_feed(path: Path) -> list[FeedArticle]:
    """Every article of a JSONL feed or a folder; a bad line names its number."""
    if path.is_dir():
        return _read_folder(path)
    if not path.exists() and not path.is_symlink():
        raise InputError(f"no feed at {path}: give a JSONL file or a folder of articles")
    check_input_file(path, max_bytes=MAX_DATA_BYTES, what="feed")
    articles = list(_read_jsonl(path))
    if not articles:
        raise InputError(f"the feed {path} holds no article")
    return _unique_ids(articles)


def _unique_ids(articles: list[FeedArticle]) -> list[FeedArticle]:
    """Ids made unique: real feeds repeat placeholders ("empty" four times in the dev
    data), and a story's articles become files named by their ids."""
    seen: set[str] = set()
    unique: list[FeedArticle] = []
    for article in articles:
        name = article.id
        number = 1
        while name in seen:
            number += 1
            name = f"{article.id}-{number}"
        if name != article.id:
            log.warning("article id %r repeated in the feed; this one is %r", article.id, name)
            article = article.model_copy(update={"id": name})
        seen.add(name)
        unique.append(article)
    return unique


def _read_jsonl(path: Path) -> Iterable[FeedArticle]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield FeedArticle.model_validate_json(line)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "line"
                raise InputError(
                    f"{path}:{number}: {where}: {first['msg']}; each line needs id, outlet, "
                    "date (YYYY-MM-DD), title and text",
                    path=str(path),
                ) from None


def _read_folder(folder: Path) -> list[FeedArticle]:
    """Article files in ``folder`` (outlet unknown) and in its subfolders, one an outlet."""
    files = [
        path
        for path in sorted(folder.glob("*")) + sorted(folder.glob("*/*"))
        if path.is_file()
        and path.suffix.lower() in ARTICLE_SUFFIXES
        and not path.name.startswith(".")
    ]
    if not files:
        raise InputError(
            f"{folder} holds no article files (.txt, .md, .html), directly or in one folder "
            "per outlet",
            path=str(folder),
        )
    articles, _ = load_inputs(files)
    feed: list[FeedArticle] = []
    for article in articles:
        source = Path(article.source_path) if article.source_path else folder
        outlet = source.parent.name if source.parent != folder else "unknown"
        feed.append(
            FeedArticle(id=article.id, outlet=outlet, title=article.title, text=article.text)
        )
    return feed


def write_stories(stories: Sequence[Story], path: Path) -> None:
    """The stories as JSONL, written whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, "".join(story.model_dump_json() + "\n" for story in stories))


def read_stories(path: Path) -> list[Story]:
    check_input_file(path, max_bytes=MAX_DATA_BYTES, what="stories file")
    stories: list[Story] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    stories.append(Story.model_validate(json.loads(line)))
                except (ValueError, ValidationError) as exc:
                    raise InputError(f"{path}:{number}: not a story ({exc})") from None
    return stories


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME = 120


def safe_name(identifier: str) -> str:
    """An id as a file name (article ids become file stems, so ``check`` reads the same
    ids). An id that is a safe name already is kept as it is; any other is cleaned and
    given a short hash of the original id, so two ids that clean alike (``reuters/123``
    and ``reuters_123``) never share a file."""
    name = _UNSAFE.sub("_", identifier).strip("._")[:_MAX_NAME]
    return name if name == identifier else _hashed_name(identifier)


def _hashed_name(identifier: str) -> str:
    name = _UNSAFE.sub("_", identifier).strip("._")[:_MAX_NAME] or "article"
    return f"{name}-{hashlib.sha256(identifier.encode('utf-8')).hexdigest()[:8]}"


def file_names(identifiers: Sequence[str]) -> list[str]:
    """A distinct file name for each of distinct ids, compared as a case-insensitive file
    system would: ``safe_name``, with the hash added to every id of a clash that is left
    (``A`` and ``a``, or an id made to look like another's hashed name)."""
    if len(set(identifiers)) != len(identifiers):
        repeated = sorted({i for i in identifiers if identifiers.count(i) > 1})
        raise InputError(f"the article id(s) {repeated[:5]} repeat within one story")
    names = [safe_name(identifier) for identifier in identifiers]
    folded = [name.casefold() for name in names]
    names = [
        _hashed_name(identifier) if folded.count(fold) > 1 else name
        for identifier, name, fold in zip(identifiers, names, folded, strict=True)
    ]
    if len({name.casefold() for name in names}) != len(names):
        raise InputError(
            f"the article ids {list(identifiers)[:5]} cannot be given distinct file names; "
            "give the feed's articles distinct ids"
        )
    return names
