"""The helpers each concept has one home in: possessives, months, names, file hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factcheck.hashing import file_sha256
from factcheck.language import (
    MONTH_NUMBERS,
    MONTH_WORDS,
    MONTHS,
    STOPWORDS,
    TITLE_SMALL_WORDS,
    name_words,
    same_name_word,
    same_name_words,
    same_organisation_words,
    without_possessive,
)


def test_without_possessive_strips_either_apostrophe_once() -> None:
    assert without_possessive("Harbour's") == "Harbour"
    assert without_possessive("Harbour’s") == "Harbour"
    assert without_possessive("Harbours") == "Harbours"
    assert without_possessive("Harbour's's") == "Harbour's"


def test_every_month_spelling_has_its_number() -> None:
    assert [MONTH_NUMBERS[m.lower()] for m in MONTHS] == list(range(1, 13))
    assert MONTH_NUMBERS["sept."] == MONTH_NUMBERS["sep"] == MONTH_NUMBERS["september"] == 9
    assert "may." not in MONTH_WORDS  # "May" has no abbreviation
    assert {"jan.", "dec", "june"} <= MONTH_WORDS


def test_title_small_words_are_function_words() -> None:
    assert TITLE_SMALL_WORDS <= STOPWORDS


def test_name_words_drop_stops_and_possessives() -> None:
    assert name_words("the Riverside Port Authority’s") == ["the", "riverside", "port", "authority"]
    assert name_words("Dr. Ana Q. Ortiz-Lind") == ["dr", "ana", "q", "ortiz-lind"]


def test_same_name_word_spelling_and_initials() -> None:
    assert same_name_word("ortiz", "ortizz")
    assert not same_name_word("jackson", "johnson")
    assert not same_name_word("a", "ana")
    assert same_name_word("a", "ana", initials=True)
    assert same_name_words(["ortizz"], ["ana", "ortiz"])


def test_same_organisation_words() -> None:
    assert same_organisation_words(("harbour", "board"), ("board", "harbour"))
    assert same_organisation_words(("port", "office"), ("river", "port", "office"))
    assert not same_organisation_words(("house",), ("house", "ethics", "committee"))


def test_file_sha256_is_hashlib_over_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "weights.bin"
    data = bytes(range(256)) * 5000
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()
