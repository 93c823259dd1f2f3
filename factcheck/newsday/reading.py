"""What tells two stories on one topic apart: the content words, the named people, places
and organisations, and the figures of an article's title and lead, read by spaCy.

Only title and lead are read, with the parser left out (tagger, lemmatizer and NER are
what is needed): about 5 ms an article on a busy core, cached by content
(:class:`~factcheck.newsday.vectors.ClusterCache`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.newsday.vectors import ClusterCache, OnProgress, content_key

__all__ = ["Reading", "read_texts"]

_READER = "en_core_web_sm-3.8/lemmas-ents-1"
"""Part of the cache key: a change to what a reading holds gets a new name."""

_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
_FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_LEADING_THE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s$")
_BATCH = 64


@dataclass(frozen=True)
class Reading:
    """An article's title and lead as words: lemmas, entities (``label:name``) and figures."""

    lemmas: tuple[str, ...]
    entities: tuple[str, ...]
    figures: tuple[str, ...]


def _entity_names(label: str, text: str) -> list[str]:
    name = _POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(text.lower().split())))
    if not name:
        return []
    names = [name]
    if label == "PERSON" and " " in name:
        # "John Kerry" and later "Kerry": the surname alone names the person too.
        names.append(name.rsplit(" ", 1)[1])
    return names


def _figure(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", "", text.lower()).strip(" .$%")


def _read_doc(doc: object) -> Reading:
    from spacy.tokens import Doc

    assert isinstance(doc, Doc)
    lemmas = [
        t.lemma_.lower()
        for t in doc
        if t.pos_ in _CONTENT_POS and not t.is_stop and any(c.isalnum() for c in t.text)
    ]
    entities: list[str] = []
    figures: list[str] = []
    for ent in doc.ents:
        if ent.label_ in _ENTITY_LABELS:
            entities.extend(_entity_names(ent.label_, ent.text))
        elif ent.label_ in _FIGURE_LABELS:
            figures.extend(_figure(t.text) for t in ent if t.like_num)
    return Reading(tuple(lemmas), tuple(entities), tuple(f for f in figures if f))


def _well_formed(record: Any) -> bool:
    return (
        isinstance(record, list)
        and len(record) == 3
        and all(isinstance(part, list) and all(isinstance(x, str) for x in part) for part in record)
    )


def read_texts(
    texts: Sequence[str], cache: ClusterCache, progress: OnProgress | None = None
) -> list[Reading]:
    """A reading of each text; only texts the cache lacks are parsed."""
    keys = [content_key(_READER, text) for text in texts]
    known = {k: v for k, v in cache.get_readings(keys).items() if _well_formed(v)}
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        from factcheck.parse.nlp import load_nlp

        nlp = load_nlp(disable=("parser",))
        text_of = dict(zip(keys, texts, strict=True))
        if progress:
            progress("read", 0, len(missing))
        for start in range(0, len(missing), _BATCH * 4):
            batch = missing[start : start + _BATCH * 4]
            docs = nlp.pipe((text_of[k] for k in batch), batch_size=_BATCH)
            fresh = {}
            for key, doc in zip(batch, docs, strict=True):
                reading = _read_doc(doc)
                fresh[key] = [list(reading.lemmas), list(reading.entities), list(reading.figures)]
            cache.put_readings(fresh)
            known.update(fresh)
            if progress:
                progress("read", min(start + _BATCH * 4, len(missing)), len(missing))
    readings: list[Reading] = []
    for key in keys:
        lemmas, entities, figures = known[key]
        readings.append(Reading(tuple(lemmas), tuple(entities), tuple(figures)))
    return readings
