"""Nothing a reviewer writes in a review block is lost, however often the report is
rendered again: words after the decision, a note without its label, a tick below the
note, a box that names no decision, and blocks whose finding the new run no longer makes."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError
from factcheck.report import apply_reviews, parse_reviews, render_markdown
from factcheck.schemas import Report, Review
from factcheck.schemas.report import OrphanedReview
from tests.unit.test_report_sample import build_report

BLOCK = re.compile(r"^<!-- review (F-[0-9a-f]{8}) -->\n(.*?)\n<!-- /review -->$", re.M | re.S)


def blocks(markdown: str) -> dict[str, str]:
    """Each review block's body, by finding id."""
    return {m[1]: m[2] for m in BLOCK.finditer(markdown)}


def rerender(markdown: str, report: Report) -> str:
    """What ``factcheck report`` does with a previous Markdown: carry its reviews over."""
    return render_markdown(apply_reviews(report, parse_reviews(markdown)))


def edit(markdown: str, finding_id: str, body: str) -> str:
    old = blocks(markdown)[finding_id]
    start = f"<!-- review {finding_id} -->\n"
    return markdown.replace(start + old + "\n", start + body + "\n", 1)


TEMPLATE = "- [ ] confirmed\n- [ ] dismissed\n\nNote:"


@pytest.mark.parametrize(
    ("body", "status", "note"),
    [
        (
            "- [x] confirmed - checked with the wire copy, see ticket 123\n"
            "- [ ] dismissed\n\nNote:",
            "confirmed",
            "checked with the wire copy, see ticket 123",
        ),
        (
            "- [ ] confirmed\n- [x] dismissed\n\nThe Atlantic paraphrases; same guarantee.",
            "dismissed",
            "The Atlantic paraphrases; same guarantee.",
        ),
        (
            "- [ ] confirmed\n- [ ] dismissed\n\nNote: read the transcript\n- [x] confirmed",
            "confirmed",
            "read the transcript",
        ),
        ("- [x] confimed\n- [ ] dismissed\n\nNote:", "unreviewed", "- [x] confimed"),
    ],
    ids=["words-after-decision", "note-without-label", "tick-below-note", "misspelled"],
)
def test_every_word_of_a_block_survives_two_rerenders(body: str, status: str, note: str) -> None:
    report = build_report()
    finding = report.findings[1].id
    edited = edit(render_markdown(report), finding, body)
    once = rerender(edited, build_report())
    twice = rerender(once, build_report())
    assert blocks(once)[finding] == body and blocks(twice)[finding] == body
    assert once == twice
    review = parse_reviews(twice)[finding]
    assert (review.status, review.note) == (status, note)
    shown = "open" if status == "unreviewed" else f"**{status}**"
    assert f"review: {shown}" in twice.split(f"<!-- review {finding} -->")[0].rsplit("###", 1)[1]


def test_a_box_that_names_no_decision_is_a_problem_not_a_silent_open() -> None:
    report = build_report()
    finding = report.findings[0].id
    edited = edit(render_markdown(report), finding, "- [x] confimed\n- [ ] dismissed\n\nNote:")
    carried = apply_reviews(build_report(), parse_reviews(edited), source="r.md")
    (problem,) = [p for p in carried.problems if p.kind == "review_unclear"]
    assert finding in problem.message and "'- [x] confimed'" in problem.message
    assert problem.path == "r.md"
    text = render_markdown(carried)
    assert "**Ticked boxes that are no decision** (`r.md`)" in text
    # Read again: one problem, not one more per reading.
    again = apply_reviews(carried, parse_reviews(text), source="r.md")
    assert [p.kind for p in again.problems].count("review_unclear") == 1


def test_a_review_of_a_vanished_finding_is_kept_verbatim_across_rerenders() -> None:
    report = build_report()
    gone = report.findings[2]
    body = "- [ ] confirmed\n- [x] dismissed  (the draft, not the deal)\n\nasked Berlin"
    edited = edit(render_markdown(report), gone.id, body)
    smaller = build_report()
    smaller.findings = smaller.findings[:2]

    texts = [edited]
    for _ in range(3):
        texts.append(rerender(texts[-1], smaller))
    for text in texts[1:]:
        orphans = text[text.index("## Orphaned reviews") : text.index("## Problems")]
        assert f"<!-- review {gone.id} -->\n{body}\n<!-- /review -->" in orphans
        assert "are kept word for word under Orphaned reviews: " + gone.id in text
    assert texts[1] == texts[2] == texts[3]

    # The finding comes back: its review goes back to it, and the orphan is gone.
    back = rerender(texts[-1], build_report())
    assert "## Orphaned reviews" not in back and blocks(back)[gone.id] == body
    assert parse_reviews(back)[gone.id].status == "dismissed"


