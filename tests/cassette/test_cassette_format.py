"""Cassettes are stored readably (indented JSON bodies, no volatile headers or port) and
still replay strictly: a request must match a recorded one and every recording is used."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import ReadableSerializer, cassette_recorder

ANSWER = {"choices": [{"message": {"content": '{"label": "Harbour “reopening” date"}'}}]}
REQUEST = {"model": "m", "messages": [{"role": "user", "content": "When does it reopen?\nSay."}]}


def _cassette(request_body: str, response_body: str) -> dict[str, Any]:
    return {
        "version": 1,
        "interactions": [
            {
                "request": {
                    "body": request_body,
                    "headers": {"content-type": ["application/json"]},
                    "method": "POST",
                    "uri": "http://127.0.0.1/v1/chat/completions",
                },
                "response": {
                    "body": {"string": response_body},
                    "headers": {"content-type": ["application/json"]},
                    "status": {"code": 200, "message": "OK"},
                },
            }
        ],
    }


def test_bodies_are_stored_as_indented_json_and_read_back_compact() -> None:
    compact = json.dumps(REQUEST, separators=(",", ":"), ensure_ascii=False)
    answer = json.dumps(ANSWER, separators=(",", ":"), ensure_ascii=False)
    text = ReadableSerializer.serialize(_cassette(compact, answer))
    assert '    body: |-\n      {\n        "model": "m",\n' in text
    assert "“reopening”" in text  # unicode as written, not escaped
    back = ReadableSerializer.deserialize(text)["interactions"][0]
    assert back["request"]["body"] == compact
    assert back["response"]["body"]["string"] == answer
    assert yaml.safe_load(text)["interactions"][0]["request"]["method"] == "POST"


def test_cassettes_recorded_before_stay_as_they_were() -> None:
    """A body stored on one line (the older format) is read back unchanged."""
    old = yaml.dump(_cassette('{"model": "m"}', "not json"))
    back = ReadableSerializer.deserialize(old)["interactions"][0]
    assert back["request"]["body"] == '{"model": "m"}'
    assert back["response"]["body"]["string"] == "not json"


class _Answer(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["content-length"]))
        payload = json.dumps(ANSWER).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_recording_is_readable_and_replays_strictly(server: str, tmp_path: Path) -> None:
    path = tmp_path / "cassette.yaml"
    headers = {"user-agent": "client/1.0", "x-stainless-os": "Linux"}
    with cassette_recorder("all").use_cassette(str(path)):
        recorded = httpx.post(f"{server}/v1/chat/completions", json=REQUEST, headers=headers)
    text = path.read_text(encoding="utf-8")
    port = server.rsplit(":", 1)[1]
    assert port not in text
    assert "x-stainless" not in text and "client/1.0" not in text
    assert '"content": "When does it reopen?\\nSay."' in text  # indented JSON, one key a line

    # Replay: another port, other client headers, the same call; nothing goes to a server.
    with cassette_recorder("none").use_cassette(str(path)) as cassette:
        replayed = httpx.post(
            "http://127.0.0.1:9/v1/chat/completions",
            json=REQUEST,
            headers={"user-agent": "client/2.0"},
        )
        assert cassette.all_played
        with pytest.raises(Exception, match="no recorded interaction matches it"):
            httpx.post("http://127.0.0.1:9/v1/chat/completions", json={"model": "other"})
    assert replayed.json() == recorded.json() == ANSWER
