"""Extraction with a fake model: batches of sentences, the constrained choice of speaker and
modality, referents, failures. Sentences written for these tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pytest
from spacy.language import Language

from factcheck.errors import InputError, ModelOutputError
from factcheck.extract import ExtractionResult, Extractor, resolve_opening, unify_speakers
from factcheck.extract.anaphora import anaphoric_opening
from factcheck.ingest.reader import prepare_article
from factcheck.llm import FakeLLM, Settings
from factcheck.parse import load_nlp
from factcheck.schemas import Article

TEXT = "Leaders meet in Berlin\n" + "\n".join(
    f"Sentence number {n} says that the minister of region{n} visited Berlin on Sunday."
    for n in range(1, 24)
)

QUOTES = (
    "Library hours\n"
    "Mayor Ana Ortiz opened the new library in Lisbon on Tuesday. "
    "“It will stay open until midnight,” Ortiz said. "
    "The building cost four million euros. "
    "Officials expect a vote on its budget in March. "
    "The city could extend the hours next year."
)

Labels = Mapping[int, tuple[str, str]]
"""A sentence's number to the (who, how) the fake model answers; missing: ("0", "asserted")."""


def answering(labels: Labels | Callable[[int], tuple[str, str]] | None = None) -> Any:
    """A FakeLLM answer function: each sentence asked about gets its label from ``labels``."""
    given = labels or {}

    def answer(schema: dict[str, Any], messages: list[dict[str, Any]]) -> Mapping[str, Any]:
        if "how" in schema["properties"]:
            # One sentence alone: its answer with no sentence number around it.
            asked = re.search(r"Label sentence \[(\d+)\]", str(messages[-1]["content"]))
            assert asked is not None
            number = int(asked.group(1))
            who, how = given(number) if callable(given) else given.get(number, ("0", "asserted"))
            return {"who": who, "how": how} if "who" in schema["properties"] else {"how": how}
        definitions = schema.get("$defs", {})
        out: dict[str, Any] = {}
        for key, node in schema["properties"].items():
            number = int(key)
            who, how = given(number) if callable(given) else given.get(number, ("0", "asserted"))
            fields = definitions[node["$ref"].rsplit("/", 1)[-1]]["properties"]
            out[key] = {"who": who, "how": how} if "who" in fields else {"how": how}
        return out

    return answer


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _article(text: str, article_id: str = "a") -> Article:
    return prepare_article(text, article_id=article_id).article


def _last_message(request: Mapping[str, Any]) -> str:
    return str(request["messages"][-1]["content"])


def test_sentences_are_asked_in_batches_each_once(nlp: Language) -> None:
    article = _article(TEXT)
    fake = FakeLLM(answering())
    result = Extractor(fake, nlp=nlp, batch_sentences=8).extract(article)
    assert len(fake.requests) == result.calls == 3  # 23 sentences: 8 + 8 + 7
    asked = [r["response_format"]["json_schema"]["schema"]["required"] for r in fake.requests]
    assert sorted(int(n) for numbers in asked for n in numbers) == list(range(1, 24))
    assert [c.quote for c in result.claims] == [s.text for s in article.sentences]
    assert all(c.statement == c.quote for c in result.claims)
    assert (result.sentences, result.not_checkable, result.failed_sentences) == (23, 0, 0)


def test_by_default_each_sentence_is_its_own_call(nlp: Language) -> None:
    fake = FakeLLM(answering())
    result = Extractor(fake, nlp=nlp).extract(_article(TEXT))
    assert len(fake.requests) == result.calls == 23
    assert "\n\nLabel sentence [5]." in _last_message(fake.requests[4])
    # One sentence alone is answered with no sentence number around its fields.
    schema = fake.requests[4]["response_format"]["json_schema"]["schema"]
    assert set(schema["properties"]) <= {"who", "how"} and "how" in schema["required"]


