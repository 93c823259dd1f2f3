"""A scripted OpenAI-compatible server for fault-injection tests, and the client side to drive it.

Each test queues the behaviours it wants (``ok``, ``status``, ``stall``, ``drop``, ...);
every ``POST /v1/chat/completions`` takes the next one. The server listens on 127.0.0.1
only, on a free port, sends nothing anywhere, and stops when the test ends (or after
``lifetime_s`` at the latest). It records every request, so a test can count calls and
measure the gaps between them. A request the script did not plan for gets a 418, which
no retry layer retries, and fails the test at teardown, as does a behaviour left unused.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from factcheck.llm.cache import ResponseCache
from factcheck.llm.client import LLM, connect
from factcheck.llm.prompts import Prompt, RenderedPrompt
from factcheck.llm.settings import Settings

__all__ = [
    "ANSWER",
    "PROMPT",
    "TEST_API_KEY",
    "Behaviour",
    "FaultServer",
    "RecordedRequest",
    "Ruling",
    "connected_llm",
    "drop",
    "drop_mid_body",
    "fake_settings",
    "invalid",
    "malformed",
    "ok",
    "render",
    "stall",
    "stall_body",
    "status",
]

TEST_API_KEY = "sk-test-dummy"
_DEFAULT_USAGE = (11, 7)


# -- behaviours -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Behaviour:
    """How the server answers one request."""

    status: int = 200
    content: str | None = "{}"
    """Message content of a chat completion; ignored when ``raw_body`` is set."""
    raw_body: bytes | None = None
    finish_reason: str = "stop"
    usage: tuple[int, int] = _DEFAULT_USAGE
    headers: tuple[tuple[str, str], ...] = ()
    compressed: bool = False
    stall_s: float = 0.0
    """Seconds to wait before the status line."""
    stall_body_s: float = 0.0
    """Seconds to wait after the headers, before the body."""
    drop: bool = False
    """Close the socket instead of answering."""
    drop_mid_body: bool = False
    """Send the headers and half the body, then close the socket."""


def ok(
    content: str,
    *,
    prompt_tokens: int = _DEFAULT_USAGE[0],
    completion_tokens: int = _DEFAULT_USAGE[1],
    finish_reason: str = "stop",
) -> Behaviour:
    """A proper ``chat.completion`` whose message content is ``content``, with ``usage``."""
    return Behaviour(
        content=content, usage=(prompt_tokens, completion_tokens), finish_reason=finish_reason
    )


def invalid(content: str) -> Behaviour:
    """A proper completion whose content fails validation (bad JSON, or JSON the model rejects)."""
    return ok(content)


def malformed() -> Behaviour:
    """A 200 that claims to be JSON but is cut short."""
    return Behaviour(raw_body=b'{"id": "chatcmpl-broken", "object": "chat.completion", "choi')


def status(
    code: int,
    *,
    retry_after: str | None = None,
    retry_after_ms: str | None = None,
    compressed: bool = False,
) -> Behaviour:
    """An error status with an OpenAI-style error body, optionally hinting when to come back."""
    headers: list[tuple[str, str]] = []
    if retry_after is not None:
        headers.append(("Retry-After", retry_after))
    if retry_after_ms is not None:
        headers.append(("retry-after-ms", retry_after_ms))
    body = {"error": {"message": f"scripted HTTP {code}", "type": "fault", "code": str(code)}}
    return Behaviour(
        status=code,
        raw_body=json.dumps(body).encode(),
        headers=tuple(headers),
        compressed=compressed,
    )


def stall(seconds: float, then: Behaviour | None = None) -> Behaviour:
    """Say nothing for ``seconds`` (longer than the client's timeout), then answer."""
    return replace(then or Behaviour(), stall_s=seconds)


def stall_body(seconds: float, then: Behaviour | None = None) -> Behaviour:
    """Send the status and headers at once, then say nothing for ``seconds`` before the body."""
    return replace(then or Behaviour(), stall_body_s=seconds)


def drop() -> Behaviour:
    """Read the request, then close the connection without a response."""
    return Behaviour(drop=True)


def drop_mid_body(then: Behaviour | None = None) -> Behaviour:
    """Send the headers and half the body, then close the connection."""
    return replace(then or Behaviour(), drop_mid_body=True)


# -- the server ------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    """Lower-cased names."""
    body: Any
    """The JSON body, or None when it was not JSON."""
    proxied_url: str | None
    """The whole URL when the request came through a proxy, else None."""
    at: float
    """``time.monotonic()`` when the request had been read."""


class FaultServer:
    """The server, its script, and what it was asked."""

    def __init__(self, *, lifetime_s: float = 60.0) -> None:
        self.lifetime_s = lifetime_s
        self.requests: list[RecordedRequest] = []
        self.unscripted = 0
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._deadline: threading.Timer | None = None

    @classmethod
    @contextlib.contextmanager
    def running(cls, *, lifetime_s: float = 60.0) -> Iterator[FaultServer]:
        server = cls(lifetime_s=lifetime_s)
        server.start()
        try:
            yield server
        finally:
            server.stop()
        server.assert_drained()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "the fault server is not running"
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def script(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._script.extend(behaviours)

    def start(self) -> None:
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.fault = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fault-server",
            daemon=True,
        )
        self._thread.start()
        # Bounded even if a test forgets to stop it.
        self._deadline = threading.Timer(self.lifetime_s, self.stop)
        self._deadline.daemon = True
        self._deadline.start()

    def stop(self) -> None:
        with self._lock:
            httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()  # wakes stalled handlers
        if self._deadline is not None:
            self._deadline.cancel()
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def assert_drained(self) -> None:
        with self._lock:
            left, unscripted = len(self._script), self.unscripted
        assert unscripted == 0, f"{unscripted} request(s) arrived beyond the script"
        assert left == 0, f"{left} scripted behaviour(s) were never requested"

    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == "/v1/chat/completions"]

    def gaps(self) -> list[float]:
        """Seconds between consecutive chat requests."""
        times = [r.at for r in self.chat_requests()]
        return [later - earlier for earlier, later in itertools.pairwise(times)]

    def _take(self, request: RecordedRequest) -> Behaviour | None:
        with self._lock:
            self.requests.append(request)
            if request.path != "/v1/chat/completions":
                return None
            if not self._script:
                self.unscripted += 1
                return Behaviour(status=418, raw_body=b'{"error": {"message": "unscripted"}}')
            return self._script.popleft()

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True when it should carry on."""
        return seconds <= 0 or not self._stopping.wait(seconds)


class _HTTPServer(ThreadingHTTPServer):
    fault: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # a client hanging up mid-conversation is the point of these tests
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    timeout = 5  # an idle kept-alive connection lets its thread go

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        fault = self.server.fault
        # A request sent through a proxy names the whole URL ("absolute form").
        target = urlsplit(self.path)
        behaviour = fault._take(
            RecordedRequest(
                method=self.command,
                path=target.path if target.scheme else self.path,
                proxied_url=self.path if target.scheme else None,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
                at=time.monotonic(),
            )
        )
        if behaviour is None:
            behaviour = Behaviour(status=404, raw_body=b'{"error": {"message": "not found"}}')
        if not fault._sleep(behaviour.stall_s) or behaviour.drop:
            self._hang_up()
            return
        payload = _payload(behaviour, model=(body or {}).get("model", "fake-model"))
        try:
            self.send_response(behaviour.status)
            for name, value in behaviour.headers:
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            if behaviour.compressed:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if behaviour.drop_mid_body:
                self.wfile.write(payload[: len(payload) // 2])
                self._hang_up()
                return
            if not fault._sleep(behaviour.stall_body_s):
                self._hang_up()
                return
            self.wfile.write(payload)
        except OSError:  # the client gave up (timeout) and closed its end
            self.close_connection = True

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _payload(behaviour: Behaviour, *, model: str) -> bytes:
    if behaviour.raw_body is not None:
        body = behaviour.raw_body
    else:
        prompt_tokens, completion_tokens = behaviour.usage
        completion = {
            "id": "chatcmpl-fault",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": behaviour.content},
                    "finish_reason": behaviour.finish_reason,
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
        body = json.dumps(completion).encode()
    return gzip.compress(body) if behaviour.compressed else body


# -- the client side: the real stack, pointed at the server -----------------------------------
class Ruling(BaseModel):
    """A tiny response model with bounded strings, so over-long output fails validation."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(pattern="^(supported|refuted)$")
    reason: str = Field(min_length=1, max_length=40)


