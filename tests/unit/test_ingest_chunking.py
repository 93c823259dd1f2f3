"""Windows of sentences for articles longer than the model's context."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from factcheck.ingest import chunk_sentences, read_article
from factcheck.schemas import Sentence

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _sentences(*lengths: int) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for index, length in enumerate(lengths, start=1):
        text = chr(ord("a") + index % 26) * length
        out.append(
            Sentence(index=index, char_start=start, char_end=start + length, line=1, text=text)
        )
        start += length + 1
    return out


def _joined(chunk: list[Sentence]) -> int:
    return len(" ".join(s.text for s in chunk))


def test_everything_fits_in_one_chunk() -> None:
    sentences = _sentences(10, 10, 10)
    assert chunk_sentences(sentences, max_chars=32) == [sentences]


def test_no_sentences_no_chunks() -> None:
    assert chunk_sentences([], max_chars=100) == []


def test_windows_fit_and_share_the_overlap() -> None:
    sentences = _sentences(*([10] * 10))
    chunks = chunk_sentences(sentences, max_chars=43, overlap=2)
    assert [[s.index for s in c] for c in chunks] == [
        [1, 2, 3, 4],
        [3, 4, 5, 6],
        [5, 6, 7, 8],
        [7, 8, 9, 10],
    ]
    assert all(_joined(c) <= 43 for c in chunks)


def test_overlap_of_one_and_of_zero() -> None:
    sentences = _sentences(*([10] * 6))
    one = chunk_sentences(sentences, max_chars=32, overlap=1)
    assert [[s.index for s in c] for c in one] == [[1, 2, 3], [3, 4, 5], [5, 6]]
    zero = chunk_sentences(sentences, max_chars=32, overlap=0)
    assert [[s.index for s in c] for c in zero] == [[1, 2, 3], [4, 5, 6]]


def test_over_long_sentence_forms_its_own_chunk() -> None:
    sentences = _sentences(10, 100, 10, 10)
    chunks = chunk_sentences(sentences, max_chars=30, overlap=1)
    assert [[s.index for s in c] for c in chunks] == [[1], [2], [3, 4]]


def test_overlap_gives_way_when_it_would_leave_no_room() -> None:
    sentences = _sentences(10, 10, 25, 10)
    chunks = chunk_sentences(sentences, max_chars=30, overlap=2)
    # Sentence 3 cannot share a window with 2 or 4 and stay under 30 characters.
    assert [[s.index for s in c] for c in chunks] == [[1, 2], [3], [4]]
    assert all(_joined(c) <= 30 for c in chunks)


def test_huge_overlap_still_terminates_and_covers_everything() -> None:
    sentences = _sentences(*([5] * 50))
    chunks = chunk_sentences(sentences, max_chars=20, overlap=100)
    covered = {s.index for c in chunks for s in c}
    assert covered == set(range(1, 51))
    assert len(chunks) == 48  # each window adds exactly one sentence


def test_seed_article_chunks_cover_all_sentences() -> None:
    article = read_article(SEEDS / "003_82df3489a97b2c5e.txt")
    chunks = chunk_sentences(article.sentences, max_chars=1000, overlap=2)
    assert len(chunks) > 1
    for previous, current in pairwise(chunks):
        assert previous[-2:] == current[:2]
    assert {s.index for c in chunks for s in c} == {s.index for s in article.sentences}
    assert chunk_sentences(article.sentences, max_chars=100_000) == [article.sentences]


@pytest.mark.parametrize(("max_chars", "overlap"), [(0, 2), (100, -1)])
def test_bad_arguments_are_rejected(max_chars: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        chunk_sentences(_sentences(5), max_chars=max_chars, overlap=overlap)
