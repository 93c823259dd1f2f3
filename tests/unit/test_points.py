"""The points of a story: claims of all outlets grouped by what they speak to.

Sentences written for these tests (general news, not the seeds); the contradiction model is
the keyword fake of test_comparison, so the grouping is tested apart from the shipped model.
"""

from __future__ import annotations

from factcheck.comparison import Reconciler, ReconcileResult
from factcheck.comparison.align.points import PointEdge, group_claims, mutual_neighbours
from factcheck.schemas import Claim
from tests.unit.test_comparison import CONTRADICT, ENTAIL, FakeJudge, make_claim

PLAN_12 = make_claim("a1", "The council approved a 12-point budget plan on Monday.")
RAIN = make_claim("a1", "Heavy rain is expected across the region this weekend.", start=60)
PLAN_20 = make_claim("a2", "The council approved a 20-point budget plan on Monday.", start=5)
STADIUM = make_claim("a2", "The football club unveiled designs for a new stadium.", start=70)
MUSEUM = make_claim("a3", "The museum reopened to visitors after a year of repairs.", start=9)
STADIUM_TOO = make_claim(
    "a3", "Designs for the club's new stadium were unveiled by the football club.", start=90
)
STORY = [PLAN_12, RAIN, PLAN_20, STADIUM, MUSEUM, STADIUM_TOO]


def _reconcile(
    claims: list[Claim], rules: dict[tuple[str, str], tuple[float, float, float]]
) -> ReconcileResult:
    return Reconciler(FakeJudge(rules), threshold=0.0).reconcile(claims)


def test_a_planted_disagreement_lands_in_one_point_with_both_outlets() -> None:
    result = _reconcile(STORY, {})
    [dispute] = result.findings
    [point] = [p for p in result.points if PLAN_12.id in p.claim_ids]
    assert set(point.claim_ids) == {PLAN_12.id, PLAN_20.id}
    assert point.article_ids == ["a1", "a2"]
    flags = {f.flag for f in point.flags}
    assert flags == {"typed_difference", "dispute"}
    assert dispute.point_id == point.id
    # The point at issue is the point's heading, a few words, not a copied sentence.
    assert dispute.question == point.heading
    assert len(point.heading.split()) <= 12


def test_an_outlet_silent_on_a_point_is_shown_silent() -> None:
    result = _reconcile(STORY, {})
    [point] = [p for p in result.points if PLAN_12.id in p.claim_ids]
    assert point.silent == ["a3"]


def test_agreeing_claims_share_a_point_and_unrelated_claims_do_not_merge() -> None:
    rules = {("unveiled designs", "Designs for"): ENTAIL, ("Designs for", "unveiled designs"):
             ENTAIL}  # fmt: skip
    result = _reconcile(STORY, rules)
    [stadium] = [p for p in result.points if STADIUM.id in p.claim_ids]
    assert set(stadium.claim_ids) == {STADIUM.id, STADIUM_TOO.id}
    assert stadium.silent == ["a1"]
    # Rain, the museum and the budget are three other things: no point holds two of them.
    for point in result.points:
        topics = {RAIN.id, MUSEUM.id, PLAN_12.id} & set(point.claim_ids)
        assert len(topics) <= 1
        assert RAIN.id not in point.claim_ids and MUSEUM.id not in point.claim_ids


def test_a_claim_belongs_to_one_point() -> None:
    rules = {("unveiled designs", "Designs for"): ENTAIL, ("approved a 12", "20-point"):
             CONTRADICT}  # fmt: skip
    result = _reconcile(STORY, rules)
    members = [c for p in result.points for c in p.claim_ids]
    assert len(members) == len(set(members))


def test_a_pair_only_the_model_flags_is_a_flag_of_its_point() -> None:
    opened = make_claim("b1", "The city opened the new bridge to traffic on Monday.")
    closed = make_claim("b2", "The city kept the new bridge closed to traffic on Monday.")
    result = _reconcile([opened, closed], {("opened the new", "closed"): CONTRADICT})
    [point] = result.points
    [flag] = point.flags
    assert flag.flag == "worth_a_look" and flag.probability is not None
    assert set(flag.claim_ids) == {opened.id, closed.id}
    assert flag.finding_id == result.worth_a_look[0].id


def test_points_do_not_chain_into_a_topic() -> None:
    # Each claim of every article joined to the next: without the cap one point would hold
    # everything; with it, no point holds more than two claims of one article.
    claims = [
        make_claim(f"x{n % 3}", f"Officials in district {n} discussed the plan.", start=n * 50)
        for n in range(30)
    ]
    edges = [PointEdge(n, n + 1, 1.0) for n in range(29)]
    for group in group_claims(claims, [], edges, per_article=2):
        counts = [sum(claims[m].article_id == a for m in group) for a in ("x0", "x1", "x2")]
        assert max(counts) <= 2


def test_mutual_neighbours_are_one_per_article_pair_at_most() -> None:
    claims = [PLAN_12, RAIN, PLAN_20, STADIUM]
    sims = [
        [1.0, 0.1, 0.9, 0.1],
        [0.1, 1.0, 0.2, 0.3],
        [0.9, 0.2, 1.0, 0.1],
        [0.1, 0.3, 0.1, 1.0],
    ]
    assert mutual_neighbours(claims, sims, 0.5) == [(0, 2, 0.9)]


def test_loose_evidence_brings_a_claim_in_but_never_merges_two_points() -> None:
    # Two points made on firm evidence (a1/a2 budget, a1/a2 stadium); a loose edge
    # across them (a sentence on both things) must not chain them into one.
    claims = [PLAN_12, RAIN, PLAN_20, STADIUM, MUSEUM, STADIUM_TOO]
    sims = [[0.0] * 6 for _ in range(6)]
    for i, j, value in [(4, 0, 0.9), (4, 2, 0.8), (5, 3, 0.9), (5, 1, 0.1)]:
        sims[i][j] = sims[j][i] = value
    edges = [
        PointEdge(0, 2, 3.0),
        PointEdge(1, 3, 3.0),
        PointEdge(0, 3, 2.0, firm=False),
        # The museum claim resembles the whole budget point: it comes in.
        PointEdge(4, 0, 1.0, firm=False),
        # The last claim resembles one member of the other point only: on average not.
        PointEdge(5, 3, 1.0, firm=False),
    ]
    groups = group_claims(claims, [], edges, sims=sims, cohesion=0.6)
    assert groups == [[0, 2, 4], [1, 3]]
