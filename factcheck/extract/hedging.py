"""Deterministic checks on how firmly a claim is put, and by whom.

A small model often reports "may abandon" as "has abandoned", or lets a hedge
in one clause ("While open to discussing NATO membership, ...") colour the
firm statement in the next ("... Zelensky firmly rejected any territorial
concessions"). The source sentence is right there, so cheap and exact cues in
the clause the claim rests on correct the model's modality label. Speakers
are grounded too: a speaker the article never names is not who asserts it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.ingest.words import content_words
from factcheck.schemas import Modality

__all__ = [
    "HEDGE_CUES",
    "claim_clause",
    "ground_speaker",
    "normalize_speaker",
    "refine_modality",
]

HEDGE_CUES = re.compile(
    r"\b(may|might|willing(ness)? to|consider(ing)? (abandon|drop|giv|forego|relinquish)\w*|"
    r"signal(s|ed|led|ing)? (a |an )?(potential |possible )?(willingness|shift|readiness)|"
    r"indicat(es|ed|ing) (a |an )?(potential |possible )?(willingness|readiness)|"
    r"open to|is exploring|are exploring)\b",
    re.IGNORECASE,
)
# Any sign that a clause is less than a plain statement of fact: hedges,
# conditions, plans and wishes ("Ukraine's desire was to join NATO" says
# nothing firm about what Ukraine did). A model's "hedged" label with none of
# these in the clause or the claim is a misread.
_SOFT_CUES = re.compile(
    r"\b(may|might|could|would|should|likely|unlikely|possibl[ey]|potential(ly)?|perhaps|"
    r"consider\w*|open to|willing\w*|signal\w*|suggest\w*|explor\w*|expect\w*|hope\w*|"
    r"aim\w*|seek\w*|if|whether|reportedly|appear\w*|seem\w*|indicat\w*|plan\w*|propos\w*|"
    r"desir\w*|want\w*|wish\w*|goals?|intend\w*|intention\w*)\b",
    re.IGNORECASE,
)
DEMAND_CUES = re.compile(
    r"\b(demand(s|ed|ing)?|insist(s|ed|ing)?|urg(e|es|ed|ing)|call(s|ed)? for|"
    r"seek(s|ing)?|sought|request(s|ed|ing)?|ask(s|ed|ing)? for|must|needs? to|propos(e|es|ed|ing)|"
    r"expects?)\b",
    re.IGNORECASE,
)
# Turning a demand down is a refusal, not a demand: "Ukraine rejects demands
# to cede territory" states what Ukraine did.
_REFUSED_DEMAND = re.compile(
    r"\b(reject|refus|dismiss|resist|defy|defie|den(y|ie)|rebuff|spurn|ignor)\w*\s+"
    r"(\w+\s+){0,3}?(demands?|calls?|requests?|proposals?)\b",
    re.IGNORECASE,
)
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
        _makes_demand(statement)
        or (model_label == "asserted" and _makes_demand(clause) and not HEDGE_CUES.search(clause))
        or (
            model_label in ("asserted", "reported")
            and frame is not None
            and _makes_demand(frame.group(1))
            and not HEDGE_CUES.search(frame.group(1))
        )
    ):
        return "demand"
    if HEDGE_CUES.search(statement) or HEDGE_CUES.search(clause):
        return "hedged"
    if model_label == "hedged" and not _softened(statement, clause):
        return "asserted" if speaker == "the outlet" else "reported"
    return model_label


# A short reporting frame that governs the whole sentence: "he proposed that
# ...", "Russia demanded that ...". What follows "that" is what was proposed,
# whichever clause of it a claim rests on.
_FRAME = re.compile(r"\W*((?:[\w’'.-]+\s+){0,5}[\w’'.-]+)\s+that\b")


def _makes_demand(text: str) -> bool:
    return bool(DEMAND_CUES.search(_REFUSED_DEMAND.sub(" ", text)))


def _softened(statement: str, clause: str) -> bool:
    return bool(_SOFT_CUES.search(statement) or _SOFT_CUES.search(clause))


def normalize_speaker(speaker: str) -> str:
    """One spelling for the outlet's own voice; names are kept as given."""
    cleaned = " ".join(speaker.split()).strip(" .,:;\"'")
    if not cleaned or _OUTLET.match(cleaned):
        return "the outlet"
    return cleaned


# A sentence that goes on reporting someone's words: a verb of saying, or a
# quotation. Only such a sentence inherits a speaker named just before it.
# Forms that are as often nouns ("demands", "claims", "notes") are left out.
_REPORTS_SPEECH = re.compile(
    r"[“”\"]|\b(sa(id|ys?)|stated|told|tells|added|noted|emphasi[sz](ed|es)|"
    r"stress(ed|es)|remarked|wr(ote|ites)|argu(ed|es)|insist(ed|s)|warn(ed|s)|claimed|"
    r"propos(ed|es)|explain(ed|s)|announc(ed|es)|describ(ed|es)|acknowledg(ed|es)|"
    r"assert(ed|s)|suggest(ed|s)|urg(ed|es)|call(ed|ing) for|ask(ed|s|ing)|request(ed|ing)|"
    r"demand(ed|ing)|reject(ed|s)|dismiss(ed|es)|accus(ed|es)|den(ied|ies|y)|confirm(ed|s)|"
    r"reiterat(ed|es)|repl(ied|ies)|respond(ed|s)|according to)\b",
    re.IGNORECASE,
)
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
    when the claim's sentence goes on reporting speech ("... Zelensky stated.
    He proposed ..."; a quotation). A small model sometimes names a source the
    article never mentions, or carries a speaker into the outlet's own
    sentences ("Their goal is ..."), and an editor must not see a claim pinned
    on someone who did not make it.
    """
    cleaned = normalize_speaker(speaker)
    if cleaned == "the outlet":
        return cleaned
    if _names(cleaned, sentence):
        return cleaned
    if before and _REPORTS_SPEECH.search(sentence) and _names(cleaned, "\n".join(before)):
        return cleaned
    return "the outlet"


def _names(cleaned: str, text: str) -> bool:
    words = {w.lower().strip(",'’").replace(".", "") for w in re.findall(r"[\w'’.-]+", text)}
    words |= {w[:-2] for w in words if w.endswith(("'s", "’s"))}
    names = [w.strip(",'’").replace(".", "").lower() for w in _NAME_WORD.findall(cleaned)]
    names = [n[:-2] if n.endswith(("'s", "’s")) else n for n in names]
    if names:
        return all(_named(n, words) for n in names if n not in ("the", "president"))
    return all(w.lower() in words for w in content_words(cleaned))
