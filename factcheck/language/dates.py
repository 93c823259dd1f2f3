"""Relative time expressions of English, as data: "yesterday", "last year", "earlier this month".

Deictic time adverbials (Quirk et al., *A Comprehensive Grammar of the English Language*,
1985, §8.55-8.58; Huddleston & Pullum 2002, ch. 8 §12 "deictic temporal expressions") are
resolved against the time of writing: a news article's date. The offsets are what the words
mean, not fitted to any article. A bare weekday in news refers to the week around the
article's date: the last such day on or before it for an event told in the past, the next on
or after it for one told as expected (the AP Stylebook's "use the day of the week for dates
within seven days").

The reader that uses these words is ``factcheck.parse.dates``: this module is the word data,
that one the parsing, the two sides of one concept (as for ``numbers`` and ``events``).
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "DATE_BOUNDS",
    "DEICTIC_DAYS",
    "DEICTIC_MODIFIERS",
    "PARTS_OF_DAY",
    "PERIOD_BOUNDS",
    "PERIOD_WORDS",
    "Period",
]

Period = Literal["year", "month", "week"]

DEICTIC_DAYS: dict[str, int] = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
"""Day offsets from the time of writing."""
DEICTIC_MODIFIERS: dict[str, int] = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "earlier this": 0,
    "later this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
}
"""Period offsets: "last year" is the year before the time of writing."""
PERIOD_WORDS: dict[str, Period] = {"year": "year", "month": "month", "week": "week"}

PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midnight"})
"""Nouns a day narrows without being an event ("on Tuesday evening"): a date on one of them
dates what the part of the day hangs from (the parse makes "evening" the date's head)."""

DATE_BOUNDS: dict[str, Literal["start", "end", "both"]] = {
    "since": "start",
    "from": "start",
    "after": "start",
    "until": "end",
    "till": "end",
    "through": "end",
    "to": "end",
    "by": "end",
    "before": "end",
    "between": "both",
}
"""Prepositions that make a date a bound rather than the time of the event: where a period
starts ("since 2011", "after May") or must end ("until Friday", "by September 1")."""
PERIOD_BOUNDS = frozenset({"from", "since", "through", "to", "until", "till", "between"})
"""Of those, the ones that bound a span the event runs over ("from 2007 through 2014",
"since 2008"); "by", "before" and "after" set a deadline or an earliest day, not a span."""
