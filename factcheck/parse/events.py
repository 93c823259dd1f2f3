"""The main event of a sentence: its predicate (through reporting, denial, refusal,
expectation and proposal frames), negation, status, and the roles of its named entities;
and the event's status through its frames (``reporting_frame``): the commitment of the
source-introducing predicates above it composed with its clause's own modality.

The word data it reads with is ``factcheck.language.events`` (the reporting, denial,
expectation and proposal lemmas, the source-introducing predicates): that module holds the
words, this one the parsing, the two sides of one concept. Whether a modal or a frame puts
the event in the future is decided in ``factcheck.parse.forecast``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from factcheck.language import (
    DENIAL_LEMMAS,
    EXPECTATION_ADJECTIVES,
    FUTURE_AUX,
    NEGATIVE_IMPLICATIVES,
    POSSIBLE_MODALS,
    PROPOSAL_LEMMAS,
    REPORTING_LEMMAS,
    SOURCE_PREDICATES,
    STOPWORDS,
    TITLES,
    FrameClass,
    frame_class,
    hedges,
)
from factcheck.parse.forecast import expectation_passive, future_modal
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
from factcheck.schemas.facts import (
    Actor,
    ActorRole,
    EntityRef,
    EntityRole,
    EventRef,
    EventStatus,
    FrameCommitment,
    ReportedStatus,
)

__all__ = [
    "ReportingFrame",
    "event_ref",
    "is_negated",
    "main_predicate",
    "read_actors",
    "read_entities",
    "reporting_frame",
    "reporting_verb",
    "status_of",
]

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"})


def main_predicate(root: Token) -> tuple[Token, EventStatus, list[Token], str, bool]:
    """Look through reporting, denial, refusal, expectation and proposal frames, the other
    source-introducing predicates ("signalled it may", "ruled out") and framing nouns and
    adjectives ("a willingness to", "is open to") to the event; the last value says a
    negative implicative ("refused to") negates it."""
    found = _Framed(_verb_of_noun_phrase(root))
    for _ in range(4):
        here = _Predicate.of(found.predicate)
        inner = next(
            (clause for step in _FRAME_STEPS if (clause := step(found, here)) is not None), None
        )
        if inner is None:
            break
        found.predicate = inner
    return found.predicate, found.status, found.frame, found.reported_by, found.refused


@dataclass
class _Framed:
    """The event being looked for, and what the frames looked through so far say of it."""

    predicate: Token
    status: EventStatus = "unknown"
    frame: list[Token] = field(default_factory=list)
    reported_by: str = ""
    refused: bool = False

    def credit(self, subject: Token | None) -> None:
        """The outermost source-introducing predicate's subject is who reported the event."""
        if subject is not None and not self.reported_by:
            self.reported_by = lemma_of(subject)


@dataclass(frozen=True)
class _Predicate:
    """A predicate with what the frame steps read of it."""

    token: Token
    lemma: str
    clause: Token | None
    subject: Token | None

    @classmethod
    def of(cls, token: Token) -> _Predicate:
        return cls(
            token,
            token.lemma_.lower(),
            child_with(token, CLAUSES),
            child_with(token, SUBJECTS | PASSIVE_SUBJECTS),
        )

    @property
    def verb_clause(self) -> Token | None:
        """The clause, where it is a verb's."""
        if self.clause is not None and self.clause.pos_ in {"VERB", "AUX"}:
            return self.clause
        return None

    @property
    def auxiliaries(self) -> list[Token]:
        """The predicate with its auxiliaries, as a status frame ("is expected")."""
        return [*(c for c in self.token.children if c.dep_ in {"aux", "auxpass"}), self.token]


def _verb_of_noun_phrase(root: Token) -> Token:
    """A parse that hangs the verb off its subject ("The bill passed by ..." read as a noun
    phrase): the verb is the event."""
    if root.pos_ in {"NOUN", "PROPN"}:
        verb = child_with(root, frozenset({"acl", "relcl"}))
        if verb is not None and verb.pos_ == "VERB":
            return verb
    return root


def _through_reporting(found: _Framed, here: _Predicate) -> Token | None:
    """Through a reporting verb ("said that it would sell") to the reported clause."""
    if here.lemma not in REPORTING_LEMMAS or here.verb_clause is None:
        return None
    found.credit(here.subject)
    return here.verb_clause


