"""Reading one sentence into ``ClaimFacts`` with spaCy's parse: figures, dates, names, the
main event, its negation and its status.

Figures are found on the tokens (digits, cardinal words, fractions, scale words) and placed
by the dependency parse: what noun they count ("a 48-page indictment": pages of an
indictment), else which word they attach to and by which preposition ("fell to 5.2% from
5.4%"). spaCy tags durations and many counts as DATE entities; those are read as
quantities in months or days, and only real dates become ``DateRef``. Numbers inside names
("Article 5", "Boeing 737") and years ("the 1994 summit") are not figures.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from factcheck.language import (
    APPROXIMATORS,
    CURRENCIES,
    CURRENCY_SIGNS,
    DENIAL_LEMMAS,
    EXPECTATION_ADJECTIVES,
    EXPECTATION_LEMMAS,
    FORECAST_LEMMAS,
    FRACTIONS,
    FUTURE_AUX,
    MEASURE_UNITS,
    NEGATIVE_IMPLICATIVES,
    PROPOSAL_LEMMAS,
    REPORTING_LEMMAS,
    SCALES,
    SPELLING_VARIANTS,
    STOPWORDS,
    TIME_UNITS,
    TITLES,
    WEEKDAYS,
)
from factcheck.parse.dates import read_date
from factcheck.parse.nlp import load_nlp
from factcheck.parse.numbers import Reading, bounds, is_number_word, read_number
from factcheck.schemas import Article, Claim
from factcheck.schemas.facts import (
    ClaimFacts,
    DateRef,
    EntityRef,
    EntityRole,
    EventRef,
    EventStatus,
    Quantity,
    QuantityKind,
)

__all__ = ["attach_facts", "facts_from_doc", "read_facts", "read_facts_many"]

_DIGIT = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGIT_SCALE = re.compile(r"^\d+(?:\.\d+)?(?:k|m|mn|bn|b|tn|trn)$", re.IGNORECASE)
_YEARLIKE = re.compile(r"^(1[6-9]\d\d|20\d\d)$")
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
"""Entity labels whose numbers are part of a name ("Article 5", "Boeing 737")."""
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "attr", "oprd", "dative"})
_CLAUSES = frozenset({"ccomp", "xcomp"})
_PERCENT_AFTER = frozenset({"%", "percent", "pct"})
_MAX_APPROXIMATOR_WORDS = max(len(k.split()) for k in APPROXIMATORS)


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
    if sentence is not None:
        predicate, status, status_tokens, reported_by, refused = _main_predicate(sentence.root)
        negated = _negated(predicate) != refused
        if refused and status == "unknown":
            status, _ = _status_of(status_tokens[0], False)
        elif status == "unknown":
            status, extra = _status_of(predicate, negated)
            status_tokens = [*status_tokens, *extra]
        elif status == "denied" and negated:
            status_tokens = [*status_tokens, *(c for c in predicate.children if c.dep_ == "neg")]
        status_words = _words_of(doc, status_tokens)
        event = _event(predicate, reported_by)
    future = status == "expected"
    quantities, taken = _quantities(doc)
    dates = _dates(doc, article_date, future=future, taken=taken)
    entities = _entities(doc, predicate)
    return ClaimFacts(
        text=text,
        quantities=quantities[:64],
        dates=dates[:32],
        entities=entities[:64],
        event=event,
        negated=negated,
        status=status,
        status_evidence=status_words[:200],
        article_date=article_date,
    )


# -- the main event -------------------------------------------------------------------------


def _child(token: Token, deps: frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _main_predicate(root: Token) -> tuple[Token, EventStatus, list[Token], str, bool]:
    """Look through reporting, denial, refusal, expectation and proposal frames to the
    event; the last value says a negative implicative ("refused to") negates it."""
    predicate = root
    status: EventStatus = "unknown"
    frame: list[Token] = []
    reported_by = ""
    refused = False
    if predicate.pos_ in {"NOUN", "PROPN"}:
        # A parse that hangs the verb off its subject ("The bill passed by ..." read as a
        # noun phrase): the verb is the event.
        verb = _child(predicate, frozenset({"acl", "relcl"}))
        if verb is not None and verb.pos_ == "VERB":
            predicate = verb
    for _ in range(4):
        lemma = predicate.lemma_.lower()
        clause = _child(predicate, _CLAUSES)
        subject = _child(predicate, _SUBJECTS | _PASSIVE_SUBJECTS)
        if lemma in REPORTING_LEMMAS and clause is not None and clause.pos_ in {"VERB", "AUX"}:
            if subject is not None and not reported_by:
                reported_by = _lemma(subject)
            predicate = clause
            continue
        if lemma in NEGATIVE_IMPLICATIVES and clause is not None and clause.dep_ == "xcomp":
            frame = [predicate]
            refused = True
            predicate = clause
            continue
        if lemma in DENIAL_LEMMAS and clause is not None:
            status = "denied"
            frame = [predicate]
            predicate = clause
            continue
        acomp = _child(predicate, frozenset({"acomp"}))
        expected_by_adjective = (
            lemma == "be"
            and acomp is not None
            and acomp.lemma_.lower() in EXPECTATION_ADJECTIVES
            and _child(acomp, frozenset({"xcomp"})) is not None
        )
        if expected_by_adjective and acomp is not None and status == "unknown":
            status = "expected"
            frame = [predicate, acomp]
            predicate = _child(acomp, frozenset({"xcomp"})) or predicate
            continue
        passive = any(c.dep_ == "auxpass" for c in predicate.children)
        if (
            clause is not None
            and clause.dep_ == "xcomp"
            and status == "unknown"
            and (
                (lemma in EXPECTATION_LEMMAS and passive)
                or (lemma in {"set", "due"} and passive)
                or (lemma == "go" and predicate.tag_ == "VBG")
            )
        ):
            status = "expected"
            frame = [*(c for c in predicate.children if c.dep_ in {"aux", "auxpass"}), predicate]
            predicate = clause
            continue
        if lemma in PROPOSAL_LEMMAS and status == "unknown":
            status = "proposed"
            frame = [*(c for c in predicate.children if c.dep_ in {"aux", "auxpass"}), predicate]
            if clause is not None and clause.pos_ in {"VERB", "AUX"}:
                predicate = clause
                continue
        break
    return predicate, status, frame, reported_by, refused


def _negated(predicate: Token) -> bool:
    return any(c.dep_ == "neg" for c in predicate.children) or any(
        c.lower_ in {"never"} for c in predicate.children
    )


def _status_of(predicate: Token, negated: bool) -> tuple[EventStatus, list[Token]]:
    auxes = [c for c in predicate.children if c.dep_ in {"aux", "auxpass"}]
    yet = next((c for c in predicate.children if c.lower_ == "yet"), None)
    neg = [c for c in predicate.children if c.dep_ == "neg"]
    if negated and yet is not None:
        return "expected", [*auxes, *neg, yet, predicate]
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return "expected", [*auxes, predicate]
    if any(a.tag_ == "MD" for a in auxes):
        return "unknown", []
    if predicate.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "happened", [*auxes, predicate]
    if predicate.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "happened", [*auxes, predicate]
    return "unknown", []


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and len(lemma) >= 7 and lemma.endswith("ise"):
        lemma = lemma[:-3] + "ize"  # British -ise: "apologise" and "apologize" are one verb
    return lemma[:60]


def _clause_verb(token: Token) -> str:
    """Lemma of the verb whose clause holds ``token`` ("create" for the figure in "when
    1 million jobs were created"); '' for a verbless fragment."""
    current = token
    for _ in range(10):
        if current.pos_ in {"VERB", "AUX"} and current.i != token.i:
            return _lemma(current)
        if current.head.i == current.i:
            return _lemma(current) if current.pos_ in {"VERB", "AUX"} else ""
        current = current.head
    return ""


def _is_content(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN", "NUM"} and token.lower_ not in STOPWORDS


def _argument_words(token: Token) -> list[str]:
    """The head noun of an argument and the compounds and names in front of it."""
    words = [_lemma(c) for c in token.children if c.dep_ in {"compound", "amod"} and _is_content(c)]
    if _is_content(token):
        words.append(_lemma(token))
    return words


def _event(predicate: Token, reported_by: str) -> EventRef:
    subject = _child(predicate, _SUBJECTS)
    passive_subject = _child(predicate, _PASSIVE_SUBJECTS)
    obj = _child(predicate, _OBJECTS)
    agent = next((g for c in predicate.children if c.dep_ == "agent" for g in c.children), None)
    if passive_subject is not None:
        subject, obj = agent, passive_subject
    participants: list[str] = []
    for child in predicate.children:
        if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS | _OBJECTS | {"npadvmod", "nmod"}:
            participants.extend(_argument_words(child))
        elif child.dep_ in {"prep", "agent"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    participants.extend(_argument_words(pobj))
    evidence_tokens = [
        *(c for c in predicate.children if c.dep_ in {"aux", "auxpass", "neg"}),
        predicate,
    ]
    return EventRef(
        predicate=_lemma(predicate),
        subject=_lemma(subject) if subject is not None and subject.pos_ != "PRON" else "",
        object=_lemma(obj) if obj is not None and obj.pos_ != "PRON" else "",
        participants=list(dict.fromkeys(p for p in participants if p))[:24],
        reported_by=reported_by,
        evidence=_words_of(predicate.doc, evidence_tokens)[:200],
    )


def _words_of(doc: Doc, tokens: Iterable[Token]) -> str:
    """The text from the first to the last of ``tokens``, as written."""
    chosen = sorted({t.i for t in tokens})
    if not chosen:
        return ""
    return doc[chosen[0] : chosen[-1] + 1].text


# -- figures --------------------------------------------------------------------------------


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


def _continues_figure(doc: Doc, i: int, words: list[str]) -> bool:
    token = doc[i]
    low = token.lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    last = words[-1]
    if low in SCALES and low not in {"m", "b", "k"}:
        return True
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


def _span_root(doc: Doc, start: int, end: int) -> Token:
    inside = range(start, end)
    for token in doc[start:end]:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return doc[end - 1]


def _governor(root: Token) -> tuple[str, str]:
    """(head lemma, preposition) of the word a figure or date attaches to."""
    head = root.head
    # The second figure of a tally hangs off the first ("a vote of 300-120").
    while head.like_num and head.head.i != head.i:
        head = head.head
    if head.i == root.i or head.like_num:
        return "", ""
    relation = ""
    if head.pos_ == "ADP" or head.dep_ in {"prep", "agent"}:
        relation = head.lower_
        if head.head.i == head.i:
            return "", relation
        head = head.head
    return _lemma(head), relation[:20]


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
    """A number that is part of a name or code: "Article 5", "Route 66", "Boeing 737"."""
    if any(t.ent_type_ in _NAME_LABELS for t in doc[start:end]):
        return True
    before = doc[start - 1] if start > 0 else None
    return (
        before is not None
        and _is_digit_token(doc[start])
        and before.is_title
        and before.pos_ in {"PROPN", "NOUN"}
        and before.i > 0
    ) or (end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].pos_ in {"ADJ", "ADV"})


def _is_year(doc: Doc, start: int, end: int) -> bool:
    if end - start != 1 or not _YEARLIKE.match(doc[start].text):
        return False
    if doc[start].ent_type_ in {"DATE", "TIME"}:
        return True
    after = doc[end] if end < len(doc) else None
    return not (after is not None and after.tag_ in {"NNS", "NNPS"})


def _quantities(doc: Doc) -> tuple[list[Quantity], set[int]]:
    """Every figure of the sentence, and the token indices they take."""
    taken: set[int] = set()
    found = _half_durations(doc, taken)
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
    """The second figure of a tally counts what the first does: "300 votes to 120",
    "a vote of 300-120"."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        joined = prev is not None and text[prev.char_end : q.char_start].strip() in {
            "to",
            "-",
            "–",
        }
        if prev is not None and joined and q.unit == "none" and q.kind == prev.kind == "count":
            q = q.model_copy(
                update={
                    "unit": prev.unit,
                    "head": prev.head,
                    "relation": prev.relation,
                    "predicate": prev.predicate,
                    "about": "",
                }
            )
        out.append(q)
    return out


def _half_durations(doc: Doc, taken: set[int]) -> list[Quantity]:
    """ "a year and a half": a unit of time with no figure before it."""
    found: list[Quantity] = []
    for i in range(len(doc) - 4):
        words = [t.lower_ for t in doc[i : i + 5]]
        unit = doc[i + 1].lemma_.lower()
        if (
            words[0] in {"a", "an", "one"}
            and unit in TIME_UNITS
            and words[2:] == ["and", "a", "half"]
            and not taken.intersection(range(i, i + 5))
        ):
            base, size = TIME_UNITS[unit]
            reading = Reading(1.5 * size, 0.0)
            root = _span_root(doc, i, i + 5)
            head, relation = _governor(root)
            found.append(_make(doc, i, i + 5, "duration", reading, base, head, relation, ""))
            taken.update(range(i, i + 5))
    return found


def _entity_at(doc: Doc, token: Token, labels: frozenset[str]) -> Span | None:
    if token.ent_type_ not in labels:
        return None
    return next((e for e in doc.ents if e.start <= token.i < e.end), None)


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
    ent = _entity_at(doc, pobj, _ABOUT_LABELS)
    if ent is not None:
        return _entity_key(ent), True
    words = [
        _lemma(c)
        for c in pobj.children
        if c.dep_ in {"amod", "compound", "conj"} and c.pos_ in {"ADJ", "NOUN", "PROPN"}
    ]
    return " ".join([*words, _lemma(pobj)])[:120], False


def _subject(doc: Doc, root: Token, own: Token | None, span: range) -> tuple[str, bool]:
    """Who the figure's clause is about: the key of a named subject (or of its noun's named
    owner), else the subject noun's lemma; '' for a pronoun, or when the subject is the
    figure's own noun ("1 million jobs were created")."""
    current = root
    for _ in range(10):
        owner = next((c for c in current.children if c.dep_ == "poss"), None)
        if owner is not None and (ent := _entity_at(doc, owner, _PARTY_LABELS)) is not None:
            return _entity_key(ent), True
        if current.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in current.children if c.dep_ in _SUBJECTS), None)
            if (
                subject is None
                or subject.pos_ == "PRON"
                or subject.i in span
                or (own is not None and subject.i == own.i)
            ):
                return "", False
            if (ent := _entity_at(doc, subject, _PARTY_LABELS)) is not None:
                return _entity_key(ent), True
            return (_lemma(subject), False) if subject.pos_ in {"NOUN", "PROPN"} else ("", False)
        if current.head.i == current.i:
            return "", False
        current = current.head
    return "", False


