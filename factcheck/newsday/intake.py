"""A feed read for clustering, where one bad article never sinks the rest.

:func:`factcheck.newsday.feed.read_feed` stops at the first line it cannot take. A day's
feed is thousands of lines from scrapers and wires; here a line with no title, no text,
no id, a date that is not YYYY-MM-DD, an id seen before, or no JSON at all is set aside
with a :class:`SetAside` naming its line and id, and the other articles are grouped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factcheck.errors import InputError
from factcheck.newsday.feed import FeedArticle, read_feed

__all__ = ["SetAside", "read_feed_leniently"]


@dataclass(frozen=True)
class SetAside:
    """An article left out of the grouping, and why."""

    path: str
    line: int
    article_id: str | None
    reason: str

    def __str__(self) -> str:
        who = f"article {self.article_id!r}" if self.article_id else "an article"
        return f"{self.path}:{self.line}: {who} set aside: {self.reason}"


def read_feed_leniently(path: Path) -> tuple[list[FeedArticle], list[SetAside]]:
    """The articles of a JSONL feed that can be grouped, and those set aside. A folder is
    read as :func:`read_feed` reads it (its files have no lines to set aside)."""
    if path.is_dir():
        return read_feed(path), []
    if not path.is_file():
        raise InputError(f"no feed at {path}: give a JSONL file or a folder of articles")
    articles: list[FeedArticle] = []
    aside: list[SetAside] = []
    first_line: dict[str, int] = {}
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            article, problem = _article(raw)
            if article is None:
                aside.append(SetAside(str(path), number, *problem))
                continue
            if article.id in first_line:
                aside.append(
                    SetAside(
                        str(path),
                        number,
                        article.id,
                        f"duplicate id (first on line {first_line[article.id]})",
                    )
                )
                continue
            first_line[article.id] = number
            articles.append(article)
    if not articles:
        raise InputError(
            f"the feed {path} holds no article that can be grouped "
            f"({len(aside)} set aside); each line needs id, outlet, date (YYYY-MM-DD), "
            "title and text"
        )
    return articles, aside


def _article(raw: str) -> tuple[FeedArticle | None, tuple[str | None, str]]:
    try:
        row: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, (None, f"not JSON ({exc.msg})")
    if not isinstance(row, dict):
        return None, (None, "not a JSON object")
    found = row.get("id")
    article_id = found.strip() if isinstance(found, str) and found.strip() else None
    if article_id is None:
        return None, (None, "no id")
    for field in ("title", "text"):
        value = row.get(field)
        if not isinstance(value, str) or not value.strip():
            return None, (article_id, f"no {field}")
    date = row.get("date")
    if date not in (None, "") and not _is_date(date):
        return None, (article_id, f"bad date {date!r} (want YYYY-MM-DD)")
    try:
        article = FeedArticle.model_validate({**row, "id": article_id, "date": date or None})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "line"
        return None, (article_id, f"{where}: {first['msg']}")
    return article, (article_id, "")


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
