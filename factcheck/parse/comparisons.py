"""Reading comparisons off spaCy's parse: a party set against a named reference, and how.

The constructions (``factcheck.language.comparisons`` lists their words and sources; that
module is the word data, this one the parsing, the two sides of one concept):

* verbs whose object is the reference: "matches the old scheme", "exceeds the target",
  "would not reach the level of Article 5" (a measure noun is looked through to its "of");
  in the passive the agent is the party ("was exceeded by Germany's");
* verbs of imitation with "on" / "after" / "by": "is modelled on the 1987 accord";
* an adjective or noun and its preposition: "similar to", "short of", "on a par with",
  "in line with", "the same as", "different from";
* prepositions that compare: "unlike the accord", "goes beyond the accord", and, after a
  verb of position on a scale, "stayed below the target", "lags behind France";
* scalar comparatives with "than" ("higher than", "more generous than", "less than"; the
  reference may be a clause: "higher than expected") and equatives with "as ... as".

Negation and the modal of the comparing verb are read off the verb the comparison hangs on
and composed into the relation ("does not match" is below, "not unlike" similar); a
negated "above" or "below" states no one relation and is not read.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from factcheck.language import GENERAL_NOUNS
from factcheck.language.comparisons import (
    ATTAINMENT_VERBS,
    COMPARISON_PHRASES,
    COMPARISON_PREPOSITIONS,
    COMPARISON_VERBS,
    EXTENT_VERBS,
    LINKING_VERBS,
    MEASURE_NOUNS,
    MODEL_PREPOSITIONS,
    MODEL_VERBS,
    POSITION_VERBS,
    SCALAR_PREPOSITIONS,
    ComparisonRelation,
    negated_relation,
    scale_of,
)
from factcheck.parse.syntax import entity_at, entity_key, lemma_of
from factcheck.schemas.facts import Comparison

__all__ = ["read_comparisons"]

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LAW", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"}
)
_FIGURE_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
_QUANTITY_LABELS = _FIGURE_LABELS | {"TIME", "DATE"}
_PRO_FORMS = frozenset({"one", "ones", "that", "those", "this", "these"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "poss", "nmod", "npadvmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_MULTIPLIERS = {"twice": "above", "thrice": "above", "times": "above", "half": "below"}
_MAX_COMPARISONS = 16
_CONVERSE: dict[ComparisonRelation, ComparisonRelation] = {
    "equal": "equal",
    "similar": "similar",
    "unlike": "unlike",
    "above": "below",
    "below": "above",
}


@dataclass(frozen=True)
class _Reading:
    """One comparison found, before it is checked and written out."""

    relation: ComparisonRelation
    negation: ComparisonRelation | None
    """The relation the comparison states when its verb is negated (None: none)."""
    cue: str
    cue_tokens: tuple[Token, ...]
    reference: Token
    anchor: Token | None
    """The verb the comparison hangs on, for its negation, modal and subject."""
    party: Token | None = None
    """The party when the construction fixes it (a passive agent, a modified noun)."""
    scale: str = ""
    opening: bool = False
    """The phrase opens the clause ("Unlike the accord, the treaty does not ..."): the
    verb's negation is the clause's, not the comparison's."""


# -- the constructions ----------------------------------------------------------------------


def _child(token: Token, deps: frozenset[str], words: frozenset[str] | None = None) -> Token | None:
    for child in token.children:
        if child.dep_ in deps and (words is None or child.lower_ in words):
            return child
    return None


def _object_of(preposition: Token) -> Token | None:
    return _child(preposition, frozenset({"pobj", "pcomp"}))


def _anchor(token: Token) -> Token | None:
    """The verb a comparing word hangs on ("is" in "is not unlike"), through prepositions,
    their objects and complements; None when it hangs on a noun ("a plan similar to")."""
    current = token
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.dep_ not in {"prep", "pobj", "acomp", "attr", "advmod", "oprd", "pcomp"}:
            return None
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _noun_party(token: Token) -> Token | None:
    """The noun a comparing adjective modifies ("guarantees similar to Article 5"); None
    when that noun is a verb's object ("drew fewer visitors than"): the subject is the
    party."""
    head = token.head
    if token.dep_ == "amod" and head.pos_ in {"NOUN", "PROPN"}:
        if head.dep_ in {"dobj", "attr", "oprd"} and head.head.pos_ in {"VERB", "AUX"}:
            return None
        return head
    return None


