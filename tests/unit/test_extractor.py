"""Extraction logic with a fake model: windows, grounding, drops counted, hedges, failures."""

from __future__ import annotations

import json
from typing import Any

from factcheck.errors import ModelCallError
from factcheck.extract import Extractor
from factcheck.extract.models import ClaimDrafts
from factcheck.ingest.reader import prepare_article
from factcheck.llm import RenderedPrompt, Settings

TEXT = "Leaders meet in Berlin\n" + "\n".join(
    f"Sentence number {n} says that the minister of region{n} visited Berlin on Sunday."
    for n in range(1, 24)
)
HEDGED = (
    "Zelenskyy signals shift\n"
    "Ukrainian President Volodymyr Zelenskyy has indicated a willingness to consider abandoning "
    "the NATO membership bid.\n"
)


class FakeLLM:
    """Answers each window with claims on its sentences, as the real model does:
    validated with the same context, so grounding rules apply."""

    def __init__(self, make: Any, settings: Settings | None = None) -> None:
        self.make = make
        self.settings = settings or Settings(backend="openai", model="fake", api_key="sk-test")
        self.model = "fake"
        self.prompts: list[RenderedPrompt] = []

    def generate(self, prompt: RenderedPrompt, response_model: Any, *, stage: str,
                 context: dict[str, Any] | None = None) -> Any:  # fmt: skip
        self.prompts.append(prompt)
        numbers = sorted((context or {})["sentences"])
        payload = {"claims": self.make(numbers, context)}
        ctx = {**(context or {}), "attempt": 99}  # the last attempt: drop, don't re-ask
        return response_model.model_validate_json(json.dumps(payload), context=ctx)


def _claim(
    number: int, subject: str, predicate: str, obj: str, modality: str = "asserted"
) -> dict[str, Any]:
    return {
        "sentence": number, "speaker": "the outlet", "modality": modality,
        "subject": subject, "predicate": predicate, "object": obj, "topic": "visit",
    }  # fmt: skip


def test_every_window_of_a_long_article_is_read() -> None:
    article = prepare_article(TEXT, article_id="long").article
    fake = FakeLLM(lambda ns, _: [_claim(n, f"the minister of region{n}", "visited", "Berlin")
                                  for n in ns[:2]])  # fmt: skip
    result = Extractor(fake).extract(article)  # type: ignore[arg-type]
    assert len(fake.prompts) >= 2
    cited = {c.quote for c in result.claims}
    assert any("region1 " in q for q in cited) and any("region2" in q for q in cited)
    assert any(int(q.split()[2]) > 10 for q in cited), "later windows were not read"
    for claim in result.claims:
        assert article.text[claim.char_start : claim.char_end] == claim.quote


def test_ungrounded_claims_are_dropped_and_counted() -> None:
    article = prepare_article(TEXT, article_id="a").article
    fake = FakeLLM(lambda ns, _: [
        _claim(ns[0], f"the minister of region{ns[0]}", "visited", "Berlin"),
        _claim(ns[-1], "Mars rovers", "discovered", "ancient oceans"),
        _claim(999, "the minister", "visited", "Berlin"),
    ][0 if len(ns) > 1 else 1:])  # fmt: skip
    result = Extractor(fake, sentences_per_chunk=100).extract(article)  # type: ignore[arg-type]
    # The Mars claim's sentence was asked alone and gave the Mars claim again.
    assert len(fake.prompts) == 2 and "[23]" in fake.prompts[1].messages[-1][1]
    assert [c.quote.split()[2] for c in result.claims] == ["1"]
    assert result.dropped == 2 and result.recovered == 0
    [problem] = [p for p in result.problems if p.kind == "ungrounded_dropped"]
    assert problem.count == 2


def test_a_sentence_that_lost_its_claims_is_asked_alone() -> None:
    article = prepare_article(TEXT, article_id="a").article

    def make(ns: list[int], _: Any) -> list[dict[str, Any]]:
        if len(ns) == 1:  # alone, the model reads the sentence right
            return [_claim(ns[0], f"the minister of region{ns[0]}", "visited", "Berlin")]
        # in a window, it cites the second sentence for something that is not there
        return [_claim(ns[1], "Mars rovers", "discovered", "ancient oceans")]

    result = Extractor(FakeLLM(make), sentences_per_chunk=6).extract(article)  # type: ignore[arg-type]
    assert result.dropped == 0 and result.recovered == result.chunks
    assert [c.statement for c in result.claims][:2] == [
        "The minister of region2 visited Berlin.",
        "The minister of region8 visited Berlin.",
    ]
    assert not [p for p in result.problems if p.kind == "ungrounded_dropped"]


