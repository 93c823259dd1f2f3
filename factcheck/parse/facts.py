"""Reading one sentence into ``ClaimFacts`` with spaCy's parse: figures, dates, names, the
main event, its negation and its status (one parse a sentence; ``nlp.pipe`` for many).

``factcheck.schemas.facts`` is the other side of the same concept: that module defines the
facts as pure data, this one reads them off a parse."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from factcheck.parse.comparisons import read_comparisons
from factcheck.parse.dates import date_refs_of
from factcheck.parse.events import (
    ReportingFrame,
    event_ref,
    is_negated,
    main_predicate,
    read_actors,
    read_entities,
    reporting_frame,
    status_of,
)
from factcheck.parse.figures import read_quantities
from factcheck.parse.frames import value_frame
from factcheck.parse.nlp import load_nlp
from factcheck.parse.syntax import words_of
from factcheck.schemas import Article, Claim
from factcheck.schemas.facts import (
    ClaimFacts,
    EventRef,
    EventStatus,
)

__all__ = ["attach_facts", "facts_from_doc", "read_facts", "read_facts_many"]


def read_facts(text: str, *, article_date: datetime.date | None = None) -> ClaimFacts:
    """Parse one sentence and read its facts."""
    return facts_from_doc(load_nlp()(text), article_date=article_date)


def read_facts_many(
    texts: Iterable[str],
    *,
    article_date: datetime.date | None = None,
    batch_size: int = 64,
) -> list[ClaimFacts]:
    """Parse many sentences in batches (``nlp.pipe``), one parse per sentence."""
    nlp = load_nlp()
    return [
        facts_from_doc(doc, article_date=article_date)
        for doc in nlp.pipe(texts, batch_size=batch_size)
    ]


def attach_facts(claims: Sequence[Claim], article: Article) -> list[Claim]:
    """The claims with ``facts`` read off their quotes (dates resolved by
    ``article.published`` when the article has one)."""
    facts = read_facts_many([c.quote for c in claims], article_date=article.published)
    return [
        claim.model_copy(update={"facts": found})
        for claim, found in zip(claims, facts, strict=True)
    ]


def facts_from_doc(doc: Doc, *, article_date: datetime.date | None = None) -> ClaimFacts:
    """Read the facts of an already parsed sentence."""
    text = doc.text[:4000]
    sentence = max(doc.sents, key=len) if len(doc) else None
    event: EventRef | None = None
    negated = False
    status: EventStatus = "unknown"
    status_words = ""
    predicate: Token | None = None
    frame: ReportingFrame | None = None
    if sentence is not None:
        predicate, status, status_tokens, reported_by, refused = main_predicate(sentence.root)
        negated = is_negated(predicate) != refused
        if refused and status == "unknown":
            status, _ = status_of(status_tokens[0], False)
        elif status == "unknown":
            status, extra = status_of(predicate, negated)
            status_tokens = [*status_tokens, *extra]
        elif status == "denied" and negated:
            status_tokens = [*status_tokens, *(c for c in predicate.children if c.dep_ == "neg")]
        status_words = words_of(doc, status_tokens)
        frame = reporting_frame(predicate)
        event = event_ref(predicate, reported_by, frame)
    future = status == "expected"
    quantities, taken = read_quantities(doc)
    dates = date_refs_of(doc, article_date, future=future, taken=taken)
    spans = [(v.char_start, v.char_end) for v in (*quantities, *dates)]
    quantities = [
        q.model_copy(
            update={"frame": q.frame or value_frame(doc, q.char_start, q.char_end, spans)[:200]}
        )
        for q in quantities
    ]
    dates = [
        d.model_copy(update={"frame": value_frame(doc, d.char_start, d.char_end, spans)[:200]})
        for d in dates
    ]
    entities = read_entities(doc, predicate)
    return ClaimFacts(
        text=text,
        quantities=quantities[:64],
        dates=dates[:32],
        entities=entities[:64],
        event=event,
        comparisons=read_comparisons(doc),
        actors=read_actors(predicate),
        negated=negated,
        status=status,
        status_evidence=status_words[:200],
        reported_status=frame.status if frame is not None else "unknown",
        reported_status_evidence=frame.evidence if frame is not None else "",
        article_date=article_date,
    )
