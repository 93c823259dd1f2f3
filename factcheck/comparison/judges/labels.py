"""A short heading for each point of the story: the LLM's, checked, or one from the parse.

One LLM call per point (``prompts/label_point.yaml``, any backend). The answer is checked
before it is used: at most ``LABEL_WORDS`` words, every name and figure it mentions also in
the point's quotes (the typed mentions of :mod:`factcheck.comparison.checks.typed`, and every digit
written out), and at least one word of the quotes. A label that fails, or a call that fails,
leaves the heading the parse gave (:func:`parse_heading`), and is counted as a problem.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from factcheck.comparison.checks.typed import unmentioned
from factcheck.errors import ModelCallError, ModelOutputError
from factcheck.language import STOPWORDS, WORD_TOKEN, without_possessive
from factcheck.llm import LLM, Prompt, load_prompt
from factcheck.parse import read_facts
from factcheck.schemas import Claim, ClaimFacts, Point, PointStatement, Problem

__all__ = [
    "LABEL_QUOTE_WORDS",
    "LABEL_STATEMENTS",
    "LABEL_WORDS",
    "PROMPT",
    "PointLabel",
    "check_label",
    "label_points",
    "parse_heading",
]

PROMPT = "label_point"
LABEL_WORDS = 12
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


class PointLabel(BaseModel):
    """The LLM's answer: a heading for one point."""

    model_config = ConfigDict(extra="forbid")

    label: Annotated[str, Field(min_length=3, max_length=100)]


def _cut(text: str, words: int = LABEL_WORDS) -> str:
    found = text.split()
    short = " ".join(found[:words]).rstrip(".,;:")
    return short + ("…" if len(found) > words else "")


def _from_subject(claim: Claim, facts: ClaimFacts) -> str:
    """The quote from its event's subject on (past a reporting frame: "Officials said the
    plant closed" -> "plant closed"), or the whole quote."""
    text = " ".join(claim.quote.split()).strip("“”\"' ")
    event = facts.event
    if event is not None and event.subject:
        stem = event.subject.split()[0][:5].lower()
        match = re.search(rf"\b{re.escape(stem)}", text, re.IGNORECASE)
        if match is not None and match.start() > 0:
            # The determiner before the subject comes along ("the plant").
            before = text[: match.start()].split()
            start = match.start()
            if before and before[-1].lower() in {"the", "a", "an", "its", "their", "his", "her"}:
                start = text.rindex(before[-1], 0, match.start())
            text = text[start:]
    return text


def parse_heading(claims: Sequence[Claim], facts: Sequence[ClaimFacts]) -> str:
    """A heading read off the parse, in the point's own words: the shortest statement from
    its event's subject on, cut at ``LABEL_WORDS`` words."""
    candidates = [_from_subject(c, f) for c, f in zip(claims, facts, strict=True)]
    best = min(candidates, key=lambda t: (len(t.split()) < 4, len(t), t))
    heading = _cut(best)
    return (heading[:1].upper() + heading[1:])[:160] or "(no words)"


def _content_words(text: str) -> set[str]:
    return {
        w.lower() for w in WORD_TOKEN.findall(text) if w.lower() not in STOPWORDS and len(w) > 2
    }


def check_label(label: str, quotes: Sequence[str], facts: Sequence[ClaimFacts]) -> str | None:
    """Why ``label`` cannot head a point whose quotes are ``quotes`` (parsed as ``facts``),
    or None when it can."""
    words = label.split()
    if len(words) > LABEL_WORDS:
        return f"{len(words)} words (at most {LABEL_WORDS})"
    text = " ".join(" ".join(quotes).split())
    figures = set(_DIGITS.findall(text))
    for figure in _DIGITS.findall(label):
        if figure not in figures:
            return f"the figure {figure} is in no quote"
    missing = unmentioned(read_facts(label), facts)
    if missing:
        return f"{missing[0].kind} {missing[0].text!r} is in no quote"
    if not _content_words(label) & _content_words(text):
        return "no word of the quotes"
    return None


LABEL_STATEMENTS = 4
"""Statements a label call reads at most: the flagged ones first, then one an outlet."""
LABEL_QUOTE_WORDS = 30
"""Words of each quote a label call reads (a heading needs the gist, not the sentence)."""


def _shown(point: Point) -> list[PointStatement]:
    """The statements a label is asked from: those a flag rests on, then each outlet's
    first, then the rest, at most ``LABEL_STATEMENTS``: the prompt stays short however
    large the point, and the label is of what the flags are about."""
    flagged = {c for flag in point.flags for c in flag.claim_ids}
    order = sorted(
        range(len(point.statements)),
        key=lambda n: (point.statements[n].claim_id not in flagged, n),
    )
    chosen: list[int] = []
    outlets: set[str] = set()
    for n in order:  # one an outlet first
        if point.statements[n].article_id not in outlets:
            outlets.add(point.statements[n].article_id)
            chosen.append(n)
    chosen += [n for n in order if n not in chosen]
    return [point.statements[n] for n in sorted(chosen[:LABEL_STATEMENTS])]


def _statements(point: Point) -> str:
    return "\n".join(
        f'- "{_cut(" ".join(s.quote.split()), LABEL_QUOTE_WORDS)}"' for s in _shown(point)
    )


def _sentence_case(label: str, text: str) -> str:
    """``label`` with each capitalised word that the quotes write only in lower case
    lowered (a heading in title case, "Budget Plan", names nothing); a word the quotes
    never write stays as it is, so a new name is still caught by the check."""
    written = {_bare(w) for w in WORD_TOKEN.findall(text)}
    capitalised = {w for w in written if w[:1].isupper()}
    return " ".join(
        w.lower()
        if w[:1].isupper() and _bare(w) not in capitalised and _bare(w).lower() in written
        else w
        for w in label.split()
    )


def _bare(word: str) -> str:
    return without_possessive(word.strip(".,;:!?\"'“”"))


def label_points(
    points: Sequence[Point],
    claims: Sequence[Claim],
    llm: LLM,
    prompt: Prompt | None = None,
) -> tuple[list[Point], list[Problem]]:
    """``points`` with the LLM's checked label as heading; one call per point. A failed call
    or a label that fails :func:`check_label` keeps the parse's heading and is counted."""
    prompt = prompt or load_prompt(PROMPT)
    by_id = {c.id: c for c in claims}
    out: list[Point] = []
    failed: list[str] = []
    for point in points:
        quotes = [s.quote for s in point.statements]
        rendered = prompt.render(statements=_statements(point))
        try:
            answer = llm.generate(rendered, PointLabel, stage="label")
        except (ModelCallError, ModelOutputError) as exc:
            failed.append(f"{point.id} (call failed: {str(exc)[:80]})")
            out.append(point)
            continue
        label = _sentence_case(" ".join(answer.label.split()).strip(" .\"'“”"), " ".join(quotes))
        facts = [
            by_id[s.claim_id].facts or read_facts(s.quote)
            for s in point.statements
            if s.claim_id in by_id
        ]
        reason = check_label(label, quotes, facts)
        if reason is not None:
            failed.append(f"{point.id} ({reason})")
            out.append(point)
            continue
        heading = label[:1].upper() + label[1:160]
        out.append(point.model_copy(update={"heading": heading, "heading_by": "llm"}))
    problems = []
    if failed:
        problems.append(
            Problem(
                kind="label_fallback",
                count=len(failed),
                message=(
                    f"{len(failed)} of {len(points)} point label(s) from the LLM failed the "
                    f"check and keep the parse's heading: {'; '.join(failed[:6])}"
                )[:400],
            )
        )
    return out, problems
