"""Claim extraction: one article in, grounded and attributed claims out.

Each prose sentence is one candidate claim, and its quote is the sentence itself, so a
claim is grounded by construction. The model is asked, one sentence at a time, only what
the text cannot say by itself: who asserts the sentence and how firmly, and, for a
sentence that opens with a pronoun or a demonstrative, what that opening stands for. The
article comes first in every call and the question last, so the server reads an article
once and answers each further question from its cached prefix; the answer is a few
tokens. The statement an editor reads is the sentence, with that referent put in when the
contradiction model finds the result still entailed by the article's words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from factcheck.errors import FactcheckError, ModelOutputError
from factcheck.extract.hedging import ground_speaker, refine_modality
from factcheck.extract.models import (
    SentenceLabel,
    SentenceLabelWithReferent,
    anaphoric_opening,
    referent_problem,
    resolve_opening,
)
from factcheck.ingest.chunking import chunk_sentences
from factcheck.llm import LLM, load_prompt
from factcheck.nli import ENTAILMENT_THRESHOLD, ContradictionModel, compare_many, default_model
from factcheck.schemas import Article, Claim, Problem, Provenance, Sentence, claim_id

__all__ = ["ExtractionResult", "Extractor"]

log = logging.getLogger(__name__)

PROMPT = "extract_claims"
# Prompt scaffolding plus the answer take about 700 tokens; the rest of the context
# holds the article, at roughly 3.5 characters a token for news English.
_RESERVED_TOKENS = 1000
_CHARS_PER_TOKEN = 3.5
# A resolved statement is checked against the sentence and the two before it.
_CONTEXT_SENTENCES = 2


@dataclass
class ExtractionResult:
    """The claims of one article and how they were made."""

    article_id: str
    claims: list[Claim] = field(default_factory=list)
    sentences: int = 0
    """Prose sentences asked about."""
    not_checkable: int = 0
    """Sentences the model labelled as stating nothing checkable."""
    resolved: int = 0
    """Statements whose opening pronoun or demonstrative was replaced by its referent."""
    unresolved: int = 0
    """Sentences opening with a pronoun whose referent was rejected (not from the text, or
    the result not entailed by the article's words): the statement is the sentence."""
    failed_sentences: int = 0
    chunks: int = 1
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False


@dataclass
class _Labelled:
    sentence: Sentence
    label: SentenceLabel
    statement: str
    before: str = ""
    """The sentences before, where a referent comes from (only when one was asked for)."""


class Extractor:
    """Extracts claims with an injected :class:`LLM` and the contradiction model."""

    def __init__(
        self,
        llm: LLM,
        *,
        model: ContradictionModel | None = None,
        resolve_openings: bool | None = None,
    ) -> None:
        self.llm = llm
        # Asked what "He" or "This move" stands for, the embedded 1.5B model named the
        # wrong referent for most openings of the seeds (6 of 28 right, "He proposed a
        # ceasefire" became "Russia proposed ..."), and the contradiction model did not
        # catch it: a wrong subject is worse than an unresolved "He", so with the embedded
        # model the statement stays the sentence. Any other backend is asked.
        if resolve_openings is None:
            resolve_openings = llm.settings.resolved_backend() != "local"
        self.resolve_openings = resolve_openings
        self.prompt = load_prompt(PROMPT)
        self._model = model
        budget_tokens = max(1000, llm.settings.context_tokens - _RESERVED_TOKENS)
        self.max_chunk_chars = int(budget_tokens * _CHARS_PER_TOKEN)

    @staticmethod
    def prompt_name() -> str:
        return PROMPT

    @property
    def model(self) -> ContradictionModel:
        if self._model is None:
            self._model = default_model()
        return self._model

    def extract(self, article: Article) -> ExtractionResult:
        result = ExtractionResult(article_id=article.id, sentences=len(article.sentences))
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
        # An article longer than the model's context is read in parts; each sentence is
        # asked about once, with its own part as the text around it.
        parts = chunk_sentences(article.sentences, max_chars=self.max_chunk_chars, overlap=0)
        result.chunks = len(parts)
        if len(parts) > 1:
            result.problems.append(
                Problem(
                    kind="article_chunked",
                    article_id=article.id,
                    message=(
                        f"article {article.id} is longer than the model's context; it was read "
                        f"in {len(parts)} parts, each sentence with the text of its own part"
                    ),
                )
            )
        labelled: list[_Labelled] = []
        failures: list[str] = []
        for part in parts:
            body = "\n".join(f"[{s.index}] {s.text}" for s in part)
            for sentence in part:
                try:
                    labelled.append(self._label(article, body, sentence))
                except FactcheckError as exc:
                    # One bad answer loses its sentence, not the article.
                    failures.append(f"sentence {sentence.index}: {exc}")
        result.failed_sentences = len(failures)
        if failures and len(failures) == len(article.sentences):
            raise ModelOutputError("; ".join(failures[:2]))
        if failures:
            result.problems.append(
                Problem(
                    kind="extraction_partial",
                    article_id=article.id,
                    path=article.source_path,
                    count=len(failures),
                    message=(
                        f"{len(failures)} of {len(article.sentences)} sentences of {article.id} "
                        f"got no answer from the model (the rest did): {'; '.join(failures[:2])}"
                    ),
                )
            )
        self._check_resolved(article, labelled, result)
        for item in labelled:
            if item.label.modality == "none":
                result.not_checkable += 1
                continue
            result.claims.append(self._to_claim(article, item))
        return result

    def _label(self, article: Article, body: str, sentence: Sentence) -> _Labelled:
        opening = anaphoric_opening(sentence.text) if self.resolve_openings else None
        task = f': who or what does "{opening}" stand for?' if opening else ""
        rendered = self.prompt.render(
            title=article.title or article.id,
            sentences=body,
            number=str(sentence.index),
            task=task,
        )
        schema = SentenceLabelWithReferent if opening else SentenceLabel
        label = self.llm.generate(rendered, schema, stage="extract")
        statement = sentence.text
        before = ""
        if isinstance(label, SentenceLabelWithReferent):
            before = " ".join(s.text for s in _before(article, sentence, _CONTEXT_SENTENCES))
            problem = referent_problem(label.refers_to, before)
            if problem is None:
                statement = resolve_opening(sentence.text, label.refers_to)
            else:
                log.info("sentence %d of %s: %s", sentence.index, article.id, problem)
        return _Labelled(sentence=sentence, label=label, statement=statement, before=before)

    def _check_resolved(
        self, article: Article, labelled: list[_Labelled], result: ExtractionResult
    ) -> None:
        """Keep a resolved statement only when the article's words entail it.

        The premise is the sentence with the two before it, where its referent comes from;
        a statement the contradiction model does not find entailed there is replaced by
        the sentence itself, and counted.
        """
        asked = [item for item in labelled if isinstance(item.label, SentenceLabelWithReferent)]
        changed = [item for item in asked if item.statement != item.sentence.text]
        result.unresolved += len(asked) - len(changed)
        if not changed:
            return
        premises = [" ".join(filter(None, (item.before, item.sentence.text))) for item in changed]
        verdicts = compare_many(
            list(zip(premises, [item.statement for item in changed], strict=True)),
            model=self.model,
        )
        for item, verdict in zip(changed, verdicts, strict=True):
            if verdict.entailment >= ENTAILMENT_THRESHOLD:
                result.resolved += 1
            else:
                log.info(
                    "sentence %d of %s: %r not entailed (%.2f); the sentence is kept",
                    item.sentence.index,
                    article.id,
                    item.statement,
                    verdict.entailment,
                )
                item.statement = item.sentence.text
                result.unresolved += 1

    def _to_claim(self, article: Article, item: _Labelled) -> Claim:
        sentence = item.sentence
        statement = " ".join(item.statement.split())
        # A speaker must be named where the claim is made: in its sentence, or
        # in the two before it when this one goes on reporting their words.
        before = [s.text for s in _before(article, sentence, 2)]
        speaker = ground_speaker(item.label.speaker, sentence.text, before)
        modality = item.label.modality
        assert modality != "none"
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
            modality=refine_modality(modality, statement, sentence.text, speaker=speaker),
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
        """Every article, concurrently; one failing article never sinks the others.

        Within an article the calls go one after another, so each reuses the server's
        cached prefix (the article) of the call before it.
        """

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


def _before(article: Article, sentence: Sentence, count: int) -> list[Sentence]:
    return [s for s in article.sentences if 1 <= sentence.index - s.index <= count]
