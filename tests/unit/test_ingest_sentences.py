"""Sentence splitting: exact offsets, prose only, abbreviations and quotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.ingest import clean_text, looks_like_heading, split_sentences
from factcheck.schemas import Sentence

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

SENTENCE_COUNTS = {
    "000_9d8c5063c59396e0": 20,
    "001_b8649be1d7d7a2c6": 19,
    "002_2f79619225845647": 24,
    "003_82df3489a97b2c5e": 34,
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


def test_a_trailing_clause_with_its_own_speaker_is_its_own_unit() -> None:
    text, sentences = _seed("002_2f79619225845647")
    texts = [s.text for s in sentences]
    assert "Officials described the sessions as productive" in texts
    assert (
        "with Zelenskyy emphasizing that these potential security guarantees must be legally "
        "binding, akin to NATO’s Article 5 protections." in texts
    )
    for sentence in sentences:
        assert text[sentence.char_start : sentence.char_end] == sentence.text
    # Only a named speaker with a verb of saying starts such a unit.
    assert _texts("Title\nBoth remain under scrutiny, with the world watching for a deal.") == [
        "Both remain under scrutiny, with the world watching for a deal."
    ]
    assert _texts("Title\n“Talks went well, with Kyiv saying yes,” he said.") == [
        "“Talks went well, with Kyiv saying yes,” he said."
    ]


def test_lowercase_after_a_full_stop_still_starts_a_sentence() -> None:
    _, sentences = _seed("001_b8649be1d7d7a2c6")
    texts = [s.text for s in sentences]
    assert any(t.endswith("did not support this path,” Zelensky stated.") for t in texts)
    assert any(t.startswith("he proposed that bilateral security guarantees") for t in texts)


def test_us_abbreviation_does_not_end_a_sentence() -> None:
    _, sentences = _seed("004_815aa814a81d8f26")
    texts = [s.text for s in sentences]
    assert (
        "This statement comes amid discussions with U.S. and European officials aimed at "
        "finding a resolution to the ongoing conflict with Russia." in texts
    )
    assert not any(t.endswith("U.S.") for t in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones at St. Paul's on Jan. 5. The talks ended late.",
            ["Mr. Smith met Dr. Jones at St. Paul's on Jan. 5.", "The talks ended late."],
        ),
        (
            "Gen. Petraeus and Donald J. Trump spoke. They met at No. 10 Downing Street.",
            ["Gen. Petraeus and Donald J. Trump spoke.", "They met at No. 10 Downing Street."],
        ),
        (
            "Allies, e.g. Canada, and partners, i.e. Japan, agreed. Russia did not.",
            ["Allies, e.g. Canada, and partners, i.e. Japan, agreed.", "Russia did not."],
        ),
        (
            "The plan was sent to the U.K. The reply came on Monday.",
            ["The plan was sent to the U.K.", "The reply came on Monday."],
        ),
        (
            'He said, "We are ready." Then he left the room.',
            ['He said, "We are ready."', "Then he left the room."],
        ),
        (
            "“Why now?” he asked. Nobody answered him.",
            ["“Why now?” he asked.", "Nobody answered him."],
        ),
        (
            "Is it over? No! It has only begun…  Talks resume in May.",
            ["Is it over?", "No!", "It has only begun…", "Talks resume in May."],
        ),
        (
            "The deal was worth 3.5 billion. It was signed at 10.30 on Friday.",
            ["The deal was worth 3.5 billion.", "It was signed at 10.30 on Friday."],
        ),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    prose = f"Heading Line\n{text}"
    assert _texts(prose) == expected


def test_long_sentence_is_kept_whole() -> None:
    long_sentence = "The delegates, " + ", ".join(f"item {n}" for n in range(200)) + "."
    assert len(long_sentence) > 600
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
        ("What’s at Stake?", False, True),
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
