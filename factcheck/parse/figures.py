"""Figures of a sentence: found on the tokens, placed by the dependency parse.

Digits, cardinal words, fractions and scale words make a figure; the parse says what noun it
counts ("a 48-page indictment": pages of an indictment), else which word it attaches to and
by which preposition ("fell to 5.2% from 5.4%"), whose clause it sits in, who that clause is
about and what phrase follows it. spaCy tags durations and many counts as DATE entities;
those are read here as quantities in months or days. Numbers inside names ("Article 5",
"Boeing 737") and years ("the 1994 summit") are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from factcheck.language import (
    APPROXIMATORS,
    CURRENCIES,
    CURRENCY_SIGNS,
    FIGURE_JOINS,
    FRACTIONS,
    MEASURE_UNITS,
    MEDALS,
    MONTH_WORDS,
    ORDINALS,
    PERSONAL_PRONOUNS,
    RANK_NOUNS,
    SCALES,
    SPELLING_VARIANTS,
    TIME_UNITS,
    WEEKDAYS,
)
from factcheck.parse.forecast import is_forecast
from factcheck.parse.numbers import (
    Reading,
    bounds,
    is_number_word,
    read_number,
    split_and_fraction,
)
from factcheck.parse.syntax import (
    SUBJECTS,
    YEARLIKE,
    clause_verb,
    entity_at,
    entity_key,
    governor,
    lemma_of,
    span_root,
)
from factcheck.schemas.facts import Quantity, QuantityKind

__all__ = ["read_quantities"]

_DIGIT = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGIT_SCALE = re.compile(r"^\d+(?:\.\d+)?(?:k|m|mn|bn|b|tn|trn)$", re.IGNORECASE)
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
"""Entity labels whose numbers are part of a name ("Article 5", "Boeing 737")."""
_PERCENT_AFTER = frozenset({"%", "percent", "pct"})
_MAX_APPROXIMATOR_WORDS = max(len(k.split()) for k in APPROXIMATORS)


def _is_digit_token(token: Token) -> bool:
    return bool(_DIGIT.match(token.text) or _DIGIT_SCALE.match(token.text))


def _starts_figure(doc: Doc, i: int) -> bool:
    token = doc[i]
    low = token.lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if _is_digit_token(token) or (is_number_word(low) and low != "hundred"):
        return True
    if low in {"a", "an"}:
        return nxt in FRACTIONS or nxt in {"dozen", "hundred", "thousand", "million", "billion"}
    if low == "half":
        return nxt in {"a", "an", "of"}
    return low in {"dozen"} and i > 0 and doc[i - 1].lower_ in {"a", "half"}


_SHORT_SCALES = frozenset({"m", "b", "k"})
"""Scale letters that are also units ("40m" high, "40k" a run): a scale only after money."""


def _money_run(doc: Doc, i: int, words: list[str]) -> bool:
    """Token ``i`` is written onto a one-number figure that a currency sign opens."""
    start = i - len(words)
    return (
        not doc[i - 1].whitespace_
        and len(words) == 1
        and _DIGIT.match(words[0]) is not None
        and start > 0
        and doc[start - 1].text.lower() in CURRENCY_SIGNS
    )


def _continues_figure(doc: Doc, i: int, words: list[str]) -> bool:
    token = doc[i]
    low = token.lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    last = words[-1]
    if low in SCALES and low not in _SHORT_SCALES:
        return True
    if low.rstrip(".") in _SHORT_SCALES and _money_run(doc, i, words):
        return True  # "$40m", "£3m": the tokenizer splits what a currency sign makes money
    if is_number_word(low) and not _DIGIT.match(last):
        return True
    if low in FRACTIONS and last in {"a", "an", "one"} | {w for w in words if is_number_word(w)}:
        return True
    if low in {"dozen", "dozens"}:
        return True
    if low == "and":
        return nxt in {"a", "an"} or is_number_word(nxt)
    if low in {"a", "an"}:
        return nxt in FRACTIONS or nxt in {"dozen", "half"}
    return low == "half" and last in {"a", "an", "and"}


def _figure_runs(doc: Doc) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if not _starts_figure(doc, i):
            i += 1
            continue
        start = i
        words = [doc[i].lower_]
        i += 1
        while i < len(doc) and _continues_figure(doc, i, words):
            words.append(doc[i].lower_)
            i += 1
        while i - 1 > start and doc[i - 1].lower_ in {"and", "a", "an"}:
            i -= 1
        if start > 0 and doc[start - 1].lower_ == "and" and words[0] in {"a", "an", "half"}:
            continue  # "... and a half" after no figure
        runs.append((start, i))
    return runs


def _approximator(doc: Doc, start: int) -> tuple[str, int]:
    """The approximator right before token ``start`` and the index it starts at."""
    for size in range(_MAX_APPROXIMATOR_WORDS, 0, -1):
        if start - size < 0:
            continue
        words = " ".join(t.lower_ for t in doc[start - size : start])
        if words in APPROXIMATORS:
            return words, start - size
    return "", start


def _unit_noun(doc: Doc, end: int, root: Token) -> Token | None:
    """The noun a figure counts: right after it, across a hyphen, or across one adjective
    when the parse makes the figure that noun's modifier ("235,000 new jobs", not "293,000
    last week")."""
    i = end
    if i < len(doc) and doc[i].text in {"-", "–"}:
        i += 1
    skipped = False
    if i < len(doc) and doc[i].pos_ == "ADJ" and i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN":
        i += 1
        skipped = True
    if i >= len(doc) or doc[i].pos_ not in {"NOUN", "PROPN"} or doc[i].lower_ in SCALES:
        return None
    if skipped and root.head.i != i:
        return None
    return doc[i]


