"""The fault server keeps to its bounds: loopback only, its script only, a limited life."""

from __future__ import annotations

import http.client
import json
import time

import pytest

from .fault_server import ANSWER, FaultServer, ok


def _post(server: FaultServer, path: str = "/v1/chat/completions") -> tuple[int, bytes]:
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=2)
    try:
        connection.request("POST", path, body=json.dumps({"model": "m"}))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_it_listens_on_loopback_only() -> None:
    with FaultServer.running() as server:
        assert server.url.startswith("http://127.0.0.1:")


def test_it_answers_with_a_chat_completion_carrying_usage() -> None:
    with FaultServer.running() as server:
        server.script(ok(ANSWER, prompt_tokens=5, completion_tokens=3))
        code, body = _post(server)

    completion = json.loads(body)
    assert code == 200
    assert completion["object"] == "chat.completion"
    assert completion["choices"][0]["message"]["content"] == ANSWER
    assert completion["usage"] == {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}


def test_a_request_beyond_the_script_fails_the_test() -> None:
    with pytest.raises(AssertionError, match="beyond the script"), FaultServer.running() as server:
        assert _post(server)[0] == 418


def test_a_behaviour_left_unused_fails_the_test() -> None:
    with pytest.raises(AssertionError, match="never requested"), FaultServer.running() as server:
        server.script(ok(ANSWER))


def test_other_paths_are_not_found_and_take_nothing_from_the_script() -> None:
    with FaultServer.running() as server:
        server.script(ok(ANSWER))
        assert _post(server, "/v1/embeddings")[0] == 404
        assert _post(server)[0] == 200
        assert [r.path for r in server.requests] == ["/v1/embeddings", "/v1/chat/completions"]


def test_it_stops_itself_when_its_lifetime_is_up() -> None:
    with FaultServer.running(lifetime_s=0.2) as server:
        url = server.url
        time.sleep(0.5)
        host, port = url.removeprefix("http://").split(":")
        with pytest.raises(OSError):
            http.client.HTTPConnection(host, int(port), timeout=1).connect()
