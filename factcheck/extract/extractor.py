"""Claim extraction: one article in, grounded and attributed claims out.

Each prose sentence is one candidate claim, and its quote is the sentence itself, so a
claim is grounded by construction. What is decided is only what the text does not say by
itself: who asserts each sentence and how firmly. spaCy's parse reads it
(``factcheck.extract.sentence_reading``): the people and organisations named around the
sentence, one speaker per person (``factcheck.extract.speakers``), the source its grammar
names, whether it is a fragment, a forecast, a quotation, relayed speech.

Where the parse leaves nothing to choose it decides, with no call: a fragment states
nothing; a source the grammar names reports; a plain statement in the outlet's own voice
(no verb of saying, quotation mark, question, modal verb or softening word:
``factcheck.language.plain_statement``) is the outlet's assertion. The rest depends on
``attribution``: with ``parse`` (the default on the embedded model, which is less accurate
than these rules on the labelled set) the parse decides it too, as the outlet's, with the
modality of its main clause; with ``llm`` (the default elsewhere) the model picks one of
the parse's candidates by number, or the outlet, with a modality word (one sentence a call
by default, ``batch_sentences`` for more). The article comes first in every call and the
question last, so the server reads an article once and answers each further question from
its cached prefix.

With a backend other than the embedded model, a sentence that opens with a pronoun or a
demonstrative is also asked what that opening stands for; the statement an editor reads is
the sentence with that referent put in when the contradiction model finds the result still
entailed by the article's words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ValidationError
from spacy.language import Language

from factcheck.errors import FactcheckError, InputError, ModelOutputError
from factcheck.extract.anaphora import anaphoric_opening, referent_problem, resolve_opening
from factcheck.extract.answers import (
    DraftModality,
    Referent,
    SentenceAnswer,
    batch_schema,
    read_answer,
    single_schema,
)
from factcheck.extract.sentence_reading import (
    PRONOUN_REACH,
    SentenceCandidates,
    SentenceReadings,
    opens_quotation,
    read_sentences,
    reports_quote,
    sentence_candidates,
)
from factcheck.extract.speakers import OUTLET, SpeakerKind, SpeakerRoster
from factcheck.ingest.chunking import chunk_sentences
from factcheck.language import charges, hedges, plain_statement, reports_speech
from factcheck.llm import LLM, load_prompt
from factcheck.nli import ENTAILMENT_THRESHOLD, ContradictionModel, compare_many, default_model
from factcheck.parse import load_nlp
from factcheck.schemas import Article, Claim, Modality, Problem, Provenance, Sentence, claim_id

__all__ = ["BATCH_SENTENCES", "Attribution", "ExtractionResult", "Extractor"]

log = logging.getLogger(__name__)

PROMPT = "extract_claims"
Attribution = Literal["auto", "parse", "llm"]
"""Who decides a sentence's speaker and modality where the grammar leaves a choice: the
parse's rules (``parse``), the LLM picking from the parse's candidates (``llm``), or
``auto``: the parse on the embedded model, the LLM on any other backend."""
BATCH_SENTENCES = 1
"""Sentences asked about in one call. Asked about 8 at a time, the embedded 1.5B model gave
one label to every sentence of a call (benchmarks/attribution.py, 3 dev articles: speaker
11 of 13 right against 12 of 13 one at a time); the generated tokens a sentence are nearly
the same either way (its key and its two fields), so one a call is the default and other
backends may be given more."""
# Prompt scaffolding, the question and the answer take about 1,000 tokens; the rest of the
# context holds the article, at roughly 3.5 characters a token for news English.
_RESERVED_TOKENS = 1200
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
    unlisted_speakers: int = 0
    """Sentences whose source the model said was none of the candidates ("?"): their
    claims are the outlet's."""
    parse_speakers: int = 0
    """Sentences the model gave to the outlet whose main verb of saying has a named subject
    (or that name a source after "according to"): that source is the speaker."""
    parse_decided: int = 0
    """Sentences the parse decided with no model call: a source the grammar names ("...,
    the Labor Department said"), or the outlet's own plain statement (no verb of saying,
    quotation mark, question, modal verb or softening word; see :func:`plain_statement`)."""
    speakers: dict[str, SpeakerKind] = field(default_factory=dict)
    """The named speakers of the claims, each with its kind."""
    resolved: int = 0
    """Statements whose opening pronoun or demonstrative was replaced by its referent."""
    unresolved: int = 0
    """Sentences opening with a pronoun whose referent was rejected (not from the text, or
    the result not entailed by the article's words): the statement is the sentence."""
    failed_sentences: int = 0
    chunks: int = 1
    calls: int = 0
    """Model requests made for the labels (cached answers included)."""
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False