def _unit_lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    lemma = SPELLING_VARIANTS.get(lemma, SPELLING_VARIANTS.get(token.lower_, lemma))
    return "person" if lemma in {"people", "persons"} else lemma[:40]


def _is_name_number(doc: Doc, start: int, end: int) -> bool:
    """A number that is part of a name or code ("Article 5", "Route 66", "Boeing 737"), or
    the second year of a span ("the 2020-21 season")."""
    for ent in doc.ents:
        # a name holds words beside the number; an entity of the number alone is a misread
        overlaps = ent.label_ in _NAME_LABELS and ent.start < end and start < ent.end
        if overlaps and any(
            t.is_alpha and t.lower_ not in SCALES for t in ent if not start <= t.i < end
        ):
            return True
    before = doc[start - 1] if start > 0 else None
    if (
        start >= 2
        and doc[start - 1].text in {"-", "–", "/"}
        and YEARLIKE.match(doc[start - 2].text)
    ):
        return True
    return (
        before is not None
        and _is_digit_token(doc[start])
        and before.is_title
        and before.pos_ in {"PROPN", "NOUN"}
        and before.i > 0
    ) or (end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].pos_ in {"ADJ", "ADV"})


def _is_year(doc: Doc, start: int, end: int) -> bool:
    if end - start != 1 or not YEARLIKE.match(doc[start].text):
        return False
    if doc[start].ent_type_ in {"DATE", "TIME"}:
        return True
    after = doc[end] if end < len(doc) else None
    return not (after is not None and after.tag_ in {"NNS", "NNPS"})


def read_quantities(doc: Doc) -> tuple[list[Quantity], set[int]]:
    """Every figure of the sentence, and the token indices they take."""
    taken: set[int] = set()
    found = _half_durations(doc, taken)
    found.extend(_ranks(doc, taken))
    for start, end in _figure_runs(doc):
        if taken.intersection(range(start, end)):
            continue
        quantity = _quantity(doc, start, end)
        if quantity is not None:
            found.append(quantity[0])
            taken.update(range(quantity[1], quantity[2]))
    found.sort(key=lambda q: q.char_start)
    return _tallies(doc.text, found), taken


