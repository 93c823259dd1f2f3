"""Sentence splitting: exact offsets, prose only, abbreviations and quotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.ingest import clean_text, looks_like_heading, split_sentences
from factcheck.schemas import Sentence
from factcheck.segment import sentence_spans

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# Hand-labelled news paragraphs, not from the seeds (also scored by benchmarks/segmenters.py).
TRICKY = json.loads(
    (Path(__file__).parent / "fixtures" / "tricky_sentences.json").read_text(encoding="utf-8")
)["cases"]

SENTENCE_COUNTS = {
    "000_9d8c5063c59396e0": 20,
    "001_b8649be1d7d7a2c6": 19,
    "002_2f79619225845647": 23,
    "003_82df3489a97b2c5e": 33,
    "004_815aa814a81d8f26": 30,
}


def _seed(name: str) -> tuple[str, list[Sentence]]:
    text = clean_text((SEEDS / f"{name}.txt").read_text(encoding="utf-8")).text
    return text, split_sentences(text)


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_every_seed_sentence_points_exactly_into_the_text(seed: Path) -> None:
    text, sentences = _seed(seed.stem)
    assert len(sentences) == SENTENCE_COUNTS[seed.stem]
    assert [s.index for s in sentences] == list(range(1, len(sentences) + 1))
    previous_end = 0
    for s in sentences:
        assert text[s.char_start : s.char_end] == s.text
        assert s.text == s.text.strip()
        assert s.line == text.count("\n", 0, s.char_start) + 1
        assert s.char_start >= previous_end
        previous_end = s.char_end


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_title_is_not_a_sentence(seed: Path) -> None:
    text, sentences = _seed(seed.stem)
    title = text.split("\n", 1)[0]
    assert all(s.line != 1 for s in sentences)
    assert all(s.text != title for s in sentences)


def test_headings_are_skipped() -> None:
    headings = {
        "000_9d8c5063c59396e0": [
            "Ukraine Signals Potential Shift in Stance on NATO Membership Amid Peace Negotiations"
        ],
        "001_b8649be1d7d7a2c6": [
            "Zelensky Signals Willingness to Forego NATO Membership for Security Guarantees",
            "Key Demands and Red Lines",
            "From NATO Aspiration to Bilateral guarantees",
        ],
        "002_2f79619225845647": ["Peace Talks in Berlin", "Key Compromises and Challenges"],
        "003_82df3489a97b2c5e": ["Escalating Tensions and Security Concerns", "The Path Forward"],
        "004_815aa814a81d8f26": ["Conclusion", "What’s at Stake?", "Key Takeaways"],
    }
    for name, expected in headings.items():
        text, sentences = _seed(name)
        for heading in expected:
            assert f"\n{heading}\n" in text
            assert all(heading not in s.text for s in sentences), heading


def test_list_items_are_sentences_without_their_marker() -> None:
    _, sentences = _seed("002_2f79619225845647")
    texts = [s.text for s in sentences]
    assert "Ceasefire along current front lines" in texts
    assert "Legally binding security guarantees from the U.S. and European partners" in texts
    assert not any(t.startswith("- ") for t in texts)


def test_quotation_with_attribution_stays_one_sentence() -> None:
    _, sentences = _seed("002_2f79619225845647")
    expected = (
        "“From the very beginning, Ukraine’s desire was to join NATO; these are real security "
        "guarantees. Some partners from the US and Europe did not support this direction,” "
        "Zelenskyy said."
    )
    assert expected in [s.text for s in sentences]


def test_us_abbreviation_does_not_end_a_sentence() -> None:
    _, sentences = _seed("004_815aa814a81d8f26")
    texts = [s.text for s in sentences]
    assert (
        "This statement comes amid discussions with U.S. and European officials aimed at "
        "finding a resolution to the ongoing conflict with Russia." in texts
    )
    assert not any(t.endswith("U.S.") for t in texts)


def _tricky_case(case: dict[str, Any]) -> Any:
    # A boundary pysbd is known to miss is an expected failure, and a strict one: should
    # a new pysbd get it right, the test says so and the mark comes off.
    marks = (
        [pytest.mark.xfail(strict=True, reason=case["known_miss"])] if "known_miss" in case else []
    )
    return pytest.param(case["text"], case["sentences"], marks=marks, id=case["text"][:40])


@pytest.mark.parametrize(("text", "expected"), [_tricky_case(c) for c in TRICKY])
def test_tricky_news_sentences(text: str, expected: list[str]) -> None:
    prose = f"Heading Line\n{text}"
    assert _texts(prose) == expected
    for s in split_sentences(prose):
        assert prose[s.char_start : s.char_end] == s.text


def test_most_tricky_sentences_are_cut_right() -> None:
    right = sum(_texts(f"Heading Line\n{c['text']}") == c["sentences"] for c in TRICKY)
    assert len(TRICKY) >= 25
    assert right >= len(TRICKY) - 3


def test_sentence_spans_end_at_line_breaks_and_point_exactly() -> None:
    text = "  First line. Second one!\n\nThird “quoted.” Fourth\n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "First line.",
        "Second one!",
        "Third “quoted.”",
        "Fourth",
    ]
    assert sentence_spans(text, 2, 13) == [(2, 13)]
    # Consecutive numbers before full stops are not an inline numbered list.
    weeks = "Crews planted trees in week 3. Crews planted more in week 4. Then it rained."
    assert [weeks[s:e] for s, e in sentence_spans(weeks)] == [
        "Crews planted trees in week 3.",
        "Crews planted more in week 4.",
        "Then it rained.",
    ]
    assert sentence_spans("") == []


def test_long_sentence_is_kept_whole() -> None:
    long_sentence = "The delegates, " + ", ".join(f"item {n}" for n in range(120)) + "."
    assert 1000 < len(long_sentence) <= 1500
    assert _texts(f"Title\n{long_sentence} Then they left.") == [
        long_sentence,
        "Then they left.",
    ]


def test_offsets_with_non_ascii_and_indented_lines() -> None:
    text = (
        "Über Grüße\n  Zürich – “Ça va?” asked Łukasz.  Die Welt was quoted.\n\n  - Ärger ahead\n"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Zürich – “Ça va?” asked Łukasz.",
        "Die Welt was quoted.",
        "Ärger ahead",
    ]
    assert [s.line for s in sentences] == [2, 2, 4]
    for s in sentences:
        assert text[s.char_start : s.char_end] == s.text


@pytest.mark.parametrize(
    ("line", "first_line", "expected"),
    [
        ("Peace Talks in Berlin", False, True),
        ("Key Demands and Red Lines", False, True),
        ("Conclusion", False, True),
        ("Who Pays for the Bridge?", False, True),
        ("What Comes Next for the Harbour?", False, True),
        ("Why now?", False, False),
        ("Zelenskyy says willing to drop NATO membership bid ahead of peace talks", True, True),
        ("Zelenskyy says willing to drop NATO membership bid ahead of peace talks", False, False),
        ("The talks ended on Sunday.", True, False),
        ("- Ceasefire along current front lines", False, False),
        (
            "What happens to the guarantees if the ceasefire fails and the talks collapse?",
            False,
            False,
        ),
    ],
)
def test_looks_like_heading(line: str, first_line: bool, expected: bool) -> None:
    assert looks_like_heading(line, first_line=first_line) is expected


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n\n  \n") == []


def test_pieces_that_cannot_be_claims_are_set_aside_with_their_line() -> None:
    from factcheck.ingest.sentences import segment_prose

    first = "The council met on Monday to vote on the budget for the coming year."
    text = f'Title line\n\n{first} "\n\nIt voted against the plan. .\n\nYes. OK.'
    result = segment_prose(text)
    assert [s.text for s in result.sentences] == [first, "It voted against the plan.", "Yes."]
    reasons = [(piece.reason, piece.line, piece.text) for piece in result.set_aside]
    assert reasons == [("no_words", 3, '"'), ("no_words", 5, "."), ("too_short", 7, "OK.")]


def test_an_over_long_sentence_is_cut_at_clause_boundaries_never_mid_word() -> None:
    from factcheck.ingest.sentences import MAX_SENTENCE_CHARS, segment_prose

    clause = "the committee listed another item of spending in its report"
    text = "Title\n\n" + "; ".join([clause] * 60) + "."
    result = segment_prose(text)
    assert len(result.sentences) > 1
    assert [piece.reason for piece in result.set_aside] == ["split"]
    assert result.set_aside[0].parts == len(result.sentences)
    for sentence in result.sentences:
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert text[sentence.char_start : sentence.char_end] == sentence.text
        assert sentence.text.startswith("the committee")
        assert sentence.text.rstrip(";.").endswith("report")
