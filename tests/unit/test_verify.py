"""Draft-against-sources verification with a fake contradiction model: verdicts, the
deciding sentence, findings, and the report they turn into."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from factcheck.comparison import every_sentence, verify_claims, verify_sentences
from factcheck.errors import ContradictionModelError
from factcheck.ingest.sentences import split_sentences
from factcheck.nli import WindowScores, sentence_spans
from factcheck.report import parse_report, render_json, render_markdown
from factcheck.schemas import Article, Claim, Modality, RunInfo, claim_id

SOURCE_TEXT = (
    "The council met in Leeds on Tuesday and approved the new library.\n"
    "Police are investigating a burglary at the town museum.\n"
    "The mayor may consider closing the old swimming pool."
)
CONTRADICT = (0.02, 0.08, 0.9)
ENTAIL = (0.9, 0.08, 0.02)


def source(article_id: str = "src", text: str = SOURCE_TEXT) -> Article:
    return Article(id=article_id, text=text, sentences=split_sentences(text))


def draft_claim(statement: str, *, start: int = 0, modality: Modality = "asserted") -> Claim:
    return Claim(
        id=claim_id("draft", start, start + len(statement), statement),
        article_id="draft",
        statement=statement,
        quote=statement,
        char_start=start,
        char_end=start + len(statement),
        attributed_to="the outlet",
        modality=modality,
    )


class FakeJudge:
    """One window per sentence of the premise; probabilities by (premise word, statement
    word), neutral otherwise. Counts the pairs it is given."""

    fingerprint = "fake"

    def __init__(self, rules: dict[tuple[str, str], tuple[float, float, float]],
                 *, fail: bool = False) -> None:  # fmt: skip
        self.rules = rules
        self.fail = fail
        self.pairs = 0

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[WindowScores]:
        if self.fail:
            raise ContradictionModelError("the model file is damaged")
        self.pairs += len(pairs)
        out = []
        for premise, statement in pairs:
            spans = sentence_spans(premise) or [(0, len(premise))]
            rows = []
            for start, end in spans:
                probs = (0.05, 0.9, 0.05)
                for (p, s), value in self.rules.items():
                    if p in premise[start:end] and s in statement:
                        probs = value
                rows.append(probs)
            out.append(WindowScores(tuple(spans), np.array(rows, dtype=np.float32)))
        return out


LIBRARY = draft_claim("The council approved the new library in Leeds.")


def test_supported_when_a_window_entails_the_claim() -> None:
    judge = FakeJudge({("approved the new library", "approved the new library"): ENTAIL})
    [check] = verify_claims([LIBRARY], [source()], judge).checks
    assert check.verdict == "supported"
    assert check.deciding is not None and "library" in check.deciding.sentence.text
    assert check.entailment > 0.8


def test_contradicted_becomes_a_finding_pointing_at_both_passages() -> None:
    rejected = draft_claim("The council rejected the new library in Leeds.", start=60)
    judge = FakeJudge({("approved the new library", "rejected"): CONTRADICT})
    result = verify_claims([rejected], [source()], judge)
    [check] = result.checks
    assert check.verdict == "contradicted"
    [finding] = result.findings
    assert finding.method == "contradiction_model"
    assert finding.probability is not None and finding.probability > 0.8
    draft_side, source_side = finding.sides
    assert draft_side.claim_id == rejected.id and draft_side.position == 0
    assert source_side.article_id == "src" and source_side.position == 1
    assert SOURCE_TEXT[source_side.char_start : source_side.char_end] == source_side.quote
    assert "library" in source_side.quote


def test_the_deciding_sentence_is_the_one_that_contradicts() -> None:
    text = "The bridge opened in May. It carries four lanes of traffic. Tolls start in June."
    judge = FakeJudge({("four lanes", "two lanes"): CONTRADICT})
    claim = draft_claim("The bridge carries two lanes of traffic.")
    [check] = verify_claims([claim], [source("b", text)], judge).checks
    assert check.verdict == "contradicted"
    assert check.deciding is not None
    assert check.deciding.sentence.text == "It carries four lanes of traffic."


def test_unsupported_when_no_window_says_anything() -> None:
    claim = draft_claim("The council approved a new stadium in Leeds.")
    [check] = verify_claims([claim], [source()], FakeJudge({})).checks
    assert check.verdict == "unsupported"
    assert check.finding is None


def test_a_name_the_sources_never_mention_is_never_supported() -> None:
    judge = FakeJudge({("approved", "approved"): ENTAIL, ("approved", "rejected"): CONTRADICT})
    claim = draft_claim("The council approved the new library in Bristol.")
    [check] = verify_claims([claim], [source()], judge).checks
    assert check.verdict == "unsupported"
    assert "Bristol" in check.note
    # The model still reads it: a contradiction is reported as one.
    claim = draft_claim("The council rejected the new library in Bristol.")
    [check] = verify_claims([claim], [source()], judge).checks
    assert check.verdict == "contradicted"


def test_a_failing_model_is_unverified_and_a_problem_never_a_label() -> None:
    result = verify_claims([LIBRARY], [source()], FakeJudge({}, fail=True))
    assert [c.verdict for c in result.checks] == ["unverified"]
    [problem] = result.problems
    assert problem.kind == "judge_failed"


def test_report_keeps_draft_claims_findings_and_backing_sources() -> None:
    rejected = draft_claim("The council rejected the new library in Leeds.", start=60)
    judge = FakeJudge({
        ("approved the new library", "rejected"): CONTRADICT,
        ("approved the new library", "approved the new library"): ENTAIL,
    })  # fmt: skip
    draft = Article(id="draft", text="x" * 120)
    result = verify_claims([LIBRARY, rejected], [source()], judge)
    run = RunInfo(factcheck_version="test", backend="fake", model="fake")
    report = result.to_report(run, draft=draft)
    assert [a.id for a in report.articles] == ["draft", "src"]
    assert [c.id for c in report.claims] == [LIBRARY.id, rejected.id]
    support = {s.claim_id: s for s in report.corroboration}
    assert support[LIBRARY.id].supporting_article_ids == ["src"]
    assert support[rejected.id].supporting_article_ids == []
    assert support[rejected.id].contradicted_by == [report.findings[0].id]
    assert report.contradictions() and report.problems == []
    assert parse_report(render_json(report)) == report
    assert report.findings[0].id in render_markdown(report)


def test_summary_sentences_are_claims_with_offsets_into_the_summary() -> None:
    summary = "Police marched in Leeds. The council approved the new library."
    judge = FakeJudge({("approved the new library", "approved the new library"): ENTAIL})
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


def test_a_figure_that_differs_from_the_aligned_source_sentence_is_contradicted_with_evidence() -> (
    None
):
    text = "The council approved the new library on Monday. It will have 40,000 books."
    sources = [Article(id="gazette", text=text, sentences=split_sentences(text))]
    claim = draft_claim("The new library will have 25,000 books.")
    # The model sees nothing wrong; the typed check on the two parses does.
    [check] = verify_claims([claim], sources, FakeJudge({})).checks
    assert check.verdict == "contradicted"
    assert check.finding is not None
    assert check.finding.method == "typed_check" and check.finding.kind == "number"
    [difference] = check.finding.differences
    assert "25,000 books" in difference.evidence_a and "40,000 books" in difference.evidence_b
