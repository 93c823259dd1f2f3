"""Review decisions written into the Markdown by hand and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.report import apply_reviews, load_reviews, parse_reviews, render_markdown
from factcheck.schemas import Review
from tests.unit.test_report_sample import build_report


def block(finding_id: str, body: str) -> str:
    return f"<!-- review {finding_id} -->\n{body}\n<!-- /review -->\n"


def test_round_trip_keeps_the_reviewers_decisions() -> None:
    report = build_report()
    degree, certainty, tension = report.findings
    text = render_markdown(report)
    # What a reviewer does in an editor: tick boxes, write notes (one over two lines).
    text = text.replace(
        f"<!-- review {degree.id} -->\n- [ ] confirmed",
        f"<!-- review {degree.id} -->\n- [x] confirmed",
    )
    text = text.replace(
        f"<!-- review {tension.id} -->\n- [ ] confirmed\n- [ ] dismissed\n\nNote:",
        f"<!-- review {tension.id} -->\n- [ ] confirmed\n- [X] dismissed\n\n"
        "Note: Kyiv's demand vs the draft on the table;\nnot an error.",
    )
    reviews = parse_reviews(text)
    assert {i: (r.status, r.note) for i, r in reviews.items()} == {
        degree.id: ("confirmed", ""),
        certainty.id: ("unreviewed", ""),
        tension.id: ("dismissed", "Kyiv's demand vs the draft on the table;\nnot an error."),
    }
    assert reviews[certainty.id] == Review(), "an untouched block keeps no text"

    fresh = build_report()
    updated = apply_reviews(fresh, reviews)
    assert updated.orphaned_reviews == [] and updated.problems == fresh.problems
    assert [f.review.status for f in updated.findings] == ["confirmed", "unreviewed", "dismissed"]
    assert all(f.review == Review() for f in fresh.findings), "the input report is not changed"

    again = render_markdown(updated)
    assert f"<!-- review {degree.id} -->\n- [x] confirmed\n- [ ] dismissed\n" in again
    # The reviewer's block comes back as they left it, "[X]" included.
    assert "- [X] dismissed\n\nNote: Kyiv's demand vs the draft on the table;\nnot" in again
    assert parse_reviews(again) == reviews


def test_both_boxes_ticked_is_an_error_naming_the_finding() -> None:
    text = block("F-1234abcd", "- [x] confirmed\n- [X] dismissed\n\nNote:")
    with pytest.raises(InputError, match="F-1234abcd"):
        parse_reviews(text)


@pytest.mark.parametrize(
    "body",
    [
        "- [x] confirmed\n- [ ] dismissed",
        "- [X] confirmed",
        "  -   [ x ]   Confirmed   (checked against the transcript)",
        "* [✓] confirmed",
        "[x] confirmed",
        "- [x] confirmed\n- [x] confirmed",
    ],
)
def test_ticks_are_read_tolerantly(body: str) -> None:
    assert parse_reviews(block("F-1234abcd", body))["F-1234abcd"].status == "confirmed"


def test_note_runs_to_the_end_marker() -> None:
    text = block(
        "F-1234abcd",
        "- [ ] confirmed\n- [x] dismissed\n\n**Note:** same claim, different wording.\n"
        "  - the wire rewrote it\n\n",
    )
    review = parse_reviews(text)["F-1234abcd"]
    assert review.status == "dismissed"
    assert review.note == "same claim, different wording.\n  - the wire rewrote it"


def test_windows_line_endings() -> None:
    text = block("F-1234abcd", "- [ ] confirmed\n- [x] dismissed\n\nNote: a\nb").replace(
        "\n", "\r\n"
    )
    review = parse_reviews(text)["F-1234abcd"]
    assert (review.status, review.note) == ("dismissed", "a\nb")
    assert review.text == "- [ ] confirmed\n- [x] dismissed\n\nNote: a\nb"


def test_untouched_block_is_unreviewed() -> None:
    text = block("F-1234abcd", "- [ ] confirmed\n- [ ] dismissed\n\nNote:")
    assert parse_reviews(text) == {"F-1234abcd": Review()}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<!-- review F-1234abcd -->\n- [x] confirmed\n", "not closed"),
        (
            "<!-- review F-1234abcd -->\n- [x] confirmed\n<!-- review F-5678abcd -->\n",
            "F-1234abcd",
        ),
        ("- [x] confirmed\n<!-- /review -->\n", "without an opening"),
        (block("F-1234abcd", "") + block("F-1234abcd", ""), "two review blocks"),
        (block("F-1234abcd", "Note: " + "x" * 2001), "under 2000 characters"),
    ],
)
def test_damaged_blocks_are_errors_not_guesses(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_reviews(text)


def test_reviews_of_vanished_findings_are_kept_and_named() -> None:
    report = build_report()
    reviews = {
        report.findings[0].id: Review(status="confirmed"),
        "F-00000000": Review(status="dismissed"),
        "F-11111111": Review(note="check with the Berlin desk"),
        "F-22222222": Review(),
    }
    updated = apply_reviews(report, reviews, source="r.md")
    assert [(o.finding_id, o.review) for o in updated.orphaned_reviews] == [
        ("F-00000000", Review(status="dismissed")),
        ("F-11111111", Review(note="check with the Berlin desk")),
    ]
    (problem,) = [p for p in updated.problems if p.kind == "review_not_carried"]
    assert problem.count == 2 and problem.path == "r.md"
    assert "F-00000000, F-11111111" in problem.message and "Orphaned reviews" in problem.message
    assert updated.findings[0].review.status == "confirmed"


def test_load_reviews(tmp_path: Path) -> None:
    assert load_reviews(tmp_path / "missing.md") == {}
    path = tmp_path / "report.md"
    path.write_text(block("F-1234abcd", "- [x] dismissed"), encoding="utf-8")
    assert load_reviews(path)["F-1234abcd"].status == "dismissed"
    path.write_text(block("F-1234abcd", "- [x] dismissed\n- [x] confirmed"), encoding="utf-8")
    with pytest.raises(InputError, match=str(path)):
        load_reviews(path)


# A report in the layout before disputes were numbered and their sides set side
# by side (issue 18), as a reviewer left it: one box ticked with [x], one with [X]
# and a two-line note, one block with a note only.
OLD_LAYOUT = Path(__file__).parent / "snapshots" / "old_layout_reviewed.md"


def test_review_blocks_in_the_old_layout_still_read_and_survive_a_rerun() -> None:
    old = OLD_LAYOUT.read_text(encoding="utf-8")
    assert "## Contradictions" in old and "## Disputes" not in old, "not the old layout"
    carried = apply_reviews(build_report(), parse_reviews(old))
    assert carried.orphaned_reviews == []
    assert [(f.review.status, f.review.note) for f in carried.findings] == [
        ("confirmed", ""),
        ("dismissed", "both outlets hedge; the wire rewrote it.\nChecked with the Kyiv desk."),
        ("unreviewed", "ask Berlin for the draft text"),
    ]
    # Rendered in the new layout and read back again: the same decisions.
    rerendered = render_markdown(carried)
    assert "## Disputes" in rerendered
    assert parse_reviews(rerendered) == {f.id: f.review for f in carried.findings}
