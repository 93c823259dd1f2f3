"""Deterministic checks on how firmly a claim is put, and by whom.

A small model often reports "may close" as "has closed", or lets a hedge in
one clause ("While open to new bids, ...") colour the firm statement in the
next ("... the board rejected the offer"). The source sentence is right there,
so the stance words of :mod:`factcheck.language` found in the clause the claim
rests on correct the model's modality label. Speakers are grounded too: a
speaker the article never names is not who asserts it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.language import (
    content_words,
    demands,
    hedges,
    refers_back,
    reports_speech,
    softens,
    speech_source,
)
from factcheck.schemas import Modality

__all__ = [
    "claim_clause",
    "ground_speaker",
    "normalize_speaker",
    "refine_modality",
]

_OUTLET = re.compile(
    r"^(the )?(outlet|article|author|writer|reporter|narrator|news ?paper|media|unknown|none"
    r"|n/?a)$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[,;:—–]|\s-\s)\s*|\s+(?=\b(?:while|but|although|though|whereas|yet)\b)",
    re.IGNORECASE,
)


def claim_clause(statement: str, quote: str) -> str:
    """The part of ``quote`` that ``statement`` rests on.

    The quote is cut at commas, semicolons, dashes and contrast words; the
    clauses sharing the most content words with the statement are kept. A
    quote with one clause, or a statement sharing nothing, gives the whole
    quote.
    """
    clauses = [c for c in _CLAUSE_BREAK.split(quote) if c and c.strip()]
    if len(clauses) < 2:
        return quote
    words = set(content_words(statement))
    scores = [len(words & set(content_words(c))) for c in clauses]
    best = max(scores)
    if best == 0:
        return quote
    return " ".join(c for c, s in zip(clauses, scores, strict=True) if s == best)


def refine_modality(
    model_label: Modality, statement: str, quote: str, *, speaker: str = "the outlet"
) -> Modality:
    """The modality to record, given the model's label and the words it rests on.

    Cues are read in the claim itself and in the clause of the quote it rests
    on, not in the whole sentence: a hedge in a subordinate clause
    ("While open to ...") does not soften the main one. A short frame that
    governs the whole sentence ("he proposed that ...") counts for every
    clause of it.
    """
    if model_label in ("opinion", "speculative"):
        return model_label
    clause = claim_clause(statement, quote)
    frame = _FRAME.match(quote)
    if (
        demands(statement)
        or (model_label == "asserted" and demands(clause) and not hedges(clause))
        or (
            model_label in ("asserted", "reported")
            and frame is not None
            and demands(frame.group(1))
            and not hedges(frame.group(1))
        )
    ):
        return "demand"
    if hedges(statement) or hedges(clause):
        return "hedged"
    if model_label == "hedged" and not (softens(statement) or softens(clause)):
        return "asserted" if speaker == "the outlet" else "reported"
    return model_label


# A short reporting frame that governs the whole sentence: "he proposed that
# ...", "Russia demanded that ...". What follows "that" is what was proposed,
# whichever clause of it a claim rests on.
_FRAME = re.compile(r"\W*((?:[\w’'.-]+\s+){0,5}[\w’'.-]+)\s+that\b")


def normalize_speaker(speaker: str) -> str:
    """One spelling for the outlet's own voice; names are kept as given."""
    cleaned = " ".join(speaker.split()).strip(" .,:;\"'")
    if not cleaned or _OUTLET.match(cleaned):
        return "the outlet"
    return cleaned


_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


def _named(name: str, words: set[str]) -> bool:
    """``name`` is a word of the text, allowing for transliteration variants
    of a long name ("Zelenskyy" / "Zelensky", "Russia" / "Russian")."""
    if name in words:
        return True
    if len(name) < 5:
        return False
    return any(
        len(w) >= 5 and abs(len(w) - len(name)) <= 2 and (w.startswith(name) or name.startswith(w))
        for w in words
    )


def ground_speaker(speaker: str, sentence: str, before: Sequence[str] = ()) -> str:
    """``speaker`` when the article names them where the claim is made, else
    the outlet's own voice.

    Every capitalised word of the speaker ("United", "Nations") must occur as
    a word of the claim's ``sentence``, or of a sentence just ``before`` it
    when the claim's sentence goes on reporting that speaker's words: it reports
    speech, and either refers back with a pronoun ("... Zelensky stated. He
    proposed ...") or names nobody else (a bare quotation). "Officials in Kyiv
    said ..." after a sentence naming Zelensky is not Zelensky's. A small model
    sometimes names a source the article never mentions, or carries a speaker into
    the outlet's own sentences ("Their goal is ..."), and an editor must not see a
    claim pinned on someone who did not make it. Such a speaker is replaced by the
    source the sentence itself gives its words to ("Russia has demanded ...",
    ``language.speech_source``), or else by the outlet.
    """
    cleaned = normalize_speaker(speaker)
    if cleaned == "the outlet":
        return cleaned
    if _names(cleaned, sentence):
        return cleaned
    if (
        before
        and reports_speech(sentence)
        and (refers_back(sentence) or not _names_someone(sentence))
        and _names(cleaned, "\n".join(before))
    ):
        return cleaned
    # The model named someone the sentence does not: the source the sentence itself names
    # for its reported speech, if any ("Russia has demanded ..."), else the outlet.
    return speech_source(sentence) or "the outlet"


_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def _names_someone(sentence: str) -> bool:
    """``sentence`` names someone outside its quotations: a capitalised word that does not
    open it ("Officials in Kyiv said ..."). Such a sentence reports that someone's words, not
    those of a speaker named before it."""
    outside = _QUOTED.sub(" ", sentence)
    for match in _NAME_WORD.finditer(outside):
        before = outside[: match.start()].strip(" \t\n\"“”'‘’([—–-")
        if before:
            return True
    return False


def _names(cleaned: str, text: str) -> bool:
    words = {w.lower().strip(",'’").replace(".", "") for w in re.findall(r"[\w'’.-]+", text)}
    words |= {w[:-2] for w in words if w.endswith(("'s", "’s"))}
    names = [w.strip(",'’").replace(".", "").lower() for w in _NAME_WORD.findall(cleaned)]
    names = [n[:-2] if n.endswith(("'s", "’s")) else n for n in names]
    if names:
        return all(_named(n, words) for n in names if n not in ("the", "president"))
    return all(w.lower() in words for w in content_words(cleaned))
