"""Normalising a date expression, resolved against the article's date when there is one.

Calendar dates ("Sept. 3", "March 14, 2020", "the Fourth of July") are read by
``dateparser`` after ``text2num`` has turned ordinal words into digits; years, months,
weekdays and deictic expressions ("last year", "earlier this month", "yesterday") by the
word lists of ``factcheck.language``.

The word data it reads with is ``factcheck.language.dates``: that module holds the words,
this one the parsing, the two sides of one concept (as for ``numbers`` and ``events``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import dateparser
from spacy.tokens import Doc, Span
from text_to_num import alpha2digit, text2num

from factcheck.language import (
    DEICTIC_DAYS,
    DEICTIC_MODIFIERS,
    MONTH_NUMBERS,
    MONTH_WORDS,
    MONTHS,
    PERIOD_WORDS,
    WEEKDAYS,
)
from factcheck.parse.syntax import YEARLIKE, clause_verb, governor, lemma_of
from factcheck.schemas.facts import DateKind, DateRef

__all__ = ["DateReading", "date_refs_of", "read_date", "resolve_weekday"]

_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_MONTH_WORD = re.compile(
    r"\b(" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?(?=\W|$)", re.IGNORECASE
)
_DAY_NUMBER = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_DEICTIC_DAY = re.compile(r"\b(" + "|".join(DEICTIC_DAYS) + r")\b", re.IGNORECASE)
_DEICTIC_PERIOD = re.compile(
    r"\b("
    + "|".join(sorted(DEICTIC_MODIFIERS, key=len, reverse=True))
    + r")\s+("
    + "|".join(PERIOD_WORDS)
    + r")\b",
    re.IGNORECASE,
)
_AGO = re.compile(r"\b(\w+)\s+(year|month|week|day)s?\s+ago\b", re.IGNORECASE)
_DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}


@dataclass(frozen=True)
class DateReading:
    kind: DateKind
    iso: str = ""
    weekday: str = ""
    relative: str = ""
    resolved: bool = False


def resolve_weekday(weekday: str, article_date: datetime.date, *, future: bool) -> datetime.date:
    """The day named ``weekday`` in the week around ``article_date``: the last one on or
    before it for a past event, the next one on or after it for an expected one."""
    target = [w.lower() for w in WEEKDAYS].index(weekday.lower())
    delta = target - article_date.weekday()
    if future:
        return article_date + datetime.timedelta(days=delta % 7)
    return article_date - datetime.timedelta(days=(-delta) % 7)


def _weekday_of(day: datetime.date) -> str:
    return WEEKDAYS[day.weekday()]


def _month_day(text: str, article_date: datetime.date | None) -> DateReading | None:
    month_match = _MONTH_WORD.search(text)
    if not month_match:
        return None
    with_digits = alpha2digit(text, "en")
    day_match = _DAY_NUMBER.search(_YEAR.sub(" ", with_digits))
    year_match = _YEAR.search(text)
    month = _month_number(month_match.group(0))
    if month is None:
        return None
    if day_match is None or not 1 <= int(day_match.group(1)) <= 31:
        if year_match:
            return DateReading("month", iso=f"{year_match.group(1)}-{month:02d}")
        if article_date is not None:
            year = article_date.year - (1 if month > article_date.month else 0)
            return DateReading("month", iso=f"{year}-{month:02d}", resolved=True)
        return DateReading("month", iso=f"--{month:02d}")
    base = datetime.datetime.combine(article_date, datetime.time()) if article_date else None
    settings: dict[str, object] = dict(_DATEPARSER_SETTINGS)
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(with_digits, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if year_match or article_date is not None:
        return DateReading(
            "date", iso=day.isoformat(), weekday=_weekday_of(day), resolved=not year_match
        )
    return DateReading("date", iso=f"--{day.month:02d}-{day.day:02d}")


def _month_number(word: str) -> int | None:
    """The month a word ``_MONTH_WORD`` matched names, by its first three letters."""
    return MONTH_NUMBERS.get(word.lower().rstrip(".")[:3])


def read_date(
    text: str, article_date: datetime.date | None = None, *, future: bool = False
) -> DateReading | None:
    """Normalise one date expression ("Tuesday", "Sept. 3", "last year", "2017").

    With ``article_date`` weekdays and deictic expressions get an ISO date; without, they
    keep their weekday or their words. ``future`` tells a weekday of an expected event (the
    next such day) from one of a past event (the last such day).
    """
    weekday = _WEEKDAY.search(text)
    month_day = _month_day(text, article_date)
    if month_day is not None:
        if weekday and not month_day.weekday:
            return DateReading(
                month_day.kind, month_day.iso, weekday.group(1).title(), "", month_day.resolved
            )
        return month_day
    if weekday:
        return _weekday_reading(text, weekday, article_date, future=future)
    for reader in (_deictic_day, _deictic_period, _ago):
        reading = reader(text, article_date)
        if reading is not None:
            return reading
    if year := _YEAR.search(text):
        return DateReading("year", iso=year.group(1))
    return None


def _weekday_reading(
    text: str, weekday: re.Match[str], article_date: datetime.date | None, *, future: bool
) -> DateReading:
    name = weekday.group(1).title()
    if article_date is None:
        return DateReading("weekday", weekday=name)
    before = text[: weekday.start()].lower().split()
    modifier = before[-1] if before else ""
    if modifier in {"next", "coming"}:
        # "next Friday": after the day of writing, never the day itself
        day = resolve_weekday(name, article_date + datetime.timedelta(days=1), future=True)
    elif modifier in {"last", "past"}:
        day = resolve_weekday(name, article_date - datetime.timedelta(days=1), future=False)
    else:
        day = resolve_weekday(name, article_date, future=future)
    return DateReading("weekday", iso=day.isoformat(), weekday=name, resolved=True)


def _deictic_day(text: str, article_date: datetime.date | None) -> DateReading | None:
    """ "yesterday", "today", "tomorrow"."""
    deictic = _DEICTIC_DAY.search(text)
    if deictic is None:
        return None
    if article_date is None:
        return DateReading("relative", relative=deictic.group(0).lower())
    day = article_date + datetime.timedelta(days=DEICTIC_DAYS[deictic.group(1).lower()])
    return DateReading("relative", iso=day.isoformat(), weekday=_weekday_of(day), resolved=True)


def _deictic_period(text: str, article_date: datetime.date | None) -> DateReading | None:
    """ "last year", "earlier this month", "next week"."""
    period = _DEICTIC_PERIOD.search(text)
    if period is None:
        return None
    words = " ".join(period.group(0).lower().split())
    offset = DEICTIC_MODIFIERS[" ".join(period.group(1).lower().split())]
    unit = PERIOD_WORDS[period.group(2).lower()]
    if article_date is None or unit == "week":
        return DateReading("relative", relative=words)
    if unit == "year":
        return DateReading("relative", iso=str(article_date.year + offset), relative=words,
                           resolved=True)  # fmt: skip
    month_index = article_date.year * 12 + article_date.month - 1 + offset
    iso = f"{month_index // 12}-{month_index % 12 + 1:02d}"
    return DateReading("relative", iso=iso, relative=words, resolved=True)


def _ago(text: str, article_date: datetime.date | None) -> DateReading | None:
    """ "two years ago", "a week ago"."""
    ago = _AGO.search(text)
    if ago is None:
        return None
    words = " ".join(ago.group(0).lower().split())
    count = _count(ago.group(1))
    ago_unit = ago.group(2).lower()
    if article_date is None or count is None:
        return DateReading("relative", relative=words)
    if ago_unit == "year":
        iso = str(article_date.year - count)
    elif ago_unit == "month":
        index = article_date.year * 12 + article_date.month - 1 - count
        iso = f"{index // 12}-{index % 12 + 1:02d}"
    else:
        days = count * (7 if ago_unit == "week" else 1)
        iso = (article_date - datetime.timedelta(days=days)).isoformat()
    return DateReading("relative", iso=iso, relative=words, resolved=True)


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word.lower() in {"a", "an", "one"}:
        return 1
    try:
        return int(text2num(word.lower(), "en"))
    except ValueError:
        return None


def date_refs_of(
    doc: Doc, article_date: datetime.date | None, *, future: bool, taken: set[int]
) -> list[DateRef]:
    found: list[DateRef] = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or taken.intersection(range(ent.start, ent.end)):
            continue
        found.extend(_date_refs(ent, article_date, future=future))
    return found


def _date_refs(ent: Span, article_date: datetime.date | None, *, future: bool) -> list[DateRef]:
    """One reference per date in the entity ("between 2009 and 2016" gives two years)."""
    years = [t for t in ent if YEARLIKE.match(t.text)]
    head, relation = governor(ent.root)
    has_month = any(t.lemma_.lower() in MONTH_WORDS for t in ent)
    if len(years) > 1 and not has_month:
        return [
            DateRef(
                text=t.text,
                char_start=t.idx,
                char_end=t.idx + len(t.text),
                kind="year",
                iso=t.text,
                head=head,
                relation=relation,
                predicate=clause_verb(ent.root),
            )
            for t in years
        ]
    # "July, when more than 1 million jobs were created": the date of the clause it heads.
    clause = next(
        (c for c in ent.root.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"), None
    )
    predicate = clause_verb(ent.root)
    if clause is not None:
        predicate, relation = lemma_of(clause), ""
    text = ent.text
    reading = read_date(text, article_date, future=future)
    if reading is None:
        return []
    return [
        DateRef(
            text=text[:200],
            char_start=ent.start_char,
            char_end=ent.end_char,
            kind=reading.kind,
            iso=reading.iso,
            weekday=reading.weekday,
            relative=reading.relative[:60],
            resolved=reading.resolved,
            head=head,
            relation=relation,
            predicate=predicate,
        )
    ]
