"""The response cache, through the real stack: hits make no request, misses do,
answers survive a crash, and a bad entry or a bad file never costs an answer."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import pytest

from factcheck.errors import ConfigurationError, ModelOutputError
from factcheck.llm.cache import ResponseCache, cache_key, cached_batch
from factcheck.llm.prompts import Prompt
from factcheck.schemas import Usage

from .fault_server import (
    ANSWER,
    PROMPT,
    FaultServer,
    Ruling,
    connected_llm,
    fake_settings,
    invalid,
    ok,
    render,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

OTHER_ANSWER = Ruling(label="refuted", reason="the article denies it").model_dump_json()


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer.running() as running:
        yield running


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[ResponseCache]:
    with ResponseCache(tmp_path / "responses.sqlite3") as opened:
        yield opened


# -- hits and misses -----------------------------------------------------------------------
def test_a_repeated_call_is_answered_from_the_cache(
    server: FaultServer, tmp_path: Path, cache: ResponseCache
) -> None:
    server.script(ok(ANSWER))

    with connected_llm(fake_settings(server, tmp_path, use_cache=True), cache=cache) as llm:
        first = llm.generate(render(), Ruling, stage="judge")
        second = llm.generate(render(), Ruling, stage="judge")
        usage = llm.usage()["judge"]

    # (compared as data: instructor pins the raw completion on a fresh answer)
    assert first.model_dump() == second.model_dump()
    assert len(server.chat_requests()) == 1
    assert usage == Usage(calls=1, cache_hits=1, prompt_tokens=11, completion_tokens=7)


def test_another_claim_misses(server: FaultServer, tmp_path: Path, cache: ResponseCache) -> None:
    server.script(ok(ANSWER), ok(OTHER_ANSWER))

    with connected_llm(fake_settings(server, tmp_path), cache=cache) as llm:
        assert llm.generate(render("The sky is blue."), Ruling, stage="judge").label == "supported"
        assert llm.generate(render("The sky is green."), Ruling, stage="judge").label == "refuted"
        assert llm.usage()["judge"].cache_hits == 0
    assert len(server.chat_requests()) == 2


def test_another_prompt_template_misses(
    server: FaultServer, tmp_path: Path, cache: ResponseCache
) -> None:
    server.script(ok(ANSWER), ok(OTHER_ANSWER))
    edited = Prompt.model_validate({**PROMPT.model_dump(), "system": "Answer as strict JSON."})

    with connected_llm(fake_settings(server, tmp_path), cache=cache) as llm:
        llm.generate(render(), Ruling, stage="judge")
        again = llm.generate(edited.render(claim="The sky is blue."), Ruling, stage="judge")
        assert again.label == "refuted"
    assert len(server.chat_requests()) == 2


def test_another_model_misses(server: FaultServer, tmp_path: Path, cache: ResponseCache) -> None:
    server.script(ok(ANSWER), ok(OTHER_ANSWER))

    with connected_llm(fake_settings(server, tmp_path), cache=cache) as llm:
        llm.generate(render(), Ruling, stage="judge")
    with connected_llm(fake_settings(server, tmp_path, model="other-model"), cache=cache) as llm:
        assert llm.generate(render(), Ruling, stage="judge").label == "refuted"

    assert [r.body["model"] for r in server.chat_requests()] == ["fake-model", "other-model"]
    assert len(cache) == 2


def test_without_a_cache_every_call_goes_to_the_model(server: FaultServer, tmp_path: Path) -> None:
    server.script(ok(ANSWER), ok(ANSWER))

    with connected_llm(fake_settings(server, tmp_path, use_cache=False), cache=None) as llm:
        llm.generate(render(), Ruling, stage="judge")
        llm.generate(render(), Ruling, stage="judge")
        assert llm.usage()["judge"] == Usage(calls=2, prompt_tokens=22, completion_tokens=14)
    assert len(server.chat_requests()) == 2


def test_a_failed_call_is_not_cached(
    server: FaultServer, tmp_path: Path, cache: ResponseCache
) -> None:
    server.script(invalid("{}"), invalid("{}"), ok(ANSWER))

    with connected_llm(fake_settings(server, tmp_path, validation_retries=1), cache=cache) as llm:
        with pytest.raises(ModelOutputError):
            llm.generate(render(), Ruling, stage="judge")
        assert len(cache) == 0
        assert llm.generate(render(), Ruling, stage="judge").label == "supported"
    assert len(cache) == 1


# -- durability ----------------------------------------------------------------------------
def test_an_answer_is_committed_as_soon_as_it_arrives(
    server: FaultServer, tmp_path: Path, cache: ResponseCache
) -> None:
    server.script(ok(ANSWER))

    with connected_llm(fake_settings(server, tmp_path), cache=cache) as llm:
        llm.generate(render(), Ruling, stage="judge")
        # A second reader, while the first cache is still open and never closed.
        with ResponseCache(cache.path) as reader:
            assert len(reader) == 1


def test_the_cache_survives_reopening(server: FaultServer, tmp_path: Path) -> None:
    server.script(ok(ANSWER))
    path = tmp_path / "responses.sqlite3"

    with (
        ResponseCache(path) as first,
        connected_llm(fake_settings(server, tmp_path), cache=first) as llm,
    ):
        llm.generate(render(), Ruling, stage="judge")
    with (
        ResponseCache(path) as reopened,
        connected_llm(fake_settings(server, tmp_path), cache=reopened) as llm,
    ):
        assert llm.generate(render(), Ruling, stage="judge").label == "supported"
        assert llm.usage()["judge"].cache_hits == 1
    assert len(server.chat_requests()) == 1


def test_an_answer_survives_a_crash_right_after_it_was_cached(tmp_path: Path) -> None:
    path = tmp_path / "responses.sqlite3"
    crash = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from factcheck.llm.cache import ResponseCache\n"
        "cache = ResponseCache(Path(sys.argv[1]))\n"
        "cache.put('k', sys.argv[2], prompt='judge', model='fake-model')\n"
        "os._exit(9)  # no close, no atexit, no finaliser\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", crash, str(path), ANSWER], capture_output=True, timeout=30
    )
    assert done.returncode == 9, done.stderr.decode()

    with ResponseCache(path) as reopened:
        assert reopened.get("k") == ANSWER


# -- bad entries and bad files -------------------------------------------------------------
@pytest.mark.parametrize(
    "stale",
    [
        "not json at all",
        '{"label": "maybe", "reason": "an old schema allowed this"}',
        '{"label": "supported"}',
    ],
)
def test_a_cached_value_that_no_longer_validates_is_ignored(
    server: FaultServer, tmp_path: Path, cache: ResponseCache, stale: str
) -> None:
    server.script(ok(ANSWER), ok(OTHER_ANSWER))

    with connected_llm(fake_settings(server, tmp_path), cache=cache) as llm:
        llm.generate(render(), Ruling, stage="judge")
        with contextlib.closing(sqlite3.connect(cache.path)) as db, db:
            db.execute("UPDATE responses SET value = ?", (stale,))
        assert llm.generate(render(), Ruling, stage="judge").label == "refuted"
        assert llm.usage()["judge"].cache_hits == 0
        # The fresh answer replaced the stale one.
        assert llm.generate(render(), Ruling, stage="judge").label == "refuted"
        assert llm.usage()["judge"].cache_hits == 1
    assert len(server.chat_requests()) == 2


def test_a_file_that_is_not_a_database_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "responses.sqlite3"
    path.write_bytes(b"this is not an SQLite database, just junk " * 100)

    with pytest.raises(ConfigurationError, match="delete the file") as caught:
        ResponseCache(path)
    assert str(path) in str(caught.value)


def test_a_cache_folder_that_cannot_be_made_is_a_configuration_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")

    with pytest.raises(ConfigurationError, match="--no-cache"):
        ResponseCache(blocker / "cache" / "responses.sqlite3")


def test_a_cache_locked_while_opening_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "responses.sqlite3"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as other_run:
        other_run.execute("BEGIN EXCLUSIVE")
        with pytest.raises(ConfigurationError, match="another run"):
            ResponseCache(path, busy_timeout_s=0.1)
        other_run.execute("ROLLBACK")


def test_a_locked_cache_costs_no_answer(
    server: FaultServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(ok(ANSWER))
    path = tmp_path / "responses.sqlite3"

    with ResponseCache(path, busy_timeout_s=0.1) as cache:
        other_run = sqlite3.connect(path, isolation_level=None)
        other_run.execute("BEGIN EXCLUSIVE")
        try:
            with (
                caplog.at_level(logging.WARNING, logger="factcheck.llm.cache"),
                connected_llm(fake_settings(server, tmp_path), cache=cache) as llm,
            ):
                assert llm.generate(render(), Ruling, stage="judge").label == "supported"
        finally:
            other_run.execute("ROLLBACK")
            other_run.close()
        assert len(cache) == 0
    assert "not written" in caplog.text


def test_the_cache_is_safe_to_share_between_threads(cache: ResponseCache) -> None:
    keys = [cache_key(n=n) for n in range(200)]
    errors: list[BaseException] = []

    def churn(offset: int) -> None:
        try:
            for key in keys[offset::4]:
                cache.put(key, f'"{key}"', prompt="judge", model="fake-model")
                assert cache.get(key) == f'"{key}"'
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=churn, args=(offset,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert errors == []
    assert len(cache) == len(keys)


def test_cached_batch_computes_only_what_is_missing_in_one_batch(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache.sqlite")
    batches: list[list[int]] = []

    def compute(missing: list[int]) -> list[int]:
        batches.append(missing)
        return [10 * i for i in missing]

    def run(keys: list[str]) -> list[int]:
        decode = lambda raw: int(raw) if raw.isdigit() else None  # noqa: E731
        return cached_batch(cache, keys, compute, encode=str, decode=decode, prompt="p", model="m")

    assert run(["a", "b"]) == [0, 10]
    cache.put("c", "damaged", prompt="p", model="m")
    # "a" and "b" come from the cache; "c" does not decode, so it is computed again...
    assert run(["a", "c", "b"]) == [0, 10, 10]
    assert batches == [[0, 1], [1]]
    # ...and written back: the next run computes nothing.
    assert run(["c"]) == [10]
    assert batches == [[0, 1], [1]]
