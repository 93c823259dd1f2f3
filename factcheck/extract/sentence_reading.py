"""What spaCy's parse reads in each sentence of an article, and who could be asserting it.

``read_sentences`` parses the sentences once (``factcheck.parse.load_nlp``) and reads, for
each: the named people and organisations, a pronoun subject or source, the source its
grammar names ("..., the ministry said"), its main clause, and whether it is a fragment, a
forecast (``factcheck.parse.forecast``), a quotation alone, relayed speech or has a modal
(``SentenceReadings``). ``sentence_candidates`` turns the names into each sentence's
speaker candidates.

The model is not asked to write a speaker's name; it picks one of these by number, so a
speaker is always someone the article names where the claim is made. The names come from
spaCy's parse (``factcheck.parse.load_nlp``), one sentence at a time:

- a person (``PERSON``) with the title in front of it in its noun phrase ("Kremlin
  spokesperson Dmitry Peskov", "House Speaker Paul Ryan");
- an organisation (``ORG``), or a run of proper nouns heading a noun phrase that the
  entity recogniser missed ("the U.S. Attorney's Office", "the California Secretary of
  State");
- a country or a group (``GPE``, ``NORP``) only where it is the subject of a clause or
  the source after "according to" ("Russia demanded ...", "Democrats said ..."): most
  place names are where something happened, not who said it.

A sentence's candidates are the outlet (always number 0) and the speakers named in the
sentence and the one before it; a sentence inside a quotation that spans sentences also
gets those of every sentence of the quotation (its speaker may be named in its last
sentence: "“We are staying. This is our home,” she said."). Mentions of one person are one
candidate (``factcheck.extract.speakers``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factcheck.extract.speakers import OUTLET, SpeakerKind, SpeakerRoster
from factcheck.language import (
    PERSONAL_PRONOUNS,
    POSSESSIVE_MARKERS,
    POSSESSIVE_PRONOUNS,
    REPORTING_LEMMAS,
    REPRESENTATIVES,
    same_name_word,
)
from factcheck.parse.forecast import is_forecast

__all__ = [
    "MAX_NAMED_CANDIDATES",
    "PRONOUN_REACH",
    "Candidate",
    "SentenceCandidates",
    "SentenceReadings",
    "SpeakerMention",
    "opens_quotation",
    "read_sentences",
    "reports_quote",
    "sentence_candidates",
]

PRONOUN_REACH = 3
"""How many sentences before its window a pronoun's referent is looked for."""
MAX_NAMED_CANDIDATES = 6
"""Named candidates a sentence gets at most, besides the outlet; a list of ten people
("memorabilia of Martin Luther King Jr., Malcolm X, ...") keeps the last six named."""

_ENTITY_KINDS: dict[str, SpeakerKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "organisation",
    "NORP": "organisation",
}
_SUBJECT_ONLY = frozenset({"GPE", "NORP"})
# Entities that are never speakers; a proper-noun phrase inside one is not an organisation.
_NOT_SPEAKERS = frozenset(
    {"DATE", "TIME", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "MONEY",
     "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL", "LANGUAGE"}
)  # fmt: skip
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"


@dataclass(frozen=True)
class SpeakerMention:
    """A named person or organisation as one sentence writes it."""

    text: str
    """As written, with the title in front of a person's name ("House Speaker Paul Ryan")."""
    name: str
    """The name alone ("Paul Ryan", "Labor Department")."""
    kind: SpeakerKind
    sentence: int
    """The sentence's number (``Sentence.index``)."""


@dataclass(frozen=True)
class Candidate:
    """One choice offered to the model: how it is shown, and the speaker it stands for."""

    shown: str
    speaker: str
    kind: SpeakerKind | Literal["outlet"]


@dataclass(frozen=True)
class SentenceCandidates:
    sentence: int
    candidates: tuple[Candidate, ...]
    """Number 0 is always the outlet."""


