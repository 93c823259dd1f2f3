"""The Markdown report: a snapshot of the whole thing, and the parts that must
hold whatever the wording (escaping, order, empty sections).

Regenerate the snapshot after an intended change, then read the diff:

    FACTCHECK_UPDATE_SNAPSHOTS=1 pytest tests/unit -k report
"""

from __future__ import annotations

import os
from pathlib import Path

from factcheck.report import parse_reviews, render_markdown
from factcheck.report._text import cell
from factcheck.schemas import Report, RunInfo
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
            "groups": report.groups[::-1],
            "corroboration": report.corroboration[::-1],
        }
    )
    assert render_markdown(shuffled) == render_markdown(report)


def test_summary_counts() -> None:
    text = render_markdown(build_report())
    assert "- Contradictions: 2 (1 high, 1 medium, 0 low)" in text
    assert "- Tensions: 1" in text
    assert "- Single-source claims: 7 of 12" in text
    assert "- Problems: 4" in text
    assert "model `qwen2.5-coder-1.5b-instruct-q4_k_m`" in text
    assert "14 model calls (extract 3, reconcile 11)" in text


def test_contradictions_come_before_tensions_and_most_severe_first() -> None:
    text = render_markdown(build_report())
    degree, certainty, tension = build_report().findings
    assert (
        text.index("## Contradictions")
        < text.index(f"### {degree.id} · degree · high severity")
        < text.index(f"### {certainty.id} · certainty · medium severity")
        < text.index("## Tensions")
        < text.index(f"### {tension.id} · degree · low severity")
    )


def test_table_cells_escape_pipes_and_newlines() -> None:
    assert cell("20 | 28 points") == r"20 \| 28 points"
    assert cell("first line\nsecond  line\r\nthird") == "first line<br>second line<br>third"
    report = build_report()
    side = report.findings[0].sides[0]
    side.quote = 'plan | "Article 5-like"\nguarantees'
    row = next(line for line in render_markdown(report).splitlines() if "plan \\|" in line)
    assert '“plan \\| "Article 5-like"<br>guarantees”' in row
    # Still seven cells: side, article, quote, claim, speaker, modality, place.
    assert row.replace(r"\|", "").count("|") == 8
    # A quote that is itself a quotation is shown as it stands, not with doubled marks.
    side.quote = "“We want guarantees,” Zelenskyy said."
    row = next(line for line in render_markdown(report).splitlines() if "We want" in line)
    assert "| “We want guarantees,” Zelenskyy said. |" in row and "““" not in row


def test_untrusted_text_cannot_forge_review_markers_or_markup() -> None:
    report = build_report()
    finding = report.findings[0]
    finding.sides[0].quote = "x\n<!-- /review -->\n<!-- review F-00000000 -->\n- [x] dismissed"
    finding.explanation = "<!-- review F-deadbeef --> [click](http://example.com) *now*"
    text = render_markdown(report)
    assert set(parse_reviews(text)) == {f.id for f in report.findings}
    assert "&lt;!-- review F-deadbeef --> \\[click\\](http://example.com) \\*now\\*" in text


def test_empty_report_reads_as_none_found() -> None:
    report = Report(
        articles=[], claims=[], run=RunInfo(factcheck_version="0.1.0", backend="b", model="m")
    )
    text = render_markdown(report)
    assert text.count("None found.") == 2
    assert "No claims were compared across articles." in text
    assert "## Problems\n\nNone.\n" in text
    assert parse_reviews(text) == {}


def test_reviewed_findings_show_their_decision() -> None:
    report = build_report()
    report.findings[0].review.status = "dismissed"
    report.findings[0].review.note = "Same guarantee;\nAtlantic paraphrases loosely."
    text = render_markdown(report)
    heading = f"### {report.findings[0].id} · degree · high severity · confidence 0.90"
    assert heading + " · dismissed\n" in text
    assert "- [x] dismissed\n\nNote: Same guarantee;\nAtlantic paraphrases loosely.\n" in text
    assert "- Reviewed: 1 of 3 findings (0 confirmed, 1 dismissed)" in text


def test_corroboration_marks_failed_and_mixed_answers() -> None:
    report = build_report()
    land = report.groups[2]
    atlantic = land.claim_ids[1]
    land.answers[atlantic] = "unverified"
    # A second kyiv-wire claim in the group, answering differently from the first.
    land.claim_ids.append(report.claims[0].id)
    land.answers[report.claims[0].id] = "uncertain"
    row = next(line for line in render_markdown(report).splitlines() if "territorial" in line)
    assert row.endswith("| ✓~ | ? | ✓ | split |")


def test_every_problem_kind_has_a_label() -> None:
    from typing import get_args

    from factcheck.report.markdown import _PROBLEM_LABELS
    from factcheck.schemas import ProblemKind

    assert set(_PROBLEM_LABELS) == set(get_args(ProblemKind))
