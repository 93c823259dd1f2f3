"""Stories written for these tests (not the seeds), through reconciliation with the shipped
contradiction model and embeddings: three outlets with one planted disagreement (a weekday),
one planted agreement and sentences on other points of the same story; two outlets with one source's
plan put as decided and as only considered (a certainty dispute) and a figure both give.

Each sentence is one claim, as extraction makes them (the sentence is the statement and the
quote), so this runs without an LLM.
"""

from __future__ import annotations

from factcheck.comparison import Reconciler, sentence_claims
from factcheck.nli.embeddings import load_default_embedder
from factcheck.schemas import Claim

GAZETTE = (
    "The city council approved the northern tram line on Tuesday evening. "
    "Construction is due to start in March 2027. "
    "The line will link the central station with the university campus. "
    "Shop owners on Mill Street fear months of disruption."
)
HERALD = (
    "The city council approved the northern tram line on Wednesday evening. "
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
    wednesday = _sentence(claims, "herald", "Wednesday")
    starts = _sentence(claims, "gazette", "due to start")
    begins = _sentence(claims, "courier", "scheduled to begin")

    result = Reconciler(embedder=load_default_embedder()).reconcile(claims)

    [dispute] = result.findings
    assert (dispute.kind, dispute.method) == ("date", "typed_check")
    sides = {s.claim_id: s.position for s in dispute.sides}
    assert sides[approved.id] != sides[wednesday.id]
    assert 'A: "on Tuesday evening"' in dispute.differences[0].shown() or "Tuesday" in (
        dispute.differences[0].shown()
    )
    flagged = {s.claim_id for f in result.findings for s in f.sides}
    assert starts.id not in flagged and begins.id not in flagged
    support = {c.claim_id: c.supporting_claim_ids for c in result.corroboration}
    assert begins.id in support[starts.id]


POST = (
    ("The mayor will close the central library at the end of the year.", "Mayor Lind", "asserted"),
    ("The library's reading rooms were renovated in 2015.", "the outlet", "asserted"),
    ("Visitor numbers have fallen by a third since 2019.", "the outlet", "asserted"),
)
LEDGER = (
    (
        "The mayor is considering closing the central library at the end of the year.",
        "Mayor Lind",
        "hedged",
    ),
    ("Library staff learned of the plan from a leaked memo.", "the outlet", "asserted"),
    ("Visitor numbers have dropped by a third since 2019.", "the outlet", "asserted"),
)


def test_one_source_put_firmly_and_as_considered_is_one_certainty_dispute() -> None:
    # A second story written for this test: the mayor's plan as decided in one outlet and
    # only considered in the other (modality as extraction would label it), and a figure
    # both give in other words.
    claims: list[Claim] = []
    for article, sentences in (("post", POST), ("ledger", LEDGER)):
        for text, speaker, modality in sentences:
            [claim] = sentence_claims(text, article_id=article)
            claims.append(claim.model_copy(update={"attributed_to": speaker, "modality": modality}))
    close, considering = claims[0], claims[3]
    fallen, dropped = claims[2], claims[5]

    result = Reconciler(embedder=load_default_embedder()).reconcile(claims)

    [dispute] = result.findings
    assert dispute.kind == "certainty" and dispute.severity == "medium"
    sides = {s.claim_id: s.position for s in dispute.sides}
    assert set(sides) == {close.id, considering.id}
    assert sides[close.id] != sides[considering.id]
    support = {c.claim_id: c.supporting_claim_ids for c in result.corroboration}
    assert dropped.id in support[fallen.id]