@dataclass(frozen=True)
class SentenceReadings:
    """What the parse reads in an article's sentences: who is named and who speaks, and
    which sentences are fragments, forecasts, quotations, speech or modal."""

    mentions: list[SpeakerMention]
    """The named people and organisations, in text order."""
    pronoun_subjects: frozenset[int]
    """Sentences with "he", "she" or "they" as a clause's subject."""
    pronoun_sources: frozenset[int]
    """Sentences whose main verb of saying has "he", "she" or "they" as its subject, or
    someone who speaks for "him" or "her" ("his lawyer said")."""
    attributed: dict[int, SpeakerMention]
    """Sentences whose main verb is a verb of saying with a named subject ("..., the Labor
    Department reported Friday.", "TC Energy said ..."), or that name their source after
    "according to", with that mention: the grammar says who speaks."""
    modal: frozenset[int] = frozenset()
    """Sentences with a modal auxiliary (tag ``MD``: may, could, would, will, should)."""
    fragments: frozenset[int] = frozenset()
    """Sentences with no complete main clause: no verb at all ("Rep. Duncan Hunter,
    R-Calif."), or cut off ("...") with no main verb, or within three words of its verb
    with no complement stated before the cut ("Whitehouse did transfer his...")."""
    forecasts: frozenset[int] = frozenset()
    """Sentences that put their content in the future or the expected: a future or
    conditional modal (will, would, could, shall), or a verb of forecasting ("had
    expected", "is projected to") in the main clause (``factcheck.parse.forecast``)."""
    quotations: frozenset[int] = frozenset()
    """Sentences that are a quotation and nothing else (“I did these things.”)."""
    antecedents: dict[int, SpeakerMention] = field(default_factory=dict)
    """For a sentence in ``pronoun_sources``, the person it names before the pronoun
    ("When Mr. Bush released his returns, he said ..."): who the pronoun is."""
    main_clauses: dict[int, str] = field(default_factory=dict)
    """Each sentence's main clause, its words in order: the sentence less its relative,
    adverbial and complement clauses and its prepositional phrases (what the outlet says,
    not what it reports)."""
    speech: frozenset[int] = frozenset()
    """Sentences whose main clause reports speech: its verb is a verb of saying, whoever
    its subject ("officials said ...", "court papers show ..."), or it gives a source after
    "according to"."""


def read_sentences(nlp: Language, sentences: Sequence[tuple[int, str]]) -> SentenceReadings:
    """Read each ``(number, text)`` sentence off one parse: its named people and
    organisations, in order, its pronoun subject or source, the source its grammar names,
    its main clause, and whether it is a fragment, a forecast, a quotation, speech or modal.

    A proper noun that is a clause's subject but no entity ("Vega asserted ...", the
    recogniser's miss) is a mention too; a one-word mention the recogniser did not call a
    person that is a person's surname elsewhere in the article is that person.
    """
    mentions: list[SpeakerMention] = []
    pronouns: set[int] = set()
    pronoun_sources: set[int] = set()
    attributed: dict[int, SpeakerMention] = {}
    modal: set[int] = set()
    fragments: set[int] = set()
    forecasts: set[int] = set()
    quotations: set[int] = set()
    speech: set[int] = set()
    main_text: dict[int, str] = {}
    antecedents: dict[int, SpeakerMention] = {}
    for (number, text), doc in zip(sentences, nlp.pipe(text for _, text in sentences), strict=True):
        if any(t.tag_ == "MD" for t in doc):
            modal.add(number)
        if _fragment(doc, text):
            fragments.add(number)
        main = _main_clause(doc)
        main_text[number] = " ".join(t.text for t in main)
        if is_forecast(main, conditional=True):
            forecasts.add(number)
        if _quotation_only(text):
            quotations.add(number)
        found = _doc_mentions(doc, number)
        mentions.extend(mention for mention, _ in found)
        if any(t.lower_ in PERSONAL_PRONOUNS and t.dep_ in _SUBJECT_DEPS for t in doc):
            pronouns.add(number)
        source = _source_token(doc)
        if source is not None:
            speech.add(number)
        if source is not None and (
            source.lower_ in PERSONAL_PRONOUNS or _speaks_for_pronoun(source)
        ):
            pronoun_sources.add(number)
            earlier = [m for m, span in found if m.kind == "person" and span.end <= source.i]
            if earlier:
                antecedents[number] = earlier[-1]
        source_mention = _source_mention(source, found, mentions, number)
        if source_mention is not None:
            attributed[number] = source_mention
    surnames = {m.name.split()[-1].lower() for m in mentions if m.kind == "person"}
    retyped = {
        id(m): SpeakerMention(text=m.text, name=m.name, kind="person", sentence=m.sentence)
        for m in mentions
        if m.kind != "person"
        and " " not in m.name
        and any(same_name_word(m.name.lower(), s) for s in surnames)
    }
    return SentenceReadings(
        mentions=[retyped.get(id(m), m) for m in mentions],
        pronoun_subjects=frozenset(pronouns),
        pronoun_sources=frozenset(pronoun_sources),
        attributed={n: retyped.get(id(m), m) for n, m in attributed.items()},
        modal=frozenset(modal),
        fragments=frozenset(fragments),
        forecasts=frozenset(forecasts),
        quotations=frozenset(quotations),
        speech=frozenset(speech),
        main_clauses=main_text,
        antecedents={n: retyped.get(id(m), m) for n, m in antecedents.items()},
    )