def test_the_article_comes_first_and_the_question_last(nlp: Language) -> None:
    # What the server may reuse from one call to the next is everything up to the question.
    article = _article(TEXT)
    fake = FakeLLM(answering())
    Extractor(fake, nlp=nlp, batch_sentences=8).extract(article)
    first, second = (_last_message(r) for r in fake.requests[:2])
    prefix = first.split("Label sentences")[0]
    assert second.startswith(prefix) and "[23] Sentence number 23" in prefix
    assert first[len(prefix) :].startswith("Label sentences [1] to [8].")
    assert second[len(prefix) :].startswith("Label sentences [9] to [16].")
    assert all(r["max_tokens"] <= 200 for r in fake.requests)


def test_the_model_picks_a_speaker_from_the_parse_by_number(nlp: Language) -> None:
    article = _article(QUOTES)
    fake = FakeLLM(answering({2: ("1", "asserted"), 4: ("0", "speculative")}))
    result = Extractor(fake, nlp=nlp, batch_sentences=8, parse_decides=False).extract(article)
    question = _last_message(fake.requests[0])
    # Only sentences with a named candidate get choices of who; 0 is always the outlet.
    assert "[2] 0 the outlet, 1 Mayor Ana Ortiz" in question or "[2] 0 the outlet, 1 Ortiz" in (
        question
    )
    assert "[4] " not in question.split("Choices of who:")[1]
    speakers = [(c.attributed_to, c.modality) for c in result.claims]
    # A named speaker's firm words are reported; the outlet's own are asserted.
    assert speakers[1] == ("Ana Ortiz", "reported")
    assert speakers[0] == ("the outlet", "asserted")
    assert speakers[3] == ("the outlet", "speculative")
    assert result.speakers == {"Ana Ortiz": "person"}


def test_the_outlet_relays_no_one_in_a_sentence_without_speech(nlp: Language) -> None:
    article = _article(QUOTES)
    result = Extractor(FakeLLM(answering(lambda n: ("0", "reported"))), nlp=nlp).extract(article)
    # "The building cost four million euros." has no verb of saying, quotation or source.
    assert [c.modality for c in result.claims] == [
        "asserted", "reported", "asserted", "asserted", "asserted"
    ]  # fmt: skip


def test_a_source_the_grammar_names_is_kept_when_the_model_answers_the_outlet(
    nlp: Language,
) -> None:
    article = _article("Pier\nThe pier will close in June, the Harbor Authority said on Monday.")
    result = Extractor(
        FakeLLM(answering({1: ("0", "asserted")})), nlp=nlp, parse_decides=False
    ).extract(article)
    claim = result.claims[0]
    assert (claim.attributed_to, claim.modality) == ("Harbor Authority", "reported")
    assert result.parse_speakers == 1


def test_he_said_is_the_person_named_before_when_the_model_answers_the_outlet(
    nlp: Language,
) -> None:
    text = "Pier\nMayor Ana Ortiz visited the harbour on Monday. He said the pier would close."
    result = Extractor(FakeLLM(answering()), nlp=nlp, parse_decides=False).extract(_article(text))
    assert result.claims[1].attributed_to == "Ana Ortiz"


def test_the_schema_allows_only_the_listed_choices(nlp: Language) -> None:
    article = _article(QUOTES)
    fake = FakeLLM(answering())
    Extractor(fake, nlp=nlp, batch_sentences=8, parse_decides=False).extract(article)
    schema = fake.requests[0]["response_format"]["json_schema"]["schema"]
    definitions = schema["$defs"]
    second = definitions[schema["properties"]["2"]["$ref"].rsplit("/", 1)[-1]]["properties"]
    third = definitions[schema["properties"]["4"]["$ref"].rsplit("/", 1)[-1]]["properties"]
    assert second["who"]["enum"] == ["0", "1", "?"]
    assert "who" not in third
    assert "fragment" in second["how"]["enum"] and "none" not in second["how"]["enum"]
    assert all(field["maxLength"] <= 11 for field in (*second.values(), *third.values()))


def test_an_answer_outside_the_choices_is_re_asked_then_the_sentences_fail(
    nlp: Language,
) -> None:
    article = _article(QUOTES)
    fake = FakeLLM(answering({2: ("7", "asserted")}))
    with pytest.raises(ModelOutputError):
        Extractor(fake, nlp=nlp, batch_sentences=8, parse_decides=False).extract(article)
    assert len(fake.requests) == 2  # one validation re-ask