def _verb_reading(verb: Token) -> _Reading | None:
    lemma = lemma_of(verb)
    passive = _child(verb, frozenset({"nsubjpass"}))
    agent = _child(verb, frozenset({"agent"}))
    if lemma in MODEL_VERBS:
        preposition = _child(verb, frozenset({"prep", "agent"}), MODEL_PREPOSITIONS)
        reference = _object_of(preposition) if preposition is not None else None
        if reference is None or preposition is None:
            return None
        party = _child(verb, frozenset({"dobj"})) if passive is None else None
        return _Reading(
            "similar", "unlike", f"{lemma} {preposition.lower_}", (verb, preposition),
            reference, verb, party=party,
        )  # fmt: skip
    if lemma not in COMPARISON_VERBS and lemma not in ATTAINMENT_VERBS:
        return None
    if lemma in COMPARISON_VERBS:
        relation, negation = COMPARISON_VERBS[lemma]
    else:
        relation, negation = "equal", "below"
    if passive is not None and agent is not None:
        # "X was exceeded by Y": X stands to Y in the converse relation (X is below Y).
        by = _object_of(agent)
        if by is None or lemma not in COMPARISON_VERBS:
            return None
        return _Reading(
            _CONVERSE[relation], _CONVERSE[negation] if negation else None, lemma,
            (verb, agent), by, verb, party=passive,
        )  # fmt: skip
    reference = _child(verb, frozenset({"dobj"}))
    if reference is None:
        behind = _child(verb, frozenset({"prep"}), frozenset({"behind"}))
        reference = _object_of(behind) if behind is not None else None
    if reference is None:
        return None
    if lemma not in COMPARISON_VERBS and lemma_of(reference) not in MEASURE_NOUNS:
        return None  # "reached an agreement" compares nothing; "reached the level of" does
    return _Reading(relation, negation, lemma, (verb,), reference, verb)


def _phrase_reading(token: Token) -> _Reading | None:
    word = token.lower_
    for preposition in token.children:
        if preposition.dep_ != "prep":
            continue
        relation = COMPARISON_PHRASES.get((word, preposition.lower_))
        if relation is None:
            continue
        reference = _object_of(preposition)
        if reference is None:
            return None
        if word == "short" and lemma_of(token.head) == "stop":
            return None  # "stopped short of" declines to act; it compares nothing
        negation = negated_relation(relation)
        if word == "short":
            negation = None
        cue = f"{word} {preposition.lower_}"
        # "in line with", "on a par with": the phrase starts at its own preposition
        opening = (token.head,) if token.dep_ == "pobj" else ()
        return _Reading(
            relation, negation, cue, (*opening, token, preposition), reference, _anchor(token),
            party=_noun_party(token),
        )  # fmt: skip
    return None


def _is_quantity(token: Token, *, dates: bool = False) -> bool:
    """The token is a figure (or, unless ``dates``, a date): "below 5%", "beyond 2025".
    With ``dates`` a date is a reference ("higher than last year", "than in 2019")."""
    if dates and token.ent_type_ in {"DATE", "TIME"}:
        return False
    return token.like_num or token.ent_type_ in _QUANTITY_LABELS or token.lower_ == "%"


def _counts_a_figure(token: Token) -> bool:
    """A reference that is a figure or counts one ("topped $60,000", "exceeds the 1,495,709
    signatures"): the figures' own checks compare it. A year naming a thing ("the 1987
    accord") or a number in a name ("Article 5") is not a figure."""
    if token.ent_type_ in _FIGURE_LABELS or token.tag_ == "$" or token.like_num:
        return token.ent_type_ not in {"DATE", *NAME_LABELS}
    return any(c.dep_ == "nummod" and c.ent_type_ in _FIGURE_LABELS for c in token.children)


