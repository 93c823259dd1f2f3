"""The review block: written into the Markdown report, edited by hand, read back.

A reviewer decides on each finding in the report itself. Each finding gets
one block, delimited by HTML comments that GitHub does not show::

    <!-- review F-1a2b3c4d -->
    - [ ] confirmed
    - [ ] dismissed

    Note:
    <!-- /review -->

Ticking a box (``[x]``, ``[X]``, any mark) records the decision; everything
after ``Note:`` up to the closing marker is the note, over as many lines as
needed. Rendering and parsing live together here so the two cannot drift.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import ValidationError

from factcheck.errors import InputError
from factcheck.schemas import Review, ReviewStatus

if TYPE_CHECKING:
    from pathlib import Path

    from factcheck.schemas import Report

__all__ = [
    "REVIEW_END",
    "apply_reviews",
    "load_reviews",
    "parse_reviews",
    "review_block",
    "review_start",
]

REVIEW_END = "<!-- /review -->"
_DECISIONS: tuple[ReviewStatus, ...] = ("confirmed", "dismissed")

_START = re.compile(r"^\s*<!--\s*review\s+(?P<id>[^\s>]+)\s*-->\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*<!--\s*/\s*review\s*-->\s*$", re.IGNORECASE)
# Tolerant of what hands do to a task list: no bullet, "[ x ]", "[X]", a
# check mark instead of an x, text after the word.
_CHECKBOX = re.compile(
    r"^\s*(?:[-*+]\s*)?\[(?P<mark>[^\]]*)\]\s*(?P<status>confirmed|dismissed)\b",
    re.IGNORECASE,
)
_NOTE = re.compile(r"^\s*(?:\*\*|__)?note\s*:\s*(?:\*\*|__)?\s?(?P<text>.*)$", re.IGNORECASE)


def review_start(finding_id: str) -> str:
    return f"<!-- review {finding_id} -->"


def review_block(finding_id: str, review: Review) -> list[str]:
    """The lines of one finding's review block, pre-filled with ``review``."""

    def box(status: ReviewStatus) -> str:
        return f"- [{'x' if review.status == status else ' '}] {status}"

    # A note is the reviewer's own Markdown and goes out as written, except
    # that it must not close its block early.
    note = review.note.replace("<!--", "&lt;!--").strip().splitlines() or [""]
    first = f"Note: {note[0]}".rstrip()
    # The blank line matters on GitHub: without it "Note:" joins the last
    # list item. The closing comment needs none; it interrupts a paragraph.
    return [review_start(finding_id), *map(box, _DECISIONS), "", first, *note[1:], REVIEW_END]


def parse_reviews(markdown: str) -> dict[str, Review]:
    """Every review block in a rendered report, by finding id.

    Blocks left untouched come back as ``unreviewed`` with an empty note.
    Raises :class:`InputError` for a block with both boxes ticked, a block
    that is not closed, or a closing marker without its opening one, since
    guessing there would put a decision on the wrong finding.
    """
    reviews: dict[str, Review] = {}
    current: str | None = None
    body: list[str] = []
    opened_at = 0
    for number, line in enumerate(markdown.splitlines(), start=1):
        if start := _START.match(line):
            if current is not None:
                raise _unclosed(current, opened_at)
            current, body, opened_at = start["id"], [], number
        elif _END.match(line):
            if current is None:
                raise InputError(
                    f"line {number}: {REVIEW_END} without an opening "
                    "'<!-- review F-... -->' line; restore the opening marker with the "
                    "finding's id, or regenerate the report."
                )
            if current in reviews:
                raise InputError(
                    f"finding {current} has two review blocks; keep one and delete the other."
                )
            reviews[current] = _read_block(current, body)
            current = None
        elif current is not None:
            body.append(line)
    if current is not None:
        raise _unclosed(current, opened_at)
    return reviews


def _unclosed(finding_id: str, line: int) -> InputError:
    return InputError(
        f"the review block of finding {finding_id} (line {line}) is not closed; "
        f"put the line {REVIEW_END} back after its note."
    )


def _read_block(finding_id: str, body: list[str]) -> Review:
    ticked: list[ReviewStatus] = []
    note: list[str] | None = None
    for line in body:
        if note is not None:
            note.append(line.rstrip())
        elif match := _NOTE.match(line):
            note = [match["text"].rstrip()]
        elif (match := _CHECKBOX.match(line)) and match["mark"].strip():
            status: ReviewStatus = (
                "confirmed" if match["status"].lower() == "confirmed" else "dismissed"
            )
            if status not in ticked:
                ticked.append(status)
    if len(ticked) > 1:
        raise InputError(
            f"finding {finding_id} is ticked both confirmed and dismissed; untick one."
        )
    try:
        return Review(
            status=ticked[0] if ticked else "unreviewed",
            note="\n".join(note or []).strip(),
        )
    except ValidationError as exc:
        raise InputError(
            f"the note on finding {finding_id} is too long ({exc.error_count()} problem): "
            "keep it under 2000 characters."
        ) from exc


def apply_reviews(report: Report, reviews: dict[str, Review]) -> tuple[Report, list[str]]:
    """A copy of ``report`` whose findings carry the reviewer's decisions.

    Also returns, sorted, the ids of reviews that say something (a decision
    or a note) but match no finding any more, so the caller can warn that
    they were not carried over. Blank ones are dropped quietly: nothing is lost.
    """
    updated = report.model_copy(deep=True)
    for finding in updated.findings:
        if finding.id in reviews:
            finding.review = reviews[finding.id].model_copy()
    present = {finding.id for finding in updated.findings}
    orphans = sorted(
        finding_id
        for finding_id, review in reviews.items()
        if finding_id not in present and review != Review()
    )
    return updated, orphans


def load_reviews(path: Path) -> dict[str, Review]:
    """The reviews in a previously rendered report; ``{}`` when there is none yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the reviewed report {path}: {exc}. Check the path and that it "
            "is the UTF-8 Markdown factcheck wrote.",
            path=str(path),
        ) from exc
    try:
        return parse_reviews(text)
    except InputError as exc:
        raise InputError(f"{path}: {exc}", path=str(path)) from exc
