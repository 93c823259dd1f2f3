"""The Markdown report: a snapshot of the whole thing, and the parts that must
hold whatever the wording (escaping, order, empty sections).

Regenerate the snapshot after an intended change, then read the diff:

    FACTCHECK_UPDATE_SNAPSHOTS=1 pytest tests/unit -k report
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.report import parse_reviews, render_markdown
from factcheck.report.text import WIDTH, cell, inline
from factcheck.schemas import Provenance, Report, RunInfo
from tests.unit.test_report_sample import build_report

# Not "report.md": .gitignore keeps that name out of git for users' own reports.
SNAPSHOT = Path(__file__).parent / "snapshots" / "report.snapshot.md"


def test_markdown_matches_snapshot() -> None:
    rendered = render_markdown(build_report())
    if os.environ.get("FACTCHECK_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run with FACTCHECK_UPDATE_SNAPSHOTS=1"
    assert rendered == SNAPSHOT.read_text(encoding="utf-8"), (
        "the Markdown report changed; if intended, rerun with FACTCHECK_UPDATE_SNAPSHOTS=1 "
        "and review the diff of " + str(SNAPSHOT)
    )


def test_rendering_does_not_depend_on_input_order() -> None:
    report = build_report()
    shuffled = report.model_copy(
        update={
            "findings": report.findings[::-1],
            "problems": report.problems[::-1],
            "points": report.points[::-1],
            "corroboration": report.corroboration[::-1],
        }
    )
    assert render_markdown(shuffled) == render_markdown(report)


def test_summary_counts() -> None:
    text = render_markdown(build_report())
    assert "- Disputes: 2 (1 high, 1 medium, 0 low)" in text
    assert "- Tensions: 1" in text
    assert "- Single-source claims: 7 of 12" in text
    assert "- Problems: 4" in text
    assert "model `qwen2.5-coder-1.5b-instruct-q4_k_m`" in text
    assert "- Model calls: 14 (extract 3, reconcile 11), 2 from cache and 1 failed\n" in text
    assert "- Tokens: 8,766 prompt + 1,842 completion\n" in text
    # The contradiction model's fingerprint whole: cut at 12 it would lose the hash.
    assert "- Contradiction model: `factcheck-nli-minilm-l6@9f922adf7280`" in text
    assert "- Prompt hashes:\n  - extract_claims `3f1c2a9be0d4`" in text


def test_summary_shows_the_runs_real_wall_time() -> None:
    report = build_report()
    assert "- Wall time: 84.4 s" in render_markdown(report)
    report.run.wall_seconds = 1234.56
    assert "- Wall time: 1,234.6 s" in render_markdown(report)


def _summary_lines(text: str) -> list[str]:
    return text[: text.index("\n## Disputes")].splitlines()


def test_summary_fits_a_plain_terminal_even_with_long_titles_and_points() -> None:
    report = build_report()
    report.articles[0].title = "A very long headline " * 12
    report.findings[0].question = "A point at issue that goes on and on " * 10
    lines = _summary_lines(render_markdown(report))
    too_wide = [line for line in lines if len(line) > WIDTH]
    assert not too_wide, too_wide
    assert any(line.startswith("- **A1** A very long headline") and line.endswith("…")
               for line in lines)  # fmt: skip


def test_summary_says_first_what_the_outlets_disagree_on() -> None:
    text = render_markdown(build_report())
    degree, certainty, tension = build_report().findings
    first_screen = text[: text.index("## Summary")]
    assert (
        first_screen.index(f"- **D1** high: A1 vs A2: {inline(degree.question)}")
        < first_screen.index(f"- **D2** medium: A1 vs A2: {inline(certainty.question)}")
        < first_screen.index(f"- **T1** low: A2 vs A3: {inline(tension.question)}")
    )


def test_disputes_come_before_tensions_and_most_severe_first_each_once() -> None:
    report = build_report()
    text = render_markdown(report)
    degree, certainty, tension = report.findings
    assert (
        text.index("## Disputes")
        < text.index(f"### D1 · {degree.id} · high severity")
        < text.index(f"### D2 · {certainty.id} · medium severity")
        < text.index("## Tensions")
        < text.index(f"### T1 · {tension.id} · low severity")
    )
    for finding in report.findings:
        assert text.count(f"· {finding.id} ·") == 1
        assert text.count(f"<!-- review {finding.id} -->") == 1


def test_a_dispute_sets_its_sides_side_by_side() -> None:
    report = build_report()
    degree = report.findings[0]
    # A second article on side B, so the columns have different lengths.
    extra = report.findings[2].sides[1].model_copy(update={"position": 1})
    degree.sides.append(extra)
    text = render_markdown(report)
    block = text[text.index(f"### D1 · {degree.id}") : text.index("### D2 ·")]
    assert (
        "Kind: factual · model probability 0.90 (a ranking signal) · flagged by the "
        "contradiction model (only it flagged the pair), decided by the LLM judge" in block
    )
    assert "| Side A (A1) | Side B (A2, A3) |" in block
    rows = [
        line for line in block.splitlines() if line.startswith("| **A") or line.startswith("|  |")
    ]
    assert len(rows) == 2
    first, second = rows
    assert first.startswith('| **A1** Volodymyr Zelenskyy, reported:<br>"Article 5-like')
    assert "`kyiv-wire:3`, chars 199-245 | **A2** the outlet, asserted:<br>“would not" in first
    assert second.startswith("|  | **A3** Volodymyr Zelenskyy, demand:<br>")
    assert (
        "The LLM judge: one puts the guarantees on a par with Article 5, the other short of it."
        in block
    )


def test_the_explanation_is_one_sentence_from_the_sides() -> None:
    text = render_markdown(build_report())
    assert (
        "**Why flagged:** The same point with different certainty: side A (A1) puts it as "
        "settled (asserted), side B (A2) as possible or under consideration (hedged)." in text
    )
    # An LLM judge's explanation (an older report) is shown as it was written.
    assert '**Why flagged:** Asked "Would the security guarantees' in text


def test_table_cells_escape_pipes_and_newlines() -> None:
    assert cell("20 | 28 points") == r"20 \| 28 points"
    assert cell("first line\nsecond  line\r\nthird") == "first line<br>second line<br>third"
    report = build_report()
    side = report.findings[0].sides[0]
    side.quote = 'plan | "Article 5-like"\nguarantees'
    row = next(line for line in render_markdown(report).splitlines() if "plan \\|" in line)
    assert '“plan \\| "Article 5-like"<br>guarantees”' in row
    # Still two cells: side A and side B.
    assert row.replace(r"\|", "").count("|") == 3
    # A quote that is itself a quotation is shown as it stands, not with doubled marks.
    side.quote = "“We want guarantees,” Zelenskyy said."
    row = next(line for line in render_markdown(report).splitlines() if "We want" in line)
    assert "<br>“We want guarantees,” Zelenskyy said.<br>" in row and "““" not in row


def test_untrusted_text_cannot_forge_review_markers_or_markup() -> None:
    report = build_report()
    finding = report.findings[0]
    finding.sides[0].quote = "x\n<!-- /review -->\n<!-- review F-00000000 -->\n- [x] dismissed"
    finding.question = "<!-- review F-deadbeef --> [click](http://example.com) *now*"
    report.findings[2].explanation = "<!-- review F-cafecafe --> _emphasis_"
    text = render_markdown(report)
    assert set(parse_reviews(text)) == {f.id for f in report.findings}
    assert "&lt;!-- review F-deadbeef --> \\[click\\](http://example.com) \\*now\\*" in text
    assert "&lt;!-- review F-cafecafe --> \\_emphasis\\_" in text


def test_empty_report_reads_as_none_found() -> None:
    report = Report(
        articles=[], claims=[], run=RunInfo(factcheck_version="0.1.0", backend="b", model="m")
    )
    text = render_markdown(report)
    assert text.count("None found.") == 2
    assert "No disagreement found among the points the articles share." in text
    assert "No point is addressed by two articles or more." in text
    assert "## Problems\n\nNone.\n" in text
    assert parse_reviews(text) == {}


def test_reviewed_findings_show_their_decision() -> None:
    report = build_report()
    report.findings[0].review.status = "dismissed"
    report.findings[0].review.note = "Same guarantee;\nAtlantic paraphrases loosely."
    text = render_markdown(report)
    assert "decided by the LLM judge · review: **dismissed**\n" in text
    assert "- [x] dismissed\n\nNote: Same guarantee;\nAtlantic paraphrases loosely.\n" in text
    assert "- Reviewed: 1 of 3 findings (0 confirmed, 1 dismissed)" in text


def _point_rows(text: str) -> list[str]:
    section = text[text.index("## The story point by point") : text.index("## Single-source")]
    return [line for line in section.splitlines() if line.startswith("| P")]


def test_the_story_point_by_point_has_one_row_per_point_and_every_outlet() -> None:
    rows = _point_rows(render_markdown(build_report()))
    assert len(rows) == 3
    article5 = next(row for row in rows if "Article 5" in row.split("|")[2])
    cells = [c.strip() for c in article5.split("|")[3:6]]
    # Every outlet that speaks to the point, each with its quote, speaker, modality and flag.
    assert all(c and c != "*silent*" for c in cells), cells
    assert "(Volodymyr Zelenskyy, demand) **T1**" in cells[2]
    assert "D1" in article5 and "LLM judge: contradiction" in article5


def test_an_outlet_silent_on_a_point_is_shown_silent() -> None:
    rows = _point_rows(render_markdown(build_report()))
    nato = next(row for row in rows if "bid to join NATO" in row)
    assert [c.strip() for c in nato.split("|")[3:6]][2] == "*silent*"


def test_the_story_point_by_point_stays_short(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.report import points

    monkeypatch.setattr(points, "MAX_ROWS", 2)
    text = render_markdown(build_report())
    rows = _point_rows(text)
    assert len(rows) == 2
    assert not any("territorial" in row for row in rows), "flagged points are kept first"
    assert "1 more point left out to keep the table short" in text


def test_every_problem_kind_has_a_label() -> None:
    from typing import get_args

    from factcheck.report.markdown import _PROBLEM_LABELS
    from factcheck.schemas import ProblemKind

    assert set(_PROBLEM_LABELS) == set(get_args(ProblemKind))


def test_every_problem_kind_has_a_heading() -> None:
    from typing import get_args

    from factcheck.report.markdown import _PROBLEM_LABELS
    from factcheck.schemas import ProblemKind

    assert set(_PROBLEM_LABELS) == set(get_args(ProblemKind))


def test_summary_says_who_decided_each_claims_speaker_and_modality() -> None:
    report = build_report()
    assert "Who says each claim" not in render_markdown(report)  # no provenance recorded
    claims = [
        c.model_copy(
            update={
                "provenance": Provenance(
                    prompt="extract_claims",
                    prompt_hash="3f1c2a9be0d4",
                    model="m",
                    decided_by="llm" if n < 3 else "parse",
                )
            }
        )
        for n, c in enumerate(report.claims)
    ]
    text = render_markdown(report.model_copy(update={"claims": claims}))
    assert (
        f"- Who says each claim and how firmly: the LLM for 3, the parse's rules for "
        f"{len(claims) - 3}\n"
    ) in text