def test_strict_validation_rejects_for_a_reask() -> None:
    drafts = {"claims": [_claim(1, "Mars rovers", "discovered", "oceans")]}
    context = {"sentences": {1: "The minister visited Berlin."}, "title": "", "reasks": 1}
    try:
        ClaimDrafts.model_validate_json(json.dumps(drafts), context=context)
    except ValueError as exc:
        assert "not grounded" in str(exc)
    else:
        raise AssertionError("an ungrounded claim must be re-asked while re-asks remain")


def test_hedge_in_the_quote_survives_a_firm_label() -> None:
    article = prepare_article(HEDGED, article_id="h").article
    fake = FakeLLM(
        lambda ns, _: [_claim(ns[0], "Volodymyr Zelenskyy", "abandons", "the NATO membership bid")]
    )
    [claim] = Extractor(fake).extract(article).claims  # type: ignore[arg-type]
    assert claim.modality == "hedged"
    assert claim.statement == "Volodymyr Zelenskyy abandons the NATO membership bid."


def test_one_failing_article_does_not_sink_the_others() -> None:
    good = prepare_article(HEDGED, article_id="good").article
    bad = prepare_article(TEXT, article_id="bad").article

    def make(ns: list[int], context: dict[str, Any]) -> list[dict[str, Any]]:
        if "region" in context["sentences"][ns[0]]:
            raise ModelCallError("the model did not answer")
        return [_claim(ns[0], "Volodymyr Zelenskyy", "may abandon", "the NATO membership bid")]

    results = Extractor(FakeLLM(make)).extract_all([good, bad])  # type: ignore[arg-type]
    by_id = {r.article_id: r for r in results}
    assert by_id["good"].claims and not by_id["good"].failed
    assert by_id["bad"].failed
    assert by_id["bad"].problems[0].kind == "extraction_failed"


def test_statement_from_an_overlapping_triple_reads_once() -> None:
    from factcheck.extract.models import tidy_statement

    assert tidy_statement("Ukraine relinquished its ambition to join NATO NATO") == (
        "Ukraine relinquished its ambition to join NATO."
    )
    assert tidy_statement("Zelenskyy proposes security agreements security agreements") == (
        "Zelenskyy proposes security agreements."
    )
    assert tidy_statement("Zelenskyy wants to shift Ukraine Ukraine’s focus") == (
        "Zelenskyy wants to shift Ukraine’s focus."
    )
    assert tidy_statement("Ukraine is in talks with the United States and欧洲 European allies") == (
        "Ukraine is in talks with the United States and European allies."
    )
    assert tidy_statement("Kyiv said Kyiv will talk") == "Kyiv said Kyiv will talk."


def test_a_placeholder_object_is_not_part_of_the_statement() -> None:
    from factcheck.extract.models import ClaimDraft, partition_grounded

    draft = ClaimDraft.model_validate(
        _claim(1, "Ukraine", "continues to reject demands to cede territory", "true")
    )
    assert draft.statement == "Ukraine continues to reject demands to cede territory."
    # A re-ask names the sentence the claim cites, so the model can restate it.
    wrong = ClaimDraft.model_validate(_claim(1, "Ukraine", "desired to join", "NATO"))
    _, [(_, reason)] = partition_grounded([wrong], {1: "Officials met in Berlin on Sunday."}, "")
    assert "sentence 1 reads 'Officials met in Berlin on Sunday.'" in reason


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
    assert ground_speaker("the United Nations", text) == "the outlet"
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


def test_windows_ask_for_a_claim_per_sentence() -> None:
    article = prepare_article(TEXT, article_id="w").article
    fake = FakeLLM(lambda ns, _: [_claim(n, f"the minister of region{n}", "visited", "Berlin")
                                  for n in ns])  # fmt: skip
    result = Extractor(fake).extract(article)  # type: ignore[arg-type]
    assert len(result.claims) == len(article.sentences)
    assert all(len(p.as_openai()[-1]["content"].split("\n[")) <= 9 for p in fake.prompts)