def _source_mention(
    source: Token | None,
    found: Sequence[tuple[SpeakerMention, Span]],
    mentions: Sequence[SpeakerMention],
    number: int,
) -> SpeakerMention | None:
    """The mention the main clause names as its source: a name among the sentence's
    mentions, else a description ("the ministry") of an earlier one."""
    for token in _named_source(source):
        named = [m for m, span in found if span.start <= token.i < span.end]
        if named:
            return named[0]
    return _described(source, mentions, number)


_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp"})
_CUT_REACH = 3
"""A sentence cut off within this many words of its main verb states nothing yet."""


def _fragment(doc: Doc, text: str) -> bool:
    """No complete main clause: no verb at all, or cut off ("...") before its main verb
    has what it needs (the guideline's "none")."""
    if not any(t.pos_ in ("VERB", "AUX") for t in doc):
        return True
    if not text.rstrip().endswith(("...", "…")):
        return False
    words = [t for t in doc if not t.is_punct]
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or roots[0].pos_ not in ("VERB", "AUX"):
        return True
    if not words or roots[0].i < words[-1].i - _CUT_REACH:
        return False
    # Near the cut, but its complement (a quotation, an object) already stated before it.
    cut = words[-1].i
    return not any(c.dep_ in _COMPLEMENTS and c.right_edge.i < cut - 1 for c in roots[0].children)


_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "prep"})


def _main_clause(doc: Doc) -> list[Token]:
    """The tokens of the main clause (and its coordinated clauses): those whose path to
    the root crosses no relative, adverbial, complement or prepositional attachment."""
    main = []
    for token in doc:
        node = token
        while node.dep_ != "ROOT" and node.dep_ not in _SUBORDINATE and node.head is not node:
            node = node.head
        if node.dep_ == "ROOT":
            main.append(token)
    return main


def opens_quotation(text: str) -> bool:
    """``text`` opens with a quotation mark: it is someone's words."""
    return text.lstrip()[:1] in (*_OPEN_QUOTES, '"')


def reports_quote(text: str) -> bool:
    """``text`` has a quotation mark."""
    return any(char in _OPEN_QUOTES + _CLOSE_QUOTES + '"' for char in text)


def _quotation_only(text: str) -> bool:
    """``text`` opens with a quotation mark and its quotation closes only at its end."""
    bare = text.strip()
    if bare.endswith(("”.", '".')):
        bare = bare[:-1]
    if len(bare) < 3 or bare[0] not in _OPEN_QUOTES + '"' or bare[-1] not in _CLOSE_QUOTES + '"':
        return False
    return not any(char in _CLOSE_QUOTES + '"' for char in bare[1:-1])


