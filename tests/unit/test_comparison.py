"""Reconciliation on the contradiction model: candidate pairs, relations, disputes.

A fake judge gives fixed probabilities by keyword, so the logic is tested apart from what
the shipped model happens to say; one test runs the shipped model end to end. The sentences
are general news written for these tests, not the seeds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from factcheck.comparison import Reconciler, candidate_pairs, same_source
from factcheck.comparison.align.blocking import similarity_matrix
from factcheck.nli import WindowScores
from factcheck.schemas import Claim, Modality, claim_id


def make_claim(article: str, statement: str, *, quote: str | None = None,
               speaker: str = "the outlet", modality: Modality = "asserted",
               start: int = 0) -> Claim:  # fmt: skip
    quote = quote or statement
    return Claim(
        id=claim_id(article, start, start + len(quote), statement),
        article_id=article,
        statement=statement,
        quote=quote,
        char_start=start,
        char_end=start + len(quote),
        attributed_to=speaker,
        modality=modality,
    )


class FakeJudge:
    """Probabilities by keyword: ``rules`` maps (premise word, statement word) to
    (entailment, neutral, contradiction); anything else is neutral. Counts the pairs."""

    fingerprint = "fake"

    def __init__(self, rules: dict[tuple[str, str], tuple[float, float, float]]) -> None:
        self.rules = rules
        self.pairs = 0

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[WindowScores]:
        self.pairs += len(pairs)
        out = []
        for premise, statement in pairs:
            probs = (0.05, 0.9, 0.05)
            for (p, s), value in self.rules.items():
                if p in premise and s in statement:
                    probs = value
            out.append(WindowScores(((0, len(premise)),), np.array([probs], dtype=np.float32)))
        return out


OPENED = make_claim("a1", "The city opened the new bridge to traffic on Monday.")
CLOSED = make_claim("a2", "The city kept the new bridge closed to traffic on Monday.", start=50)
MAY_OPEN = make_claim(
    "a3", "The city may open the new bridge to traffic soon.", modality="hedged", start=90
)
OPENED_TOO = make_claim("a3", "The new bridge was opened to traffic by the city.", start=200)
WEATHER = make_claim("a2", "Heavy rain is expected across the region this weekend.", start=300)

CONTRADICT = (0.02, 0.08, 0.9)
ENTAIL = (0.9, 0.08, 0.02)
RULES = {
    ("opened the new", "closed"): CONTRADICT,
    ("closed", "opened the new"): CONTRADICT,
    ("opened the new", "opened to traffic by"): ENTAIL,
    ("opened to traffic by", "opened the new"): ENTAIL,
    ("opened the new", "may open"): ENTAIL,
    ("opened to traffic by", "closed"): CONTRADICT,
}


def test_the_models_contradiction_alone_is_worth_a_look_not_a_dispute() -> None:
    judge = FakeJudge(RULES)
    result = Reconciler(judge, threshold=0.0).reconcile([OPENED, CLOSED, OPENED_TOO, WEATHER])
    # "opened" against "kept closed": no slot with two values, so nothing is disputed.
    assert result.findings == []
    pairs = [{s.claim_id for s in item.sides} for item in result.worth_a_look]
    assert {OPENED.id, CLOSED.id} in pairs and {OPENED_TOO.id, CLOSED.id} in pairs
    assert [item.probability for item in result.worth_a_look] == [pytest.approx(0.9)] * 2


PLAN_12 = make_claim("a1", "The council approved a 12-point budget plan on Monday.")
PLAN_20 = make_claim("a2", "The council approved a 20-point budget plan on Monday.", start=60)
PLAN_20_TOO = make_claim("a3", "On Monday the council approved its 20-point budget plan.", start=9)


def test_a_typed_difference_is_one_dispute_with_its_evidence_and_sides() -> None:
    judge = FakeJudge({("12-point", "approved its"): ENTAIL, ("approved its", "12-point"): ENTAIL})
    result = Reconciler(judge, threshold=0.0).reconcile([PLAN_12, PLAN_20, PLAN_20_TOO])
    [dispute] = result.findings
    assert (dispute.category, dispute.kind, dispute.method) == (
        "contradiction", "number", "typed_check",
    )  # fmt: skip
    sides = {s.claim_id: s.position for s in dispute.sides}
    assert sides[PLAN_20.id] == sides[PLAN_20_TOO.id] != sides[PLAN_12.id]
    first = dispute.differences[0]
    assert {first.value_a, first.value_b} == {"12 point", "20 point"}
    assert {first.evidence_a, first.evidence_b} >= {"a 12-point budget plan"} or any(
        "12-point" in e for e in (first.evidence_a, first.evidence_b)
    )
    assert "12-point" in dispute.explanation and "20-point" in dispute.explanation
    # A figure in the lead, both put as fact: medium.
    assert dispute.severity == "medium"


def test_agreement_is_corroboration_not_a_finding() -> None:
    judge = FakeJudge(RULES)
    result = Reconciler(judge, threshold=0.0).reconcile([OPENED, OPENED_TOO, WEATHER])
    assert result.findings == []
    support = {s.claim_id: s for s in result.corroboration}
    assert support[OPENED.id].supporting_article_ids == ["a3"]
    assert support[OPENED_TOO.id].supporting_article_ids == ["a1"]
    assert support[WEATHER.id].single_source
    [point] = result.points
    assert set(point.claim_ids) == {OPENED.id, OPENED_TOO.id}
    assert point.silent == ["a2"] and not point.flags


def test_firmness_the_model_alone_pairs_is_no_dispute() -> None:
    # The model reads "opened" and "may open" as one proposition, put with two firmnesses:
    # with no evidence of what differs from the parse, that is agreement, not a dispute.
    judge = FakeJudge(RULES)
    result = Reconciler(judge, threshold=0.0).reconcile([OPENED, MAY_OPEN])
    assert result.findings == []
    [support] = [s for s in result.corroboration if s.claim_id == OPENED.id]
    assert support.supporting_article_ids == ["a3"]


def test_a_status_told_through_two_reporting_frames_is_a_status_dispute() -> None:
    announced = make_claim("a1", "The ministry has announced it is closing the clinic.")
    signalled = make_claim("a2", "The ministry signalled it may close the clinic.", start=60)
    result = Reconciler(FakeJudge({}), threshold=0.0).reconcile([announced, signalled])
    [dispute] = result.findings
    assert dispute.kind == "status"
    [difference] = dispute.differences
    assert {difference.evidence_a, difference.evidence_b} == {
        "has announced it is closing",
        "signalled it may close",
    }


def test_a_demanded_figure_against_the_situation_is_a_tension() -> None:
    demand = PLAN_20.model_copy(
        update={"attributed_to": "the transport union", "modality": "demand"}
    )
    [finding] = Reconciler(FakeJudge({}), threshold=0.0).reconcile([PLAN_12, demand]).findings
    assert finding.category == "tension"
    assert finding.severity == "low"
    assert "not necessarily an error" in finding.explanation


def test_figures_of_different_things_are_never_compared() -> None:
    a = make_claim("a1", "The council approved a 12-point budget plan on Monday.")
    b = make_claim("a2", "The council hired 20 new teachers on Monday.", start=40)
    assert Reconciler(FakeJudge({}), threshold=0.0).reconcile([a, b]).findings == []


def test_dispute_ids_are_stable_across_runs_and_order() -> None:
    judge = FakeJudge(RULES)
    first = Reconciler(judge, threshold=0.0).reconcile([OPENED, CLOSED, OPENED_TOO]).findings
    second = Reconciler(judge, threshold=0.0).reconcile([OPENED_TOO, CLOSED, OPENED]).findings
    assert [f.id for f in first] == [f.id for f in second]


def _pairs_for(count: int) -> int:
    # Every claim resembles many others (shared words): the worst case for the pairing.
    claims = [
        make_claim(
            f"x{n % 5}", f"Officials in city{n % 7} discussed plan{n % 3} talks.", start=n * 10
        )
        for n in range(count)
    ]
    return len(candidate_pairs(claims, similarity_matrix(claims), 0.0, 3))


@pytest.mark.parametrize("count", [40, 80, 160])
def test_candidate_pairs_grow_at_most_linearly_with_claims(count: int) -> None:
    # At most top_k (3) claims of each of the 4 other articles per claim, not all pairs.
    assert _pairs_for(count) <= count * 4 * 3 < count * (count - 1) / 2


def test_no_pair_within_one_article() -> None:
    claims = [OPENED, CLOSED.model_copy(update={"article_id": "a1"})]
    assert candidate_pairs(claims, similarity_matrix(claims), 0.0, 3) == []


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Prime Minister Jacinda Ardern", "Ardern", True),
        ("Volodymyr Zelenskyy", "Ukrainian President Volodymyr Zelensky", True),
        ("the Ukrainian government", "the Russian government", False),
        ("Mayor Anna Lindqvist", "the outlet", True),
        ("the transport union", "Mayor Anna Lindqvist", False),
    ],
)
def test_same_source(first: str, second: str, same: bool) -> None:
    a = OPENED.model_copy(update={"attributed_to": first})
    b = CLOSED.model_copy(update={"attributed_to": second})
    assert same_source(a, b) is same


def test_the_shipped_model_finds_a_changed_day_and_leaves_a_paraphrase() -> None:
    a = make_claim("a1", "The museum reopened to visitors on Saturday after a year of repairs.")
    b = make_claim("a2", "The museum reopened to visitors on Thursday after repairs.", start=70)
    c = make_claim("a3", "After a year of repairs, visitors could enter the museum again.",
                   start=140)  # fmt: skip
    result = Reconciler(threshold=0.0).reconcile([a, b, c])
    [dispute] = result.findings
    assert dispute.kind == "date"
    assert {dispute.differences[0].value_a, dispute.differences[0].value_b} == {
        "Saturday", "Thursday",
    }  # fmt: skip
    # The paraphrase, if the model joins it, agrees with Saturday's side: it is no third view.
    sides = {s.claim_id: s.position for s in dispute.sides}
    assert sides.get(c.id, sides[a.id]) == sides[a.id] != sides[b.id]


def test_check_refuses_an_unknown_judge_before_reading_anything() -> None:
    from factcheck import api
    from factcheck.errors import InputError

    with pytest.raises(InputError, match="judge must be 'auto', 'model' or 'llm'"):
        api.check(["no-such-file.txt"], judge="oracle")  # type: ignore[arg-type]


def test_the_judge_names_its_weights_without_loading_them(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.comparison.judges.model as judge_module
    from factcheck.comparison import ModelJudge
    from factcheck.nli import default_info

    def no_loading() -> None:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(judge_module, "default_model", no_loading)
    info = default_info()
    assert ModelJudge().fingerprint == f"{info.name}@{info.onnx_sha256[:12]}"