ANSWER = Ruling(label="supported", reason="the article says so").model_dump_json()

PROMPT = Prompt(
    name="judge",
    description="Rule on one claim.",
    variables=["claim"],
    max_tokens=64,
    system="Answer as JSON.",
    user="Is this supported? {claim}",
)


def render(claim: str = "The sky is blue.") -> RenderedPrompt:
    return PROMPT.render(claim=claim)


def fake_settings(server: FaultServer, cache_dir: Path, **overrides: Any) -> Settings:
    """Small timeouts and backoff, so every fault resolves in well under a second."""
    values: dict[str, Any] = {
        "backend": "openai",
        "base_url": f"{server.url}/v1",
        "model": "fake-model",
        "timeout_s": 0.5,
        "transport_retries": 2,
        "backoff_cap_s": 0.05,
        "validation_retries": 1,
        "use_cache": False,
        "cache_dir": cache_dir,
    }
    values.update(overrides)
    return Settings(**values)


@contextlib.contextmanager
def connected_llm(settings: Settings, *, cache: ResponseCache | None = None) -> Iterator[LLM]:
    """``LLM`` over the real openai + instructor + transport stack, closed afterwards."""
    client = connect(settings, base_url=settings.base_url, api_key=TEST_API_KEY)
    try:
        yield LLM(
            client,
            model=settings.resolved_model(),
            backend=settings.resolved_backend(),
            settings=settings,
            cache=cache,
        )
    finally:
        if client.client is not None:
            client.client.close()
