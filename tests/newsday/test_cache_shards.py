"""Workers' cache shards: read through the shared cache, write only their own file, folded
into the main cache by a merge that keeps what the main cache already holds."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.errors import ConfigurationError
from factcheck.llm import Settings
from factcheck.llm.cache import (
    CACHE_FILE,
    ResponseCache,
    ShardedCache,
    merge_shards,
    shard_paths,
)
from factcheck.newsday.day import merge_cache


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


def _worker_script(shard: Path, main: Path, rows: int, *, then: str, pause_s: float) -> str:
    return (
        "import os, signal, sys, time\n"
        "from pathlib import Path\n"
        "from factcheck.llm.cache import ShardedCache\n"
        f"worker = ShardedCache(Path({str(main)!r}), Path({str(shard)!r}))\n"
        f"for i in range({rows}):\n"
        "    worker.put(f'k{i}', f'v{i}', prompt='p', model='m')\n"
        f"    time.sleep({pause_s})\n"
        + ("os.kill(os.getpid(), signal.SIGKILL)\n" if then == "die" else "worker.close()\n")
    )


def _rows(main: Path) -> int:
    with ResponseCache(main) as cache:
        return len(cache)


def test_a_killed_worker_loses_nothing_it_committed(tmp_path: Path) -> None:
    main = tmp_path / CACHE_FILE
    shard = tmp_path / "shards" / "killed.sqlite3"
    script = _worker_script(shard, main, 5, then="die", pause_s=0)
    died = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert died.returncode == -signal.SIGKILL
    # The worker never closed its shard; its lock went with its process.
    merged = merge_shards(main, shard_paths(tmp_path))
    assert (merged.shards, merged.added) == (1, 5)
    assert _rows(main) == 5
    assert shard_paths(tmp_path) == []


def test_a_worker_goes_on_in_a_new_shard_after_a_merge_took_its_own(tmp_path: Path) -> None:
    main = tmp_path / CACHE_FILE
    worker = ShardedCache(main, tmp_path / "shards" / "w.sqlite3")
    for i in range(60):
        worker.put(f"k{i}", "v", prompt="p", model="m")

    during = merge_shards(main, shard_paths(tmp_path))

    assert (during.shards, during.added) == (1, 60)
    for i in range(60, 120):
        worker.put(f"k{i}", "v", prompt="p", model="m")
    assert worker.get("k0") == "v" and worker.get("k119") == "v"
    worker.close()
    after = merge_shards(main, shard_paths(tmp_path))
    assert (after.shards, after.added) == (1, 60)
    assert _rows(main) == 120
    assert shard_paths(tmp_path) == []


def test_merging_while_another_process_writes_its_shard_loses_no_row(tmp_path: Path) -> None:
    """The issue's case: 120 answers written by a worker while merges run (it saw 110)."""
    main = tmp_path / CACHE_FILE
    shard = tmp_path / "shards" / "busy.sqlite3"
    script = _worker_script(shard, main, 120, then="close", pause_s=0.01)
    worker = subprocess.Popen([sys.executable, "-c", script])
    merges = []
    try:
        deadline = time.monotonic() + 60
        while worker.poll() is None and time.monotonic() < deadline:
            merges.append(merge_shards(main, shard_paths(tmp_path)))
            time.sleep(0.02)
    finally:
        assert worker.wait(timeout=60) == 0
    assert sum(1 for m in merges if m.added) >= 2, "no merge ran while the worker was writing"
    merge_shards(main, shard_paths(tmp_path))
    assert _rows(main) == 120
    assert shard_paths(tmp_path) == []


def test_two_runs_on_one_cache_folder_lose_nothing(tmp_path: Path) -> None:
    """One run's final merge takes the other's shard while the other still writes it;
    the other goes on in a new shard, which its own merge takes later."""
    settings = Settings(cache_dir=tmp_path)
    first = ShardedCache(tmp_path / CACHE_FILE, tmp_path / "shards" / "first.sqlite3")
    second = ShardedCache(tmp_path / CACHE_FILE, tmp_path / "shards" / "second.sqlite3")
    first.put("a", "1", prompt="p", model="m")
    second.put("b", "2", prompt="p", model="m")
    first.close()

    by_first = merge_cache(settings)

    assert (by_first.shards, by_first.added) == (2, 2)
    second.put("c", "3", prompt="p", model="m")
    second.close()
    by_second = merge_cache(settings)
    assert (by_second.shards, by_second.added) == (1, 1)
    with ResponseCache(tmp_path / CACHE_FILE) as cache:
        assert [cache.get(k) for k in "abc"] == ["1", "2", "3"]


def test_a_damaged_shard_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    shard = tmp_path / "shards" / "bad.sqlite3"
    shard.parent.mkdir()
    shard.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigurationError, match="delete the shard"):
        merge_shards(tmp_path / CACHE_FILE, [shard])
    assert sqlite3.connect(tmp_path / CACHE_FILE).execute("SELECT 1").fetchone() == (1,)