def _tallies(text: str, found: list[Quantity]) -> list[Quantity]:
    """Two figures joined by "to", "and" or a dash count one thing: the second counts what
    the first does ("300 votes to 120", "a vote of 300-120"), the first what the second
    does ("between 10 and 20 percent", "10 to 12 months")."""
    out = list(found)
    for k in range(1, len(out)):
        prev, q = out[k - 1], out[k]
        if text[prev.char_end : q.char_start].strip() not in FIGURE_JOINS:
            continue
        if q.unit == "none" and q.kind == prev.kind == "count" and prev.unit != "none":
            out[k] = q.model_copy(update=_slot_of(prev))
        elif prev.unit == "none" and prev.kind == "count" and q.kind in {"percent", "money"}:
            out[k - 1] = prev.model_copy(update={"kind": q.kind, **_slot_of(q)})
    return out


def _slot_of(q: Quantity) -> dict[str, str]:
    return {"unit": q.unit, "head": q.head, "relation": q.relation, "predicate": q.predicate}


def _and_fraction(words: list[str]) -> float | None:
    """The value of exactly "and <a fraction>" after a unit ("and a half": 0.5), read by
    :func:`~factcheck.parse.numbers.split_and_fraction`; ``None`` for any other words."""
    if len(words) != 3 or words[0] != "and":
        return None
    split = split_and_fraction(words)
    return split[1] if split is not None and not split[0] else None


def _half_durations(doc: Doc, taken: set[int]) -> list[Quantity]:
    """ "a year and a half": a unit of time with no figure before it."""
    found: list[Quantity] = []
    for i in range(len(doc) - 4):
        words = [t.lower_ for t in doc[i : i + 5]]
        unit = doc[i + 1].lemma_.lower()
        after = _and_fraction(words[2:])
        if (
            words[0] in {"a", "an", "one"}
            and unit in TIME_UNITS
            and after is not None
            and not taken.intersection(range(i, i + 5))
        ):
            base, size = TIME_UNITS[unit]
            reading = Reading((1 + after) * size, 0.0)
            root = span_root(doc, i, i + 5)
            head, relation = governor(root)
            found.append(_make(doc, i, i + 5, "duration", reading, base, head, relation, ""))
            taken.update(range(i, i + 5))
    return found


def _about(doc: Doc, end: int) -> tuple[str, bool]:
    """What the prepositional phrase right after a figure (or after the noun it modifies)
    names: a party's key, or the lemmas of a noun phrase; a period is not one."""
    i = end
    if i < len(doc) and doc[i].pos_ == "NOUN":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _ABOUT_PREPOSITIONS:
        return "", False
    pobj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
    if (
        pobj is None
        or pobj.like_num
        or pobj.ent_type_ in {"DATE", "TIME"}
        or pobj.lemma_ in TIME_UNITS
    ):
        return "", False
    ent = entity_at(doc, pobj, _ABOUT_LABELS)
    if ent is not None:
        return entity_key(ent), True
    words = [
        lemma_of(c)
        for c in pobj.children
        if c.dep_ in {"amod", "compound", "conj"} and c.pos_ in {"ADJ", "NOUN", "PROPN"}
    ]
    return " ".join([*words, lemma_of(pobj)])[:120], False


def _subject(doc: Doc, root: Token, own: Token | None, span: range) -> tuple[str, bool]:
    """Who the figure's clause is about: the key of a named subject (or of its noun's named
    owner), else the subject noun's lemma; '' for a pronoun, or when the subject is the
    figure's own noun ("1 million jobs were created")."""
    current = root
    for _ in range(10):
        owner = next((c for c in current.children if c.dep_ == "poss"), None)
        if owner is not None and (ent := entity_at(doc, owner, _PARTY_LABELS)) is not None:
            return entity_key(ent), True
        if current.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
            if (
                subject is None
                or subject.pos_ == "PRON"
                or subject.i in span
                or (own is not None and subject.i == own.i)
            ):
                return "", False
            if (ent := entity_at(doc, subject, _PARTY_LABELS)) is not None:
                return entity_key(ent), True
            return (lemma_of(subject), False) if subject.pos_ in {"NOUN", "PROPN"} else ("", False)
        if current.head.i == current.i:
            return "", False
        current = current.head
    return "", False