def test_none_fits_becomes_the_outlet_and_is_counted(nlp: Language) -> None:
    article = _article(QUOTES)
    fake = FakeLLM(answering({1: ("?", "asserted")}))
    result = Extractor(fake, nlp=nlp, parse_decides=False).extract(article)
    assert (result.claims[0].attributed_to, result.claims[0].modality) == (
        "the outlet",
        "asserted",
    )
    assert result.unlisted_speakers == 1


def test_a_fragment_gives_no_claim(nlp: Language) -> None:
    article = _article(TEXT)
    fake = FakeLLM(answering(lambda n: ("0", "fragment" if n == 2 else "asserted")))
    result = Extractor(fake, nlp=nlp).extract(article)
    assert len(result.claims) == 22 and result.not_checkable == 1
    assert "region2 " not in " ".join(c.quote for c in result.claims)


def test_one_failing_batch_loses_only_its_sentences(nlp: Language) -> None:
    article = _article(TEXT)

    def answer(schema: dict[str, Any], messages: list[dict[str, Any]]) -> Mapping[str, Any]:
        if "9" in schema["properties"]:
            return {"broken": True}
        return dict(answering()(schema, messages))

    result = Extractor(FakeLLM(answer), nlp=nlp, batch_sentences=8).extract(article)
    assert len(result.claims) == 15 and result.failed_sentences == 8
    assert [p.kind for p in result.problems] == ["extraction_partial"]


def test_one_failing_article_does_not_sink_the_others(nlp: Language) -> None:
    good = _article(QUOTES, "good")
    bad = _article("Bad\nThe mayor said nothing here works. “Really nothing,” she said.", "bad")

    def answer(schema: dict[str, Any], messages: list[dict[str, Any]]) -> Mapping[str, Any]:
        if any("nothing here works" in str(m["content"]) for m in messages):
            return {"broken": True}
        return dict(answering()(schema, messages))

    results = Extractor(FakeLLM(answer), nlp=nlp).extract_all([good, bad])
    assert [r.failed for r in results] == [False, True]
    assert results[0].claims and results[1].problems[0].kind == "extraction_failed"


def test_a_long_article_is_read_in_parts_each_sentence_once(nlp: Language) -> None:
    article = _article(TEXT)
    fake = FakeLLM(answering())
    extractor = Extractor(fake, nlp=nlp)
    extractor.max_chunk_chars = 600
    result = extractor.extract(article)
    assert result.chunks > 1
    assert [p.kind for p in result.problems] == ["article_chunked"]
    assert len({c.quote for c in result.claims}) == 23


def test_one_speaker_gets_one_name_across_articles(nlp: Language) -> None:
    first = _article(
        "Bridge\nTransport Minister Helen Marsh said the bridge would reopen in May.", "one"
    )
    second = _article("Bridge\nThe bridge will reopen in May, Helen Marsch told reporters.", "two")
    results = Extractor(
        FakeLLM(answering({1: ("1", "reported")})), nlp=nlp, parse_decides=False
    ).extract_all([first, second])
    assert [r.claims[0].attributed_to for r in results] == ["Helen Marsh", "Helen Marsh"]


def test_unify_speakers_keeps_a_person_and_an_organisation_apart() -> None:
    results = [ExtractionResult(article_id="x", speakers={"Kremlin": "organisation"}),
               ExtractionResult(article_id="y", speakers={"Dmitry Peskov": "person"})]  # fmt: skip
    unify_speakers(results)
    assert [r.speakers for r in results] == [
        {"Kremlin": "organisation"},
        {"Dmitry Peskov": "person"},
    ]


REFERRING = (
    "Budget talks\n"
    "Finance Minister Jane Doe met the unions in Lisbon on Monday. "
    "She said the ministry could cut the defence budget by 5%. "
    "Officials expect a vote in March."
)


