"""Locating a model's quote in the article, exactly or after normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.ingest import Located, clean_text, locate_quote, normalize_for_match

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed_text(name: str) -> str:
    return clean_text((SEEDS / f"{name}.txt").read_text(encoding="utf-8")).text


def test_exact_quote_in_a_seed() -> None:
    text = _seed_text("002_2f79619225845647")
    quote = "Ukraine continues to reject demands to cede territory in Donetsk"
    located = locate_quote(text, quote)
    assert located is not None
    assert located.alignment == "exact"
    assert text[located.char_start : located.char_end] == quote


def test_straight_quotes_match_curly_ones_and_map_to_original_offsets() -> None:
    text = _seed_text("002_2f79619225845647")
    quote = "\"From the very beginning, Ukraine's desire was to join NATO"
    located = locate_quote(text, quote)
    assert located is not None
    assert located.alignment == "normalized"
    original = text[located.char_start : located.char_end]
    assert original == "“From the very beginning, Ukraine’s desire was to join NATO"
    assert len(original) == len(quote)


def test_hyphen_matches_en_dash() -> None:
    text = _seed_text("000_9d8c5063c59396e0")
    located = locate_quote(text, "Kyiv, Ukraine - In a move")
    assert located is not None
    assert text[located.char_start : located.char_end] == "Kyiv, Ukraine – In a move"


def test_whitespace_runs_and_line_breaks_are_collapsed() -> None:
    text = "Intro line.\nThe  talks\n  resumed   on Monday in Berlin."
    located = locate_quote(text, "The talks resumed on Monday")
    assert located is not None
    assert located.alignment == "normalized"
    assert text[located.char_start : located.char_end] == "The  talks\n  resumed   on Monday"


def test_ellipsis_character_matches_three_dots_both_ways() -> None:
    text = "He paused… then said “we will see”."
    forward = locate_quote(text, "He paused... then said")
    assert forward is not None
    assert text[forward.char_start : forward.char_end] == "He paused… then said"
    dotted = "Wait... no."
    backward = locate_quote(dotted, "Wait… no")
    assert backward is not None
    assert dotted[backward.char_start : backward.char_end] == "Wait... no"


def test_non_ascii_text_keeps_character_offsets() -> None:
    text = "Ärzte in Zürich – so Łukasz – sagten: „Grüße aus Kyjiw“. Später mehr."
    located = locate_quote(text, '- sagten: "Grüße aus Kyjiw"')
    assert located is not None
    assert located.alignment == "normalized"
    assert text[located.char_start : located.char_end] == "– sagten: „Grüße aus Kyjiw“"


def test_repeated_phrase_picks_the_occurrence_nearest_the_hint() -> None:
    text = "NATO membership was discussed. " * 3
    first = locate_quote(text, "NATO membership")
    assert first == Located(char_start=0, char_end=15, alignment="exact")
    third_start = text.rindex("NATO membership")
    near_third = locate_quote(text, "NATO membership", near=third_start - 3)
    assert near_third is not None
    assert near_third.char_start == third_start
    middle = locate_quote(text, "NATO membership", near=len(text) // 2)
    assert middle is not None
    assert middle.char_start == text.index("NATO membership", 1)


def test_repeated_normalized_phrase_uses_the_hint() -> None:
    text = "He said “yes”. Later, she said “yes” too."
    later = locate_quote(text, 'said "yes"', near=20)
    assert later is not None
    assert later.alignment == "normalized"
    assert later.char_start == text.rindex("said “yes”")
    assert text[later.char_start : later.char_end] == "said “yes”"


def test_seed_quote_repeated_across_the_article() -> None:
    text = _seed_text("003_82df3489a97b2c5e")
    phrase = "security guarantees"
    positions = [i for i in range(len(text)) if text.startswith(phrase, i)]
    assert len(positions) >= 3
    located = locate_quote(text, phrase, near=positions[2] + 1)
    assert located is not None
    assert located.char_start == positions[2]


@pytest.mark.parametrize("quote", ["", "   ", "Zelensky resigned", "NATO membership!"])
def test_absent_or_empty_quote_is_none(quote: str) -> None:
    assert locate_quote("Talks on NATO membership resumed.", quote) is None


def test_normalize_for_match() -> None:
    assert normalize_for_match("  “Kyiv’s” — view…\n\tnow  ") == '"Kyiv\'s" - view... now'
    assert normalize_for_match("plain text") == "plain text"