def _preposition_reading(token: Token) -> _Reading | None:
    word = token.lower_
    relation = COMPARISON_PREPOSITIONS.get(word)
    if relation is None or token.dep_ != "prep":
        return None
    reference = _object_of(token)
    if reference is None:
        return None
    head = token.head
    verb = lemma_of(head) if head.pos_ in {"VERB", "AUX"} else ""
    if word in SCALAR_PREPOSITIONS:
        if verb not in POSITION_VERBS:
            return None  # "the house below the dam": a place
        if _is_quantity(reference):
            return None  # "below 5%": a bound on a figure, read with the figures
    elif word == "beyond":
        if verb not in EXTENT_VERBS or _opens_clause(token) or _is_quantity(reference):
            return None  # "Beyond its symbolic power, ..." is "besides"; "beyond 2025"
    elif word == "like":
        if verb not in LINKING_VERBS and not (verb and _opens_clause(token)):
            return None  # "countries like France", "read it like a speech"
    elif head.pos_ in {"NOUN", "PROPN"}:
        return None
    negation = negated_relation(relation)
    return _Reading(
        relation, negation, word, (token,), reference, _anchor(head),
        opening=_opens_clause(token),
    )  # fmt: skip


def _opens_clause(token: Token) -> bool:
    """The phrase stands before its verb's subject ("Like the accord, the treaty ...")."""
    subject = _child(token.head, _SUBJECTS)
    return subject is not None and token.i < subject.i


def _comparative(word: Token) -> tuple[Token, str, bool] | None:
    """The comparative a "than" or "as" belongs to: (word, its scale, negative pole)."""
    if word.tag_ in {"JJR", "RBR"}:
        scale, negative = scale_of(lemma_of(word))
        return word, scale, negative
    if word.pos_ in {"ADJ", "ADV"}:
        degree = _child(word, frozenset({"advmod"}), frozenset({"more", "less", "fewer"}))
        if degree is not None:
            scale, negative = scale_of(lemma_of(word))
            return word, scale, negative != (degree.lower_ != "more")
    if word.pos_ in {"NOUN", "PROPN"}:
        for child in word.children:
            if child.dep_ == "amod" and child.tag_ in {"JJR", "RBR"}:
                return _comparative(child)
    return None


def _than_reading(than: Token) -> _Reading | None:
    if than.dep_ == "prep":
        reference = _object_of(than)
        inner = reference if reference is not None else _child(than, frozenset({"prep"}))
        if inner is not None and inner.pos_ == "ADP":
            reference = _object_of(inner)  # "higher than in 2019"
        word = than.head
    elif than.dep_ == "mark":
        reference = than.head  # "higher than expected": the clause is the reference
        word = than.head.head
    else:
        return None
    if (
        reference is None
        or _is_quantity(reference, dates=True)
        or word.dep_ in {"quantmod", "nummod"}
    ):
        return None  # "more than 20 people": a figure's qualifier
    if word.lower_ in {"rather", "other"}:
        return None
    found = _comparative(word)
    if found is None:
        return None
    comparative, scale, negative = found
    relation: ComparisonRelation = "below" if negative else "above"
    cue_words = [t for t in comparative.children if t.dep_ == "advmod" and t.i < comparative.i]
    cue = " ".join(t.lower_ for t in [*cue_words, comparative, than])
    party = _noun_party(comparative)
    anchor = _anchor(comparative)
    if anchor is None and party is None and comparative.dep_ == "amod":
        anchor = _anchor(comparative.head.head)  # "drew fewer visitors than": the verb's
    return _Reading(
        relation, None, cue, (*cue_words, comparative, than), reference, anchor,
        party=party, scale=scale,
    )  # fmt: skip


def _as_reading(second: Token) -> _Reading | None:
    """ "as generous as the old scheme": equal on the scale of "generous"; "not as generous
    as" is below it, "twice as generous as" above."""
    if second.head.pos_ == "VERB" and _child(second, frozenset({"advmod"}), frozenset({"as"})):
        return _adverb_as_reading(second)
    word = second.head
    if second.dep_ != "prep" or word.pos_ not in {"ADJ", "ADV"}:
        return None
    first = _child(word, frozenset({"advmod"}), frozenset({"as"}))
    reference = _object_of(second)
    if first is None or reference is None or first.i > word.i or _is_quantity(reference):
        return None  # "as much as 20%"
    if lemma_of(word) in {"well", "soon", "far", "long", "such"}:
        return None
    scale, negative = scale_of(lemma_of(word))
    below: ComparisonRelation = "above" if negative else "below"
    above: ComparisonRelation = "below" if negative else "above"
    relation: ComparisonRelation = "equal"
    for child in word.children:
        if child.lower_ in _MULTIPLIERS and child.i < first.i:
            relation = above if _MULTIPLIERS[child.lower_] == "above" else below
        for grandchild in child.children:
            if grandchild.lower_ == "times" and child.i < first.i:
                relation = above
    negation = below if relation == "equal" else None
    return _Reading(
        relation, negation, f"as {word.lower_} as", (first, word, second), reference,
        _anchor(word), party=_noun_party(word), scale=scale,
    )  # fmt: skip


