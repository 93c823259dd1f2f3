"""What a parser reads off one sentence: figures, dates, names, the main event and its status.

Pure data, filled by ``factcheck.parse`` (spaCy's tagger, parser and NER) and read by the
typed checks: every later step reads these fields instead of parsing the sentence again.
Spans are character offsets into the sentence the facts were read from.

``factcheck.parse.facts`` is the other side of the same concept: this module defines the
facts, that one reads them off spaCy's parse.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "DATE_KINDS",
    "Actor",
    "ActorRole",
    "ClaimFacts",
    "Comparison",
    "ComparisonRelation",
    "DateKind",
    "DateRef",
    "EntityRef",
    "EntityRole",
    "EventRef",
    "EventStatus",
    "FrameCommitment",
    "Quantity",
    "QuantityKind",
    "ReportedStatus",
]

ShortText = Annotated[str, Field(max_length=200)]
Word = Annotated[str, Field(max_length=60)]

QuantityKind = Literal["count", "money", "percent", "duration", "measure", "age", "rank"]
"""What sort of figure: a count of things, an amount of money, a share, a length of time,
a measurement in units (miles, tonnes), an age in years ("the 41-year-old pitcher", "aged
43", "The suspect, 24,"), or a place in a ranking ("finished second", "ranked 52nd", "took
silver")."""

DateKind = Literal["date", "month", "year", "weekday", "relative"]
"""How the text gives a date: a calendar day, a month, a year, a day of the week, or an
expression relative to the time of writing ("last week", "earlier this year")."""
DATE_KINDS: tuple[DateKind, ...] = ("date", "month", "year", "weekday", "relative")

EntityRole = Literal["agent", "patient", "other"]
"""The part a name plays in the main event: who does it, who or what undergoes it, or
another part (a place, a prepositional object, a name in another clause)."""

ActorRole = Literal["agent", "recipient"]
"""The place a name fills in the main event: who does it ("tabled by X", "X scored") or who
gets what it gives ("went to X", "was awarded to X"; the winner of "X won" is its agent)."""

EventStatus = Literal["happened", "expected", "proposed", "denied", "unknown"]
"""Whether the main event is put as done, scheduled or expected ("will", "is expected to",
"is due to"), only proposed or under consideration ("considering", "weighing", "plans
to"), denied by a named party, or none of these (a present state, a question)."""

FrameCommitment = Literal["none", "firm", "tentative", "negative", "uncommitted"]
"""How the frames a sentence tells its event through (verbs of saying and the other
source-introducing predicates of FactBank, their nouns and adjectives) hold the event: as
certain ("announced", "confirmed"), as possible ("signalled", "is considering", "a
willingness to"), as false ("denied", "ruled out"), or not at all (a negated frame: "did
not confirm"); "none" when the event is told through no such frame."""

ReportedStatus = Literal["unknown", "committed", "possible", "ruled_out", "uncommitted"]
"""The status of an event told through a frame, the frame's commitment composed with the
clause's own modality (FactBank's values: committed CT+, possible PS+, ruled out CT-,
uncommitted Uu): "announced it is selling" is committed, "signalled it may sell" and
"confirmed it may sell" possible, "denied it would close" and "confirmed it will not close"
ruled out, "did not confirm it will close" uncommitted; "unknown" without a frame or with a
modality that says none of these ("must", "should")."""


class _Span(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: Annotated[str, Field(min_length=1, max_length=200, description="Verbatim")]
    char_start: Annotated[int, Field(ge=0)]
    char_end: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> _Span:
        if self.char_end < self.char_start:
            raise ValueError("char_end must not be before char_start")
        return self


class Quantity(_Span):
    """One figure: its value, the bounds its wording allows, its unit and what it counts.

    ``low``/``high`` are what the wording allows: equal to ``value`` for an exact figure,
    open on one side for "more than" / "at most" (``None``), a band for "about" / "nearly"
    and for a round figure ("$43 million" allows 42.5 to 44 million). Durations are in
    months (``unit="month"``: "18 months" and "a year and a half" are both 18) or days,
    shares in percent ("a third" is 33.3).
    """

    kind: QuantityKind
    value: float
    low: float | None
    high: float | None
    unit: Annotated[
        str,
        Field(
            max_length=40,
            description="USD/EUR/GBP..., percent, month, day, hour, a counted noun's lemma "
            "('page', 'vote', 'person'), or 'none'",
        ),
    ] = "none"
    head: Annotated[
        str,
        Field(
            max_length=60,
            description="Lemma of the noun the figure counts or measures ('indictment' for "
            "'a 48-page indictment'), else of the word it attaches to; '' if none",
        ),
    ] = ""
    relation: Annotated[
        str,
        Field(max_length=20, description="Preposition linking it to its head: 'to', 'from'"),
    ] = ""
    predicate: Word = ""
    """Lemma of the verb of the figure's own clause ("create" in "when 1 million jobs were
    created"), which may not be the sentence's main event."""
    frame: Annotated[str, Field(max_length=200)] = ""
    """The words of the clause that say what the figure is of, as written ("were stuck on
    the runway for"): the governing word and its dependents, less subject and figure."""
    about: Annotated[str, Field(max_length=120)] = ""
    """What the preposition right after the figure names: a named party's key ("$5,587.75
    at the Martha's Vineyard Holistic Retreat") or the lemmas of a noun phrase ("$43
    million in federal taxes": "federal tax")."""
    about_is_name: bool = False
    subject: Annotated[str, Field(max_length=120)] = ""
    """Key of the named subject of the figure's clause or the owner of its noun ("Bush
    paid 36%", "Clinton's rate"), else the lemma of its subject noun; '' for a pronoun or
    when the subject is the figure's own noun."""
    subject_is_name: bool = False
    modifiers: Annotated[list[Word], Field(max_length=8)] = Field(default_factory=list)
    """Lemmas of the words that narrow the head noun ("effective", "tax" in "effective tax
    rate"): two figures of differently narrowed heads measure different things."""
    forecast: bool = False
    """The figure is expected, forecast or estimated, not reported as the case."""
    qualifier: Annotated[str, Field(max_length=40, description="'about', 'more than'...")] = ""
    approximate: bool = False
    """Written as approximate: a qualifier, a fraction ("a third") or a round figure."""


class DateRef(_Span):
    """One date or time expression, normalised.

    ``iso`` is an ISO date ("2021-09-03"), month ("2021-09") or year ("2021") when the text
    fixes one, either by itself or resolved against the article's date; ``weekday`` is the
    day's English name when the text names or implies one; ``relative`` keeps an expression
    that no article date resolved ("last week").
    """

    kind: DateKind
    iso: Annotated[str, Field(max_length=10)] = ""
    weekday: Annotated[str, Field(max_length=9)] = ""
    relative: Annotated[str, Field(max_length=60)] = ""
    resolved: bool = False
    """True when ``iso`` came from the article's date, not from the text alone."""
    head: Word = ""
    """Lemma of the word the date attaches to (the event's predicate for "on Tuesday")."""
    relation: Annotated[str, Field(max_length=20)] = ""
    predicate: Word = ""
    """Lemma of the verb of the date's own clause."""
    frame: Annotated[str, Field(max_length=200)] = ""
    """The words of the clause that say what the date is of, as written ("has run the city
    since"), as for a figure."""


class EntityRef(_Span):
    """One named entity (spaCy's NER) and its part in the main event."""

    label: Annotated[str, Field(max_length=20, description="spaCy label: PERSON, ORG, GPE...")]
    key: Annotated[
        str,
        Field(max_length=120, description="Lower-case name without titles or possessives"),
    ]
    role: EntityRole = "other"


class EventRef(BaseModel):
    """The main event of the sentence: its predicate and the heads of its participants.

    A reporting frame is looked through: in "Officials said the plant closed", the event is
    "close" with subject "plant", and ``reported_by`` is "official". So are the other
    source-introducing predicates and their nouns and adjectives ("signalled it may sell",
    "indicated a willingness to sell", "is open to selling"): ``frame`` names the nearest.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    predicate: Word
    subject: Word = ""
    object: Word = ""
    participants: Annotated[list[Word], Field(max_length=24)] = Field(default_factory=list)
    """Lemmas of the event's arguments and their nouns (subject, object, prepositional
    objects), for telling whether two sentences are about the same event."""
    reported_by: Word = ""
    reported_with: Word = ""
    """Lemma of the verb of saying looked through ("say" in "Officials said the plant
    closed"): a date on it bounds the event ("said in 2017 that they repaid")."""
    frame: Word = ""
    """Lemma of the framing word nearest the event: the source-introducing verb ("signal",
    "rule out"), noun ("willingness") or adjective ("open"); '' when there is none."""
    frame_commitment: FrameCommitment = "none"
    """How the frames, all of them composed and their negation with them, hold the event."""
    frame_source: Word = ""
    """Lemma of the subject of the nearest frame that names one ("club" in "The club
    said it was willing to sell"); '' for none or only pronouns."""
    frame_source_is_name: bool = False
    evidence: ShortText = ""
    """The predicate's words as written (with its auxiliaries and negation)."""


class Actor(_Span):
    """A name in the doer's or the recipient's place of the main event, with what the event
    is done to or gives (its theme): "The motion was tabled by Senator Reyes" gives the agent
    "Senator Reyes" of "table" with the theme "motion". The span is the name as written,
    titles included; read from the parse, so a name the entity recogniser misses ("Ana
    Lopez won") is kept when the parse tags it a proper noun."""

    role: ActorRole
    key: Annotated[str, Field(max_length=120, description="Lower-case name, titles dropped")]
    predicate: Word
    theme: Word
    """Lemma of the event's other participant's head ("motion", "award")."""


ComparisonRelation = Literal["equal", "similar", "below", "above", "unlike"]
"""How a party stands to its reference: the same ("matches", "on a par with"), alike
("mirrors", "modelled on"), short of it ("falls short of", "lower than"), beyond it
("exceeds", "goes beyond"), or different in no stated direction ("unlike")."""


class Comparison(_Span):
    """One comparison of a party with a reference; the span runs from the comparing words to
    the end of the reference ("falls well short of the old scheme").

    ``relation`` is what the words state, negation composed in ("does not match" is below,
    "not unlike" similar); ``negated`` and ``modality`` keep how the comparing verb was
    written ("would not reach the level of").
    """

    relation: ComparisonRelation
    scale: Word = ""
    """The scale of a scalar comparative, named by its positive pole ("high" for "lower
    than", "generous" for "less generous than"); '' when the words name none ("exceeds")."""
    cue: Word
    """The comparing words, lemmatised: "match", "short of", "more generous than"."""
    party: Annotated[str, Field(max_length=120)] = ""
    """Key of the named party compared, else the lemma of its head noun; '' when unstated or
    a pronoun."""
    party_is_name: bool = False
    party_modifiers: Annotated[list[Word], Field(max_length=8)] = Field(default_factory=list)
    """Lemmas of the nouns, names and numbers that classify the party ("security" in
    "security guarantees", "senate" in "the Senate bill")."""
    party_owner: Annotated[str, Field(max_length=120)] = ""
    """Key or lemma of the party's possessor ("company" in "the company's profit"); ''
    for none or a pronoun."""
    reference: Annotated[str, Field(min_length=1, max_length=120)]
    """Key of the named reference, else the lemma of its head ("accord", "expect")."""
    reference_is_name: bool = False
    reference_head: Word
    reference_modifiers: Annotated[list[Word], Field(max_length=8)] = Field(default_factory=list)
    """Lemmas of the words that narrow the reference ("1987" in "the 1987 accord")."""
    reference_text: Annotated[str, Field(min_length=1, max_length=200)]
    """The reference's phrase as written ("NATO's Article 5")."""
    negated: bool = False
    modality: Word = ""
    """The modal of the comparing verb ("would", "may"), '' if none."""


class ClaimFacts(BaseModel):
    """Everything the parser read off one sentence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: Annotated[str, Field(max_length=4000, description="The sentence the spans index")]
    quantities: Annotated[list[Quantity], Field(max_length=64)] = Field(default_factory=list)
    dates: Annotated[list[DateRef], Field(max_length=32)] = Field(default_factory=list)
    entities: Annotated[list[EntityRef], Field(max_length=64)] = Field(default_factory=list)
    event: EventRef | None = None
    comparisons: Annotated[list[Comparison], Field(max_length=16)] = Field(default_factory=list)
    """The sentence's comparisons of a party with a reference."""
    actors: Annotated[list[Actor], Field(max_length=8)] = Field(default_factory=list)
    """The names in the main event's doer and recipient places."""
    negated: bool = False
    status: EventStatus = "unknown"
    status_evidence: ShortText = ""
    """The words that set the status ("is expected to", "denied", "has not yet been")."""
    reported_status: ReportedStatus = "unknown"
    """The event's status through its frames (``event.frame_commitment`` composed with the
    clause's own modality)."""
    reported_status_evidence: ShortText = ""
    """Verbatim words from the frame to the event ("has announced it is selling")."""
    article_date: datetime.date | None = None
    """The date relative expressions were resolved against, if any."""
