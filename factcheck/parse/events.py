"""The main event of a sentence: its predicate (through reporting, denial, refusal,
expectation and proposal frames), negation, status, and the roles of its named entities."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from factcheck.language import (
    DENIAL_LEMMAS,
    EXPECTATION_ADJECTIVES,
    EXPECTATION_LEMMAS,
    FUTURE_AUX,
    NEGATIVE_IMPLICATIVES,
    PROPOSAL_LEMMAS,
    REPORTING_LEMMAS,
    STOPWORDS,
)
from factcheck.parse.syntax import (
    CLAUSES,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    child_with,
    entity_key,
    lemma_of,
    words_of,
)
from factcheck.schemas.facts import EntityRef, EntityRole, EventRef, EventStatus

__all__ = [
    "event_ref",
    "is_negated",
    "main_predicate",
    "read_entities",
    "reporting_verb",
    "status_of",
]

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"})


def main_predicate(root: Token) -> tuple[Token, EventStatus, list[Token], str, bool]:
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
        verb = child_with(predicate, frozenset({"acl", "relcl"}))
        if verb is not None and verb.pos_ == "VERB":
            predicate = verb
    for _ in range(4):
        lemma = predicate.lemma_.lower()
        clause = child_with(predicate, CLAUSES)
        subject = child_with(predicate, SUBJECTS | PASSIVE_SUBJECTS)
        if lemma in REPORTING_LEMMAS and clause is not None and clause.pos_ in {"VERB", "AUX"}:
            if subject is not None and not reported_by:
                reported_by = lemma_of(subject)
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
        acomp = child_with(predicate, frozenset({"acomp"}))
        expected_by_adjective = (
            lemma == "be"
            and acomp is not None
            and acomp.lemma_.lower() in EXPECTATION_ADJECTIVES
            and child_with(acomp, frozenset({"xcomp"})) is not None
        )
        if expected_by_adjective and acomp is not None and status == "unknown":
            status = "expected"
            frame = [predicate, acomp]
            predicate = child_with(acomp, frozenset({"xcomp"})) or predicate
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


def is_negated(predicate: Token) -> bool:
    return any(c.dep_ == "neg" for c in predicate.children) or any(
        c.lower_ in {"never"} for c in predicate.children
    )


def status_of(predicate: Token, negated: bool) -> tuple[EventStatus, list[Token]]:
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


def _is_content(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN", "NUM"} and token.lower_ not in STOPWORDS


def _argument_words(token: Token) -> list[str]:
    """The head noun of an argument and the compounds and names in front of it."""
    words = [
        lemma_of(c) for c in token.children if c.dep_ in {"compound", "amod"} and _is_content(c)
    ]
    if _is_content(token):
        words.append(lemma_of(token))
    return words


def reporting_verb(predicate: Token) -> str:
    """Lemma of the verb of saying whose clause holds the event, if any."""
    current = predicate
    for _ in range(4):
        if current.dep_ not in CLAUSES or current.head.i == current.i:
            return ""
        current = current.head
        if current.lemma_.lower() in REPORTING_LEMMAS:
            return lemma_of(current)
    return ""


def event_ref(predicate: Token, reported_by: str) -> EventRef:
    subject = child_with(predicate, SUBJECTS)
    passive_subject = child_with(predicate, PASSIVE_SUBJECTS)
    obj = child_with(predicate, OBJECTS)
    agent = next((g for c in predicate.children if c.dep_ == "agent" for g in c.children), None)
    if passive_subject is not None:
        subject, obj = agent, passive_subject
    participants: list[str] = []
    for child in predicate.children:
        if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS | {"npadvmod", "nmod"}:
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
        predicate=lemma_of(predicate),
        subject=lemma_of(subject) if subject is not None and subject.pos_ != "PRON" else "",
        object=lemma_of(obj) if obj is not None and obj.pos_ != "PRON" else "",
        participants=list(dict.fromkeys(p for p in participants if p))[:24],
        reported_by=reported_by,
        reported_with=reporting_verb(predicate),
        evidence=words_of(predicate.doc, evidence_tokens)[:200],
    )


def _role(ent: Span, predicate: Token | None) -> EntityRole:
    if predicate is None:
        return "other"
    token: Token = ent.root
    passive = any(c.dep_ == "auxpass" for c in predicate.children)
    for _ in range(6):
        if token.head.i == predicate.i and token.i != predicate.i:
            dep = token.dep_
            if dep in SUBJECTS:
                return "agent"
            if dep in PASSIVE_SUBJECTS or dep in OBJECTS:
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


def read_entities(doc: Doc, predicate: Token | None) -> list[EntityRef]:
    found: list[EntityRef] = []
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        key = entity_key(ent)
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
