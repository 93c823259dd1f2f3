"""The LLM as judge and the point labels, with a fake LLM behind the real instructor stack.

``FakeLLM(answer)`` answers each request with ``answer(schema, messages)``; validation,
re-asks and failures run the code that runs against a real server.
"""

from __future__ import annotations

from typing import Any

import pytest

from factcheck import api
from factcheck.comparison import Reconciler, ReconcileResult
from factcheck.comparison.judges.labels import check_label, label_points
from factcheck.comparison.judges.llm import judge_points
from factcheck.llm import FakeLLM, Settings
from factcheck.parse import read_facts
from factcheck.report import render_html, render_markdown
from factcheck.schemas import ArticleInfo, Report, RunInfo
from tests.unit.test_comparison import CONTRADICT, FakeJudge, make_claim

PLAN_12 = make_claim("a1", "The council approved a 12-point budget plan on Monday.")
PLAN_20 = make_claim("a2", "The council approved a 20-point budget plan on Monday.", start=5)
OPENED = make_claim("b1", "The city opened the new bridge to traffic on Monday.")
CLOSED = make_claim("b2", "The city kept the new bridge closed to traffic on Monday.", start=7)


def _typed() -> ReconcileResult:
    return Reconciler(FakeJudge({}), threshold=0.0).reconcile([PLAN_12, PLAN_20])


def _looked() -> ReconcileResult:
    rules = {("opened the new", "closed"): CONTRADICT}
    return Reconciler(FakeJudge(rules), threshold=0.0).reconcile([OPENED, CLOSED])


def _verdict(decision: str, quote_a: str, quote_b: str, kind: str = "number") -> dict[str, Any]:
    return {
        "decision": decision,
        "kind": kind,
        "point_at_issue": "Size of the budget plan",
        "explanation": "One outlet counts 12 points and the other 20 for the same plan.",
        "quote_a": quote_a,
        "quote_b": quote_b,
    }


def _judge(result: ReconcileResult, llm: FakeLLM) -> Any:
    claims = [PLAN_12, PLAN_20, OPENED, CLOSED]
    return judge_points(result.points, result.findings, result.worth_a_look, claims, llm)


def _article(article_id: str) -> ArticleInfo:
    return ArticleInfo(
        id=article_id,
        title=article_id,
        source_path=None,
        content_hash="0",
        characters=0,
        sentences=1,
        removed_lines=0,
    )


def _report(result: ReconcileResult, judged: Any) -> Report:
    articles = sorted({s.article_id for p in judged.points for s in p.statements})
    return Report(
        articles=[_article(a) for a in articles],
        claims=[PLAN_12, PLAN_20, OPENED, CLOSED],
        points=judged.points,
        findings=judged.findings,
        worth_a_look=judged.worth_a_look,
        problems=judged.problems,
        run=RunInfo(factcheck_version="test", backend="openai", model="fake-model"),
    )


def test_the_judge_decides_a_typed_dispute_and_its_explanation_is_shown() -> None:
    result = _typed()
    llm = FakeLLM(lambda s, m: _verdict("contradiction", "12-point budget plan", "20-point"))
    judged = _judge(result, llm)
    [finding] = judged.findings
    assert (finding.method, finding.flagged_by, finding.category) == (
        "llm_judge", "typed_check", "contradiction",
    )  # fmt: skip
    # The id reviews attach to and the typed evidence stay.
    assert finding.id == result.findings[0].id
    assert finding.differences == result.findings[0].differences
    assert finding.cited == ["12-point budget plan", "20-point"]
    assert judged.points[0].judgement.decision == "contradiction"
    # The bug this replaces: the LLM's explanation never reached the Markdown or the HTML.
    report = _report(result, judged)
    for text in (render_markdown(report), render_html(report)):
        assert "One outlet counts 12 points and the other 20" in text
        assert "decided by the LLM judge" in text
    assert len(llm.requests) == 1


def test_a_typed_dispute_the_judge_calls_compatible_is_kept_but_no_dispute() -> None:
    result = _typed()
    llm = FakeLLM(lambda s, m: _verdict("compatible", "12-point budget plan", "20-point"))
    judged = _judge(result, llm)
    [finding] = judged.findings
    assert (finding.category, finding.method, finding.severity) == (
        "compatible", "llm_judge", "low",
    )  # fmt: skip
    report = _report(result, judged)
    assert report.contradictions() == [] and report.judged_compatible() == [finding]
    markdown = render_markdown(report)
    assert "## Judged compatible" in markdown and f"<!-- review {finding.id} -->" in markdown


def test_a_worth_a_look_pair_the_judge_calls_a_contradiction_becomes_a_dispute() -> None:
    result = _looked()
    assert result.findings == [] and len(result.worth_a_look) == 1
    answer = _verdict("contradiction", "opened the new bridge", "kept the new bridge closed",
                      kind="status")  # fmt: skip
    judged = _judge(result, FakeLLM(lambda s, m: answer))
    [finding] = judged.findings
    assert (finding.method, finding.flagged_by, finding.kind) == (
        "llm_judge", "contradiction_model", "status",
    )  # fmt: skip
    assert {s.claim_id for s in finding.sides} == {OPENED.id, CLOSED.id}
    assert judged.worth_a_look == []
    assert finding.point_id == judged.points[0].id