def _source_token(doc: Doc) -> Token | None:
    """The subject of the sentence's main verb when that verb is a verb of saying (or of a
    verb of saying set beside the main clause: "Prices rose, the department said, ..."),
    or the object of an "according to" anywhere in the sentence (an attribution covers
    the whole sentence, wherever it stands)."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return None
    root = roots[0]
    frames = [root, *(c for c in root.children if c.dep_ == "parataxis")]
    for verb in frames:
        if verb.lemma_.lower() in REPORTING_LEMMAS:
            for child in verb.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return child
    for token in doc:
        if token.lower_ == "according":
            for to in token.children:
                for obj in to.children:
                    if to.lower_ == "to" and obj.dep_ == "pobj":
                        return obj
    return None


def _described(
    source: Token | None, earlier: Sequence[SpeakerMention], number: int
) -> SpeakerMention | None:
    """The organisation a definite description names ("the department" after "the
    Justice Department"): the latest organisation named up to ``PRONOUN_REACH`` sentences
    before whose name ends in the description's noun."""
    if source is None or source.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in source.children):
        return None
    noun = source.lemma_.lower()
    for mention in reversed(earlier):
        if mention.sentence < number - PRONOUN_REACH:
            break
        if mention.kind == "organisation" and mention.name.lower().split()[-1] == noun:
            return mention
    return None


def _speaks_for_pronoun(source: Token) -> bool:
    """``source`` speaks for whom a pronoun names ("his lawyer", "her spokeswoman")."""
    return source.lemma_.lower() in REPRESENTATIVES and any(
        c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS and c.lower_ != "its"
        for c in source.children
    )


