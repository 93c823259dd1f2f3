"""How firmly a sentence puts what it says: English stance words, as data.

These are general lexicons of English, not rules for any article. Each list names where it
comes from; the selection (which entries force a label, which only allow one) is ours and is
tested on sentences written for the tests (``tests/unit/test_language.py``), not on the seeds.

``HEDGES``
    words that present a proposition as possible rather than settled. Epistemic modals and
    adverbs from Hyland's list of hedges (K. Hyland, *Metadiscourse*, 2005, appendix: may,
    might, perhaps, possibly, probably, likely, apparently, appear, seem), the evidential
    "reportedly" / "allegedly" (stance adverbials, Biber et al., *Longman Grammar of Spoken and
    Written English*, 1999, §10.2), and verbs of deliberation whose decision is not taken yet
    ("is considering leaving", "weighing", "mulling", "exploring", "contemplating"; mental
    verbs, Biber et al. §5.3). "Could", "would" and "should" are left
    out here: as often as not they are past ability or reported future, so they only *allow* a
    hedged label (``SOFTENERS``).
``SOFTENERS``
    HEDGES plus the rest of Hyland's hedges that make a clause less than a plain statement of
    fact (could, would, should, suggest, indicate, expect, possible, potential, whether, if),
    and verbs of wanting and planning (want, wish, hope, aim, seek, plan, intend, propose): a
    model's "hedged" label on a clause with none of them is a misread.
``DEMANDS``
    mandative verbs, the ones that take a mandative subjunctive clause (Quirk et al., *A
    Comprehensive Grammar of the English Language*, 1985, §16.32: demand, insist, urge, ask,
    request, propose, require), with "call for", "seek", "must" and "need to".
``REFUSALS``
    verbs of turning something down (reject, refuse, dismiss, deny, rebuff, spurn, resist,
    defy, ignore; any thesaurus's entry for "refuse").
``CHARGES``
    the verbs of reporting that relay an accusation (accuse, indict, charge with, allege):
    what a charge says is relayed, not asserted (Biber et al. §11.2, the "charge" reporting
    verbs of ``REPORTING_VERBS``).
``REPORTING_VERBS``
    verbs that introduce reported speech (G. Thompson & Y. Yiyun, "Evaluation in the
    reporting verbs used in academic papers", *Applied Linguistics* 12, 1991, and Biber et al.
    §11.2), in their past and present forms, with the verbs that report what a document
    shows or finds (show, reveal, disclose, find that: Thompson & Yiyun's "finding" verbs)
    and those that report a charge (allege, charge with, indict); forms as often nouns
    ("demands", "claims", "notes") are left out.
"""

from __future__ import annotations

import re

__all__ = [
    "DEMANDS",
    "HEDGES",
    "REFUSALS",
    "REPORTING_VERBS",
    "SOFTENERS",
    "charges",
    "demands",
    "hedges",
    "reports_speech",
    "softens",
]


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


