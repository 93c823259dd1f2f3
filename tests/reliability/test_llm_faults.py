"""Output faults and usage counting, through the real stack.

Bad output is instructor's to re-ask, ``validation_retries`` times, and the
transport's retries never multiply it (nor it theirs). Every response that
reached instructor is counted against the stage that asked for it.
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING

import pytest

from factcheck.errors import ModelCallError, ModelOutputError
from factcheck.schemas import Usage

from .fault_server import (
    ANSWER,
    Behaviour,
    FaultServer,
    Ruling,
    connected_llm,
    drop,
    fake_settings,
    invalid,
    malformed,
    ok,
    render,
    status,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

WRONG_LABEL = json.dumps({"label": "maybe", "reason": "unsure"})
TOO_LONG = json.dumps({"label": "supported", "reason": "x" * 200})


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer.running() as running:
        yield running


# -- re-asks -------------------------------------------------------------------------------
def test_invalid_then_valid_succeeds_with_one_re_ask(server: FaultServer, tmp_path: Path) -> None:
    server.script(invalid(WRONG_LABEL), ok(ANSWER))

    with connected_llm(fake_settings(server, tmp_path, validation_retries=1)) as llm:
        result = llm.generate(render(), Ruling, stage="judge")

    assert result.model_dump() == Ruling.model_validate_json(ANSWER).model_dump()
    first, second = server.chat_requests()
    # The re-ask shows the model its answer and what was wrong with it.
    re_ask = second.body["messages"][len(first.body["messages"]) :]
    assert [m["role"] for m in re_ask] == ["assistant", "user"]
    assert re_ask[0]["content"] == WRONG_LABEL
    assert "label" in re_ask[1]["content"]


@pytest.mark.parametrize("validation_retries", [0, 1, 2])
@pytest.mark.parametrize(
    "bad", [invalid(WRONG_LABEL), invalid(TOO_LONG), invalid("{not json"), invalid("")]
)
def test_output_that_never_validates_is_a_model_output_error(
    server: FaultServer, tmp_path: Path, validation_retries: int, bad: Behaviour
) -> None:
    server.script(*[bad] * (validation_retries + 1))

    settings = fake_settings(server, tmp_path, validation_retries=validation_retries)
    with connected_llm(settings) as llm, pytest.raises(ModelOutputError, match="judge") as caught:
        llm.generate(render(), Ruling, stage="judge")

    assert len(server.chat_requests()) == validation_retries + 1
    assert f"{validation_retries + 1} time(s)" in str(caught.value)
    assert llm.usage()["judge"].failed_calls == 1


def test_a_body_that_is_not_json_is_tried_again_then_a_model_output_error(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(malformed(), malformed())

    with (
        connected_llm(fake_settings(server, tmp_path, validation_retries=1)) as llm,
        pytest.raises(ModelOutputError),
    ):
        llm.generate(render(), Ruling, stage="judge")
    assert len(server.chat_requests()) == 2


def test_a_malformed_body_then_an_answer_succeeds(server: FaultServer, tmp_path: Path) -> None:
    server.script(malformed(), ok(ANSWER))

    with connected_llm(fake_settings(server, tmp_path, validation_retries=1)) as llm:
        assert llm.generate(render(), Ruling, stage="judge").label == "supported"
    assert len(server.chat_requests()) == 2


# -- the two layers do not stack -----------------------------------------------------------
def test_re_asks_are_not_multiplied_by_transport_retries(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(invalid(WRONG_LABEL), invalid(WRONG_LABEL))

    settings = fake_settings(server, tmp_path, transport_retries=4, validation_retries=1)
    with connected_llm(settings) as llm, pytest.raises(ModelOutputError):
        llm.generate(render(), Ruling, stage="judge")
    assert len(server.chat_requests()) == 2


def test_transport_retries_are_not_multiplied_by_re_asks(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(*[status(500)] * 3)

    settings = fake_settings(server, tmp_path, transport_retries=2, validation_retries=3)
    with connected_llm(settings) as llm, pytest.raises(ModelCallError) as caught:
        llm.generate(render(), Ruling, stage="judge")
    assert not isinstance(caught.value, ModelOutputError)
    assert len(server.chat_requests()) == 3


def test_each_re_ask_gets_its_own_transport_retries(server: FaultServer, tmp_path: Path) -> None:
    server.script(status(503), invalid(WRONG_LABEL), drop(), ok(ANSWER))

    settings = fake_settings(server, tmp_path, transport_retries=1, validation_retries=1)
    with connected_llm(settings) as llm:
        assert llm.generate(render(), Ruling, stage="judge").label == "supported"
        assert llm.usage()["judge"].calls == 2  # two answers reached instructor
    assert len(server.chat_requests()) == 4


# -- truncated output ----------------------------------------------------------------------
def test_an_answer_cut_off_at_max_tokens_is_a_model_output_error(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(ok('{"label": "supp', finish_reason="length"))

    with (
        connected_llm(fake_settings(server, tmp_path)) as llm,
        pytest.raises(ModelOutputError, match="max_tokens"),
    ):
        llm.generate(render(), Ruling, stage="judge")


# -- usage ---------------------------------------------------------------------------------
def test_calls_and_tokens_are_counted_per_stage(server: FaultServer, tmp_path: Path) -> None:
    server.script(
        ok(ANSWER, prompt_tokens=100, completion_tokens=10),
        invalid(WRONG_LABEL),  # counted: the model answered, and was paid for
        ok(ANSWER, prompt_tokens=200, completion_tokens=20),
        status(500),  # not counted: nothing came back
        ok(ANSWER, prompt_tokens=300, completion_tokens=30),
    )

    with connected_llm(fake_settings(server, tmp_path)) as llm:
        llm.generate(render("one"), Ruling, stage="extract")
        llm.generate(render("two"), Ruling, stage="reconcile")
        llm.generate(render("three"), Ruling, stage="extract")
        usage, total = llm.usage(), llm.total_usage()

    assert usage == {
        "extract": Usage(calls=2, prompt_tokens=400, completion_tokens=40),
        "reconcile": Usage(calls=2, prompt_tokens=211, completion_tokens=27),
    }
    assert total == Usage(calls=4, prompt_tokens=611, completion_tokens=67)


def test_a_failed_call_is_counted_against_its_stage(server: FaultServer, tmp_path: Path) -> None:
    server.script(status(503), status(503))

    settings = fake_settings(server, tmp_path, transport_retries=1)
    with connected_llm(settings) as llm:
        with pytest.raises(ModelCallError):
            llm.generate(render(), Ruling, stage="extract")
        assert llm.usage() == {"extract": Usage(failed_calls=1)}


def test_usage_is_counted_per_stage_across_threads(server: FaultServer, tmp_path: Path) -> None:
    per_thread = 5
    stages = ["extract", "reconcile", "judge"]
    server.script(*[ok(ANSWER, prompt_tokens=3, completion_tokens=2)] * per_thread * len(stages))

    with connected_llm(fake_settings(server, tmp_path)) as llm:
        barrier = threading.Barrier(len(stages))
        errors: list[BaseException] = []

        def work(stage: str) -> None:
            barrier.wait()
            try:
                for i in range(per_thread):
                    llm.generate(render(f"{stage} {i}"), Ruling, stage=stage)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(stage,)) for stage in stages]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        usage = llm.usage()

    assert errors == []
    expected = Usage(calls=per_thread, prompt_tokens=3 * per_thread, completion_tokens=10)
    assert usage == dict.fromkeys(stages, expected)
