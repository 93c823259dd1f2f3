"""`cache fold`: every line of a batch output checked before any is written, all or
nothing, one reason per rejected line; answers only to the requests, each once; a cache
that cannot be written is an error (exit 2), never a success line."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import factcheck.newsday  # imported before any test drops privileges
from factcheck.cli import EXIT_ERROR, app
from factcheck.errors import ConfigurationError, InputError
from factcheck.llm.cache import CACHE_FILE, ResponseCache
from factcheck.newsday.batch_api import fold_results

assert factcheck.newsday
runner = CliRunner()

ANSWER = '{"speaker": "x", "modality": "asserted"}'


def answer(custom_id: str, *, usage: Any = None, status: int = 200) -> dict[str, Any]:
    body: dict[str, Any] = {"model": "m", "choices": [{"message": {"content": ANSWER}}]}
    if usage is not None:
        body["usage"] = usage
    return {"custom_id": custom_id, "response": {"status_code": status, "body": body}}


def requests_file(folder: Path, *ids: str) -> Path:
    path = folder / "requests.jsonl"
    path.write_text("".join(json.dumps({"custom_id": i, "body": {}}) + "\n" for i in ids))
    return path


def fold(folder: Path, output: bytes, requests: Path) -> Any:
    path = folder / "output.jsonl"
    path.write_bytes(output)
    return runner.invoke(
        app,
        ["cache", "fold", str(path), "--requests", str(requests)],
        env={"FACTCHECK_CACHE_DIR": str(folder / "cache")},
    )


def rows(folder: Path) -> int:
    with ResponseCache(folder / "cache" / CACHE_FILE) as cache:
        return len(cache)


def lines(*items: dict[str, Any] | bytes) -> bytes:
    return b"".join(
        (item if isinstance(item, bytes) else json.dumps(item).encode()) + b"\n" for item in items
    )


def test_a_clean_output_is_folded_with_its_token_counts(tmp_path: Path) -> None:
    requests = requests_file(tmp_path, "a", "b", "c")
    output = lines(
        answer("a", usage={"prompt_tokens": 10, "completion_tokens": 2}),
        answer("b", status=500),
        answer("c"),
    )
    result = fold(tmp_path, output, requests)
    assert result.exit_code == 0, result.output
    assert "2 answers folded into the cache, 1 failed" in result.output
    assert rows(tmp_path) == 2


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (b'{"custom_id": "b", "response": ', "line 2: not JSON"),
        (b'["b"]', "line 2: a JSON list where an answer object was expected"),
        (
            json.dumps(answer("b", usage={"prompt_tokens": "ten"})).encode(),
            "line 2: usage.prompt_tokens is 'ten', not a count of tokens",
        ),
        (
            b'{"custom_id": "b", "note": "caf\xe9"}',
            "line 2: not UTF-8 (byte 0xe9 at column 32)",
        ),
        (json.dumps(answer("zzz")).encode(), "line 2: custom_id 'zzz' is not among the requests"),
        (json.dumps(answer("a")).encode(), "line 2: custom_id 'a' was answered already on line 1"),
        (b'{"response": {}}', "line 2: no custom_id"),
    ],
)
def test_one_bad_line_folds_nothing_and_says_why(tmp_path: Path, bad: bytes, reason: str) -> None:
    requests = requests_file(tmp_path, "a", "b", "c")
    result = fold(tmp_path, lines(answer("a"), bad, answer("c")), requests)
    said = " ".join(result.output.split())
    assert result.exit_code == EXIT_ERROR
    assert reason in said
    assert "nothing was folded" in said
    assert "Traceback" not in said and "folded into the cache" not in said
    assert rows(tmp_path) == 0  # the good lines before and after the bad one too


def test_every_rejected_line_has_its_own_reason(tmp_path: Path) -> None:
    requests = requests_file(tmp_path, "a", "b")
    output = lines(b"{oops", answer("a"), b"42", answer("a"), answer("nope"), b"\xff\xfe")
    result = fold(tmp_path, output, requests)
    said = " ".join(result.output.split())
    assert result.exit_code == EXIT_ERROR
    assert "5 line(s) of the batch output" in said
    for expected in ("line 1: not JSON", "line 3: a JSON int", "line 4: custom_id 'a' was",
                     "line 5: custom_id 'nope'", "line 6: not UTF-8"):  # fmt: skip
        assert expected in said
    assert rows(tmp_path) == 0


def test_a_missing_requests_file_is_refused(tmp_path: Path) -> None:
    result = fold(tmp_path, lines(answer("a")), tmp_path / "no-such-requests.jsonl")
    assert result.exit_code == EXIT_ERROR
    said = " ".join(result.output.split())
    assert "--requests" in said and "does not exist" in said
    assert not (tmp_path / "cache" / CACHE_FILE).exists() or rows(tmp_path) == 0


def test_an_output_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    requests = requests_file(tmp_path, "a")
    fifo = tmp_path / "output.fifo"
    os.mkfifo(fifo)
    result = runner.invoke(
        app,
        ["cache", "fold", str(fifo), "--requests", str(requests)],
        env={"FACTCHECK_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.exit_code == EXIT_ERROR
    assert "named pipe" in " ".join(result.output.split())


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """The cache file read-only to this process: by its mode, and for root (whom modes do
    not stop) by running as ``nobody`` meanwhile."""
    for path in folder.iterdir():
        path.chmod(0o444)
    as_root = os.geteuid() == 0
    if as_root:
        os.seteuid(65534)
    try:
        yield
    finally:
        if as_root:
            os.seteuid(0)
        for path in folder.iterdir():
            path.chmod(0o644)


def test_a_read_only_cache_is_an_error_not_a_success_line() -> None:
    # Not tmp_path: pytest's folder is closed to other users, and root runs this as nobody.
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o777)
        (folder / "cache").mkdir(mode=0o777)
        (folder / "cache").chmod(0o777)
        with ResponseCache(folder / "cache" / CACHE_FILE):
            pass
        requests = requests_file(folder, "a", "b")
        output = folder / "output.jsonl"
        output.write_bytes(lines(answer("a"), answer("b")))
        with read_only(folder / "cache"):
            result = runner.invoke(
                app,
                ["cache", "fold", str(output), "--requests", str(requests)],
                env={"FACTCHECK_CACHE_DIR": str(folder / "cache")},
            )
        assert result.exit_code == EXIT_ERROR, result.output
        assert "readonly database" in " ".join(result.output.split())
        assert "folded into the cache" not in result.output
        assert rows(folder) == 0
    finally:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if not path.is_dir() else path.rmdir()
        folder.rmdir()


def test_the_library_writes_all_or_nothing(tmp_path: Path) -> None:
    requests = requests_file(tmp_path, "a", "b")
    with ResponseCache(tmp_path / CACHE_FILE) as cache:
        with pytest.raises(InputError, match="line 2: custom_id 'c'"):
            fold_results(lines(answer("a"), answer("c")).decode(), cache, requests)
        assert len(cache) == 0
        cache._db.execute("PRAGMA query_only = ON")  # SQLite refuses every write now
        with pytest.raises(ConfigurationError, match="nothing was written"):
            fold_results(lines(answer("a"), answer("b")), cache, requests)
        cache._db.execute("PRAGMA query_only = OFF")
        assert len(cache) == 0
        folded = fold_results(lines(answer("a"), answer("b")), cache, requests)
        assert (folded.answered, len(cache)) == (2, 2)