def _modifiers(noun: Token | None, taken: range) -> list[str]:
    if noun is None:
        return []
    return [
        _lemma(c)
        for c in noun.children
        if c.dep_ in {"amod", "compound", "nmod"}
        and c.i not in taken
        and not c.like_num
        and c.pos_ in {"ADJ", "NOUN", "PROPN"}
    ][:8]


def _is_forecast(root: Token) -> bool:
    current = root
    for _ in range(12):
        if current.lemma_.lower() in FORECAST_LEMMAS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in current.children):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


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
    root = _span_root(doc, start, end)
    about, about_is_name = _about(doc, end) if kind != "duration" else ("", False)
    # "943,000 jobs added in July": the participle is the figure's own clause.
    own_clause = (
        next((c for c in head_noun.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
        if head_noun is not None
        else None
    )
    if own_clause is not None:
        predicate, subject, subject_is_name = _lemma(own_clause), "", False
    else:
        predicate = _clause_verb(root)
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
        forecast=_is_forecast(root),
        qualifier=qualifier,
        approximate=bool(qualifier) or reading.fraction or reading.step > 0,
    )


def _quantity(doc: Doc, start: int, end: int) -> tuple[Quantity, int, int] | None:
    words = [t.text for t in doc[start:end]]
    reading = read_number(words)
    if reading is None or _is_name_number(doc, start, end) or _is_year(doc, start, end):
        return None
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
    root = _span_root(doc, start, end)
    noun = _unit_noun(doc, last, root) if kind == "count" or kind == "money" else None
    head = ""
    relation = ""
    if noun is not None and kind == "count" and noun.lemma_.lower() in TIME_UNITS:
        in_date = doc[start].ent_type_ == "DATE"
        date_words = {t.lower_ for t in doc[start : noun.i + 1]}
        if in_date and date_words & {"ago", "last", "next"}:
            return None
        base, size = TIME_UNITS[noun.lemma_.lower()]
        reading = Reading(reading.value * size, reading.step * size, reading.fraction)
        kind, unit = "duration", base
        head, relation = _noun_head(noun)
        last = noun.i + 1
        if last + 2 < len(doc) and [t.lower_ for t in doc[last : last + 3]] == [
            "and",
            "a",
            "half",
        ]:
            reading = Reading(reading.value + 0.5 * size, reading.step, reading.fraction)
            last += 3
        if head == unit or head in TIME_UNITS:
            head, relation = _governor(_span_root(doc, first, last))
    elif kind == "count" and _in_calendar_date(doc, start):
        return None  # a day of the month ("July 4"), a clock time
    elif noun is not None and kind == "count":
        unit = _unit_lemma(noun)
        if unit in MEASURE_UNITS:
            kind = "measure"
        head, relation = _noun_head(noun)
        if head == noun.lemma_.lower():
            head = unit
        last = noun.i + 1
    elif noun is not None and kind == "money":
        head, relation = _noun_head(noun)
    if not head:
        of_object = _of_object(doc, last)
        if of_object is not None:
            head = _unit_lemma(of_object)
            if kind == "count" and unit == "none":
                unit = head
        else:
            head, relation = _governor(_span_root(doc, start, end if kind == "count" else last))
    if reading.fraction and kind == "count":
        kind, unit = "percent", "percent"
        reading = Reading(reading.value * 100, reading.step * 100, True)
    if kind == "count" and reading.value == 1 and not _is_digit_token(doc[start]):
        return None  # "one member", "a dozen" is kept: only the word "one" counts nothing
    head_noun = _described_noun(noun) if noun is not None else _of_object(doc, last)
    quantity = _make(
        doc, first, last, kind, reading, unit, head, relation, qualifier, head_noun=head_noun
    )
    return quantity, first, last


def _in_calendar_date(doc: Doc, start: int) -> bool:
    """The token sits in a DATE or TIME entity that names a month or day, or a clock time."""
    for ent in doc.ents:
        if ent.start <= start < ent.end and ent.label_ in {"DATE", "TIME"}:
            return ent.label_ == "TIME" or any(
                t.lower_ in _MONTH_LEMMAS or t.lower_.title() in WEEKDAYS for t in ent
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
        return _lemma(noun.head), ""
    return _lemma(noun), ""


def _of_object(doc: Doc, end: int) -> Token | None:
    if end < len(doc) and doc[end].lower_ == "of":
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"}:
            return pobj
    return None


# -- dates ----------------------------------------------------------------------------------


def _dates(
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
    years = [t for t in ent if _YEARLIKE.match(t.text)]
    head, relation = _governor(ent.root)
    has_month = any(t.lemma_.lower() in _MONTH_LEMMAS for t in ent)
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
                predicate=_clause_verb(ent.root),
            )
            for t in years
        ]
    # "July, when more than 1 million jobs were created": the date of the clause it heads.
    clause = next(
        (c for c in ent.root.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"), None
    )
    predicate = _clause_verb(ent.root)
    if clause is not None:
        predicate, relation = _lemma(clause), ""
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


_MONTH_LEMMAS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep.
    sept. oct. nov. dec.""".split()  # noqa: SIM905
)


# -- names ----------------------------------------------------------------------------------


def _entity_key(ent: Span) -> str:
    words = [t.lower_ for t in ent if not t.is_punct and t.lower_ not in {"'s", "’s", "the"}]
    while len(words) > 1 and words[0].rstrip(".") in TITLES:
        words.pop(0)
    return " ".join(words)[:120]


def _role(ent: Span, predicate: Token | None) -> EntityRole:
    if predicate is None:
        return "other"
    token: Token = ent.root
    passive = any(c.dep_ == "auxpass" for c in predicate.children)
    for _ in range(6):
        if token.head.i == predicate.i and token.i != predicate.i:
            dep = token.dep_
            if dep in _SUBJECTS:
                return "agent"
            if dep in _PASSIVE_SUBJECTS or dep in _OBJECTS:
                return "patient"
            if dep == "agent" and passive:
                return "agent"
            return "other"
        if token.head.i == token.i:
            break
        if token.dep_ not in {"compound", "poss", "pobj", "appos", "conj", "agent"}:
            break
        if token.dep_ == "pobj" and token.head.dep_ != "agent":
            break
        token = token.head
    return "other"


def _entities(doc: Doc, predicate: Token | None) -> list[EntityRef]:
    found: list[EntityRef] = []
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        key = _entity_key(ent)
        if not key:
            continue
        found.append(
            EntityRef(
                text=ent.text[:200],
                char_start=ent.start_char,
                char_end=ent.end_char,
                label=ent.label_,
                key=key,
                role=_role(ent, predicate),
            )
        )
    return found