def _adverb_as_reading(second: Token) -> _Reading | None:
    """ "worked as well as the standard treatment", parsed with "as well" hanging off the
    second "as", which the parser takes for a conjunction or a bare preposition on the
    verb. On a noun it is a conjunction ("the violin as well as the piano"); on a verb it
    ends an equative of manner, whose reference is its object or the verb's next one."""
    verb = second.head
    first = _child(second, frozenset({"advmod"}), frozenset({"as"}))
    word = next((c for c in second.children if c.dep_ == "advmod" and c.lower_ != "as"), None)
    reference = _object_of(second) or next(
        (c for c in verb.children if c.i > second.i and c.dep_ in {"dobj", "conj", "npadvmod"}),
        None,
    )
    if first is None or word is None or reference is None or _is_quantity(reference):
        return None
    scale, negative = scale_of(lemma_of(word))
    return _Reading(
        "equal", "above" if negative else "below", f"as {word.lower_} as",
        (first, word, second), reference, verb, scale=scale,
    )  # fmt: skip


def _readings(doc: Doc) -> list[_Reading]:
    found: list[_Reading] = []
    references: set[int] = set()
    for token in doc:
        reading: _Reading | None = None
        if token.pos_ == "VERB":
            reading = _verb_reading(token)
        if reading is None:
            reading = _phrase_reading(token)
        if reading is None and token.lower_ == "than":
            reading = _than_reading(token)
        if reading is None and token.lower_ == "as":
            reading = _as_reading(token)
        if reading is None:
            reading = _preposition_reading(token)
        if reading is not None and reading.reference.i not in references:
            # one reading a reference: "lagged behind France" is one comparison, not two
            references.add(reading.reference.i)
            found.append(reading)
    return found


# -- the parts of a comparison --------------------------------------------------------------


def _look_through(token: Token) -> Token | None:
    """The reference behind a measure noun ("the level of Article 5" -> "Article 5"); None
    for a bare pro-form ("the old ones"), which names its reference elsewhere."""
    for _ in range(2):
        if lemma_of(token) not in MEASURE_NOUNS or token.ent_type_ in NAME_LABELS:
            return token
        of = _child(token, frozenset({"prep"}), frozenset({"of"}))
        target = _object_of(of) if of is not None else None
        if target is None:
            return None if token.lower_ in _PRO_FORMS else token
        token = target
    return token


def _name(doc: Doc, token: Token) -> Span | None:
    return entity_at(doc, token, NAME_LABELS)


def _modifiers(token: Token) -> list[str]:
    words: list[str] = []
    stack = [c for c in token.children if c.dep_ in _MODIFIER_DEPS]
    while stack:
        child = stack.pop()
        if not child.is_punct and child.pos_ != "PRON" and child.lower_ not in {"'s", "’s"}:
            words.append(lemma_of(child))
        stack.extend(c for c in child.children if c.dep_ in _MODIFIER_DEPS | {"case"})
    return sorted(set(words))[:8]