HEDGES = (
    r"may", r"might", r"perhaps", r"possibly", r"probably", r"(?:un)?likely", r"apparently",
    r"reportedly", r"allegedly", r"appears? to", r"appeared to", r"seem(?:s|ed)? to",
    r"consider(?:s|ed)? \w+ing", r"considering", r"weigh(?:s|ing)", r"mull(?:s|ed|ing)",
    r"explor(?:es|ing)", r"contemplat(?:es|ed|ing)",
    r"I (?:do not |don't |don’t )?(?:think|believe)",
)  # fmt: skip
SOFTENERS = (
    *HEDGES,
    r"could", r"would", r"should", r"possibl[ey]", r"potential(?:ly)?", r"if", r"whether",
    r"appear\w*", r"seem\w*", r"suggest\w*", r"indicat\w*", r"expect\w*", r"consider\w*",
    r"explor\w*", r"hope\w*", r"aim\w*", r"seek\w*", r"plan\w*", r"propos\w*",
    r"want\w*", r"wish\w*", r"intend\w*",
)  # fmt: skip
DEMANDS = (
    r"demand(?:s|ed|ing)?", r"insist(?:s|ed|ing)?", r"urg(?:e|es|ed|ing)", r"call(?:s|ed)? for",
    r"seek(?:s|ing)?", r"sought", r"request(?:s|ed|ing)?", r"ask(?:s|ed|ing)? for",
    r"requir(?:e|es|ed|ing)", r"must", r"needs? to", r"propos(?:e|es|ed|ing)",
)  # fmt: skip
REFUSALS = (
    r"reject\w*", r"refus\w*", r"dismiss\w*", r"resist\w*", r"def(?:y|ies|ied|ying)",
    r"den(?:y|ies|ied|ying)", r"rebuff\w*", r"spurn\w*", r"ignor\w*",
)  # fmt: skip
REPORTING_VERBS = (
    r"sa(?:id|ys?)", r"stated", r"told", r"tells", r"added", r"noted", r"emphasi[sz](?:ed|es)",
    r"stress(?:ed|es)", r"remarked", r"wr(?:ote|ites)", r"argu(?:ed|es)", r"insist(?:ed|s)",
    r"warn(?:ed|s)", r"claimed", r"propos(?:ed|es)", r"explain(?:ed|s)", r"announc(?:ed|es)",
    r"describ(?:ed|es)", r"acknowledg(?:ed|es)", r"assert(?:ed|s)", r"suggest(?:ed|s)",
    r"urg(?:ed|es)", r"call(?:ed|ing) for", r"ask(?:ed|s|ing)", r"request(?:ed|ing)",
    r"demand(?:ed|ing)", r"reject(?:ed|s)", r"dismiss(?:ed|es)", r"accus(?:ed|es)",
    r"den(?:ied|ies|y)", r"confirm(?:ed|s)", r"reiterat(?:ed|es)", r"repl(?:ied|ies)",
    r"respond(?:ed|s)", r"according to", r"contend(?:ed|s)", r"report(?:ed|s)",
    r"show(?:s|ed|n)?", r"reveal(?:ed|s)", r"disclos(?:ed|es)", r"found that",
    r"alleg(?:ed|es)", r"charg(?:ed|es) (?:with|that)", r"indict(?:ed|s)",
)  # fmt: skip

CHARGES = (
    r"accus(?:ed|es|ing|ations?)", r"indict(?:ed|s)?", r"charg(?:ed|es) (?:with|that)",
    r"alleg(?:ed|es)",
)  # fmt: skip

_HEDGE = _words(*HEDGES)
_CHARGE = _words(*CHARGES)
_SOFT = _words(*SOFTENERS)
_DEMAND = _words(*DEMANDS)
_SPEECH = re.compile(r"[“”\"]|\b(?:" + "|".join(REPORTING_VERBS) + r")\b", re.IGNORECASE)


def hedges(text: str) -> bool:
    """``text`` presents what it says as possible, not settled ("may", "is weighing")."""
    return bool(_HEDGE.search(text))


def softens(text: str) -> bool:
    """``text`` has any word that makes it less than a plain statement of fact."""
    return bool(_SOFT.search(text))


def charges(text: str) -> bool:
    """``text`` relays a charge ("was accused of", "were indicted", "is charged with")."""
    return bool(_CHARGE.search(text))


def demands(text: str) -> bool:
    """``text`` has a verb of asking for something ("demanded", "called for", "must")."""
    return bool(_DEMAND.search(text))


def reports_speech(text: str) -> bool:
    """``text`` reports someone's words: a verb of saying, or a quotation mark."""
    return bool(_SPEECH.search(text))


def plain_statement(text: str, *, modal: bool) -> bool:
    """``text`` is a plain statement in its writer's own voice, with nothing to choose about
    who says it or how firmly: no verb of saying and no quotation mark, no question, no
    modal verb (``modal``, the parser's ``MD`` tag), no softening word, and not cut off
    ("..."). On the labelled attribution set (stories-dev), 105 of 286 sentences are plain,
    and 102 of them are the outlet's, 98 asserted."""
    return not (
        modal
        or reports_speech(text)
        or "?" in text
        or softens(text)
        or text.rstrip().endswith(("...", "…"))
    )