def _through_refusal(found: _Framed, here: _Predicate) -> Token | None:
    """Through a negative implicative ("refused to sell") to the event, negated."""
    if here.lemma not in NEGATIVE_IMPLICATIVES or here.clause is None:
        return None
    if here.clause.dep_ != "xcomp":
        return None
    found.frame = [here.token]
    found.refused = True
    return here.clause


def _through_denial(found: _Framed, here: _Predicate) -> Token | None:
    """Through a denial ("denied that it sold") to the event, denied; "did not deny that"
    denies nothing."""
    if here.lemma not in DENIAL_LEMMAS or here.clause is None:
        return None
    if not is_negated(here.token):
        found.status = "denied"
        found.frame = [here.token]
    return here.clause


def _through_source(found: _Framed, here: _Predicate) -> Token | None:
    """The other source-introducing predicates: "signalled it may sell", "ruled out
    selling". Their commitment is read by ``reporting_frame``."""
    if _verb_lemma(here.token) not in SOURCE_PREDICATES or here.lemma in PROPOSAL_LEMMAS:
        return None
    if here.verb_clause is None:
        return None
    found.credit(here.subject)
    return here.verb_clause


def _through_framing_noun(found: _Framed, here: _Predicate) -> Token | None:
    """Through a framing noun or adjective ("indicated a willingness to sell", "is open to
    selling") to its clause."""
    framed = _framed_clause(here.token)
    if framed is None:
        return None
    if here.lemma != "be":
        found.credit(here.subject)
    return framed


def _through_expectation_adjective(found: _Framed, here: _Predicate) -> Token | None:
    """Through an expectation adjective ("is likely to sell") to the event, expected."""
    if here.lemma != "be" or found.status != "unknown":
        return None
    acomp = child_with(here.token, frozenset({"acomp"}))
    if acomp is None or acomp.lemma_.lower() not in EXPECTATION_ADJECTIVES:
        return None
    event = child_with(acomp, frozenset({"xcomp"}))
    if event is None:
        return None
    found.status = "expected"
    found.frame = [here.token, acomp]
    return event


def _through_expectation(found: _Framed, here: _Predicate) -> Token | None:
    """Through "is expected to", "is set to", "is going to" to the event, expected."""
    if here.clause is None or here.clause.dep_ != "xcomp" or found.status != "unknown":
        return None
    going_to = here.lemma == "go" and here.token.tag_ == "VBG"
    if not (expectation_passive(here.token) or going_to):
        return None
    found.status = "expected"
    found.frame = here.auxiliaries
    return here.clause


def _through_proposal(found: _Framed, here: _Predicate) -> Token | None:
    """Through a proposal ("proposed to sell") to the event, proposed; a proposal with no
    verb clause ("proposed a tax") is itself the event, proposed."""
    if here.lemma not in PROPOSAL_LEMMAS or found.status != "unknown":
        return None
    found.status = "proposed"
    found.frame = here.auxiliaries
    return here.verb_clause


_FrameStep = Callable[[_Framed, _Predicate], Token | None]

# Tried in this order on each predicate; the first that looks through it gives the next.
_FRAME_STEPS: tuple[_FrameStep, ...] = (
    _through_reporting,
    _through_refusal,
    _through_denial,
    _through_source,
    _through_framing_noun,
    _through_expectation_adjective,
    _through_expectation,
    _through_proposal,
)


def _verb_lemma(verb: Token) -> str:
    """The verb's lemma with its particle: "rule out"."""
    particle = child_with(verb, frozenset({"prt"}))
    lemma = lemma_of(verb)
    return f"{lemma} {particle.lower_}" if particle is not None else lemma


def _noun_complement(noun: Token) -> Token | None:
    """The verb of a noun's clause or to-infinitive ("a willingness to sell", "reports that
    it would sell") or of its "of" phrase ("the possibility of selling")."""
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp"} and child.pos_ in {"VERB", "AUX"}:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            pcomp = child_with(child, frozenset({"pcomp"}))
            if pcomp is not None and pcomp.pos_ in {"VERB", "AUX"}:
                return pcomp
    return None


def _adjective_complement(adjective: Token) -> Token | None:
    """The verb an adjective frames: "willing to sell", "confident that it will", "open to
    selling"."""
    for child in adjective.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"}:
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            pcomp = child_with(child, frozenset({"pcomp"}))
            if pcomp is not None and pcomp.pos_ in {"VERB", "AUX"}:
                return pcomp
    return None


