"""Draft-against-sources verification with a fake judge: retrieval, verdicts,
findings, and the report they turn into."""

from __future__ import annotations

from factcheck.errors import ModelCallError
from factcheck.evaluation import SentenceIndex, every_sentence, verify_claims, verify_sentences
from factcheck.ingest.sentences import split_sentences
from factcheck.report import parse_report, render_json, render_markdown
from factcheck.schemas import Answer, Article, Claim, RunInfo, claim_id

SOURCE_TEXT = (
    "Zelenskyy met Witkoff and Kushner in Berlin on Sunday.\n"
    "Police are investigating a terror attack at Bondi beach.\n"
    "Ukraine may consider dropping its bid to join NATO."
)


def source(article_id: str = "src", text: str = SOURCE_TEXT) -> Article:
    return Article(id=article_id, text=text, sentences=split_sentences(text))


def draft_claim(statement: str, *, start: int = 0, modality: str = "asserted") -> Claim:
    return Claim(
        id=claim_id("draft", start, start + len(statement), statement),
        article_id="draft",
        statement=statement,
        quote=statement,
        char_start=start,
        char_end=start + len(statement),
        attributed_to="the outlet",
        modality=modality,  # type: ignore[arg-type]
    )


class FakeJudge:
    """Answers by the first keyword found in the claim's statement; counts calls."""

    def __init__(self, answers: dict[str, Answer], *, fail_question: bool = False) -> None:
        self.answers = answers
        self.fail_question = fail_question
        self.questions = 0
        self.answered: list[str] = []

    def question(self, claims: list[Claim]) -> str:
        self.questions += 1
        if self.fail_question:
            raise ModelCallError("the model server did not answer")
        return "Does it hold?"

    def answer(self, question: str, claim: Claim) -> Answer:
        self.answered.append(claim.statement)
        for key, value in self.answers.items():
            if key in claim.statement:
                return value
        return "not_stated"


BERLIN = draft_claim("Zelenskyy met Witkoff and Kushner in Berlin.")


def test_retrieval_ranks_the_sentence_sharing_the_rare_words_first() -> None:
    index = SentenceIndex([source("a"), source("b", "Kushner flew home. Markets rose.")])
    top = index.top("Zelenskyy met Kushner in Berlin", 2)
    assert [(e.article_id, e.sentence.index) for e in top] == [("a", 1), ("b", 1)]
    assert top[0].sentence.text.startswith("Zelenskyy met Witkoff")
    assert top[0].score > top[1].score
    assert index.top("completely unrelated gardening", 3) == []


def test_supported_when_evidence_gives_the_same_answer_and_answering_stops() -> None:
    judge = FakeJudge({"Berlin": "yes"})
    result = verify_claims([BERLIN], [source()], judge, top_k=3)
    (check,) = result.checks
    assert check.verdict == "supported"
    assert check.deciding is not None and check.deciding.sentence.index == 1
    # One question, the draft's answer, and the first (matching) sentence only.
    assert judge.questions == 1 and len(judge.answered) == 2
    assert result.findings == [] and result.supported == [BERLIN]


def test_contradicted_becomes_a_finding_pointing_at_both_passages() -> None:
    judge = FakeJudge({"in Berlin.": "yes", "Berlin on Sunday": "no"})
    result = verify_claims([BERLIN], [source()], judge)
    (check,) = result.checks
    assert check.verdict == "contradicted"
    (finding,) = result.findings
    assert finding.category == "contradiction" and finding.kind == "negation"
    draft_side, evidence_side = finding.sides
    assert (draft_side.article_id, draft_side.answer) == ("draft", "yes")
    sentence = source().sentences[0]
    assert (evidence_side.article_id, evidence_side.answer) == ("src", "no")
    assert (evidence_side.char_start, evidence_side.char_end) == (
        sentence.char_start,
        sentence.char_end,
    )
    assert SOURCE_TEXT[evidence_side.char_start : evidence_side.char_end] == evidence_side.quote
    again = verify_claims([BERLIN], [source()], FakeJudge(judge.answers))
    assert again.findings[0].id == finding.id


def test_certainty_mismatch_is_a_contradiction_of_kind_certainty() -> None:
    claim = draft_claim("Ukraine dropped its bid to join NATO.")
    judge = FakeJudge({"Ukraine dropped": "yes", "may consider": "uncertain"})
    result = verify_claims([claim], [source()], judge)
    assert result.checks[0].verdict == "contradicted"
    assert result.findings[0].kind == "certainty"


