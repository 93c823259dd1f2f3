"""What the model is asked to return for extraction, and how it is checked.

Strings are bounded (``max_length``) because an unbounded field lets a small
model loop until the token limit. Sentence pointers are checked against the
article the validator receives through instructor's ``context``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from factcheck.ingest.words import content_words
from factcheck.schemas import Modality

__all__ = [
    "ClaimDraft",
    "ClaimDrafts",
    "grounding_problem",
    "partition_grounded",
    "tidy_statement",
]


def _content_words(text: str) -> set[str]:
    return set(content_words(text))


def grounding_problem(statement: str, sentence: str, title: str = "") -> str | None:
    """Why a statement is not supported by its sentence, or None when it is.

    A statement must share most of its content words with the sentence (or the
    title, for names the sentence refers to by pronoun); a statement that does
    not was written from somewhere else and cannot cite this quote.
    """
    words = _content_words(statement)
    if not words:
        return "the statement has no content words"
    found = _content_words(sentence) | _content_words(title)
    share = len(words & found) / len(words)
    if share < 0.5:
        return f"only {share:.0%} of the statement's words occur in sentence it cites"
    return None


MAX_CLAIMS_PER_WINDOW = 8
"""A window holds up to 8 sentences (6, plus a short tail); one claim each."""

# An object the small model fills in when the predicate already says it all
# ("Ukraine" / "continues to reject demands to cede territory" / "true").
_PLACEHOLDER = re.compile(r"(?i)true|false|yes|no|none|null|n/?a|unknown|-*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_LATIN = re.compile(r"[A-Za-z]")
_POSSESSIVE = ("'s", "’s", "'", "’")


def _bare(token: str) -> str:
    lowered = token.lower().strip(".,;:")
    for ending in _POSSESSIVE:
        if lowered.endswith(ending):
            return lowered[: -len(ending)]
    return lowered


def tidy_statement(text: str) -> str:
    """One clean sentence from a triple the small model joined clumsily.

    The parts often overlap ("shift Ukraine" + "Ukraine's focus", "NATO" +
    "NATO membership"), so a run of words repeated right after itself is kept
    once, a word followed by its own possessive is dropped, and a stray run of
    another script in an English statement (the 1.5B model sometimes slips
    into Chinese mid-phrase) is removed.
    """
    if len(_LATIN.findall(text)) > 2 * sum(len(m) for m in _CJK.findall(text)):
        text = _CJK.sub(" ", text)
    words = text.split()
    changed = True
    while changed:
        changed = False
        for n in (4, 3, 2, 1):
            for i in range(len(words) - 2 * n + 1):
                first = [w.lower().strip(".,;:") for w in words[i : i + n]]
                second = [w.lower().strip(".,;:") for w in words[i + n : i + 2 * n]]
                if first == second:
                    del words[i + n : i + 2 * n]
                    changed = True
                    break
                if (
                    n == 1
                    and _bare(words[i]) == _bare(words[i + 1])
                    and words[i + 1].lower()[len(_bare(words[i + 1])) :] in _POSSESSIVE
                ):
                    del words[i]
                    changed = True
                    break
            if changed:
                break
    text = " ".join(words).strip(" .,;:")
    return text[:1].upper() + text[1:] + "." if text else ""


class ClaimDraft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    sentence: Annotated[int, Field(ge=1, le=2000)]
    speaker: Annotated[str, Field(min_length=1, max_length=60)]
    modality: Modality
    subject: Annotated[str, Field(min_length=1, max_length=60)]
    predicate: Annotated[str, Field(min_length=1, max_length=50)]
    object: Annotated[str, Field(max_length=110)]
    topic: Annotated[str, Field(max_length=40)]

    @property
    def statement(self) -> str:
        """The claim as one standalone sentence, built from its triple."""
        return tidy_statement(f"{self.subject} {self.predicate} {self.object_text}")

    @property
    def object_text(self) -> str:
        """The object, or "" for a placeholder the model filled in ("true", "none")."""
        obj = self.object.strip()
        return "" if _PLACEHOLDER.fullmatch(obj) else obj


class ClaimDrafts(BaseModel):
    """The model's answer, validated against ``context``.

    ``context`` carries ``sentences`` (number -> text) and ``title``. While
    re-asks remain, a claim that points at no sentence, or at one that does
    not support it, rejects the answer so instructor re-asks with the reason.
    On the last attempt (and for an answer already accepted once, from the
    cache) the answer passes and :func:`partition_grounded` drops those claims
    to be counted: never silently.
    """

    model_config = ConfigDict(extra="ignore")

    # The JSON schema becomes the server's grammar, so this bound also caps
    # how long the answer can run (with max_tokens in the prompt file).
    claims: Annotated[list[ClaimDraft], Field(max_length=MAX_CLAIMS_PER_WINDOW)]

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ClaimDrafts:
        context: dict[str, Any] = (info.context if info else None) or {}
        sentences: dict[int, str] | None = context.get("sentences")
        if sentences is None:
            return self
        # instructor hands the same context dict to every attempt, so it can count them.
        context["attempt"] = attempt = int(context.get("attempt", 0)) + 1
        last_attempt = attempt > int(context.get("reasks", 0))
        _, rejected = partition_grounded(self.claims, sentences, str(context.get("title", "")))
        reasons = [reason for _, reason in rejected]
        if reasons and not (last_attempt or context.get("from_cache")):
            raise ValueError(
                "some claims are not grounded in the sentence they cite: " + "; ".join(reasons[:4])
            )
        return self


def partition_grounded(
    drafts: list[ClaimDraft], sentences: dict[int, str], title: str
) -> tuple[list[ClaimDraft], list[tuple[ClaimDraft, str]]]:
    """Split drafts into those grounded in their cited sentence and the rest, each with why."""
    kept: list[ClaimDraft] = []
    rejected: list[tuple[ClaimDraft, str]] = []
    for number, draft in enumerate(drafts, start=1):
        text = sentences.get(draft.sentence)
        if text is None:
            rejected.append(
                (draft, f"claim {number} cites sentence {draft.sentence}, which does not exist")
            )
            continue
        problem = grounding_problem(draft.statement, text, title)
        if problem:
            # The sentence itself goes into the re-ask: told only the share,
            # the small model tends to send the same answer again.
            cited = text if len(text) <= 200 else text[:200] + "..."
            reason = (
                f"claim {number} ({draft.statement!r}): {problem}; sentence {draft.sentence} "
                f"reads {cited!r}: state what it says, in its own words"
            )
            rejected.append((draft, reason))
            continue
        kept.append(draft)
    return kept, rejected
