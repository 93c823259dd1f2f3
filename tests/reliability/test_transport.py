"""Transport faults, through the real openai + instructor + RetryingTransport stack.

Each test scripts the fault server, makes one ``LLM.generate`` call and counts
what reached the wire: the transport retries, the SDK does not, instructor does
not, so a fault costs exactly ``transport_retries + 1`` requests at most.
"""

from __future__ import annotations

import email.utils
import socket
import time
from typing import TYPE_CHECKING

import httpx
import pytest

from factcheck.errors import ModelCallError
from factcheck.llm.settings import Settings
from factcheck.llm.transport import proxy_mounts

from .fault_server import (
    ANSWER,
    TEST_API_KEY,
    FaultServer,
    Ruling,
    connected_llm,
    drop,
    drop_mid_body,
    fake_settings,
    ok,
    render,
    stall,
    stall_body,
    status,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer.running() as running:
        yield running


def _generate(server: FaultServer, tmp_path: Path, **settings: object) -> Ruling:
    with connected_llm(fake_settings(server, tmp_path, **settings)) as llm:
        return llm.generate(render(), Ruling, stage="judge")


# -- 5xx -----------------------------------------------------------------------------------
def test_a_server_error_then_an_answer_succeeds_on_the_retry(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(status(500), ok(ANSWER))

    assert _generate(server, tmp_path).label == "supported"
    assert len(server.chat_requests()) == 2


@pytest.mark.parametrize("retries", [0, 1, 3])
def test_a_status_that_stays_bad_costs_exactly_retries_plus_one_requests(
    server: FaultServer, tmp_path: Path, retries: int
) -> None:
    # validation_retries=2 would triple the count if instructor re-asked transport errors.
    server.script(*[status(503)] * (retries + 1))

    with pytest.raises(ModelCallError, match="503") as caught:
        _generate(server, tmp_path, transport_retries=retries, validation_retries=2)

    requests = server.chat_requests()
    assert len(requests) == retries + 1
    # The SDK numbers its own retries; they stay off, so every request is its first.
    assert {r.headers.get("x-stainless-retry-count") for r in requests} == {"0"}
    assert "Traceback" not in str(caught.value)


def test_a_compressed_error_page_still_reads_as_the_status_it_is(
    server: FaultServer, tmp_path: Path
) -> None:
    # Proxies gzip their error pages; the last one must reach the SDK undamaged.
    server.script(*[status(502, compressed=True)] * 2)

    with pytest.raises(ModelCallError, match="502"):
        _generate(server, tmp_path, transport_retries=1)
    assert len(server.chat_requests()) == 2


@pytest.mark.parametrize("code", [400, 401, 404, 422])
def test_a_client_error_is_not_retried(server: FaultServer, tmp_path: Path, code: int) -> None:
    server.script(status(code))

    with pytest.raises(ModelCallError) as caught:
        _generate(server, tmp_path, transport_retries=3)
    assert len(server.chat_requests()) == 1
    assert "retries" not in str(caught.value)  # nothing was retried, so none is claimed


def test_a_status_that_stays_bad_says_how_often_it_was_tried(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(*[status(503)] * 3)

    with pytest.raises(ModelCallError) as caught:
        _generate(server, tmp_path, transport_retries=2)
    message = str(caught.value)
    assert "HTTP 503" in message
    assert "2 retries" in message


# -- 429 and Retry-After -------------------------------------------------------------------
def test_retry_after_in_seconds_is_honoured(server: FaultServer, tmp_path: Path) -> None:
    server.script(status(429, retry_after="1"), ok(ANSWER))

    assert _generate(server, tmp_path, backoff_cap_s=5).label == "supported"
    [gap] = server.gaps()
    assert gap >= 0.95


def test_retry_after_ms_is_honoured(server: FaultServer, tmp_path: Path) -> None:
    server.script(status(429, retry_after_ms="400"), ok(ANSWER))

    _generate(server, tmp_path, backoff_cap_s=5)
    [gap] = server.gaps()
    assert gap >= 0.38


def test_retry_after_as_an_http_date_is_honoured(server: FaultServer, tmp_path: Path) -> None:
    # HTTP dates have whole seconds, so "in 2 s" means somewhere in the next 1 to 2 s.
    when = email.utils.formatdate(time.time() + 2, usegmt=True)
    server.script(status(503, retry_after=when), ok(ANSWER))

    _generate(server, tmp_path, backoff_cap_s=5)
    [gap] = server.gaps()
    assert 0.5 <= gap <= 2.5


def test_retry_after_beyond_the_cap_is_capped(server: FaultServer, tmp_path: Path) -> None:
    server.script(status(429, retry_after="120"), ok(ANSWER))

    started = time.monotonic()
    _generate(server, tmp_path, backoff_cap_s=0.2)
    assert time.monotonic() - started < 1.5
    [gap] = server.gaps()
    assert 0.15 <= gap < 1.0


@pytest.mark.parametrize("hint", ["soon", "", "inf", "-3", "Mon, 99 Foo 2024 25:61:00 GMT"])
def test_an_unreadable_retry_after_falls_back_to_backoff(
    server: FaultServer, tmp_path: Path, hint: str
) -> None:
    server.script(status(429, retry_after=hint), ok(ANSWER))

    assert _generate(server, tmp_path).label == "supported"
    assert len(server.chat_requests()) == 2
    [gap] = server.gaps()
    assert gap < 1.0


def test_a_rate_limit_that_never_lifts_is_a_model_call_error(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(*[status(429, retry_after="0")] * 3)

    with pytest.raises(ModelCallError, match="429"):
        _generate(server, tmp_path, transport_retries=2)
    assert len(server.chat_requests()) == 3


# -- timeouts ------------------------------------------------------------------------------
def test_a_stall_longer_than_the_timeout_is_retried_then_reported(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(stall(3), stall(3))

    started = time.monotonic()
    with pytest.raises(ModelCallError, match="did not answer within") as caught:
        _generate(server, tmp_path, timeout_s=0.3, transport_retries=1)
    assert time.monotonic() - started < 2.0
    assert len(server.chat_requests()) == 2
    assert "--timeout" in str(caught.value)


def test_a_stall_then_an_answer_succeeds(server: FaultServer, tmp_path: Path) -> None:
    server.script(stall(3), ok(ANSWER))

    started = time.monotonic()
    assert _generate(server, tmp_path, timeout_s=0.3).label == "supported"
    assert time.monotonic() - started < 2.0
    assert len(server.chat_requests()) == 2


def test_a_stall_after_the_headers_is_retried_like_any_other(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(stall_body(3, then=ok(ANSWER)), ok(ANSWER))

    assert _generate(server, tmp_path, timeout_s=0.3).label == "supported"
    assert len(server.chat_requests()) == 2


def test_the_timeout_message_shows_the_timeout_that_was_set(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(stall(3))

    with pytest.raises(ModelCallError, match=r"within 0\.3s"):
        _generate(server, tmp_path, timeout_s=0.3, transport_retries=0)


# -- connections ---------------------------------------------------------------------------
def test_a_dropped_connection_then_an_answer_succeeds(server: FaultServer, tmp_path: Path) -> None:
    server.script(drop(), ok(ANSWER))

    assert _generate(server, tmp_path).label == "supported"
    assert len(server.chat_requests()) == 2


def test_a_connection_dropped_half_way_through_the_body_is_retried(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(drop_mid_body(then=ok(ANSWER)), ok(ANSWER))

    assert _generate(server, tmp_path).label == "supported"
    assert len(server.chat_requests()) == 2


def test_connections_that_keep_dropping_are_a_model_call_error(
    server: FaultServer, tmp_path: Path
) -> None:
    server.script(drop(), drop(), drop())

    with pytest.raises(ModelCallError, match="cannot reach the model server"):
        _generate(server, tmp_path, transport_retries=2)
    assert len(server.chat_requests()) == 3


def test_a_server_that_is_not_there_is_a_model_call_error(
    server: FaultServer, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings = fake_settings(server, tmp_path, base_url=f"http://127.0.0.1:{closed_port}/v1")

    with connected_llm(settings) as llm, pytest.raises(ModelCallError, match="--base-url"):
        llm.generate(render(), Ruling, stage="judge")
    assert server.chat_requests() == []


# -- what is sent ----------------------------------------------------------------------------
def test_the_request_is_a_structured_chat_completion(server: FaultServer, tmp_path: Path) -> None:
    server.script(ok(ANSWER))

    _generate(server, tmp_path)
    [request] = server.chat_requests()
    assert request.method == "POST"
    assert request.headers["authorization"] == f"Bearer {TEST_API_KEY}"
    body = request.body
    assert body["model"] == "fake-model"
    assert body["response_format"]["type"] == "json_schema"
    assert body["max_tokens"] == 64
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["messages"][1]["content"] == "Is this supported? The sky is blue."


# -- proxies ---------------------------------------------------------------------------------
def test_requests_go_through_the_environments_proxy_with_retries(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fault server stands in for the proxy: a remote model is reached through it.
    for var in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HTTP_PROXY", server.url)
    server.script(status(503), ok(ANSWER))

    settings = fake_settings(server, tmp_path, base_url="http://model.example/v1")
    assert _generate_with(settings).label == "supported"
    proxied = [r.proxied_url for r in server.chat_requests()]
    assert proxied == ["http://model.example/v1/chat/completions"] * 2


def test_the_loopback_server_is_reached_direct_despite_a_proxy(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The embedded server listens on 127.0.0.1; a dead proxy must not stand in the way.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    server.script(ok(ANSWER))

    assert _generate(server, tmp_path).label == "supported"
    assert [r.proxied_url for r in server.chat_requests()] == [None]


def test_proxy_mounts_follow_no_proxy() -> None:
    def make(url: str | None) -> httpx.BaseTransport:
        return httpx.MockTransport(lambda request: httpx.Response(200, text=url or ""))

    mounts = proxy_mounts(
        make, {"https": "proxy.corp:3128", "no": "internal.example, 10.0.0.5,::2,localhost"}
    )
    assert set(mounts) == {
        "https://", "all://*internal.example", "all://10.0.0.5", "all://[::2]",
        "all://localhost", "all://127.0.0.1", "all://[::1]",
    }  # fmt: skip
    assert mounts["https://"] is not None
    with httpx.Client(transport=make(None), mounts=mounts) as client:
        assert client.get("https://api.example.com/v1").text == "http://proxy.corp:3128"
        assert client.get("https://internal.example/v1").text == ""
        assert client.get("http://127.0.0.1:8080/v1").text == ""
    assert proxy_mounts(make, {"https": "proxy.corp:3128", "no": "*"}) == {}
    assert proxy_mounts(make, {}) == {}


def _generate_with(settings: Settings) -> Ruling:
    with connected_llm(settings) as llm:
        return llm.generate(render(), Ruling, stage="judge")