def _framed_clause(predicate: Token) -> Token | None:
    """The event a framing noun or adjective holds: the object of a source-introducing or
    voicing verb ("indicated a willingness to sell", "raised the possibility of leaving")
    or the complement of "be" + a framing adjective ("is open to selling")."""
    if predicate.lemma_.lower() == "be":
        adjective = child_with(predicate, frozenset({"acomp"}))
        if adjective is not None and frame_class(adjective.lemma_.lower(), "adjective"):
            return _adjective_complement(adjective)
        return None
    if frame_class(_verb_lemma(predicate), "verb") is None:
        return None
    noun = child_with(predicate, frozenset({"dobj"}))
    if noun is None or frame_class(noun.lemma_.lower(), "noun") is None:
        return None
    return _noun_complement(noun)


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
    if future_modal(predicate):
        return "expected", [*auxes, predicate]
    if any(a.tag_ == "MD" for a in auxes):
        return "unknown", []
    if predicate.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "happened", [*auxes, predicate]
    if predicate.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "happened", [*auxes, predicate]
    return "unknown", []


# -- status through frames ------------------------------------------------------------------

ClauseModality = Literal["firm", "possible", "negated", "other"]
"""How a clause puts its own event: as the case or to be (has, is, will, a plain past or
present), as possible (may, might, could, can; "would" outside backshift; a hedging
adverb), negated, or by another modal that says neither ("must", "should")."""


@dataclass(frozen=True)
class ReportingFrame:
    """The frames an event is told through, and the event's status through them."""

    frame: str
    """Lemma of the framing word nearest the event ("signal", "willingness")."""
    commitment: FrameCommitment
    source: str
    source_is_name: bool
    status: ReportedStatus
    evidence: str
    """Verbatim words from the outermost frame to the event ("has announced it is
    selling")."""


@dataclass(frozen=True)
class _Link:
    word: Token
    lemma: str
    kind: FrameClass
    negated: bool
    source: bool
    """A source-introducing word ("said", "willingness"), not a modality ("is due to")."""
    tokens: tuple[Token, ...]


def _own_words(word: Token) -> tuple[Token, ...]:
    """The word with its auxiliaries, negation and particle, as the evidence shows them."""
    return (
        *(c for c in word.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}),
        word,
    )


def _link(word: Token, head: Token, kind: FrameClass, *, source: bool) -> _Link:
    """A framing word; its negation and auxiliaries are those of ``head`` (the word itself,
    or the copula of a framing adjective)."""
    lemma = _verb_lemma(word) if word.pos_ in {"VERB", "AUX"} else word.lemma_.lower()
    return _Link(word, lemma, kind, is_negated(head), source, (*_own_words(head), word))


def _governed_by(current: Token) -> Token | None:
    """The word whose complement ``current`` is: the verb of a ccomp or xcomp, the noun of
    a clause or an "of" phrase, the adjective of a "to" phrase."""
    if current.dep_ in {"ccomp", "xcomp"} and current.head.i != current.i:
        return current.head
    if current.dep_ in {"acl", "ccomp"} and current.head.pos_ == "NOUN":
        return current.head
    prep = current.head
    if (
        current.dep_ == "pcomp"
        and prep.dep_ == "prep"
        and prep.lower_ in {"of", "to"}
        and prep.head.pos_ in {"NOUN", "ADJ"}
    ):
        return prep.head
    return None


