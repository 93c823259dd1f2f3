"""A three-outlet story written for this test (not the seeds), through reconciliation with
the shipped contradiction model and embeddings: one planted disagreement, one planted
agreement, and sentences on other points of the same story.

Each sentence is one claim, as extraction makes them (the sentence is the statement and the
quote), so this runs without an LLM.
"""

from __future__ import annotations

from factcheck.comparison import Reconciler, load_default_embedder, sentence_claims
from factcheck.schemas import Claim

GAZETTE = (
    "The city council approved the northern tram line on Tuesday evening. "
    "Construction is due to start in March 2027. "
    "The line will link the central station with the university campus. "
    "Shop owners on Mill Street fear months of disruption."
)
HERALD = (
    "The city council rejected the northern tram line on Tuesday evening. "
    "Several councillors said the budget had grown too large. "
    "Cyclists' groups had campaigned for the project for a decade."
)
COURIER = (
    "Work on the tram line is scheduled to begin in March 2027. "
    "The mayor called the evening's session long and heated. "
    "Bus routes in the north of the city will be reviewed next year."
)


def _claims() -> list[Claim]:
    claims: list[Claim] = []
    for article, text in (("gazette", GAZETTE), ("herald", HERALD), ("courier", COURIER)):
        claims += [
            c.model_copy(update={"attributed_to": "the outlet"})
            for c in sentence_claims(text, article_id=article)
        ]
    return claims


def _sentence(claims: list[Claim], article: str, words: str) -> Claim:
    [claim] = [c for c in claims if c.article_id == article and words in c.quote]
    return claim


def test_the_planted_disagreement_is_one_dispute_and_the_agreement_is_not_flagged() -> None:
    claims = _claims()
    approved = _sentence(claims, "gazette", "approved")
    rejected = _sentence(claims, "herald", "rejected")
    starts = _sentence(claims, "gazette", "due to start")
    begins = _sentence(claims, "courier", "scheduled to begin")

    result = Reconciler(embedder=load_default_embedder()).reconcile(claims)

    [dispute] = result.findings
    sides = {s.claim_id: s.position for s in dispute.sides}
    assert sides[approved.id] != sides[rejected.id]
    flagged = {s.claim_id for f in result.findings for s in f.sides}
    assert starts.id not in flagged and begins.id not in flagged
    support = {c.claim_id: c.supporting_claim_ids for c in result.corroboration}
    assert begins.id in support[starts.id]