@dataclass
class _Labelled:
    sentence: Sentence
    speaker: str
    modality: DraftModality
    statement: str
    resolved_asked: bool = False
    before: str = ""
    """The sentences before, where a referent comes from (only when one was asked for)."""
    decided_by: Literal["llm", "parse"] = "llm"


class Extractor:
    """Extracts claims with an injected :class:`LLM`, the English parser and (for referents)
    the contradiction model."""

    def __init__(
        self,
        llm: LLM,
        *,
        model: ContradictionModel | None = None,
        nlp: Language | None = None,
        resolve_openings: bool | None = None,
        batch_sentences: int = BATCH_SENTENCES,
        parse_decides: bool = True,
        attribution: Attribution = "auto",
    ) -> None:
        self.llm = llm
        if attribution not in ("auto", "parse", "llm"):
            raise InputError(f"attribution must be 'auto', 'parse' or 'llm', not {attribution!r}")
        if attribution == "auto":
            attribution = "parse" if llm.settings.resolved_backend() == "local" else "llm"
        self.attribution = attribution
        # Where the parse decides (see _decided) no call is made. On the labelled set
        # (read off it, not held out): 105 plain statements, the parse right on 97% of
        # speakers and 93% of modalities; 43 sentences whose grammar names the source,
        # right on 93% of speakers and 74% of modalities ("reported").
        self.parse_decides = parse_decides
        # Asked what "He" or "This move" stands for, the embedded 1.5B model named the
        # wrong referent for most openings it was tried on, and the contradiction model did
        # not catch it: a wrong subject is worse than an unresolved "He", so with the
        # embedded model the statement stays the sentence. Any other backend is asked.
        if resolve_openings is None:
            resolve_openings = llm.settings.resolved_backend() != "local"
        self.resolve_openings = resolve_openings
        self.batch_sentences = max(1, batch_sentences)
        self.prompt = load_prompt(PROMPT)
        self._model = model
        self._nlp = nlp
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

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

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
        numbered = [(s.index, s.text) for s in article.sentences]
        parsed = read_sentences(self.nlp, numbered)
        roster = SpeakerRoster((m.name, m.kind) for m in parsed.mentions)
        choices = {c.sentence: c for c in sentence_candidates(numbered, parsed, roster)}
        attributed = _attributed_sources(article, parsed, roster)
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
            asked: list[Sentence] = []
            for sentence in part:
                decided = self._decided(sentence, parsed, attributed)
                if decided is None:
                    asked.append(sentence)
                    continue
                result.parse_decided += 1
                speaker, modality = decided
                _note_speaker(result, speaker, choices[sentence.index])
                labelled.append(
                    _Labelled(
                        sentence=sentence, speaker=speaker, modality=modality,
                        statement=sentence.text, decided_by="parse",
                    )
                )  # fmt: skip
            for start in range(0, len(asked), self.batch_sentences):
                batch = asked[start : start + self.batch_sentences]
                try:
                    answers = self._ask(article, body, batch, choices)
                except FactcheckError as exc:
                    # One bad answer loses its sentences, not the article.
                    failures.extend(f"sentence {s.index}: {exc}" for s in batch)
                    continue
                finally:
                    result.calls += 1
                for sentence, answer in zip(batch, answers, strict=True):
                    labelled.append(
                        self._label(
                            article,
                            body,
                            sentence,
                            answer,
                            choices[sentence.index],
                            attributed.get(sentence.index),
                            result,
                        )
                    )
        result.failed_sentences = len(failures)
        if failures and not labelled:
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
        labelled.sort(key=lambda item: item.sentence.index)
        self._check_resolved(article, labelled, result)
        self._to_claims(article, labelled, roster, result)
        return result

    def _decided(
        self, sentence: Sentence, parsed: SentenceReadings, attributed: dict[int, str]
    ) -> tuple[str, DraftModality] | None:
        """Who says ``sentence`` and how firmly, where the parse decides (no call is made).

        Always, where nothing is left to choose (the labelled set's guideline): a sentence
        with no complete main clause states nothing (:attr:`SentenceReadings.fragments`); a
        verb of saying with a named subject, "according to" a named source, or a quotation
        that goes on from a sentence whose grammar names its speaker, is that source
        reporting; a plain statement (:func:`factcheck.language.plain_statement`) is the
        outlet's assertion. With ``attribution="parse"``, a named speaker's words with a
        hedge in them are hedged, and every other sentence is the outlet's, with the
        modality its main clause gives (:func:`_stance`). None: the model is asked.
        """
        number = sentence.index
        if not self.parse_decides and self.attribution != "parse":
            return None
        if number in parsed.fragments:
            return OUTLET, "none"
        said_by = attributed.get(number)
        if said_by is not None and self.attribution == "parse" and hedges(sentence.text):
            # A named speaker's words put as possible ("X said Kyiv may drop its bid").
            return said_by, "hedged"
        if said_by is not None:
            return said_by, "reported"
        if plain_statement(sentence.text, modal=number in parsed.modal):
            return OUTLET, "asserted"
        if self.attribution != "parse":
            return None
        return OUTLET, _stance(sentence.text, number, parsed)

    def _ask(
        self,
        article: Article,
        body: str,
        batch: Sequence[Sentence],
        choices: dict[int, SentenceCandidates],
    ) -> list[SentenceAnswer]:
        """One call for ``batch``: each sentence's candidate and modality."""
        lines = []
        for sentence in batch:
            candidates = choices[sentence.index].candidates
            if len(candidates) > 1:
                options = ", ".join(f"{i} {c.shown}" for i, c in enumerate(candidates))
                lines.append(f"[{sentence.index}] {options}")
        first, last = batch[0].index, batch[-1].index
        asked = f"sentence [{first}]" if first == last else f"sentences [{first}] to [{last}]"
        questions = f"Label {asked}."
        if lines:
            questions += " Choices of who:\n" + "\n".join(lines)
        rendered = self.prompt.render(
            title=article.title or article.id, sentences=body, questions=questions
        )
        if len(batch) == 1:
            alone = single_schema(len(choices[batch[0].index].candidates))
            return [read_answer(self.llm.generate(rendered, alone, stage="extract"))]
        schema = batch_schema([(s.index, len(choices[s.index].candidates)) for s in batch])
        labels: BaseModel = self.llm.generate(rendered, schema, stage="extract")
        return [read_answer(getattr(labels, f"s{s.index}")) for s in batch]

    def _label(
        self,
        article: Article,
        body: str,
        sentence: Sentence,
        answer: SentenceAnswer,
        choices: SentenceCandidates,
        said_by: str | None,
        result: ExtractionResult,
    ) -> _Labelled:
        if answer.candidate is None:
            result.unlisted_speakers += 1
            speaker = OUTLET
        else:
            speaker = choices.candidates[answer.candidate].speaker
        if said_by is not None and speaker == OUTLET:
            # The grammar names the source ("..., the Labor Department reported"), and the
            # small model often answers the outlet all the same.
            speaker = said_by
            result.parse_speakers += 1
        _note_speaker(result, speaker, choices)
        modality = answer.modality
        if modality == "asserted" and speaker != OUTLET:
            # What a named speaker says is relayed by the outlet, not its own assertion.
            modality = "reported"
        elif modality == "reported" and speaker == OUTLET and not reports_speech(sentence.text):
            # The outlet relays no one in a sentence with no verb of saying, no quotation
            # mark and no "according to": it says it in its own voice.
            modality = "asserted"
        item = _Labelled(
            sentence=sentence, speaker=speaker, modality=modality, statement=sentence.text
        )
        opening = anaphoric_opening(sentence.text) if self.resolve_openings else None
        if opening is not None and modality != "none":
            item.resolved_asked = True
            item.before = " ".join(s.text for s in _before(article, sentence, _CONTEXT_SENTENCES))
            self._resolve(article, body, sentence, opening, item)
        return item

    def _resolve(
        self, article: Article, body: str, sentence: Sentence, opening: str, item: _Labelled
    ) -> None:
        rendered = self.prompt.render(
            title=article.title or article.id,
            sentences=body,
            questions=f'Sentence [{sentence.index}]: who or what does "{opening}" stand for?',
        )
        try:
            referent = self.llm.generate(rendered, Referent, stage="extract")
        except FactcheckError as exc:
            log.info("sentence %d of %s: no referent (%s)", sentence.index, article.id, exc)
            return
        problem = referent_problem(referent.refers_to, item.before)
        if problem is None:
            item.statement = resolve_opening(sentence.text, referent.refers_to)
        else:
            log.info("sentence %d of %s: %s", sentence.index, article.id, problem)

    def _check_resolved(
        self, article: Article, labelled: list[_Labelled], result: ExtractionResult
    ) -> None:
        """Keep a resolved statement only when the article's words entail it.

        The premise is the sentence with the two before it, where its referent comes from;
        a statement the contradiction model does not find entailed there is replaced by
        the sentence itself, and counted.
        """
        asked = [item for item in labelled if item.resolved_asked]
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

    def _to_claims(
        self,
        article: Article,
        labelled: list[_Labelled],
        roster: SpeakerRoster,
        result: ExtractionResult,
    ) -> None:
        invalid: list[str] = []
        for item in labelled:
            if item.modality == "none":
                result.not_checkable += 1
                continue
            try:
                result.claims.append(self._to_claim(article, item, item.modality))
            except ValidationError as exc:
                # Text from the wild that breaks a record's limits loses its sentence, counted
                # against its article, never the run.
                first = exc.errors()[0]
                invalid.append(
                    f"sentence {item.sentence.index} (line {item.sentence.line}): "
                    f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
                )
        if invalid:
            result.problems.append(
                Problem(
                    kind="claim_invalid",
                    article_id=article.id,
                    path=article.source_path,
                    count=len(invalid),
                    message=(
                        f"{len(invalid)} sentence(s) of {article.id} could not be made claims: "
                        + "; ".join(invalid[:3])
                    ),
                )
            )

    def _to_claim(self, article: Article, item: _Labelled, modality: Modality) -> Claim:
        sentence = item.sentence
        statement = " ".join(item.statement.split())
        return Claim(
            id=claim_id(article.id, sentence.char_start, sentence.char_end, statement),
            article_id=article.id,
            statement=statement,
            quote=sentence.text,
            char_start=sentence.char_start,
            char_end=sentence.char_end,
            line=sentence.line,
            alignment="exact",
            attributed_to=item.speaker,
            modality=modality,
            provenance=Provenance(
                prompt=PROMPT,
                prompt_hash=self.prompt.hash,
                model=self.llm.model,
                decided_by=item.decided_by,
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
        cached prefix (the article) of the call before it. Once all are read, a speaker
        that two articles spell differently ("Zelensky", "Volodymyr Zelenskyy") gets one
        name in both.
        """
        # Loaded once here, not by each worker at its first article.
        _ = self.nlp

        def run(article: Article) -> ExtractionResult:
            try:
                outcome = self.extract(article)
            except Exception as exc:
                # Whatever one article raises (a model error, or a bug its text trips) is
                # recorded against it; the other articles and the report go on.
                if isinstance(exc, FactcheckError):
                    log.warning("extraction failed for %s: %s", article.id, exc)
                else:
                    log.exception("extraction failed for %s", article.id)
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
            results = list(pool.map(run, articles))
        unify_speakers(results)
        return results


def unify_speakers(results: Sequence[ExtractionResult]) -> None:
    """One display name per speaker across ``results``, in their claims and speaker maps."""
    roster = SpeakerRoster(
        (name, kind) for result in results for name, kind in result.speakers.items()
    )
    for result in results:
        renamed = {name: roster.speaker_of(name, kind) for name, kind in result.speakers.items()}
        if all(old == new for old, new in renamed.items()):
            continue
        result.claims = [
            claim.model_copy(
                update={"attributed_to": renamed.get(claim.attributed_to, claim.attributed_to)}
            )
            for claim in result.claims
        ]
        result.speakers = {renamed[name]: kind for name, kind in result.speakers.items()}


def _note_speaker(result: ExtractionResult, speaker: str, choices: SentenceCandidates) -> None:
    """Record the kind of a named speaker among the sentence's candidates."""
    for candidate in choices.candidates:
        if candidate.speaker == speaker and candidate.kind != "outlet":
            result.speakers[speaker] = candidate.kind


def _stance(text: str, number: int, parsed: SentenceReadings) -> DraftModality:
    """How firmly the outlet puts ``text`` (sentence ``number``), read off its main clause
    in the guideline's order: a forecast or expectation is speculative, a hedge hedged;
    relaying speech (a verb of saying in the main clause, a direct quotation, a charge) is
    reported; the rest is the outlet's assertion."""
    if number in parsed.forecasts:
        return "speculative"
    if hedges(parsed.main_clauses.get(number, text)):
        return "hedged"
    if number in parsed.speech or opens_quotation(text) or charges(text):
        return "reported"
    return "asserted"


def _attributed_sources(
    article: Article, parsed: SentenceReadings, roster: SpeakerRoster
) -> dict[int, str]:
    """The speaker the grammar gives each sentence it gives one to: the named subject of its
    main verb of saying, or the source after "according to"; for "he said", the person
    named last before the pronoun (in the sentence, or up to ``PRONOUN_REACH`` sentences
    back); and for a sentence that is only a quotation (“I did these things.”), the speaker
    of the sentence before it when that one quotes and names its speaker ("“Not a proud
    day,” he said.")."""
    attributed = {n: roster.speaker_of(m.name, m.kind) for n, m in parsed.attributed.items()}
    for number in sorted(parsed.pronoun_sources - attributed.keys()):
        person = parsed.antecedents.get(number)
        if person is None:
            earlier = [
                m
                for m in parsed.mentions
                if m.kind == "person" and number - 1 - PRONOUN_REACH <= m.sentence < number
            ]
            person = earlier[-1] if earlier else None
        if person is not None:
            attributed[number] = roster.speaker_of(person.name, person.kind)
    text = {s.index: s.text for s in article.sentences}
    for number in sorted(parsed.quotations):
        before = number - 1
        if number not in attributed and before in attributed and reports_quote(text[before]):
            attributed[number] = attributed[before]
    return attributed


def _before(article: Article, sentence: Sentence, count: int) -> list[Sentence]:
    return [s for s in article.sentences if 1 <= sentence.index - s.index <= count]
