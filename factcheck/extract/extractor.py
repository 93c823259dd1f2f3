"""Claim extraction: one article in, grounded and attributed claims out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from factcheck.errors import FactcheckError, ModelOutputError
from factcheck.extract.hedging import ground_speaker, refine_modality
from factcheck.extract.models import (
    MAX_CLAIMS_PER_WINDOW,
    ClaimDraft,
    ClaimDrafts,
    partition_grounded,
)
from factcheck.ingest.chunking import chunk_sentences
from factcheck.llm import LLM, load_prompt
from factcheck.schemas import Article, Claim, Problem, Provenance, Sentence, claim_id

__all__ = ["ExtractionResult", "Extractor"]

log = logging.getLogger(__name__)

PROMPT = "extract_claims"
# Prompt scaffolding plus the answer take about 2,000 tokens; the rest of the
# window holds sentences, at roughly 3.5 characters a token for news English.
_RESERVED_TOKENS = 2200
_CHARS_PER_TOKEN = 3.5


@dataclass
class ExtractionResult:
    """The claims of one article and everything that did not make it."""

    article_id: str
    claims: list[Claim] = field(default_factory=list)
    dropped: int = 0
    recovered: int = 0
    chunks: int = 1
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False


def _windows(sentences: Sequence[Sentence], size: int) -> list[list[Sentence]]:
    """Consecutive windows of ``size`` sentences; a short tail joins the window before it."""
    windows = [list(sentences[i : i + size]) for i in range(0, len(sentences), size)]
    if len(windows) > 1 and len(windows[-1]) < size // 2:
        windows[-2].extend(windows.pop())
    return windows


class Extractor:
    """Extracts claims with an injected :class:`LLM`."""

    def __init__(
        self,
        llm: LLM,
        *,
        max_claims_per_chunk: int = MAX_CLAIMS_PER_WINDOW,
        sentences_per_chunk: int = 6,
    ) -> None:
        self.llm = llm
        self.max_claims = max_claims_per_chunk
        self.sentences_per_chunk = sentences_per_chunk
        self.prompt = load_prompt(PROMPT)
        budget_tokens = max(1000, llm.settings.context_tokens - _RESERVED_TOKENS)
        self.max_chunk_chars = int(budget_tokens * _CHARS_PER_TOKEN)

    @staticmethod
    def prompt_name() -> str:
        return PROMPT

    def extract(self, article: Article) -> ExtractionResult:
        result = ExtractionResult(article_id=article.id)
        if not article.sentences:
            result.problems.append(
                Problem(
                    kind="extraction_failed",
                    article_id=article.id,
                    path=article.source_path,
                    message=f"article {article.id} has no prose sentences to extract claims from",
                )
            )
            result.failed = True
            return result
        # A small model walks the first sentences in order and stops at the claim
        # limit, so an article is read in short windows to cover all of it; the
        # context window is a second, larger bound for long sentences.
        parts = chunk_sentences(article.sentences, max_chars=self.max_chunk_chars, overlap=1)
        chunks = [w for part in parts for w in _windows(part, self.sentences_per_chunk)]
        result.chunks = len(chunks)
        if len(parts) > 1:
            result.problems.append(
                Problem(
                    kind="article_chunked",
                    article_id=article.id,
                    message=(
                        f"article {article.id} is longer than the model's context; it was read "
                        f"in {len(parts)} overlapping parts and the claims de-duplicated"
                    ),
                )
            )
        seen: set[tuple[int, str]] = set()
        failures: list[str] = []
        for chunk in chunks:
            try:
                drafts, dropped, recovered = self._extract_chunk(article, chunk)
            except FactcheckError as exc:
                # One bad window loses its sentences, not the whole article.
                failures.append(f"sentences {chunk[0].index}-{chunk[-1].index}: {exc}")
                continue
            result.dropped += dropped
            result.recovered += recovered
            for draft in drafts:
                key = (draft.sentence, " ".join(draft.statement.lower().split()))
                if key in seen:
                    continue
                seen.add(key)
                result.claims.append(self._to_claim(article, draft))
        if failures and len(failures) == len(chunks):
            raise ModelOutputError("; ".join(failures[:2]))
        if failures:
            result.problems.append(
                Problem(
                    kind="extraction_partial",
                    article_id=article.id,
                    path=article.source_path,
                    message=(
                        f"{len(failures)} of {len(chunks)} parts of {article.id} gave no claims "
                        f"(the rest did): {'; '.join(failures[:2])}"
                    ),
                )
            )
        if result.dropped:
            result.problems.append(
                Problem(
                    kind="ungrounded_dropped",
                    article_id=article.id,
                    count=result.dropped,
                    message=(
                        f"{result.dropped} claim(s) from {article.id} were dropped because they "
                        "were not grounded in the sentence they cited, even after a re-ask"
                    ),
                )
            )
        return result

    def _extract_chunk(
        self, article: Article, chunk: Sequence[Sentence]
    ) -> tuple[list[ClaimDraft], int, int]:
        """Grounded drafts for one window, how many were dropped and how many recovered.

        instructor's re-ask repeats the whole window, and at temperature 0 a small
        model tends to send the same answer again. So a sentence whose every
        claim was rejected is then asked on its own (one short call, no re-ask),
        which it often gets right; its rejected claims count as dropped
        only when that fails too.
        """
        kept, rejected = self._ask(article, chunk, self.llm.settings.validation_retries)
        grounded = {draft.sentence for draft in kept}
        lost = {draft.sentence for draft, _ in rejected} - grounded
        recovered = 0
        for sentence in [s for s in chunk if s.index in lost] if len(chunk) > 1 else []:
            try:
                alone, _ = self._ask(article, [sentence], reasks=0)
            except FactcheckError as exc:
                log.info("sentence %d of %s asked alone: %s", sentence.index, article.id, exc)
                continue
            if alone:
                kept.extend(alone)
                recovered += sum(draft.sentence == sentence.index for draft, _ in rejected)
        return kept, len(rejected) - recovered, recovered

    def _ask(
        self, article: Article, chunk: Sequence[Sentence], reasks: int
    ) -> tuple[list[ClaimDraft], list[tuple[ClaimDraft, str]]]:
        numbered = {s.index: s.text for s in chunk}
        rendered = self.prompt.render(
            title=article.title or article.id,
            sentences="\n".join(f"[{n}] {text}" for n, text in numbered.items()),
            max_claims=str(min(self.max_claims, len(chunk) + 1)),
        )
        context: dict[str, Any] = {"sentences": numbered, "title": article.title, "reasks": reasks}
        answer = self.llm.generate(rendered, ClaimDrafts, stage="extract", context=context)
        return partition_grounded(answer.claims, numbered, article.title)

    def _to_claim(self, article: Article, draft: ClaimDraft) -> Claim:
        sentence = next(s for s in article.sentences if s.index == draft.sentence)
        statement = " ".join(draft.statement.split())
        # A speaker must be named where the claim is made: in its sentence, or
        # in the two before it when this one goes on reporting their words.
        before = [s.text for s in article.sentences if 1 <= sentence.index - s.index <= 2]
        speaker = ground_speaker(draft.speaker, sentence.text, before)
        return Claim(
            id=claim_id(article.id, sentence.char_start, sentence.char_end, statement),
            article_id=article.id,
            statement=statement,
            quote=sentence.text,
            char_start=sentence.char_start,
            char_end=sentence.char_end,
            line=sentence.line,
            alignment="exact",
            attributed_to=speaker,
            modality=refine_modality(draft.modality, statement, sentence.text, speaker=speaker),
            subject=draft.subject.strip(),
            predicate=draft.predicate.strip(),
            object=draft.object_text,
            topic=draft.topic.strip().lower(),
            provenance=Provenance(
                prompt=PROMPT, prompt_hash=self.prompt.hash, model=self.llm.model
            ),
        )

    def extract_all(
        self,
        articles: Sequence[Article],
        *,
        on_done: Callable[[ExtractionResult], None] | None = None,
    ) -> list[ExtractionResult]:
        """Every article, concurrently; one failing article never sinks the others."""

        def run(article: Article) -> ExtractionResult:
            try:
                outcome = self.extract(article)
            except FactcheckError as exc:
                log.warning("extraction failed for %s: %s", article.id, exc)
                outcome = ExtractionResult(
                    article_id=article.id,
                    failed=True,
                    problems=[
                        Problem(
                            kind="extraction_failed",
                            article_id=article.id,
                            path=article.source_path,
                            message=f"claims could not be extracted from {article.id}: {exc}",
                        )
                    ],
                )
            if on_done is not None:
                on_done(outcome)
            return outcome

        workers = max(1, min(self.llm.settings.concurrency, len(articles)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(run, articles))
