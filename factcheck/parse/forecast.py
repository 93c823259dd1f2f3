"""Whether words put what they say in the future or the expected: one reading, over a
dependency parse, of the word data in ``factcheck.language.events``.

Three readers ask it. A figure is a forecast when a word that governs it predicts
("economists had expected a 3.6% rise", ``factcheck.parse.figures``); a sentence is
speculative when its main clause does ("The storm could cut power",
``factcheck.extract.sentence_reading``); an event is expected when its predicate has a
future modal or sits under an expectation frame ("is expected to", "is set to",
``factcheck.parse.events``).

The signs, each decided here and nowhere else:

- a future modal among a word's auxiliaries (``FUTURE_AUX``: "will", "shall", "'ll", the
  "wo" of "won't"), and with ``conditional`` the conditional modals too
  (``CONDITIONAL_MODALS``: "would", "could");
- a word of prediction or expectation (``FORECAST_LEMMAS`` with ``EXPECTATION_LEMMAS``:
  "expected", "forecast", "projected", "slated", "an estimate");
- a passive expectation frame (``EXPECTATION_PASSIVES``: "is expected to", "is scheduled
  to", "is set to").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from factcheck.language import (
    CONDITIONAL_MODALS,
    EXPECTATION_LEMMAS,
    EXPECTATION_PASSIVES,
    FORECAST_LEMMAS,
    FUTURE_AUX,
)

__all__ = ["HEAD_REACH", "expectation_passive", "future_modal", "is_forecast"]

HEAD_REACH = 12
"""How many words a governing path is read along, the word itself first: the sentence root
of a long sentence is rarely further from a figure."""

_PREDICTING = FORECAST_LEMMAS | EXPECTATION_LEMMAS
_AUXILIARIES = frozenset({"aux", "auxpass"})


def future_modal(word: Token, *, conditional: bool = False) -> bool:
    """``word`` has a future modal among its auxiliaries ("will rise", "won't rise"); with
    ``conditional``, "would" and "could" count too ("could cut")."""
    modals = _modals(conditional)
    return any(c.dep_ in _AUXILIARIES and c.lower_ in modals for c in word.children)


def expectation_passive(word: Token) -> bool:
    """``word`` is a passive verb of expectation: "is expected to", "is scheduled to",
    "is set to"."""
    return word.lemma_.lower() in EXPECTATION_PASSIVES and any(
        c.dep_ == "auxpass" for c in word.children
    )


def is_forecast(
    words: Iterable[Token], *, walk_heads: bool = False, conditional: bool = False
) -> bool:
    """Whether ``words`` put what they say in the future or the expected: one of them has
    a future modal (``future_modal``), is one standing for its left-out verb ("No, he
    won't."), or predicts ("expected", "forecast").

    ``walk_heads`` reads, for each word, the path of its heads up to the sentence root
    (``HEAD_REACH`` words at most): every word on it governs the first, so a noun of
    prediction counts ("a forecast of 3.6%"). Without it ``words`` are read as a clause's
    words, where only a verb predicts; a noun is what the clause is about ("The forecast
    proved wrong"). ``conditional`` counts "would" and "could" as future.
    """
    read = _governing(words) if walk_heads else words
    return any(
        future_modal(word, conditional=conditional)
        or _bare_modal(word, conditional=conditional)
        or (word.lemma_.lower() in _PREDICTING and (walk_heads or word.pos_ == "VERB"))
        for word in read
    )


def _bare_modal(word: Token, *, conditional: bool) -> bool:
    """``word`` is a future modal whose verb is left out ("No, he won't."): the parse
    makes it the head of its clause, not an auxiliary."""
    bare = word.tag_ == "MD" and word.dep_ not in _AUXILIARIES
    return bare and word.lower_ in _modals(conditional)


def _modals(conditional: bool) -> frozenset[str]:
    return FUTURE_AUX | CONDITIONAL_MODALS if conditional else FUTURE_AUX


def _governing(words: Iterable[Token]) -> Iterator[Token]:
    """Each word and its heads, up to the sentence root or ``HEAD_REACH`` words."""
    for word in words:
        current = word
        for _ in range(HEAD_REACH):
            yield current
            if current.head.i == current.i:
                break
            current = current.head