def test_an_emptied_orphan_is_dropped_and_an_untouched_one_never_kept() -> None:
    report = build_report()
    smaller = build_report()
    smaller.findings = smaller.findings[:2]
    # Untouched: nothing a reviewer wrote, so nothing to keep.
    assert "## Orphaned reviews" not in rerender(render_markdown(report), smaller)
    kept = rerender(
        edit(render_markdown(report), report.findings[2].id, "- [x] confirmed"), smaller
    )
    assert "## Orphaned reviews" in kept
    emptied = edit(kept, report.findings[2].id, TEMPLATE)
    assert "## Orphaned reviews" not in rerender(emptied, smaller)


def test_orphans_in_the_json_report_survive_a_render_from_it() -> None:
    report = build_report()
    orphan = OrphanedReview(
        finding_id="F-0000beef", review=Review(status="confirmed", note="x", text="[x] confirmed x")
    )
    report.orphaned_reviews = [orphan]
    text = render_markdown(report)
    assert "<!-- review F-0000beef -->\n[x] confirmed x\n<!-- /review -->" in text
    # A Markdown that does not mention it leaves it be.
    assert apply_reviews(report, {}).orphaned_reviews == [orphan]


def test_a_block_naming_no_finding_id_is_an_error() -> None:
    with pytest.raises(InputError, match="not a finding id"):
        parse_reviews("<!-- review <img -->\n- [x] confirmed\n<!-- /review -->\n")


def test_a_review_from_json_cannot_forge_blocks() -> None:
    report = build_report()
    first, second = report.findings[:2]
    first.review = Review(
        status="confirmed",
        note="ok",
        text="- [x] confirmed\nok\n<!-- /review -->\n<!-- review "
        + second.id
        + " -->\n[x] dismissed",
    )
    second.review = Review(note="x\n<!-- /review -->\n<!-- review F-0000beef -->\n- [x] confirmed")
    text = render_markdown(report)
    reviews = parse_reviews(text)
    assert set(reviews) == {f.id for f in report.findings}
    assert reviews[second.id].status == "unreviewed"
    assert "\n&lt;!-- review F-0000beef -->\n" in text


def test_a_json_review_that_disagrees_with_its_text_is_written_from_the_decision() -> None:
    report = build_report()
    # The text says confirmed; the JSON (edited since) says dismissed: the decision wins.
    report.findings[0].review = Review(status="dismissed", note="", text="- [x] confirmed")
    body = blocks(render_markdown(report))[report.findings[0].id]
    assert body == "- [ ] confirmed\n- [x] dismissed\n\nNote:"


# ---- the property: random reviewer text, anywhere in a block, two re-renders -----------

_LINE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\n\r"),
    min_size=1,
    max_size=40,
).filter(lambda s: not re.match(r"^\s*<!--", s))
_EDIT = st.tuples(st.sampled_from(["after-word", "new-line", "after-note", "tick"]), _LINE)


def _apply_edit(body: list[str], kind: str, text: str, where: int) -> list[str]:
    if kind == "after-word":  # text after "confirmed" or "dismissed"
        i = where % 2
        return [*body[:i], body[i] + " " + text, *body[i + 1 :]]
    if kind == "new-line":  # a line of its own anywhere, with or without a label
        i = where % (len(body) + 1)
        return [*body[:i], text, *body[i:]]
    if kind == "after-note":
        return [line + " " + text if line.startswith("Note:") else line for line in body]
    i = where % 2  # tick one box with a mark of the reviewer's choosing
    return [*body[:i], body[i].replace("[ ]", f"[{text[0]}]"), *body[i + 1 :]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(st.tuples(_EDIT, st.integers(0, 10)), min_size=1, max_size=4),
    target=st.integers(0, 2),
    vanish=st.booleans(),
)
def test_random_reviewer_text_survives_two_rerenders(
    edits: list[tuple[tuple[str, str], int]], target: int, vanish: bool
) -> None:
    report = build_report()
    finding = report.findings[target].id
    body = TEMPLATE.split("\n")
    for (kind, text), where in edits:
        body = _apply_edit(body, kind, text, where)
    edited = edit(render_markdown(report), finding, "\n".join(body))
    try:
        first = parse_reviews(edited)[finding]
    except InputError:
        assume(False)  # both boxes ticked, or a note over the limit: refused, not lost
        raise
    next_run = build_report()
    if vanish:
        next_run.findings = [f for f in next_run.findings if f.id != finding]
    once = rerender(edited, next_run)
    twice = rerender(once, next_run)
    assert once == twice
    if first.text is not None:
        # Everything the reviewer wrote is there, word for word, in one block.
        assert blocks(twice)[finding] == "\n".join(body)
        assert parse_reviews(twice)[finding] == first
    else:
        # Nothing was written but blanks: the block is the untouched template, or gone.
        assert all(line.strip() in TEMPLATE.split("\n") for line in body)
        assert blocks(twice).get(finding, TEMPLATE) == TEMPLATE