def _with_referent(referent: str) -> Any:
    labels = answering({2: ("1", "hedged")})

    def answer(schema: dict[str, Any], messages: list[dict[str, Any]]) -> Mapping[str, Any]:
        if "refers_to" in schema.get("properties", {}):
            return {"refers_to": referent}
        return dict(labels(schema, messages))

    return answer


def test_a_referent_from_the_text_makes_the_statement_standalone(nlp: Language) -> None:
    article = _article(REFERRING, "r")
    fake = FakeLLM(_with_referent("Finance Minister Jane Doe"))
    result = Extractor(fake, nlp=nlp, parse_decides=False).extract(article)
    # Only the sentence that opens with a pronoun is asked what it refers to.
    asked = [_last_message(r) for r in fake.requests if "stand for" in _last_message(r)]
    assert len(asked) == 1 and 'Sentence [2]: who or what does "She" stand for?' in asked[0]
    claim = result.claims[1]
    assert claim.statement == (
        "Finance Minister Jane Doe said the ministry could cut the defence budget by 5%."
    )
    assert claim.quote == "She said the ministry could cut the defence budget by 5%."
    assert claim.attributed_to == "Jane Doe"
    assert (result.resolved, result.unresolved) == (1, 0)


def test_the_embedded_model_is_not_asked_for_referents(nlp: Language) -> None:
    article = _article(REFERRING, "r")
    fake = FakeLLM(_with_referent("Jane Doe"), settings=Settings(backend="local"))
    result = Extractor(fake, nlp=nlp).extract(article)
    assert not any("stand for" in _last_message(r) for r in fake.requests)
    assert result.claims[1].statement == result.claims[1].quote
    assert (result.resolved, result.unresolved) == (0, 0)


def test_a_made_up_referent_is_not_put_in_and_is_counted(nlp: Language) -> None:
    article = _article(REFERRING, "r")
    result = Extractor(FakeLLM(_with_referent("the Pope")), nlp=nlp, parse_decides=False).extract(
        article
    )
    assert result.claims[1].statement == result.claims[1].quote
    assert (result.resolved, result.unresolved) == (0, 1)


class _Doubting:
    """A contradiction model that finds nothing entailed."""

    max_length = 256

    def count_tokens(self, texts: Any) -> list[int]:
        return [len(t.split()) for t in texts]

    def predict(self, pairs: Any, **_: Any) -> Any:
        return np.array([[0.1, 0.8, 0.1]] * len(pairs), dtype=np.float32)


def test_a_resolved_statement_not_entailed_by_the_text_is_replaced_by_the_sentence(
    nlp: Language,
) -> None:
    article = _article(REFERRING, "e")
    fake = FakeLLM(_with_referent("Finance Minister Jane Doe"))
    extractor = Extractor(fake, model=_Doubting(), nlp=nlp, parse_decides=False)  # type: ignore[arg-type]
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


def test_where_the_parse_decides_no_call_is_made(nlp: Language) -> None:
    # "The building cost four million euros." and the opening sentence have no verb of
    # saying, quotation mark, question, modal verb or softening word: the outlet asserts
    # them. "..., Ortiz said." names its source by its grammar: Ortiz, reporting. The
    # expectation and the "could" are asked.
    article = _article(QUOTES)
    fake = FakeLLM(answering())
    result = Extractor(fake, nlp=nlp).extract(article)
    asked = " ".join(_last_message(r) for r in fake.requests)
    assert result.parse_decided == 3 and len(fake.requests) == 2
    assert "Label sentence [4]" in asked and "Label sentence [5]" in asked
    by_quote = {c.quote: (c.attributed_to, c.modality) for c in result.claims}
    assert by_quote["The building cost four million euros."] == ("the outlet", "asserted")
    assert by_quote["“It will stay open until midnight,” Ortiz said."] == (
        "Ana Ortiz",
        "reported",
    )
    assert len(result.claims) == 5
    # Asked of the model instead when the parse is not trusted to decide.
    everything = FakeLLM(answering())
    assert Extractor(everything, nlp=nlp, parse_decides=False).extract(article).parse_decided == 0
    assert len(everything.requests) == 5


