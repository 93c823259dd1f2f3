"""Reconciliation on the contradiction model: candidate pairs, relations, disputes.

A fake judge gives fixed probabilities by keyword, so the logic is tested apart from what
the shipped model happens to say; one test runs the shipped model end to end. The sentences
are general news written for these tests, not the seeds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from factcheck.comparison import Reconciler, candidate_pairs, exact_conflicts, same_source
from factcheck.comparison.blocking import similarity_matrix
from factcheck.comparison.deterministic import numbered_things
from factcheck.nli import WindowScores
from factcheck.schemas import Claim, claim_id


def make_claim(article: str, statement: str, *, quote: str | None = None,
               speaker: str = "the outlet", modality: str = "asserted",
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
        modality=modality,  # type: ignore[arg-type]
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


def test_a_contradiction_is_one_dispute_with_its_sides() -> None:
    judge = FakeJudge(RULES)
    result = Reconciler(judge, threshold=0.0).reconcile([OPENED, CLOSED, OPENED_TOO, WEATHER])
    [dispute] = result.findings
    assert dispute.category == "contradiction"
    assert dispute.kind == "factual"
    assert dispute.method == "contradiction_model"
    assert dispute.probability == pytest.approx(0.9)
    # Both accounts of the opening are on one side, the closure on the other: once.
    sides = {s.claim_id: s.position for s in dispute.sides}
    assert sides[OPENED.id] == sides[OPENED_TOO.id] != sides[CLOSED.id]
    assert WEATHER.id not in sides
    assert all(s.quote and s.char_end > s.char_start for s in dispute.sides)
    assert dispute.severity == "high"  # both put as fact


def test_agreement_is_corroboration_not_a_finding() -> None:
    judge = FakeJudge(RULES)
    result = Reconciler(judge, threshold=0.0).reconcile([OPENED, OPENED_TOO, WEATHER])
    assert result.findings == []
    support = {s.claim_id: s for s in result.corroboration}
    assert support[OPENED.id].supporting_article_ids == ["a3"]
    assert support[OPENED_TOO.id].supporting_article_ids == ["a1"]
    assert support[WEATHER.id].single_source
    [group] = result.groups
    assert set(group.claim_ids) == {OPENED.id, OPENED_TOO.id}
    assert set(group.answers.values()) == {"yes"}


def test_certainty_dispute_needs_one_source_and_different_firmness() -> None:
    judge = FakeJudge(RULES)
    [dispute] = Reconciler(judge, threshold=0.0).reconcile([OPENED, MAY_OPEN]).findings
    assert dispute.kind == "certainty"
    assert dispute.severity == "medium"
    # Two different named speakers: a hedge of one is not a retraction by the other.
    mayor = OPENED.model_copy(update={"attributed_to": "Mayor Anna Lindqvist"})
    engineer = MAY_OPEN.model_copy(update={"attributed_to": "chief engineer Tomas Berg"})
    result = Reconciler(judge, threshold=0.0).reconcile([mayor, engineer])
    assert result.findings == []


def test_a_demand_against_the_situation_is_a_tension() -> None:
    demand = make_claim("a4", "The union demands that the bridge stay closed to traffic.",
                        speaker="the transport union", modality="demand", start=10)  # fmt: skip
    judge = FakeJudge({("opened the new", "stay closed"): CONTRADICT})
    [finding] = Reconciler(judge, threshold=0.0).reconcile([OPENED, demand]).findings
    assert finding.category == "tension"
    assert finding.severity == "low"
    assert "not necessarily an error" in finding.explanation


def test_exact_number_conflict_needs_no_model() -> None:
    a = make_claim("a1", "The council approved a 12-point budget plan.")
    b = make_claim("a2", "The council approved a 20-point budget plan.")
    assert numbered_things(a.quote) == {"point": 12.0}
    [conflict] = exact_conflicts([a, b])
    assert conflict.kind == "number"
    [finding] = Reconciler(FakeJudge({}), threshold=0.0).reconcile([a, b]).findings
    assert finding.kind == "number"
    assert finding.method == "deterministic"


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


def test_novel_names_are_names_and_figures_the_sources_never_mention() -> None:
    from factcheck.comparison.deterministic import novel_names

    sources = ["Talks were held in Berlin with Emmanuel Macron on 12 May.", "Kyiv's position."]
    assert novel_names("The talks were held in Paris with Macron on 14 May.", sources) == [
        "paris",
        "14",
    ]
    assert novel_names("Talks with Macron in Berlin. Kyiv's view on 12 May held.", sources) == []


def test_novel_names_takes_each_token_whole_on_both_sides() -> None:
    from factcheck.comparison.deterministic import novel_names

    # Written for this test: possessives, hyphenated names with digits, amounts with units.
    sources = [
        "Sales of the SARS-CoV-2 vaccine fell to $5bn in Germany's biggest market.",
        "The U.N. said 1,200 people left; the company's chief, Anne-Marie Duval, agreed.",
    ]
    assert novel_names("The firm's SARS-CoV-2 sales fell to $5bn in Germany.", sources) == []
    assert novel_names("The UN said 1200 people left, Duval's office agreed.", sources) == []
    assert novel_names("The company's SARS-CoV-3 sales fell to $6bn in France.", sources) == [
        "sars-cov-3",
        "6bn",
        "france",
    ]


def test_the_shipped_model_finds_a_changed_day_and_leaves_a_paraphrase() -> None:
    a = make_claim("a1", "The museum reopened to visitors on Saturday after a year of repairs.")
    b = make_claim("a2", "The museum reopened to visitors on Thursday after repairs.", start=70)
    c = make_claim("a3", "After a year of repairs, visitors could enter the museum again.",
                   start=140)  # fmt: skip
    result = Reconciler(threshold=0.0).reconcile([a, b, c])
    kinds = {f.kind for f in result.findings}
    assert "date" in kinds
    assert all(c.id not in {s.claim_id for s in f.sides} for f in result.findings
               if f.kind != "date")  # fmt: skip


class PhrasingLLM:
    """Answers the phrasing prompt with fixed words, or fails on the dispute whose quote
    holds ``fail_on``; records what it was shown."""

    model = "fake-remote"

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.shown: list[str] = []

    def generate(self, prompt: Any, response_model: Any, *, stage: str, **_: Any) -> Any:
        from factcheck.errors import ModelCallError

        text = prompt.as_openai()[-1]["content"]
        self.shown.append(text)
        assert stage == "judge"
        if self.fail_on and self.fail_on in text:
            raise ModelCallError("connection refused")
        return response_model.model_validate(
            {
                "point": "Was the bridge open on Monday?",
                "explanation": "Side A says it opened; side B says it stayed closed.",
            }
        )


def test_llm_phrasing_rewords_a_dispute_and_changes_nothing_else() -> None:
    from factcheck.comparison.phrasing import phrase_disputes

    [dispute] = Reconciler(FakeJudge(RULES), threshold=0.0).reconcile([OPENED, CLOSED]).findings
    llm = PhrasingLLM()
    [phrased], problems = phrase_disputes([dispute], llm)  # type: ignore[arg-type]
    assert not problems
    assert phrased.question == "Was the bridge open on Monday?"
    assert phrased.explanation.startswith(dispute.explanation)
    assert "fake-remote's words: Side A says it opened" in phrased.explanation
    # What is disputed, by whom, and the id reviews attach to are the model's, unchanged.
    assert (phrased.id, phrased.sides, phrased.severity, phrased.kind) == (
        dispute.id, dispute.sides, dispute.severity, dispute.kind,
    )  # fmt: skip
    assert "Side A:" in llm.shown[0] and OPENED.quote in llm.shown[0]
    assert CLOSED.quote in llm.shown[0].split("Side B:")[1]


def test_a_failed_phrasing_call_keeps_the_dispute_and_is_counted() -> None:
    from factcheck.comparison.phrasing import phrase_disputes

    [dispute] = Reconciler(FakeJudge(RULES), threshold=0.0).reconcile([OPENED, CLOSED]).findings
    [kept], [problem] = phrase_disputes([dispute], PhrasingLLM(fail_on="closed"))  # type: ignore[arg-type]
    assert kept == dispute
    assert problem.kind == "judge_failed" and dispute.id in problem.message


def test_check_refuses_an_unknown_judge_before_reading_anything() -> None:
    from factcheck import api
    from factcheck.errors import InputError

    with pytest.raises(InputError, match="judge must be 'model' or 'llm'"):
        api.check(["no-such-file.txt"], judge="oracle")  # type: ignore[arg-type]


def test_the_judge_names_its_weights_without_loading_them(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.comparison.judge as judge_module
    from factcheck.comparison import ModelJudge
    from factcheck.nli import default_info

    def no_loading() -> None:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(judge_module, "default_model", no_loading)
    info = default_info()
    assert ModelJudge().fingerprint == f"{info.name}@{info.onnx_sha256[:12]}"
