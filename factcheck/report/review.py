"""The review block: written into the Markdown report, edited by hand, read back.

A reviewer decides on each finding in the report itself. Each finding gets
one block, delimited by HTML comments that GitHub does not show::

    <!-- review F-1a2b3c4d -->
    - [ ] confirmed
    - [ ] dismissed

    Note:
    <!-- /review -->

Ticking a box (``[x]``, ``[X]``, any mark) records the decision, wherever the
box sits in the block; everything else the reviewer writes (words after the
decision, lines with or without the ``Note:`` label) is the note. The block is
also kept word for word (``Review.text``) and written back as it stands, so no
re-render loses a character of it; a block whose finding the run no longer
makes is kept under "Orphaned reviews". Rendering and parsing live together
here so the two cannot drift.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import ValidationError

from factcheck.errors import InputError
from factcheck.schemas import Problem, Review, ReviewStatus
from factcheck.schemas.report import FINDING_ID, REVIEW_TEXT_MAX_CHARS, OrphanedReview

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from factcheck.schemas import Report

__all__ = [
    "ORPHANS_INTRO",
    "REVIEW_END",
    "apply_reviews",
    "load_reviews",
    "parse_reviews",
    "review_block",
    "review_start",
    "unclear_ticks",
]

REVIEW_END = "<!-- /review -->"
_DECISIONS: tuple[ReviewStatus, ...] = ("confirmed", "dismissed")
_NOTE_MAX_CHARS = 2000
_UNTOUCHED = frozenset({*(f"- [ ] {status}" for status in _DECISIONS), "Note:"})

ORPHANS_INTRO = (
    "Reviews of findings this run no longer makes (their quotes moved, or the outlets no "
    "longer differ there), kept word for word so nothing a reviewer wrote is lost. A review "
    "goes back to its finding when the finding returns; to drop one, empty its block "
    "(untick the box and delete the words)."
)

_START = re.compile(r"^\s*<!--\s*review\s+(?P<id>[^\s>]+)\s*-->\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*<!--\s*/\s*review\s*-->\s*$", re.IGNORECASE)
# A task-list box, as hands leave it: no bullet, "[ x ]", "[X]", a check mark
# instead of an x. The mark is short and not followed by "(": "[see](url)" is a link.
_CHECKBOX = re.compile(
    r"^\s*(?:[-*+]\s*)?\[(?P<mark>[^\]]{0,3})\](?![(\[:])\s*(?P<word>[^\W\d_]*)(?P<rest>.*)$"
)
_NOTE = re.compile(r"^\s*(?:\*\*|__)?note\s*:\s*(?:\*\*|__)?\s?(?P<text>.*)$", re.IGNORECASE)
# What separates a decision from the words after it: "confirmed - see ticket 123".
_SEPARATOR = " \t-–—:;,."


def review_start(finding_id: str) -> str:
    # A report read from JSON has its ids checked by the schema; one built around the
    # schema must not get a marker line that opens some other block, or none.
    if not re.fullmatch(FINDING_ID, finding_id):
        raise ValueError(f"{finding_id[:40]!r} is not a finding id (F- and 8 hex digits)")
    return f"<!-- review {finding_id} -->"


def review_block(finding_id: str, review: Review) -> list[str]:
    """The lines of one finding's review block: the reviewer's own block, word for word,
    while it still reads as ``review``; else one written from ``review``."""
    if review.text is not None and _reads_as(finding_id, review):
        body = review.text.split("\n")
    else:
        body = _template(review)
    # A line that would open or close a block can only come from a JSON file (the
    # parser ends a block there); defused, it cannot forge another finding's review.
    body = [
        line.replace("<!--", "&lt;!--", 1) if _START.match(line) or _END.match(line) else line
        for line in body
    ]
    return [review_start(finding_id), *body, REVIEW_END]


def _template(review: Review) -> list[str]:
    def box(status: ReviewStatus) -> str:
        return f"- [{'x' if review.status == status else ' '}] {status}"

    note = review.note.strip().split("\n") or [""]
    # Note lines that would read back as a box or a label are escaped, so the block
    # reads back as this review.
    note = [note[0], *(_literal(line) for line in note[1:])]
    first = f"Note: {note[0]}".rstrip()
    # The blank line matters on GitHub: without it "Note:" joins the last
    # list item. The closing comment needs none; it interrupts a paragraph.
    return [*map(box, _DECISIONS), "", first, *note[1:]]


def _literal(line: str) -> str:
    if _CHECKBOX.match(line) or _NOTE.match(line):
        stripped = line.lstrip()
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line


def _reads_as(finding_id: str, review: Review) -> bool:
    try:
        read = _read_block(finding_id, (review.text or "").split("\n"))
    except InputError:
        return False
    return (read.status, read.note) == (review.status, review.note)


def parse_reviews(markdown: str) -> dict[str, Review]:
    """Every review block in a rendered report, by finding id.

    Blocks left untouched come back as ``unreviewed`` with an empty note and no text.
    Raises :class:`InputError` for a block with both boxes ticked, a block that is not
    closed, a closing marker without its opening one, or an opening one that names no
    finding id, since guessing there would put a decision on the wrong finding.
    """
    reviews: dict[str, Review] = {}
    current: str | None = None
    body: list[str] = []
    opened_at = 0
    # Lines end at "\n" only: splitlines() would also cut at characters a reviewer may
    # have typed (form feed, U+2028), and the block would not come back as written.
    for number, raw in enumerate(markdown.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if start := _START.match(line):
            if current is not None:
                raise _unclosed(current, opened_at)
            if not re.fullmatch(FINDING_ID, start["id"]):
                raise InputError(
                    f"line {number}: the review block names {start['id'][:40]!r}, not a "
                    "finding id (F- and 8 hex digits); restore the id it had, or regenerate "
                    "the report."
                )
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
    ticked, note, _ = _read(body)
    if len(ticked) > 1:
        raise InputError(
            f"finding {finding_id} is ticked both confirmed and dismissed; untick one."
        )
    # Kept unless it is the untouched template: a "." or a deleted label is the
    # reviewer's too, and only the block as written gives every character back.
    says_something = any(line.strip() not in _UNTOUCHED for line in body if line.strip())
    try:
        return Review(
            status=ticked[0] if ticked else "unreviewed",
            note=note,
            text="\n".join(body) if says_something else None,
        )
    except ValidationError as exc:
        raise InputError(
            f"the note on finding {finding_id} is too long ({exc.error_count()} problem): "
            f"keep it under {_NOTE_MAX_CHARS} characters and the block under "
            f"{REVIEW_TEXT_MAX_CHARS}."
        ) from exc


def _read(body: Iterable[str]) -> tuple[list[ReviewStatus], str, list[str]]:
    """The decisions ticked, the note (every word that is not a box or a label, in order,
    runs of blank lines as one) and the ticked boxes that name no decision."""
    ticked: list[ReviewStatus] = []
    unclear: list[str] = []
    lines: list[str] = []
    for line in body:
        if (box := _CHECKBOX.match(line)) is not None:
            word = box["word"].lower()
            if word in _DECISIONS:
                status: ReviewStatus = "confirmed" if word == "confirmed" else "dismissed"
                if box["mark"].strip() and status not in ticked:
                    ticked.append(status)
                lines.append(box["rest"].strip().lstrip(_SEPARATOR).strip())
                continue
            if box["mark"].strip():
                unclear.append(line.strip())
            lines.append(line.rstrip())
        elif (label := _NOTE.match(line)) is not None:
            lines.append(label["text"].rstrip())
        else:
            lines.append(line.rstrip())
    kept: list[str] = []
    for line in lines:
        if line.strip() or (kept and kept[-1].strip()):
            kept.append(line if line.strip() else "")
    return ticked, "\n".join(kept).strip(), unclear if not ticked else []


def unclear_ticks(review: Review) -> list[str]:
    """The ticked boxes of an undecided block that name neither decision (``[x] confimed``):
    the finding stays open, and the reviewer should hear why."""
    if review.text is None or review.status != "unreviewed":
        return []
    return _read(review.text.split("\n"))[2]


def apply_reviews(
    report: Report, reviews: dict[str, Review], *, source: str | None = None
) -> Report:
    """A copy of ``report`` whose findings carry the reviewer's decisions.

    A review that says something (a decision, a word) but matches no finding any more is
    kept in ``orphaned_reviews``, word for word, beside any the report already kept; an
    empty block drops the orphan of its id. Problems (``source``: where the reviews were
    read) say which reviews were orphaned and which blocks tick a box that is no decision;
    those of an earlier reading are replaced.
    """
    updated = report.model_copy(deep=True)
    findings = {finding.id: finding for finding in updated.findings}
    orphans = {o.finding_id: o.review for o in updated.orphaned_reviews}
    for finding_id, review in reviews.items():
        if finding_id in findings:
            findings[finding_id].review = review.model_copy()
            orphans.pop(finding_id, None)
        elif review == Review():
            orphans.pop(finding_id, None)
        else:
            orphans[finding_id] = review.model_copy()
    for finding_id in [i for i in orphans if i in findings]:
        # The finding is back: its review, kept while it was gone, goes back to it.
        findings[finding_id].review = orphans.pop(finding_id)
    updated.orphaned_reviews = [
        OrphanedReview(finding_id=i, review=orphans[i]) for i in sorted(orphans)
    ]
    updated.problems = [
        p for p in updated.problems if p.kind not in ("review_not_carried", "review_unclear")
    ]
    updated.problems += _problems(updated, source)
    return updated


def _problems(report: Report, source: str | None) -> list[Problem]:
    where = f" in {source}" if source else ""
    problems: list[Problem] = []
    if report.orphaned_reviews:
        ids = [o.finding_id for o in report.orphaned_reviews]
        problems.append(
            Problem(
                kind="review_not_carried",
                path=source,
                count=len(ids),
                message=(
                    f"{len(ids)} review(s){where} are of findings this run no longer makes; "
                    f"they are kept word for word under Orphaned reviews: {', '.join(ids[:10])}"
                    + (" and more" if len(ids) > 10 else "")
                ),
            )
        )
    reviewed = [(f.id, f.review) for f in report.findings]
    reviewed += [(o.finding_id, o.review) for o in report.orphaned_reviews]
    for finding_id, review in reviewed:
        for line in unclear_ticks(review):
            problems.append(
                Problem(
                    kind="review_unclear",
                    path=source,
                    message=(
                        f"finding {finding_id}: the ticked box {line[:80]!r}{where} is neither "
                        "confirmed nor dismissed, so the finding stays open; tick one of the "
                        "two (the text is kept)."
                    ),
                )
            )
    return problems


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
