"""Extraction logic with a fake model: one question per sentence, referents, failures."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from factcheck.errors import ModelCallError, ModelOutputError
from factcheck.extract import Extractor, resolve_opening
from factcheck.extract.models import SentenceLabelWithReferent, anaphoric_opening
from factcheck.ingest.reader import prepare_article
from factcheck.llm import RenderedPrompt, Settings

TEXT = "Leaders meet in Berlin\n" + "\n".join(
    f"Sentence number {n} says that the minister of region{n} visited Berlin on Sunday."
    for n in range(1, 24)
)
_ASKED = re.compile(r"Sentence \[(\d+)\]")


class FakeLLM:
    """Answers each question with ``answer(number, prompt)`` (a dict, or an exception to
    raise), validated by the schema the extractor asked for."""

    def __init__(self, answer: Any, settings: Settings | None = None) -> None:
        self.answer = answer
        self.settings = settings or Settings(backend="openai", model="fake", api_key="sk-test")
        self.model = "fake"
        self.prompts: list[RenderedPrompt] = []
        self.schemas: list[Any] = []

    def generate(self, prompt: RenderedPrompt, response_model: Any, *, stage: str,
                 context: dict[str, Any] | None = None) -> Any:  # fmt: skip
        self.prompts.append(prompt)
        self.schemas.append(response_model)
        last_line = prompt.as_openai()[-1]["content"].rstrip().splitlines()[-1]
        asked = _ASKED.search(last_line)
        assert asked, last_line
        payload = self.answer(int(asked.group(1)), prompt)
        if isinstance(payload, Exception):
            raise payload
        return response_model.model_validate(payload)


def _outlet(_: int, __: Any) -> dict[str, Any]:
    return {"speaker": "the outlet", "modality": "asserted"}


def test_every_sentence_is_asked_once_and_is_its_claims_quote() -> None:
    article = prepare_article(TEXT, article_id="long").article
    fake = FakeLLM(_outlet)
    result = Extractor(fake).extract(article)  # type: ignore[arg-type]
    assert len(fake.prompts) == len(article.sentences) == 23
    assert [c.quote for c in result.claims] == [s.text for s in article.sentences]
    assert all(c.statement == c.quote for c in result.claims)
    assert (result.sentences, result.not_checkable, result.failed_sentences) == (23, 0, 0)


def test_the_article_comes_first_and_the_question_last() -> None:
    # What the server may reuse from one call to the next is everything up to the question.
    article = prepare_article(TEXT, article_id="long").article
    fake = FakeLLM(_outlet)
    Extractor(fake).extract(article)  # type: ignore[arg-type]
    first, second = (p.as_openai()[-1]["content"].rstrip() for p in fake.prompts[:2])
    assert first.rsplit("\n", 1)[0] == second.rsplit("\n", 1)[0]
    assert first.endswith("Sentence [1]") and second.endswith("Sentence [2]")
    assert all(p.max_tokens <= 200 for p in fake.prompts)


def test_a_sentence_with_nothing_checkable_gives_no_claim() -> None:
    article = prepare_article(TEXT, article_id="n").article
    fake = FakeLLM(
        lambda n, _: {"speaker": "the outlet", "modality": "none" if n == 2 else "reported"}
    )
    result = Extractor(fake).extract(article)  # type: ignore[arg-type]
    assert len(result.claims) == 22 and result.not_checkable == 1
    assert "region2 " not in " ".join(c.quote for c in result.claims)


REFERRING = (
    "Budget talks\n"
    "Finance Minister Jane Doe met the unions in Lisbon on Monday. "
    "She said the ministry could cut the defence budget by 5%. "
    "Officials expect a vote in March."
)


def test_a_referent_from_the_text_makes_the_statement_standalone() -> None:
    article = prepare_article(REFERRING, article_id="r").article
    asked: list[int] = []

    def answer(n: int, _: Any) -> dict[str, Any]:
        asked.append(n)
        label = {"speaker": "Jane Doe", "modality": "hedged"}
        return {**label, "refers_to": "Finance Minister Jane Doe"} if n == 2 else label

    fake = FakeLLM(answer)
    result = Extractor(fake).extract(article)  # type: ignore[arg-type]
    # Only the sentence that opens with a pronoun is asked what it refers to.
    assert [s is SentenceLabelWithReferent for s in fake.schemas] == [False, True, False]
    assert 'who or what does "She" stand for?' in fake.prompts[1].as_openai()[-1]["content"]
    claim = result.claims[1]
    assert claim.statement == (
        "Finance Minister Jane Doe said the ministry could cut the defence budget by 5%."
    )
    assert claim.quote == "She said the ministry could cut the defence budget by 5%."
    assert (result.resolved, result.unresolved) == (1, 0)


def test_the_embedded_model_is_not_asked_for_referents() -> None:
    article = prepare_article(REFERRING, article_id="r").article
    local = Settings(backend="local")
    fake = FakeLLM(lambda n, _: {"speaker": "Jane Doe", "modality": "hedged"}, local)
    result = Extractor(fake).extract(article)  # type: ignore[arg-type]
    assert all(schema is not SentenceLabelWithReferent for schema in fake.schemas)
    assert "stand for" not in fake.prompts[1].as_openai()[-1]["content"]
    assert result.claims[1].statement == result.claims[1].quote
    assert (result.resolved, result.unresolved) == (0, 0)


def test_a_made_up_referent_is_not_put_in_and_is_counted() -> None:
    article = prepare_article(REFERRING, article_id="r").article

    def answer(n: int, _: Any) -> dict[str, Any]:
        label = {"speaker": "the outlet", "modality": "reported"}
        return {**label, "refers_to": "the Pope"} if n == 2 else label

    result = Extractor(FakeLLM(answer)).extract(article)  # type: ignore[arg-type]
    assert result.claims[1].statement == result.claims[1].quote
    assert (result.resolved, result.unresolved) == (0, 1)


class _Doubting:
    """A contradiction model that finds nothing entailed."""

    max_length = 256

    def count_tokens(self, texts: Any) -> list[int]:
        return [len(t.split()) for t in texts]

    def predict(self, pairs: Any, **_: Any) -> Any:
        return np.array([[0.1, 0.8, 0.1]] * len(pairs), dtype=np.float32)


def test_a_resolved_statement_not_entailed_by_the_text_is_replaced_by_the_sentence() -> None:
    article = prepare_article(REFERRING, article_id="e").article

    def answer(n: int, _: Any) -> dict[str, Any]:
        label = {"speaker": "the outlet", "modality": "reported"}
        return {**label, "refers_to": "Finance Minister Jane Doe"} if n == 2 else label

    extractor = Extractor(FakeLLM(answer), model=_Doubting())  # type: ignore[arg-type]
    result = extractor.extract(article)
    assert result.claims[1].statement == result.claims[1].quote
    assert (result.resolved, result.unresolved) == (0, 1)


@pytest.mark.parametrize(
    ("sentence", "referent", "expected"),
    [
        ("He resigned on Friday.", "the mayor", "The mayor resigned on Friday."),
        ("Their offer was refused.", "the dockers", "The dockers’ offer was refused."),
        (
            "This move surprised analysts.",
            "the rate cut",
            "This move (the rate cut) surprised analysts.",
        ),
        ("This represents a shift.", "the rate cut", "This (the rate cut) represents a shift."),
        ("These talks failed.", "the Geneva talks", "These talks (the Geneva talks) failed."),
        ("“They lied,” she said.", "the ministers", "“The ministers lied,” she said."),
    ],
)
def test_resolve_opening(sentence: str, referent: str, expected: str) -> None:
    assert resolve_opening(sentence, referent) == expected


def test_only_pronoun_and_demonstrative_openings_need_a_referent() -> None:
    assert anaphoric_opening("She said so.") == "She"
    assert anaphoric_opening("“These are real guarantees,” he said.") == "These"
    assert anaphoric_opening("This move surprised analysts.") == "This move"
    assert anaphoric_opening("This represents a shift.") == "This"
    # "It" and "That" are as often expletive or a conjunction; names stand alone.
    assert anaphoric_opening("It is expected that talks resume.") is None
    assert anaphoric_opening("That the talks failed is clear.") is None
    assert anaphoric_opening("Theresa May spoke.") is None
    assert anaphoric_opening("Hesitant, he left.") is None


def test_one_failing_sentence_loses_only_itself() -> None:
    article = prepare_article(TEXT, article_id="f").article

    def answer(n: int, _: Any) -> Any:
        return ModelCallError("timed out") if n == 3 else _outlet(n, None)

    result = Extractor(FakeLLM(answer)).extract(article)  # type: ignore[arg-type]
    assert len(result.claims) == 22 and result.failed_sentences == 1
    assert [p.kind for p in result.problems] == ["extraction_partial"]


def test_one_failing_article_does_not_sink_the_others() -> None:
    good = prepare_article(REFERRING, article_id="good").article
    bad = prepare_article("Bad\nNothing here works. Really nothing.", article_id="bad").article

    def answer(n: int, prompt: RenderedPrompt) -> Any:
        if "Nothing here works" in prompt.as_openai()[-1]["content"]:
            return ModelOutputError("no JSON")
        return {"speaker": "the outlet", "modality": "asserted", "refers_to": "Jane Doe"}

    results = Extractor(FakeLLM(answer)).extract_all([good, bad])  # type: ignore[arg-type]
    assert [r.failed for r in results] == [False, True]
    assert results[0].claims and results[1].problems[0].kind == "extraction_failed"


def test_a_long_article_is_read_in_parts_each_sentence_once() -> None:
    article = prepare_article(TEXT, article_id="long").article
    fake = FakeLLM(_outlet, Settings(backend="openai", model="fake", api_key="sk-test",
                                     context_tokens=1024))  # fmt: skip
    extractor = Extractor(fake)  # type: ignore[arg-type]
    extractor.max_chunk_chars = 600
    result = extractor.extract(article)
    assert result.chunks > 1 and len(fake.prompts) == 23
    assert [p.kind for p in result.problems] == ["article_chunked"]
    assert len({c.quote for c in result.claims}) == 23


def test_a_hedge_in_another_clause_does_not_soften_the_claim() -> None:
    from factcheck.extract.hedging import refine_modality

    quote = (
        "While open to discussing NATO membership, Zelensky firmly rejected any territorial "
        "concessions to Russia."
    )
    rejected = "Zelensky firmly rejected any territorial concessions to Russia."
    assert refine_modality("hedged", rejected, quote, speaker="Zelensky") == "reported"
    assert refine_modality("hedged", rejected, quote) == "asserted"
    open_to = "Zelensky is open to discussing NATO membership."
    assert refine_modality("asserted", open_to, quote, speaker="Zelensky") == "hedged"
    # Turning a demand down is not a demand.
    cede = "Ukraine rejects demands to cede territory in Donetsk."
    assert refine_modality("demand", cede, cede, speaker="Ukraine") == "demand"  # model's own
    assert refine_modality("reported", cede, cede, speaker="Ukraine") == "reported"
    assert refine_modality("asserted", "Russia demands that Kyiv cede Donetsk.", cede) == "demand"
    # A short frame governs every clause after it.
    proposed = (
        "he proposed that bilateral security guarantees, particularly from the United States "
        "mirroring Article 5 of the NATO treaty, could provide an alternative framework."
    )
    mirroring = "Guarantees from the United States mirroring Article 5."
    assert refine_modality("asserted", mirroring, proposed, speaker="Zelensky") == "demand"
    acknowledged = "Zelenskyy acknowledged that some NATO members are opposed to membership."
    assert refine_modality("reported", "Some NATO members are opposed.", acknowledged) == "reported"
    # A hedged label with a soft word in the claim's clause stands.
    assert refine_modality("hedged", "Talks could resume.", "Talks could resume soon.") == "hedged"


def test_a_speaker_the_article_never_names_becomes_the_outlet() -> None:
    from factcheck.extract.hedging import ground_speaker

    text = "Article 5 stipulates that an attack on one member is an attack on all, Zelensky said."
    # The sentence gives its words to Zelensky, not to the United Nations.
    assert ground_speaker("the United Nations", text) == "Zelensky"
    stipulates = "Article 5 stipulates that an attack on one member is an attack on all."
    assert ground_speaker("the United Nations", stipulates) == "the outlet"
    assert ground_speaker("Zelensky", text) == "Zelensky"
    assert ground_speaker("the author", text) == "the outlet"
    # Outlets spell names differently; the model may use another outlet's spelling.
    assert ground_speaker("Zelenskyy", text) == "Zelenskyy"
    assert ground_speaker("Zelenskyy", "he proposed guarantees") == "the outlet"


def test_a_speaker_named_earlier_carries_only_into_reported_speech() -> None:
    from factcheck.extract.hedging import ground_speaker

    stated = "“Ukraine’s desire was to join NATO,” Zelensky stated."
    # "he proposed" goes on reporting what the speaker said...
    assert ground_speaker("Zelenskyy", "he proposed guarantees mirroring Article 5.", [stated]) == (
        "Zelenskyy"
    )
    assert ground_speaker("Zelensky", "“We will not give up.”", [stated]) == "Zelensky"
    # ...while the outlet's own sentence after a mention of Ukraine is the outlet's.
    talks = "Ukraine, the US, and European countries are having active discussions."
    goal = "Their goal is to establish mutual defense agreements similar to Article 5."
    assert ground_speaker("Ukraine", goal, [talks]) == "the outlet"
    # "demands" here is a noun: nobody is reported speaking.
    follows = "This action follows a series of demands issued by President Vladimir Putin."
    assert ground_speaker("Zelenskyy", follows, ["Zelenskyy proposed a plan."]) == "the outlet"
    argues = "He argues that Ukraine must drop its bid."
    assert ground_speaker("Putin", argues, ["Putin issued demands."]) == "Putin"


def test_a_speaker_named_earlier_does_not_carry_into_someone_elses_words() -> None:
    from factcheck.extract.hedging import ground_speaker

    earlier = ["The mayor, Ana Ortiz, opened the session on Tuesday."]
    # The sentence reports the words of people it names itself, not the mayor's.
    council = "Members of the Harbor Commission said the budget would be cut."
    assert ground_speaker("Ana Ortiz", council, earlier) == "the outlet"
    officials = "Officials in Lisbon told reporters it was delayed."
    assert ground_speaker("Ortiz", officials, earlier) == "the outlet"
    # A pronoun or a title in lower case refers back to her; a quotation names nobody.
    she = "She told reporters in Lisbon it was delayed."
    assert ground_speaker("Ortiz", she, earlier) == "Ortiz"
    added = "Taxes will not rise, the mayor added."
    assert ground_speaker("Ana Ortiz", added, earlier) == "Ana Ortiz"
    assert ground_speaker("Ortiz", "“We kept our word to Lisbon.”", earlier) == "Ortiz"


def test_a_wrong_speaker_gives_way_to_the_source_the_sentence_names() -> None:
    from factcheck.extract.hedging import ground_speaker

    earlier = ["The mayor, Ana Ortiz, opened the session on Tuesday."]
    port = "The Harbor Commission has repeatedly demanded a new budget for the port."
    assert ground_speaker("Ana Ortiz", port, earlier) == "the Harbor Commission"
    assert ground_speaker("Lee", "The port will reopen in May, Ortiz said.") == "Ortiz"
    # No source in the sentence: the outlet, as before.
    assert ground_speaker("Lee", "The port will reopen in May.") == "the outlet"
