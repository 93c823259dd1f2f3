"""Workers' cache shards: read through the shared cache, write only their own file, folded
into the main cache by a merge that keeps what the main cache already holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck.errors import ConfigurationError
from factcheck.llm.cache import (
    CACHE_FILE,
    ResponseCache,
    ShardedCache,
    merge_shards,
    shard_paths,
)


def test_a_shard_reads_the_shared_cache_and_writes_only_itself(tmp_path: Path) -> None:
    main = tmp_path / CACHE_FILE
    with ResponseCache(main) as shared:
        shared.put("known", "main answer", prompt="p", model="m")
    with ShardedCache(main, tmp_path / "shards" / "w1.sqlite3") as worker:
        assert worker.get("known") == "main answer"
        worker.put("new", "worker answer", prompt="p", model="m")
        assert worker.get("new") == "worker answer"
    with ResponseCache(main) as shared:
        assert shared.get("new") is None


def test_merge_folds_every_shard_and_keeps_existing_answers(tmp_path: Path) -> None:
    main = tmp_path / CACHE_FILE
    with ResponseCache(main) as shared:
        shared.put("both", "main", prompt="p", model="m")
    for worker, rows in (("w1", {"both": "w1", "a": "1"}), ("w2", {"a": "1", "b": "2"})):
        with ShardedCache(main, tmp_path / "shards" / f"{worker}.sqlite3") as shard:
            for key, value in rows.items():
                shard.put(key, value, prompt="p", model="m")

    merged = merge_shards(main, shard_paths(tmp_path))

    assert (merged.shards, merged.added, merged.already) == (2, 2, 2)
    assert shard_paths(tmp_path) == []
    with ResponseCache(main) as shared:
        assert (shared.get("both"), shared.get("a"), shared.get("b")) == ("main", "1", "2")
        assert len(shared) == 3


def test_a_killed_worker_loses_nothing_it_committed(tmp_path: Path) -> None:
    main = tmp_path / CACHE_FILE
    shard = tmp_path / "shards" / "killed.sqlite3"
    worker = ShardedCache(main, shard)
    worker.put("answered", "kept", prompt="p", model="m")
    # No close: the process died here. The shard's WAL still holds the committed row.
    merged = merge_shards(main, [shard], remove=False)
    assert merged.added == 1
    with ResponseCache(main) as shared:
        assert shared.get("answered") == "kept"
    worker.close()


def test_a_damaged_shard_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    shard = tmp_path / "shards" / "bad.sqlite3"
    shard.parent.mkdir()
    shard.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigurationError, match="delete the shard"):
        merge_shards(tmp_path / CACHE_FILE, [shard])
    assert sqlite3.connect(tmp_path / CACHE_FILE).execute("SELECT 1").fetchone() == (1,)