def test_support_anywhere_wins_over_a_disagreeing_sentence() -> None:
    text = (
        "Kushner never met Zelenskyy in Berlin, an aide said.\n"
        "Kushner and Zelenskyy held talks in Berlin."
    )
    claim = draft_claim("Kushner met Zelenskyy in Berlin.")
    judge = FakeJudge({"never met": "no", "held talks": "yes", "Kushner met": "yes"})
    result = verify_claims([claim], [source(text=text)], judge)
    (check,) = result.checks
    # The disagreeing sentence ranks first; the backing one still decides.
    assert check.evidence_answers == ("no", "yes")
    assert check.verdict == "supported" and result.findings == []


def test_unsupported_when_no_sentence_addresses_the_question() -> None:
    claim = draft_claim("Zelenskyy met the Pope in Berlin.", start=60)
    judge = FakeJudge({"the Pope": "yes"})
    result = verify_claims([claim], [source()], judge)
    assert result.checks[0].verdict == "unsupported"
    assert result.unsupported == [claim] and result.findings == []


def test_no_shared_word_is_unsupported_without_any_model_call() -> None:
    judge = FakeJudge({})
    result = verify_claims([draft_claim("Gardening tips abound.")], [source()], judge)
    assert result.checks[0].verdict == "unsupported"
    assert judge.questions == 0 and judge.answered == []


def test_a_failed_judge_call_is_unverified_and_a_problem_never_a_label() -> None:
    result = verify_claims([BERLIN], [source()], FakeJudge({}, fail_question=True))
    assert result.checks[0].verdict == "unverified"
    assert [p.kind for p in result.problems] == ["judge_failed"]

    failing_evidence = FakeJudge({"in Berlin.": "yes", "Berlin on Sunday": "unverified"})
    result = verify_claims([BERLIN], [source()], failing_evidence, top_k=1)
    assert result.checks[0].verdict == "unverified"
    assert result.problems and result.findings == []


def test_claim_that_does_not_answer_its_own_question_is_unverified() -> None:
    result = verify_claims([BERLIN], [source()], FakeJudge({"Berlin": "not_stated"}))
    assert result.checks[0].verdict == "unverified"
    assert "does not fit the claim" in result.problems[0].message


def test_report_keeps_draft_claims_findings_and_backing_sources() -> None:
    nato = draft_claim("Ukraine dropped its bid to join NATO.", start=60)
    judge = FakeJudge(
        {"in Berlin.": "yes", "Berlin on Sunday": "yes", "dropped": "yes", "may": "uncertain"}
    )
    draft = Article(id="draft", text="x" * 120)
    result = verify_claims([BERLIN, nato], [source()], judge)
    run = RunInfo(factcheck_version="test", backend="fake", model="fake")
    report = result.to_report(run, draft=draft)
    assert [a.id for a in report.articles] == ["draft", "src"]
    assert [c.id for c in report.claims] == [BERLIN.id, nato.id]
    support = {s.claim_id: s for s in report.corroboration}
    assert support[BERLIN.id].supporting_article_ids == ["src"]
    assert support[nato.id].supporting_article_ids == []
    assert support[nato.id].contradicted_by == [report.findings[0].id]
    assert report.contradictions() and report.problems == []
    # The report layer takes it like any other report.
    assert parse_report(render_json(report)) == report
    assert report.findings[0].id in render_markdown(report)


def test_summary_sentences_are_claims_with_offsets_into_the_summary() -> None:
    summary = "U.K. activists marched in Bondi. Zelenskyy met Witkoff and Kushner in Berlin."
    judge = FakeJudge({"Witkoff": "yes", "marched": "yes"})
    result = verify_sentences(summary, SOURCE_TEXT, judge)
    claims = [check.claim for check in result.checks]
    assert len(claims) == 2
    for claim in claims:
        assert summary[claim.char_start : claim.char_end] == claim.quote == claim.statement
        assert (claim.attributed_to, claim.modality, claim.article_id) == (
            "the summary",
            "asserted",
            "summary",
        )
    assert [check.verdict for check in result.checks] == ["unsupported", "supported"]


def test_a_summary_line_that_looks_like_a_heading_is_still_checked() -> None:
    summary = "Four people arrested in London\nPolice said the protest was peaceful."
    sentences = every_sentence(summary)
    assert [s.text for s in sentences] == [
        "Four people arrested in London",
        "Police said the protest was peaceful.",
    ]
    assert [(s.index, s.line) for s in sentences] == [(1, 1), (2, 2)]
    for s in sentences:
        assert summary[s.char_start : s.char_end] == s.text