def _frame_links(predicate: Token) -> tuple[list[_Link], int, Token | None] | None:
    """The framing words above the event, nearest first; how many negative implicatives
    ("refused to") stand between; and the nearest verb above the event. ``None`` when a
    word above the event is no framing word (a clause under "plans to" or "wants to")."""
    links: list[_Link] = []
    flips = 0
    nearest_verb: Token | None = None
    current = predicate
    for _ in range(8):
        word = _governed_by(current)
        if word is None:
            break
        lemma = word.lemma_.lower()
        if word.pos_ == "NOUN":
            kind = frame_class(lemma, "noun")
            verb = word.head
            if kind is None or word.dep_ != "dobj":
                return None
            links.append(_link(word, word, kind, source=kind != "transparent"))
            verb_kind = frame_class(_verb_lemma(verb), "verb")
            if verb_kind is None:
                return None
            links.append(_link(verb, verb, verb_kind, source=verb_kind != "transparent"))
            nearest_verb = nearest_verb or verb
            current = verb
            continue
        if word.pos_ == "ADJ":
            copula = word.head if word.dep_ == "acomp" else word
            nearest_verb = nearest_verb or copula
            kind = frame_class(lemma, "adjective")
            if kind is not None:
                links.append(_link(word, copula, kind, source=True))
            elif lemma in EXPECTATION_ADJECTIVES:
                modal: FrameClass = "tentative" if lemma == "likely" else "firm"
                links.append(_link(word, copula, modal, source=False))
            else:
                return None
            current = copula
            continue
        nearest_verb = nearest_verb or word
        kind = frame_class(_verb_lemma(word), "verb")
        if kind is not None:
            links.append(_link(word, word, kind, source=kind != "transparent"))
        elif lemma in NEGATIVE_IMPLICATIVES:
            flips += 1
        elif expectation_passive(word):
            links.append(_link(word, word, "firm", source=False))  # "is expected to"
        else:
            return None
        current = word
    return links, flips, nearest_verb


def _is_past(verb: Token) -> bool:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes)


def _clause_modality(
    predicate: Token, flips: int, nearest_verb: Token | None
) -> tuple[ClauseModality, list[Token]]:
    """The event's own modality and the words that set it."""
    auxes = [c for c in predicate.children if c.dep_ in {"aux", "auxpass"}]
    neg = [c for c in predicate.children if c.dep_ == "neg" or c.lower_ == "never"]
    hedge = [c for c in predicate.children if c.dep_ == "advmod" and hedges(c.text)]
    modals = [a for a in auxes if a.tag_ == "MD"]
    words = [*auxes, *neg, *hedge]
    modal = modals[0].lower_ if modals else ""
    backshifted = modal == "would" and nearest_verb is not None and _is_past(nearest_verb)
    if modal in {"may", "might"} or hedge:
        return "possible", words  # "may not sell" is still only possible
    if (len(neg) + flips) % 2:
        return "negated", words
    if not modal or modal in FUTURE_AUX or backshifted:
        return "firm", words
    if modal in POSSIBLE_MODALS:
        return "possible", words
    return "other", words


def _commitment(links: list[_Link]) -> FrameCommitment:
    """The frames' commitment, composed: a negated firm or tentative frame commits to
    nothing ("did not confirm"), a negated negative one leaves the event open ("did not
    rule out"); one negative frame rules out, two leave nothing certain."""
    kinds: list[FrameClass | Literal["uncommitted"]] = []
    for link in links:
        if not link.negated:
            kinds.append(link.kind)
        elif link.kind == "negative":
            kinds.append("tentative")
        else:
            kinds.append("uncommitted")
    negatives = kinds.count("negative")
    if "uncommitted" in kinds or negatives > 1:
        return "uncommitted"
    if negatives:
        return "negative"
    if "tentative" in kinds:
        return "tentative"
    return "firm"


def _composed(commitment: FrameCommitment, modality: ClauseModality) -> ReportedStatus:
    """FactBank's composition of a source's commitment with the clause's own modality."""
    if commitment == "uncommitted":
        return "uncommitted"
    if commitment == "negative":
        return "unknown" if modality == "negated" else "ruled_out"
    if commitment == "tentative" or modality == "possible":
        return "possible"
    if modality == "negated":
        return "ruled_out"
    return "committed" if modality == "firm" else "unknown"


def reporting_frame(predicate: Token) -> ReportingFrame | None:
    """The event's status through the source-introducing predicates above it ("The club
    signalled it may sell": tentative x possible = possible), or ``None`` when no verb of
    saying, framing noun or framing adjective introduces it."""
    found = _frame_links(predicate)
    if found is None:
        return None
    links, flips, nearest_verb = found
    sources = [link for link in links if link.source]
    if not sources:
        return None
    modality, modal_words = _clause_modality(predicate, flips, nearest_verb)
    commitment = _commitment(links)
    source = ""
    source_is_name = False
    for link in links:
        head = link.word.head if link.word.dep_ in {"acomp", "dobj"} else link.word
        subject = child_with(head, SUBJECTS)
        if subject is not None and subject.pos_ != "PRON":
            source = lemma_of(subject)
            source_is_name = subject.pos_ == "PROPN" or bool(subject.ent_type_)
            break
    doc = predicate.doc
    tokens = [*(t for link in links for t in link.tokens), *modal_words, predicate]
    evidence = words_of(doc, tokens)
    if len(evidence) > 200:
        evidence = words_of(doc, [*sources[0].tokens, *modal_words, predicate])
    if len(evidence) > 200:
        evidence = words_of(doc, [*modal_words, predicate])
    return ReportingFrame(
        frame=sources[0].lemma,
        commitment=commitment,
        source=source,
        source_is_name=source_is_name,
        status=_composed(commitment, modality),
        evidence=evidence[:200],
    )


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


