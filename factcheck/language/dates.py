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

__all__ = ["DEICTIC_DAYS", "DEICTIC_MODIFIERS", "PARTS_OF_DAY", "PERIOD_WORDS", "Period"]

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
