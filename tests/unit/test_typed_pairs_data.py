"""The typed-pairs set (benchmarks/data/typed_pairs/pairs.jsonl) is well formed and its own."""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "benchmarks" / "data" / "typed_pairs" / "pairs.jsonl"
KINDS = frozenset(
    {
        "tally",
        "bound",
        "duration",
        "day",
        "count",
        "percent",
        "money",
        "age",
        "rank",
        "status",
        "comparison",
        "role",
        "arithmetic",
        "date",
    }
)
REQUIRED = {"id", "a", "b", "differs", "kind", "domain", "note", "fold"}
OPTIONAL = {"article_date"}
# Folders whose sentences the set must not reuse, where they exist on this machine.
FORBIDDEN_SOURCES = (
    ROOT / "seeds",
    ROOT.parent / "shared" / "seeds",
    ROOT.parent / "shared" / "data" / "stories-dev",
)


def _pairs() -> list[dict[str, Any]]:
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_pair_has_the_fields_with_their_types() -> None:
    for pair in _pairs():
        assert REQUIRED <= pair.keys() <= REQUIRED | OPTIONAL, pair.get("id")
        assert re.fullmatch(rf"{re.escape(pair['kind'])}-\d{{2,}}", pair["id"]), pair["id"]
        assert pair["kind"] in KINDS, pair["id"]
        assert isinstance(pair["differs"], bool), pair["id"]
        for field in ("a", "b", "domain", "note"):
            assert isinstance(pair[field], str) and pair[field].strip(), (pair["id"], field)
        assert "\n" not in pair["note"], pair["id"]
        assert pair["a"] != pair["b"], pair["id"]
        assert pair["fold"] in range(5), pair["id"]
        if "article_date" in pair:
            datetime.date.fromisoformat(pair["article_date"])


def test_ids_are_unique() -> None:
    counts = Counter(pair["id"] for pair in _pairs())
    assert [i for i, n in counts.items() if n > 1] == []


def test_size_and_share_of_look_alikes() -> None:
    pairs = _pairs()
    assert len(pairs) >= 150
    quiet = sum(not pair["differs"] for pair in pairs)
    assert quiet * 3 >= len(pairs)


def test_every_kind_has_both_classes_and_balanced_folds() -> None:
    pairs = _pairs()
    assert {pair["kind"] for pair in pairs} == KINDS
    for kind in KINDS:
        rows = [pair for pair in pairs if pair["kind"] == kind]
        assert {pair["differs"] for pair in rows} == {True, False}, kind
        folds = Counter(pair["fold"] for pair in rows)
        assert max(folds.values()) - min(folds.get(f, 0) for f in range(5)) <= 1, kind


def _normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def test_no_sentence_is_taken_from_the_seeds_or_the_dev_stories() -> None:
    sources = [folder for folder in FORBIDDEN_SOURCES if folder.is_dir()]
    if not sources:
        pytest.skip("neither the seeds nor stories-dev is on this machine")
    corpus = [
        _normalised(path.read_text(encoding="utf-8", errors="replace"))
        for folder in sources
        for path in sorted(folder.rglob("*.txt"))
    ]
    assert corpus, "the source folders hold no .txt files"
    sentences = {_normalised(pair[side]) for pair in _pairs() for side in ("a", "b")}
    taken = sorted(s for s in sentences if any(s in text for text in corpus))
    assert taken == []