def _named_source(source: Token | None) -> list[Token]:
    """Where the name of a source may stand, nearest first: the source itself; a name set
    beside it ("his lawyer, Reid H. Weingarten, said"); its owner ("the Labor Department's
    report shows"); or who made it ("figures released by the Labor Department show", "the
    statement from Dr. Lisa Bardack said")."""
    if source is None:
        return []
    near = [source]
    near += [c for c in source.children if c.dep_ == "appos"]
    near += [c for c in source.children if c.dep_ == "poss"]
    for by in (c for c in source.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
        near += [c for c in by.children if c.dep_ == "pobj"]
    for clause in (c for c in source.children if c.dep_ == "acl"):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            near += [c for c in agent.children if c.dep_ == "pobj"]
    return near


def sentence_candidates(
    sentences: Sequence[tuple[int, str]],
    parsed: SentenceReadings | Sequence[SpeakerMention],
    roster: SpeakerRoster,
) -> list[SentenceCandidates]:
    """Each sentence's candidates: the outlet, then the speakers named in its window.

    The window is the sentence before, the quotation the sentence belongs to, and the
    sentence itself. A window with a pronoun subject ("he said") and no person in it also
    gets the people of the nearest sentence before it that names any, up to
    ``PRONOUN_REACH`` sentences back: the person the pronoun refers to.
    """
    if not isinstance(parsed, SentenceReadings):
        parsed = SentenceReadings(
            mentions=list(parsed),
            pronoun_subjects=frozenset(),
            pronoun_sources=frozenset(),
            attributed={},
        )
    by_sentence: dict[int, list[SpeakerMention]] = {}
    for mention in parsed.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    numbers = [number for number, _ in sentences]
    windows = _windows(sentences)
    result = []
    for position, number in enumerate(numbers):
        first, last = windows[position]
        window = [numbers[i] for i in range(max(0, first - 1), last + 1)]
        # Its own names last, so that the cap keeps them.
        order = [n for n in window if n != number] + [number]
        named: dict[str, Candidate] = {}
        for mention in [
            *_referents(window, first, numbers, by_sentence, parsed.pronoun_subjects),
            *(m for n in order for m in by_sentence.get(n, ())),
        ]:
            speaker = roster.speaker_of(mention.name, mention.kind)
            # One candidate per speaker, shown as the sentence itself writes it.
            named.pop(speaker, None)
            named[speaker] = Candidate(shown=mention.text, speaker=speaker, kind=mention.kind)
        kept = list(named.values())[-MAX_NAMED_CANDIDATES:]
        outlet = Candidate(shown=OUTLET, speaker=OUTLET, kind="outlet")
        result.append(SentenceCandidates(sentence=number, candidates=(outlet, *kept)))
    return result


def _referents(
    window: list[int],
    first: int,
    numbers: list[int],
    by_sentence: dict[int, list[SpeakerMention]],
    pronoun_subjects: frozenset[int],
) -> list[SpeakerMention]:
    """The people a pronoun in ``window`` may refer to when the window names nobody: those
    of the nearest sentence before it that names someone."""
    if not any(n in pronoun_subjects for n in window) or any(
        m.kind == "person" for n in window for m in by_sentence.get(n, ())
    ):
        return []
    start = max(0, first - 1)
    for back in range(start - 1, max(-1, start - 1 - PRONOUN_REACH), -1):
        people = [m for m in by_sentence.get(numbers[back], ()) if m.kind == "person"]
        if people:
            return people
    return []


def _windows(sentences: Sequence[tuple[int, str]]) -> list[tuple[int, int]]:
    """For each sentence, the positions of the first and last sentence of the quotation it
    is part of (itself alone when it is in no quotation that spans sentences).

    Curly quotation marks are read as opening and closing; a straight mark toggles. A
    quotation left open at the end of a sentence goes on in the next one.
    """
    inside_at_start: list[bool] = []
    inside = False
    for _, text in sentences:
        inside_at_start.append(inside)
        inside = _inside_after(text, inside)
    inside_at_end = [*inside_at_start[1:], inside]
    windows = []
    for position in range(len(sentences)):
        first = last = position
        while first > 0 and inside_at_start[first]:
            first -= 1
        while last < len(sentences) - 1 and inside_at_end[last]:
            last += 1
        windows.append((first, last))
    return windows


def _inside_after(text: str, inside: bool) -> bool:
    for char in text:
        if char in _OPEN_QUOTES:
            inside = True
        elif char in _CLOSE_QUOTES:
            inside = False
        elif char == '"':
            inside = not inside
    return inside


_NamedSpan = tuple[Span, SpeakerKind, str]
"""A name's tokens, its kind, and the recogniser's label (or the one given a missed name)."""


def _doc_mentions(doc: Doc, number: int) -> list[tuple[SpeakerMention, Span]]:
    taken: set[int] = set()
    spans = _entity_spans(doc, taken)
    spans += _missed_subjects(doc, taken)
    spans = _missed_proper_phrases(doc, spans, taken)
    spans.sort(key=lambda item: item[0].start)
    mentions = []
    for span, kind, _ in spans:
        written = _clean_name(span)
        if not written:
            continue
        shown = _with_title(span) if kind == "person" else _with_article(span)
        mentions.append(
            (SpeakerMention(text=shown, name=written, kind=kind, sentence=number), span)
        )
    return mentions


def _entity_spans(doc: Doc, taken: set[int]) -> list[_NamedSpan]:
    """The recogniser's people and organisations that can speak, grown to their full names;
    their tokens (and those of entities that are no speakers) go into ``taken``."""
    spans: list[_NamedSpan] = []
    # An organisation inside a person's title ("House Speaker Paul Ryan") is not mentioned
    # as a speaker of its own.
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            taken.update(range(_title_start(ent), ent.start))
    for ent in doc.ents:
        kind = _ENTITY_KINDS.get(ent.label_)
        if kind != "person" and any(i in taken for i in range(ent.start, ent.end)):
            continue
        if kind is None:
            if ent.label_ in _NOT_SPEAKERS:
                taken.update(range(ent.start, ent.end))
            continue
        if ent.label_ in _SUBJECT_ONLY and not _is_source(ent):
            taken.update(range(ent.start, ent.end))
            continue
        name = _proper_run(doc, ent) if kind == "organisation" else _hyphenated(doc, ent)
        if any(i in taken for i in range(name.start, name.end)) and name is not ent:
            name = ent
        spans.append((name, kind, ent.label_))
        taken.update(range(name.start, name.end))
    return spans


def _missed_subjects(doc: Doc, taken: set[int]) -> list[_NamedSpan]:
    """A proper noun as a clause's subject that the recogniser missed ("Vega asserted")."""
    spans: list[_NamedSpan] = []
    for token in doc:
        if token.pos_ == "PROPN" and token.dep_ in _SUBJECT_DEPS and token.i not in taken:
            run = _proper_run(doc, doc[token.i : token.i + 1])
            if not any(i in taken for i in range(run.start, run.end)):
                spans.append((run, "organisation", "ORG"))
                taken.update(range(run.start, run.end))
    return spans


def _missed_proper_phrases(doc: Doc, spans: list[_NamedSpan], taken: set[int]) -> list[_NamedSpan]:
    """``spans`` with the proper-noun phrases the recogniser missed or cut ("the U.S.
    Attorney's Office"), each replacing the pieces of it found before."""
    for chunk in doc.noun_chunks:
        if chunk.root.pos_ != "PROPN" or chunk.root.i in taken:
            continue
        run = _proper_run(doc, doc[chunk.root.i : chunk.root.i + 1])
        proper = [t for t in run if t.pos_ == "PROPN"]
        if len(proper) < 2 or all(t.ent_type_ in _NOT_SPEAKERS for t in proper):
            continue
        if any(t.ent_type_ == "PERSON" for t in run):
            continue
        spans = [s for s in spans if not (s[0].start >= run.start and s[0].end <= run.end)]
        spans.append((run, "organisation", "ORG"))
        taken.update(range(run.start, run.end))
    return spans


def _hyphenated(doc: Doc, ent: Span) -> Span:
    """A person's name with the rest of a hyphenated surname the recogniser cut off
    ("Campa" of "Campa-Najjar")."""
    end = ent.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].pos_ == "PROPN"
    ):
        end += 2
    return doc[ent.start : end]