def event_ref(predicate: Token, reported_by: str, frame: ReportingFrame | None = None) -> EventRef:
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
        frame=frame.frame[:60] if frame is not None else "",
        frame_commitment=frame.commitment if frame is not None else "none",
        frame_source=frame.source if frame is not None else "",
        frame_source_is_name=frame.source_is_name if frame is not None else False,
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


# -- who did it -----------------------------------------------------------------------------

_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})
_AGENT_PREPOSITIONS = frozenset({"by"})
_RECIPIENT_PREPOSITIONS = frozenset({"to"})


def _prepositional_object(predicate: Token, prepositions: frozenset[str]) -> Token | None:
    for child in predicate.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in prepositions:
            return child_with(child, frozenset({"pobj"}))
    return None


def _name_span(token: Token) -> tuple[int, int, str] | None:
    """The name a token heads (its proper nouns in front, titles included) and its key (the
    entity's key, else the proper nouns less titles); ``None`` for no name."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if token.pos_ != "PROPN" and (ent is None or ent.label_ not in _ACTOR_LABELS):
        return None
    if ent is not None and ent.label_ not in _ACTOR_LABELS:
        return None
    start = token.i
    while (
        start > 0
        and token.doc[start - 1].pos_ == "PROPN"
        and token.doc[start - 1].head.i
        in {
            token.i,
            start,
        }
    ):
        start -= 1
    end = max(token.i + 1, ent.end if ent is not None else 0)
    if ent is not None:
        key = entity_key(ent)
    else:
        words = [t.lower_ for t in token.doc[start:end] if t.lower_.rstrip(".") not in TITLES]
        key = " ".join(words or [token.lower_])
    return start, end, key[:120]


def read_actors(predicate: Token | None) -> list[Actor]:
    """The names in the main event's doer and recipient places, with its theme: the subject
    of a verb with an object ("Senator Ortiz introduced the motion"), the "by" agent of a
    passive ("was tabled by Senator Reyes"), the "to" recipient of a passive or of a verb
    with no object ("was awarded to X", "went to X"). Without an object, the noun of the
    verb's first prepositional phrase is the theme ("X is presiding over the case")."""
    if predicate is None:
        return []
    subject = child_with(predicate, SUBJECTS)
    theme = child_with(predicate, PASSIVE_SUBJECTS) or child_with(predicate, frozenset({"dobj"}))
    places: list[tuple[ActorRole, Token | None]] = []
    if theme is not None and theme.dep_ in PASSIVE_SUBJECTS:
        places.append(("agent", _prepositional_object(predicate, _AGENT_PREPOSITIONS)))
        places.append(("recipient", _prepositional_object(predicate, _RECIPIENT_PREPOSITIONS)))
    elif theme is not None:
        places.append(("agent", subject))
    elif subject is not None:
        recipient = _prepositional_object(predicate, _RECIPIENT_PREPOSITIONS)
        if recipient is not None:
            theme = subject  # "The award went to X"
            places.append(("recipient", recipient))
        else:
            theme = next(
                (
                    g
                    for c in predicate.children
                    if c.dep_ == "prep"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
            places.append(("agent", subject))
    if theme is None or theme.pos_ == "PRON":
        return []
    found: list[Actor] = []
    for role, token in places:
        name = _name_span(token) if token is not None else None
        if name is None:
            continue
        start, end, key = name
        span = predicate.doc[start:end]
        found.append(
            Actor(
                text=span.text[:200],
                char_start=span.start_char,
                char_end=span.end_char,
                role=role,
                key=key,
                predicate=_verb_lemma(predicate)[:60],
                theme=lemma_of(theme)[:60],
            )
        )
    return found
