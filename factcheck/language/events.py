"""Verbs that frame an event: reporting, denying, expecting, proposing; and classes of verbs
that name the same kind of event. General English as lemmas, for a dependency parse.

``REPORTING_LEMMAS``
    the lemmas of the verbs of saying that ``modality.REPORTING_VERBS`` lists as written
    forms (Thompson & Yiyun 1991; Biber et al. 1999 §11.2): a parser looks through them to
    the reported event ("Officials said the plant closed": the event is "close"). "Show" is
    added as the evidential verb of data ("figures show that claims fell"; Biber et al.
    §10.2.4).
``DENIAL_LEMMAS``
    verbs by which a party says a proposition is false (deny, dispute, refute, contest,
    rebut: the "deny" member of ``modality.REFUSALS`` and its near synonyms in any thesaurus;
    "reject" is left out, as it takes demands and offers more often than claims). A subject
    denying a clause sets the clause's status to "denied".
``NEGATIVE_IMPLICATIVES``
    verbs whose complement did not happen when they did: "refused to apologise", "failed
    to pay", "declined to comment" (L. Karttunen, "Implicative verbs", *Language* 47, 1971:
    fail, neglect; refuse and decline as their commonest non-strict members). A parser reads
    "X refused to apologise" as the event "apologise", negated.
``EXPECTATION_LEMMAS`` / ``EXPECTATION_ADJECTIVES``
    what puts an event in the future as scheduled or expected: "is expected to", "is due
    to", "is scheduled to", "is set to", "is slated to", "is poised to" (Quirk et al. 1985
    §4.45-4.49 on expressions of future time), beside the modal "will"/"shall" (``FUTURE_AUX``)
    and "be going to". ``EXPECTATION_PASSIVES`` are the verbs read in the passive frame
    ("is expected to", "is scheduled to"), with "set" and "due" ("is set to").
``CONDITIONAL_MODALS``
    "would" and "could", which put a clause as what may come (Quirk et al. §4.49-4.53): a
    sentence's main clause with one is a speculation, not a report of what is the case.
``FORECAST_LEMMAS``
    verbs and nouns of prediction (expect, forecast, predict, project, anticipate, estimate;
    expectation, forecast, projection, prediction, estimate: Biber et al. §5.3 mental verbs
    and their nominalisations): a figure under one ("economists had expected a 3.6% rise")
    is a forecast, not a figure reported as the case.
``PROPOSAL_LEMMAS``
    verbs of deliberation and intention whose act is not done yet: consider, weigh, mull,
    contemplate, explore, propose, plan, intend, seek, aim (mental verbs, Biber et al. §5.3;
    the deliberation verbs of ``modality.HEDGES``).
``FIRM_SOURCES`` / ``TENTATIVE_SOURCES`` / ``NEGATIVE_SOURCES``
    source-introducing predicates (SIPs: R. Saurí & J. Pustejovsky, "FactBank: a corpus
    annotated with event factuality", *Language Resources and Evaluation* 43, 2009, and
    Saurí's De Facto lexicon, *A Factuality Profiler for Eventualities in Text*, 2008,
    ch. 5) by how firmly their source holds the clause they introduce. Firm: the verbs of
    saying of ``REPORTING_LEMMAS`` less the tentative "suggest", with the assertives
    declare, affirm, assure, maintain and the commissives pledge, promise, vow, guarantee
    (J. Searle, "A classification of illocutionary acts", *Language in Society* 5, 1976):
    the source is certain (FactBank CT). Tentative: the verbs of indirect or partial
    commitment (suggest, signal, indicate, hint, imply, float, speculate: Hyland's hedging
    verbs, *Metadiscourse* 2005) and the deliberation verbs of ``PROPOSAL_LEMMAS``
    (consider, weigh, mull, contemplate, explore, propose): the source holds it possible
    (PS). Negative: the verbs of ``DENIAL_LEMMAS`` with reject, dismiss and the phrasal
    "rule out" (CT-). Phrasal SIPs are written with their particle ("rule out").
``FRAME_NOUNS`` / ``FRAME_ADJECTIVES``
    nouns and adjectives that frame a clause or a to-infinitive the same way: "indicated a
    willingness to sell", "raised the possibility of leaving", "is open to selling",
    "announced its intention to privatise" (Saurí 2008 lists their nominal and adjectival
    SIPs; the classes are Biber et al. §8.14's stance nouns and §9.4.5's adjectives of
    willingness and certainty). Tentative: possibility, prospect, option, likelihood,
    chance; willingness, readiness, openness, preparedness; willing, ready, prepared, open.
    Firm: intention, intent, decision, commitment, pledge, promise, determination;
    determined, committed, confident. Negative: refusal, unwillingness; unwilling. Raising
    adjectives ("is sure to win", "is likely to") say the writer's certainty, not a
    source's, and are left out. Nouns of a proposition (report, claim, suggestion,
    speculation, rumour, idea, notion, allegation, assertion) are transparent: "denied
    reports that it would sell" holds the commitment of "denied". No lexical resource
    (WordNet, VerbNet, the De Facto lexicon) is installed with the project, so the classes
    are written out here; none is taken from any article.
``VOICING_VERBS``
    verbs that only put a framing noun forward ("raised the possibility", "expressed a
    willingness", "voiced an intention", "left open the possibility"): transparent, the
    noun sets the commitment.
``LIGHT_VERBS``
    verbs that carry little event of their own: the copula and the light verbs do, have,
    make, take, get, go (O. Jespersen, *A Modern English Grammar* VI, 1942, §8.4; Huddleston
    & Pullum 2002, ch. 4 §7): "the rate was 5%" and "the rate was 6%" are not one event by
    their verb.
``GENERAL_NOUNS``
    nouns too general to tie two sentences to one event: Halliday & Hasan's general nouns
    (*Cohesion in English*, 1976, §6.3: people, person, thing, time, way, matter, part)
    and the units of time and count that every figure comes with.
``PREDICATE_CLASSES``
    verbs that name the same kind of event, from Beth Levin's verb classes (1993): 45.6
    calibratable change of state (rise, fall, climb, drop ...), 44 destroy verbs, 13.5.1 get
    (buy, purchase), 37.7 say verbs, 13.1 give verbs (pay). Two predicates in one class are
    synonymous for ``comparison.checks.typed.same_event``; a few pairs
    that English uses for one act in news (indict/charge, terminate/cancel, release/publish)
    are grouped under their nearest Levin class, which is our choice and says so.

The reader that uses these words is ``factcheck.parse.events`` (with
``factcheck.parse.forecast`` for the future and expected): this module is the word data,
that one the parsing, the two sides of one concept.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "CONDITIONAL_MODALS",
    "DENIAL_LEMMAS",
    "EXPECTATION_ADJECTIVES",
    "EXPECTATION_LEMMAS",
    "EXPECTATION_PASSIVES",
    "FIRM_SOURCES",
    "FORECAST_LEMMAS",
    "FRAME_ADJECTIVES",
    "FRAME_NOUNS",
    "FUTURE_AUX",
    "GENERAL_NOUNS",
    "LIGHT_VERBS",
    "NEGATIVE_IMPLICATIVES",
    "NEGATIVE_SOURCES",
    "POSSIBLE_MODALS",
    "PREDICATE_CLASSES",
    "PROPOSAL_LEMMAS",
    "REPORTING_LEMMAS",
    "SOURCE_PREDICATES",
    "TENTATIVE_SOURCES",
    "VOICING_VERBS",
    "FrameClass",
    "frame_class",
    "predicate_class",
]

REPORTING_LEMMAS = frozenset(
    """say state tell add note emphasize emphasise stress remark write argue insist warn claim
    contend explain announce describe acknowledge assert suggest confirm reiterate reply respond
    report testify disclose reveal show""".split()  # noqa: SIM905
)
NEGATIVE_IMPLICATIVES = frozenset({"refuse", "decline", "fail", "neglect"})
DENIAL_LEMMAS = frozenset({"deny", "dispute", "refute", "contest", "rebut"})
EXPECTATION_LEMMAS = frozenset({"expect", "schedule", "slate", "poise", "anticipate", "project"})
EXPECTATION_PASSIVES = EXPECTATION_LEMMAS | {"set", "due"}
EXPECTATION_ADJECTIVES = frozenset({"due", "set", "likely", "poised", "slated", "scheduled"})
FORECAST_LEMMAS = frozenset(
    """expect forecast predict project anticipate estimate expectation projection prediction
    consensus""".split()  # noqa: SIM905
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
"""Future modals as spaCy tokenises them ("won't" is "wo" + "n't")."""
CONDITIONAL_MODALS = frozenset({"would", "could"})
POSSIBLE_MODALS = frozenset({"may", "might", "could", "can", "would"})
"""Modals that put a clause as possible (Quirk et al. §4.49-4.53; Hyland's hedges). "Would"
under a verb of saying in the past is the past of "will" ("said it would sell": Quirk et
al. §14.31, backshift), which a parser reads as firm, not as possible."""
PROPOSAL_LEMMAS = frozenset(
    """consider weigh mull contemplate explore propose plan intend seek aim""".split()  # noqa: SIM905
)

FrameClass = Literal["firm", "tentative", "negative", "transparent"]
"""How a framing word holds the clause it frames: as certain, as possible, as false, or
as whatever the word above it holds (a noun of a proposition, a voicing verb)."""

TENTATIVE_SOURCES = frozenset(
    """suggest signal indicate hint imply float speculate""".split()  # noqa: SIM905
) | (PROPOSAL_LEMMAS - {"plan", "intend", "seek", "aim"})
FIRM_SOURCES = (REPORTING_LEMMAS - TENTATIVE_SOURCES) | frozenset(
    """declare affirm assure maintain pledge promise vow guarantee""".split()  # noqa: SIM905
)
NEGATIVE_SOURCES = DENIAL_LEMMAS | frozenset({"reject", "dismiss", "rule out"})
SOURCE_PREDICATES = FIRM_SOURCES | TENTATIVE_SOURCES | NEGATIVE_SOURCES
"""Every verb of ``FIRM_SOURCES``, ``TENTATIVE_SOURCES`` and ``NEGATIVE_SOURCES``."""
VOICING_VERBS = frozenset({"raise", "express", "voice", "leave"})

FRAME_NOUNS: dict[str, FrameClass] = {
    **dict.fromkeys(
        ("possibility", "prospect", "option", "likelihood", "chance", "willingness",
         "readiness", "openness", "preparedness"),
        "tentative",
    ),
    **dict.fromkeys(
        ("intention", "intent", "decision", "commitment", "pledge", "promise",
         "determination"),
        "firm",
    ),
    **dict.fromkeys(("refusal", "unwillingness"), "negative"),
    **dict.fromkeys(
        ("report", "claim", "suggestion", "speculation", "rumour", "rumor", "idea", "notion",
         "allegation", "assertion"),
        "transparent",
    ),
}  # fmt: skip
FRAME_ADJECTIVES: dict[str, FrameClass] = {
    **dict.fromkeys(("willing", "ready", "prepared", "open"), "tentative"),
    **dict.fromkeys(("determined", "committed", "confident"), "firm"),
    "unwilling": "negative",
}


def frame_class(lemma: str, part: Literal["verb", "noun", "adjective"]) -> FrameClass | None:
    """How the framing word ``lemma`` (a verb with its particle: "rule out") holds the
    clause it frames, or ``None`` when it is no framing word."""
    if part == "noun":
        return FRAME_NOUNS.get(lemma)
    if part == "adjective":
        return FRAME_ADJECTIVES.get(lemma)
    if lemma in NEGATIVE_SOURCES:
        return "negative"
    if lemma in TENTATIVE_SOURCES:
        return "tentative"
    if lemma in FIRM_SOURCES:
        return "firm"
    if lemma in VOICING_VERBS:
        return "transparent"
    return None


LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "take", "go"})
GENERAL_NOUNS = frozenset(
    """people person thing time way matter part lot official officials year years month
    week day number percent""".split()  # noqa: SIM905
)

PREDICATE_CLASSES: tuple[frozenset[str], ...] = (
    # Levin 45.6, calibratable change of state.
    frozenset(
        """rise fall climb decline decrease drop dip increase jump plummet plunge soar surge
        tumble grow gain slide sink shrink slip edge""".split()  # noqa: SIM905
    ),
    # Levin 44, destroy verbs (with demolish, level, flatten, collapse of 45.4/45.5).
    frozenset(
        """destroy demolish devastate obliterate raze ruin wreck level flatten collapse
        topple pulverize pulverise""".split()  # noqa: SIM905
    ),
    # Levin 13.5.1, get verbs: acquiring for money.
    frozenset({"buy", "purchase", "acquire"}),
    # Levin 37.7, say verbs, with their nouns of publication (our grouping: release/publish).
    frozenset({"release", "publish", "issue", "unveil", "disclose", "announce", "report"}),
    # Our grouping, nearest Levin class 33 (judgement verbs): formal accusation.
    frozenset({"indict", "charge", "accuse"}),
    # Our grouping, nearest Levin 55.1 (begin/end aspectual verbs): ending a project.
    frozenset({"terminate", "cancel", "scrap", "end", "abandon", "halt", "kill"}),
    # Our grouping, Levin 26.4 create verbs with "add" as used of jobs and members.
    frozenset({"create", "add"}),
    # Levin 13.1 give verbs / 13.3 future having: paying out.
    frozenset({"pay", "repay", "reimburse"}),
    # Levin 10.1 remove verbs, leaving an office.
    frozenset({"resign", "quit", "leave", "step"}),
    # Levin 13.5.1 get verbs: earning.
    frozenset({"earn", "receive"}),
    # Levin 29.3 (declare) / voting: passing a measure.
    frozenset({"pass", "approve", "adopt", "enact"}),
)


def predicate_class(lemma: str) -> frozenset[str]:
    """The class of verbs ``lemma`` belongs to, or just itself."""
    for group in PREDICATE_CLASSES:
        if lemma in group:
            return group
    return frozenset({lemma})