def _modifiers(noun: Token | None, taken: range) -> list[str]:
    if noun is None:
        return []
    return [
        lemma_of(c)
        for c in noun.children
        if c.dep_ in {"amod", "compound", "nmod"}
        and c.i not in taken
        and not c.like_num
        and c.pos_ in {"ADJ", "NOUN", "PROPN"}
    ][:8]


_ABOUT_PREPOSITIONS = frozenset({"at", "on", "to", "for", "from", "in", "of"})
_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_ABOUT_LABELS = frozenset({"PERSON", "ORG", "FAC", "GPE", "PRODUCT", "WORK_OF_ART"})


def _make(
    doc: Doc,
    start: int,
    end: int,
    kind: QuantityKind,
    reading: Reading,
    unit: str,
    head: str,
    relation: str,
    qualifier: str,
    head_noun: Token | None = None,
) -> Quantity:
    bound = APPROXIMATORS.get(qualifier)
    low, high = bounds(reading, bound)
    span = doc[start:end]
    root = span_root(doc, start, end)
    about, about_is_name = _about(doc, end) if kind != "duration" else ("", False)
    # "943,000 jobs added in July": the participle is the figure's own clause.
    own_clause = (
        next((c for c in head_noun.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
        if head_noun is not None
        else None
    )
    if own_clause is not None:
        predicate, subject, subject_is_name = lemma_of(own_clause), "", False
    else:
        predicate = clause_verb(root)
        subject, subject_is_name = _subject(doc, root, head_noun, range(start, end))
    return Quantity(
        text=span.text[:200],
        char_start=span.start_char,
        char_end=span.end_char,
        kind=kind,
        value=reading.value,
        low=low,
        high=high,
        unit=unit,
        head=head[:60],
        relation=relation,
        predicate=predicate,
        about=about,
        about_is_name=about_is_name,
        subject=subject,
        subject_is_name=subject_is_name,
        modifiers=_modifiers(head_noun, range(start, end)),
        forecast=is_forecast([root], walk_heads=True),
        qualifier=qualifier,
        approximate=bool(qualifier) or reading.fraction or reading.step > 0,
    )


@dataclass
class _Draft:
    """A figure being read: its span (``first`` to ``last``, widened as its currency, unit
    and counted noun are found), what it is, and what it counts."""

    reading: Reading
    first: int
    last: int
    qualifier: str
    currency: str
    kind: QuantityKind
    unit: str
    head: str = ""
    relation: str = ""


def _quantity(doc: Doc, start: int, end: int) -> tuple[Quantity, int, int] | None:
    reading = read_number([t.text for t in doc[start:end]])
    if reading is None or _is_name_number(doc, start, end) or _is_year(doc, start, end):
        return None
    draft = _draft(doc, start, end, reading)
    counted = draft.kind == "count" or draft.kind == "money"
    noun = _unit_noun(doc, draft.last, span_root(doc, start, end)) if counted else None
    if noun is not None and draft.kind == "count" and noun.lemma_.lower() in TIME_UNITS:
        if _relative_date(doc, start, noun):
            return None
        age = _years_old(doc, noun, draft.first, draft.reading, draft.qualifier)
        if age is not None:
            return age
        _read_duration(doc, draft, noun)
    elif draft.kind == "count" and _in_calendar_date(doc, start):
        return None  # a day of the month ("July 4"), a clock time
    elif noun is not None:
        _read_counted_noun(draft, noun)
    elif draft.kind == "count" and not draft.currency:
        special = _bare_age(doc, draft.first, draft.last, draft.reading, draft.qualifier)
        special = special or _numbered_rank(doc, draft.first, draft.last, draft.reading)
        if special is not None:
            return special
    _find_head(doc, draft, start, end)
    _fraction_as_percent(draft)
    if draft.kind == "count" and draft.reading.value == 1 and not _is_digit_token(doc[start]):
        return None  # "one member", "a dozen" is kept: only the word "one" counts nothing
    head_noun = _described_noun(noun) if noun is not None else _of_object(doc, draft.last)
    quantity = _make(
        doc,
        draft.first,
        draft.last,
        draft.kind,
        draft.reading,
        draft.unit,
        draft.head,
        draft.relation,
        draft.qualifier,
        head_noun=head_noun,
    )
    return quantity, draft.first, draft.last


def _draft(doc: Doc, start: int, end: int, reading: Reading) -> _Draft:
    """The number with its currency sign, approximator and the unit right after it ("per
    cent", "percentage points", "dollars")."""
    first = start
    currency = ""
    if first > 0 and doc[first - 1].text.lower() in CURRENCY_SIGNS:
        currency = CURRENCY_SIGNS[doc[first - 1].text.lower()]
        first -= 1
    qualifier, first = _approximator(doc, first)
    last = end
    kind: QuantityKind = "count"
    unit = "none"
    after = doc[last].lower_ if last < len(doc) else ""
    if after in _PERCENT_AFTER or (after == "per" and last + 1 < len(doc)):
        kind, unit = "percent", "percent"
        last += 2 if after == "per" else 1
        if last < len(doc) and doc[last].lower_ == "point":
            unit, last = "percentage point", last + 1
    elif after == "percentage" and last + 1 < len(doc) and doc[last + 1].lemma_ == "point":
        kind, unit, last = "percent", "percentage point", last + 2
    elif after in CURRENCIES and not currency:
        currency = CURRENCIES[after]
        last += 1
    if currency:
        kind, unit = "money", currency
    return _Draft(reading, first, last, qualifier, currency, kind, unit)


def _relative_date(doc: Doc, start: int, noun: Token) -> bool:
    """A time unit in a date counted from now ("two years ago", "the last three months")."""
    in_date = doc[start].ent_type_ == "DATE"
    date_words = {t.lower_ for t in doc[start : noun.i + 2]}
    return in_date and bool(date_words & {"ago", "last", "next"})


def _read_duration(doc: Doc, draft: _Draft, noun: Token) -> None:
    """A number of time units as a duration in the base unit ("two and a half years")."""
    base, size = TIME_UNITS[noun.lemma_.lower()]
    reading = draft.reading
    draft.reading = Reading(reading.value * size, reading.step * size, reading.fraction)
    draft.kind, draft.unit = "duration", base
    draft.head, draft.relation = _noun_head(noun)
    draft.last = noun.i + 1
    last = draft.last
    after = _and_fraction([t.lower_ for t in doc[last : last + 3]])
    if after is not None:
        reading = draft.reading
        draft.reading = Reading(reading.value + after * size, reading.step, reading.fraction)
        draft.last += 3
    if draft.head == draft.unit or draft.head in TIME_UNITS:
        draft.head, draft.relation = governor(span_root(doc, draft.first, draft.last))


def _read_counted_noun(draft: _Draft, noun: Token) -> None:
    """What a count or a sum of money counts: the noun after it; a count's unit too."""
    draft.head, draft.relation = _noun_head(noun)
    if draft.kind != "count":
        return
    draft.unit = _unit_lemma(noun)
    if draft.unit in MEASURE_UNITS:
        draft.kind = "measure"
    if draft.head == noun.lemma_.lower():
        draft.head = draft.unit
    draft.last = noun.i + 1


def _find_head(doc: Doc, draft: _Draft, start: int, end: int) -> None:
    """A figure with no counted noun counts the object of an "of" after it, or else what
    governs it."""
    if draft.head:
        return
    of_object = _of_object(doc, draft.last)
    if of_object is not None:
        draft.head = _unit_lemma(of_object)
        if draft.kind == "count" and draft.unit == "none":
            draft.unit = draft.head
    else:
        draft.head, draft.relation = governor(
            span_root(doc, start, end if draft.kind == "count" else draft.last)
        )


def _fraction_as_percent(draft: _Draft) -> None:
    """A bare fraction ("a third of voters") is a share, in percent."""
    if draft.reading.fraction and draft.kind == "count":
        draft.kind, draft.unit = "percent", "percent"
        reading = draft.reading
        draft.reading = Reading(reading.value * 100, reading.step * 100, True)


def _in_calendar_date(doc: Doc, start: int) -> bool:
    """The token sits in a DATE or TIME entity that names a month or day, or a clock time."""
    for ent in doc.ents:
        if ent.start <= start < ent.end and ent.label_ in {"DATE", "TIME"}:
            return ent.label_ == "TIME" or any(
                t.lower_ in MONTH_WORDS or t.lower_.title() in WEEKDAYS for t in ent
            )
    return False


def _described_noun(noun: Token) -> Token:
    if noun.dep_ in {"compound", "amod", "nmod", "nummod"} and noun.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        return noun.head
    return noun


def _noun_head(noun: Token) -> tuple[str, str]:
    """What a counted noun measures: "page" of "a 48-page indictment" measures the indictment."""
    if noun.dep_ in {"compound", "amod", "nmod", "nummod"} and noun.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        return lemma_of(noun.head), ""
    return lemma_of(noun), ""


def _of_object(doc: Doc, end: int) -> Token | None:
    if end < len(doc) and doc[end].lower_ == "of":
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"}:
            return pobj
    return None


# -- ages and ranks ---------------------------------------------------------------------------

_AGE_MAX = 130
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)


def _person_of(token: Token) -> Token | None:
    """The noun an age describes: the noun an "old"/"aged" phrase or a number in apposition
    modifies, else the subject of the clause ("The town hall is 120 years old"; through
    "is estimated to be")."""
    current = token
    for _ in range(6):
        if current.dep_ in {"amod", "appos", "acl", "nummod"} and current.head.pos_ in {
            "NOUN",
            "PROPN",
        }:
            return current.head
        if current.pos_ in {"VERB", "AUX"}:
            subject = next(
                (c for c in current.children if c.dep_ in SUBJECTS | {"nsubjpass"}), None
            )
            if subject is not None:
                return subject
            if current.dep_ not in {"xcomp", "ccomp"}:
                return None
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _age_frame(person: Token | None) -> str:
    """What an age is of: "age of stabbing victim", "age of she"."""
    if person is None:
        return "age"
    words = [
        c.text
        for c in person.children
        if c.dep_ in {"compound", "poss", "amod"}
        and c.i < person.i
        and c.pos_ != "NUM"
        and c.lower_ not in {"old", "aged"}
        and not c.like_num
        and "-" not in c.text
    ]
    return " ".join(["age of", *words, person.text])


def _age(
    doc: Doc, start: int, end: int, value: float, qualifier: str, person: Token | None
) -> tuple[Quantity, int, int]:
    quantity = _make(
        doc,
        start,
        end,
        "age",
        Reading(value, 0.0),
        "year",
        person.lemma_.lower() if person is not None else "",
        "",
        qualifier,
        head_noun=person,
    )
    # An age describes its person at the time told: "will be demolished" does not make the
    # building's age a forecast.
    update = {"frame": _age_frame(person), "forecast": False}
    return quantity.model_copy(update=update), start, end


def _years_old(
    doc: Doc, noun: Token, first: int, reading: Reading, qualifier: str
) -> tuple[Quantity, int, int] | None:
    """ "a 41-year-old pitcher", "120 years old": an age in years."""
    i = noun.i + 1
    if i < len(doc) and doc[i].text in {"-", "–"}:
        i += 1
    if noun.lemma_.lower() != "year" or i >= len(doc) or doc[i].lower_ != "old":
        return None
    return _age(doc, first, i + 1, reading.value, qualifier, _person_of(doc[i]))


def _bare_age(
    doc: Doc, first: int, last: int, reading: Reading, qualifier: str
) -> tuple[Quantity, int, int] | None:
    """A bare whole number that is an age: "aged 43", "at the age of 5", a number set off
    by commas after a noun ("The suspect, 24,"), or "at 81" in a clause whose subject is a
    person ("She died at 81": a named person or a personal pronoun)."""
    value = reading.value
    if value != int(value) or not 0 < value <= _AGE_MAX or last - first != 1:
        return None
    token = doc[first]
    before = [t.lower_ for t in doc[max(0, first - 3) : first]]
    after = doc[last].text if last < len(doc) else "."
    if before[-1:] == ["aged"]:
        return _age(doc, first - 1, last, value, qualifier, _person_of(doc[first - 1]))
    if before[-2:] == ["age", "of"]:
        return _age(doc, first, last, value, qualifier, _person_of(doc[first - 2]))
    if (
        token.dep_ in {"appos", "npadvmod", "amod"}
        and token.head.pos_ in {"NOUN", "PROPN"}
        and before[-1:] == [","]
        and after in {",", ".", ";"}
    ):
        return _age(doc, first, last, value, qualifier, token.head)
    if before[-1:] == ["at"] and token.dep_ == "pobj" and after in {",", ".", ";", "after"}:
        person = _person_of(token.head.head if token.head.head.i != token.head.i else token)
        if person is None and token.head.head.i == token.head.i:
            person = next((t for t in doc if t.dep_ == "nsubj"), None)
        if person is not None and (
            person.ent_type_ == "PERSON" or person.lower_ in PERSONAL_PRONOUNS
        ):
            return _age(doc, first, last, value, qualifier, person)
    return None


def _rank(doc: Doc, start: int, end: int, value: int) -> Quantity:
    root = span_root(doc, start, end)
    head, relation = governor(root)
    return _make(doc, start, end, "rank", Reading(float(value), 0.0), "rank", head, relation, "")


def _numbered_rank(
    doc: Doc, first: int, last: int, reading: Reading
) -> tuple[Quantity, int, int] | None:
    """ "at No. 3", "at number one": a place in a ranking."""
    i = first - 1
    while i >= 0 and doc[i].text == ".":
        i -= 1
    if i < 1 or doc[i].lower_.rstrip(".") not in {"no", "number"}:
        return None
    if doc[i - 1].lower_ not in {"at", "to"} or reading.value != int(reading.value):
        return None
    if reading.value < 1:
        return None
    return _rank(doc, i, last, int(reading.value)), i, last


def _ordinal_value(token: Token) -> int | None:
    digits = _ORDINAL_DIGITS.match(token.text)
    if digits:
        return int(digits.group(1))
    return ORDINALS.get(token.lower_)


def _ranks(doc: Doc, taken: set[int]) -> list[Quantity]:
    """Places in a ranking: an ordinal after its verb ("finished second", "is ranked 52nd",
    "is 48th"), an ordinal of a place noun ("in fifth place"), an ordinal before a
    superlative ("the second-largest", "the fourth most populous"), a medal won ("took
    silver")."""
    found: list[Quantity] = []
    for token in doc:
        if token.i in taken:
            continue
        value = _ordinal_value(token)
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.text in {"-", "–"} and token.i + 2 < len(doc):
            nxt = doc[token.i + 2]
        is_rank = False
        if value is not None:
            head = token.head
            after_verb = (
                head.pos_ in {"VERB", "AUX"}
                and head.i < token.i
                and token.dep_ in {"advmod", "acomp", "attr", "oprd", "npadvmod", "dobj"}
            )
            of_place = token.dep_ == "amod" and head.lemma_.lower() in RANK_NOUNS
            superlative = nxt is not None and (nxt.tag_ in {"JJS", "RBS"} or nxt.lower_ == "most")
            is_rank = after_verb or of_place or superlative
        elif token.lower_ in MEDALS and token.pos_ in {"NOUN", "ADJ", "PROPN"}:
            medal_of = token.head if token.dep_ in {"compound", "amod"} else token
            if medal_of.dep_ == "dobj" and (medal_of is token or medal_of.lemma_ == "medal"):
                value = MEDALS[token.lower_]
                is_rank = True
        if is_rank and value is not None:
            found.append(_rank(doc, token.i, token.i + 1, value))
            taken.add(token.i)
    return found