PARSED = (
    "Harbour plans\n"
    "The Harbor Authority opened an inquiry in March. "
    "The authority said the pier would close in June. "
    "“Not a proud day,” Ana Ortiz said. "
    "“We let the fishermen down.” "
    "Officials said repairs would cost four million euros. "
    "The storm could flood the quay again next winter. "
    "The repairs may have been delayed by the rain. "
    "The council called the plan “a mistake.” "
    "The pier, which would have hosted a market, was closed on Friday. "
    "The harbour master was accused of ignoring warnings. "
    "Repairs on the north wall were..."
)


def test_the_parse_decides_every_sentence_with_no_model_call(nlp: Language) -> None:
    fake = FakeLLM(answering())
    result = Extractor(fake, nlp=nlp, attribution="parse").extract(_article(PARSED))
    assert fake.requests == []
    assert result.calls == 0 and result.parse_decided == 11
    got = [(c.attributed_to, c.modality) for c in result.claims]
    assert got == [
        ("the outlet", "asserted"),
        ("Harbor Authority", "reported"),  # "the authority", named the sentence before
        ("Ana Ortiz", "reported"),
        ("Ana Ortiz", "reported"),  # the quotation goes on from her sentence
        ("the outlet", "reported"),  # an unnamed source: the outlet relays it
        ("the outlet", "speculative"),
        ("the outlet", "hedged"),
        ("the outlet", "asserted"),  # a quoted phrase is not reported speech
        ("the outlet", "asserted"),  # "would" is in a side clause
        ("the outlet", "reported"),  # a charge is relayed
    ]
    # The cut-off last sentence states nothing, so it is no claim.
    assert result.not_checkable == 1
    assert {c.provenance.decided_by for c in result.claims if c.provenance} == {"parse"}


def test_auto_attribution_is_the_parse_on_the_embedded_model_only(nlp: Language) -> None:
    local = FakeLLM(answering(), settings=Settings(backend="local"))
    assert Extractor(local, nlp=nlp).attribution == "parse"
    assert Extractor(FakeLLM(answering()), nlp=nlp).attribution == "llm"


def test_with_the_llm_the_parse_still_decides_what_leaves_no_choice(nlp: Language) -> None:
    fake = FakeLLM(answering())
    result = Extractor(fake, nlp=nlp, attribution="llm").extract(_article(PARSED))
    asked = {
        int(m.group(1))
        for r in fake.requests
        if (m := re.search(r"Label sentence \[(\d+)\]", _last_message(r)))
    }
    # Named sources, the quotation after one, plain statements and the fragment: the parse.
    assert asked.isdisjoint({1, 2, 3, 4, 11})
    by_parse = [c for c in result.claims if c.provenance and c.provenance.decided_by == "parse"]
    assert len(by_parse) + result.not_checkable == result.parse_decided


def test_a_named_speakers_words_put_as_possible_are_hedged(nlp: Language) -> None:
    text = "Pier\nMayor Ana Ortiz said the pier may close in June. Ortiz said it will reopen."
    result = Extractor(FakeLLM(answering()), nlp=nlp, attribution="parse").extract(_article(text))
    assert [(c.attributed_to, c.modality) for c in result.claims] == [
        ("Ana Ortiz", "hedged"),
        ("Ana Ortiz", "reported"),
    ]


def test_his_lawyers_words_are_given_to_him(nlp: Language) -> None:
    text = "Pier\nMayor Ana Ortiz was fined on Monday. Her lawyer said the fine was unlawful."
    result = Extractor(FakeLLM(answering()), nlp=nlp, attribution="parse").extract(_article(text))
    assert [(c.attributed_to, c.modality) for c in result.claims] == [
        ("the outlet", "asserted"),
        ("Ana Ortiz", "reported"),
    ]


def test_an_unknown_attribution_is_refused(nlp: Language) -> None:
    with pytest.raises(InputError, match="attribution must be"):
        Extractor(FakeLLM(answering()), nlp=nlp, attribution="guess")  # type: ignore[arg-type]