def _is_source(ent: Span) -> bool:
    """The entity is a clause's subject, or the source after "according to"."""
    root = ent.root
    if root.dep_ in _SUBJECT_DEPS:
        return True
    head = root.head
    return (
        root.dep_ == "pobj"
        and head.lower_ == "to"
        and head.i > 0
        and head.doc[head.i - 1].lower_ == "according"
    )


def _proper_run(doc: Doc, span: Span) -> Span:
    """``span`` grown over the proper nouns around it, across "of", a possessive or a hyphen
    between two of them ("California Secretary of State", "U.S. Attorney's Office")."""
    start, end = span.start, span.end

    def proper(i: int) -> bool:
        # A person's name next to an organisation's is someone else ("House Speaker Paul Ryan").
        return doc[i].pos_ == "PROPN" and doc[i].ent_type_ != "PERSON"

    def linked(i: int) -> bool:
        joins = (
            doc[i].lower_ in POSSESSIVE_MARKERS
            or doc[i].lower_ == "of"
            or (doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_)
        )
        return 0 < i < len(doc) - 1 and joins and proper(i - 1) and proper(i + 1)

    while start > 0 and (proper(start - 1) or linked(start - 1)):
        start -= 1
    while end < len(doc) and (proper(end) or linked(end)):
        end += 1
    return doc[start:end]


def _clean_name(span: Span) -> str:
    tokens = list(span)
    while tokens and (tokens[0].pos_ in ("DET", "PUNCT") or tokens[0].lower_ in POSSESSIVE_MARKERS):
        tokens = tokens[1:]
    while tokens and (
        (tokens[-1].pos_ == "PUNCT" and tokens[-1].text != ".")
        or tokens[-1].lower_ in POSSESSIVE_MARKERS
        or tokens[-1].text in ("'", "’")  # the plural's possessive ("the Smiths'")
    ):
        tokens = tokens[:-1]
    return _text(tokens)


def _with_title(span: Span) -> str:
    """A person's name with the words before it in its noun phrase that say who they are
    ("Kremlin spokesperson", "Ukrainian President"), not a determiner or a possessor's
    clause."""
    return _clean_name(span.doc[_title_start(span) : span.end])


def _title_start(span: Span) -> int:
    start = span.start
    doc = span.doc
    while start > 0:
        token = doc[start - 1]
        if (
            token.dep_ in ("compound", "amod", "nmod")
            and token.head.i >= span.start - 1
            and (token.head.i < span.end or token.head.dep_ in ("compound", "amod"))
        ):
            start -= 1
            continue
        break
    return start


def _with_article(span: Span) -> str:
    doc = span.doc
    name = _clean_name(span)
    first = span.start
    while first < span.end and doc[first].pos_ == "DET":
        first += 1
    if first > 0 and doc[first - 1].lower_ == "the":
        return f"the {name}"
    return name


def _text(tokens: Sequence[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()