def _phrase_end(token: Token) -> int:
    """Index after the reference's noun phrase: its head and the numbers and names that
    follow it ("Article 5"), not its relative clauses."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in {"nummod", "compound", "appos", "npadvmod", "nmod"}:
            end = max(end, child.right_edge.i + 1)
    return end


def _party_token(reading: _Reading) -> Token | None:
    if reading.party is not None:
        return reading.party
    verb = reading.anchor
    for _ in range(4):
        if verb is None:
            return None
        subject = _child(verb, _SUBJECTS)
        if subject is not None:
            if subject.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                return verb.head  # "guarantees that mirror X"
            return subject
        if verb.dep_ in {"relcl", "acl"}:
            return verb.head
        if verb.dep_ not in {"xcomp", "conj", "advcl", "ccomp"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _key(doc: Doc, token: Token) -> str:
    name = _name(doc, token)
    return entity_key(name) if name is not None else lemma_of(token)


def _party(doc: Doc, token: Token | None) -> tuple[str, bool, list[str], str]:
    """(key, is a name, classifying modifiers, possessor) of the compared party; all empty
    for a pronoun."""
    if token is None or token.pos_ == "PRON" or token.lower_ in _PRO_FORMS:
        return "", False, [], ""
    name = _name(doc, token)
    if name is not None:
        return entity_key(name), True, [], ""
    owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    modifiers = [
        lemma_of(c)
        for c in token.children
        if c.dep_ in _MODIFIER_DEPS - {"poss"}
        and (c.pos_ in {"NOUN", "PROPN", "NUM"} or c.ent_type_ in NAME_LABELS)
        and lemma_of(c) not in GENERAL_NOUNS
    ]
    return (
        lemma_of(token),
        False,
        sorted(set(modifiers))[:8],
        _key(doc, owner) if owner is not None else "",
    )


def _negation_and_modal(reading: _Reading) -> tuple[bool, str]:
    holders = [reading.anchor] if reading.anchor is not None and not reading.opening else []
    holders.extend(reading.cue_tokens)
    negated = any(
        c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
        for holder in holders
        for c in holder.children
    )
    modal = ""
    if reading.anchor is not None and not reading.opening:
        for child in reading.anchor.children:
            if child.dep_ == "aux" and child.tag_ == "MD":
                modal = "will" if child.lower_ in {"wo", "'ll"} else child.lower_
    return negated, modal


def _comparison(doc: Doc, reading: _Reading) -> Comparison | None:
    reference = _look_through(reading.reference)
    if reference is None or reference.pos_ in {"PRON", "ADJ"} or _counts_a_figure(reference):
        return None  # "it", "more back-of-the-envelope than exact", "topped $60,000"
    if reference.pos_ in {"VERB", "AUX"} and _child(reference, _SUBJECTS) is not None:
        return None  # only an elliptic clause is a reference: "than expected", "than planned"
    negated, modality = _negation_and_modal(reading)
    relation = reading.relation
    if negated:
        composed = reading.negation
        if composed is None:
            return None
        relation = composed
    name = _name(doc, reference)
    if reference.pos_ in {"VERB", "AUX"}:  # "than expected": the clause after "than"
        inside = [reference.i] + [
            t.i
            for c in reference.children
            if c.dep_ not in {"mark", "cc", "conj", "punct"}
            for t in c.subtree
        ]
        start_ref, end_ref = min(inside), max(inside) + 1
    elif name is not None:
        start_ref, end_ref = min(name.start, reference.left_edge.i), max(name.end, reference.i + 1)
    else:
        start_ref, end_ref = reference.left_edge.i, _phrase_end(reference)
    reference_span = doc[start_ref:end_ref]
    if not reference_span.text.strip():
        return None
    party_token = _party_token(reading)
    party, party_is_name, party_modifiers, party_owner = _party(doc, party_token)
    first = min(t.i for t in reading.cue_tokens)
    anchor = reading.anchor
    if anchor is not None and first - 4 <= anchor.i <= first:
        # From the verb and its auxiliaries on: "would not reach", "falls well short of".
        after_party = party_token.i if party_token is not None else -1
        before = [anchor, *(c for c in anchor.children if c.dep_ in {"neg", "aux", "auxpass"})]
        first = min([first, *(t.i for t in before if after_party < t.i <= first)])
    start_char = doc[first].idx
    end_char = max(reference_span.end_char, doc[max(t.i for t in reading.cue_tokens)].idx + 1)
    text = doc.text[start_char:end_char]
    if len(text) > 200:
        return None
    return Comparison(
        text=text,
        char_start=start_char,
        char_end=end_char,
        relation=relation,
        scale=reading.scale[:60],
        cue=reading.cue[:60],
        party=party,
        party_is_name=party_is_name,
        party_modifiers=party_modifiers,
        party_owner=party_owner,
        reference=entity_key(name) if name is not None else lemma_of(reference),
        reference_is_name=name is not None,
        reference_head=lemma_of(reference),
        reference_modifiers=[] if name is not None else _modifiers(reference),
        reference_text=reference_span.text[:200],
        negated=negated,
        modality=modality[:60],
    )


def read_comparisons(doc: Doc) -> list[Comparison]:
    """Every comparison of a party with a reference in the parsed text, in order."""
    found: list[Comparison] = []
    for reading in _readings(doc):
        comparison = _comparison(doc, reading)
        if comparison is not None:
            found.append(comparison)
        if len(found) == _MAX_COMPARISONS:
            break
    return found