def test_a_quote_the_judge_invents_is_re_asked() -> None:
    asked: list[str] = []

    def answer(schema: dict[str, Any], messages: list[dict[str, Any]]) -> dict[str, Any]:
        asked.append(messages[-1]["content"])
        if len(asked) == 1:
            return _verdict("contradiction", "the council rejected the plan", "20-point")
        return _verdict("contradiction", "12-point budget plan", "20-point")

    llm = FakeLLM(answer)
    judged = _judge(_typed(), llm)
    assert len(llm.requests) == 2 and not judged.problems
    # The re-ask tells the model what was wrong.
    assert "not word for word" in str(llm.requests[1]["messages"])
    assert judged.findings[0].method == "llm_judge"


def test_a_judge_that_keeps_inventing_quotes_falls_back_and_is_counted() -> None:
    result = _typed()
    llm = FakeLLM(lambda s, m: _verdict("compatible", "a 15-point plan", "20-point"))
    judged = _judge(result, llm)
    # Asked once and re-asked once (validation_retries=1), then counted.
    assert len(llm.requests) == 2
    [problem] = judged.problems
    assert problem.kind == "judge_failed" and problem.count == 1
    assert judged.findings == result.findings
    assert judged.points[0].judgement is None


def test_two_quotes_of_one_statement_are_refused() -> None:
    llm = FakeLLM(lambda s, m: _verdict("contradiction", "12-point", "budget plan on Monday"))
    # "budget plan on Monday" is in both quotes; "12-point" in one: a valid pair exists.
    assert not _judge(_typed(), llm).problems
    llm = FakeLLM(lambda s, m: _verdict("contradiction", "12-point", "a 12-point budget"))
    assert _judge(_typed(), llm).problems[0].kind == "judge_failed"


def test_auto_uses_the_llm_judge_unless_the_backend_is_embedded() -> None:
    remote = FakeLLM()
    local = FakeLLM(settings=Settings(backend="local", model="m"))
    assert api._llm_judges("auto", remote) and not api._llm_judges("auto", local)
    assert api._llm_judges("llm", local) and not api._llm_judges("model", remote)


@pytest.mark.parametrize(
    ("label", "ok"),
    [
        ("Size of the council's budget plan", True),
        ("How many points the council's budget plan has", True),
        ("Size of the 15-point budget plan", False),  # a figure in no quote
        ("The mayor of Springfield and the budget plan", False),  # a name in no quote
        ("one two three four five six seven eight nine ten eleven twelve thirteen", False),
        ("Weather across the region", False),  # no word of the quotes
    ],
)
def test_the_label_check(label: str, ok: bool) -> None:
    quotes = [PLAN_12.quote, PLAN_20.quote]
    assert (check_label(label, quotes, [read_facts(q) for q in quotes]) is None) is ok


def test_a_label_that_fails_the_check_falls_back_to_the_parse_and_is_counted() -> None:
    result = _typed()
    good = FakeLLM(lambda s, m: {"label": "Size of the council's budget plan"})
    [point], problems = label_points(result.points, [PLAN_12, PLAN_20], good)
    assert (point.heading, point.heading_by, problems) == (
        "Size of the council's budget plan", "llm", [],
    )  # fmt: skip
    bad = FakeLLM(lambda s, m: {"label": "The mayor's 15-point plan"})
    [kept], [problem] = label_points(result.points, [PLAN_12, PLAN_20], bad)
    assert (kept.heading, kept.heading_by) == (result.points[0].heading, "parse")
    assert problem.kind == "label_fallback" and problem.count == 1


def test_a_title_case_label_is_no_new_name() -> None:
    # "Budget Plan" in title case is the quotes' "budget plan", not a name they lack.
    result = _typed()
    llm = FakeLLM(lambda s, m: {"label": "Council's Budget Plan"})
    [point], problems = label_points(result.points, [PLAN_12, PLAN_20], llm)
    assert (point.heading, problems) == ("Council's budget plan", [])


def test_a_label_call_reads_the_flagged_statements_and_few_words() -> None:
    result = _typed()
    long_point = result.points[0].model_copy(
        update={
            "statements": [
                *result.points[0].statements,
                *(
                    result.points[0].statements[0].model_copy(
                        update={"claim_id": f"C-extra{n}", "article_id": f"x{n}",
                                "quote": "Words " * 80}
                    )
                    for n in range(6)
                ),
            ]
        }
    )  # fmt: skip
    llm = FakeLLM(lambda s, m: {"label": "Size of the council's budget plan"})
    label_points([long_point], [PLAN_12, PLAN_20], llm)
    [request] = llm.requests
    asked = str(request["messages"][-1]["content"])
    assert "12-point budget plan" in asked and "20-point budget plan" in asked
    assert asked.count('- "') == 4 and "Words " * 31 not in asked


def test_a_tension_the_judge_calls_a_contradiction_is_rated_as_one() -> None:
    demand = PLAN_20.model_copy(
        update={"attributed_to": "the transport union", "modality": "demand"}
    )
    result = Reconciler(FakeJudge({}), threshold=0.0).reconcile([PLAN_12, demand])
    [tension] = result.findings
    assert (tension.category, tension.severity) == ("tension", "low")
    llm = FakeLLM(lambda s, m: _verdict("contradiction", "12-point budget plan", "20-point"))
    judged = judge_points(result.points, result.findings, [], [PLAN_12, demand], llm)
    [finding] = judged.findings
    assert (finding.id, finding.category, finding.flagged_by) == (
        tension.id, "contradiction", "typed_check",
    )  # fmt: skip
    # A figure, not put as fact on one side: low, by the slot and firmness, not by the method.
    assert finding.severity == "low"
