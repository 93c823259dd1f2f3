"""Shared test setup: cassettes replay real traffic and never go live in CI.

Re-record (against the embedded backend, nothing else heavy running):

    FACTCHECK_RECORD=1 .venv/bin/pytest tests/cassette/test_seeds_pipeline.py -p no:randomly
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import vcr
import yaml
from vcr.serializers import yamlserializer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "cassettes"

# A test-only key with a dummy fallback, so a real key is never picked up by accident.
TEST_API_KEY = os.environ.get("FACTCHECK_TEST_API_KEY", "sk-test-dummy")

SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "api-key",
        "x-api-key",
        "openai-organization",
        "openai-project",
        "cookie",
        "set-cookie",
    }
)
"""Headers that carry credentials: filtered out when a cassette is recorded, and refused by
the scan of recorded cassettes (tests/reliability/test_cassette_secrets.py)."""


# Headers that change from run to run or machine to machine and say nothing about the call:
# the client's platform and version, the connection, and lengths of bodies stored reformatted.
_VOLATILE_REQUEST_HEADERS = frozenset(
    {"user-agent", "host", "content-length", "accept-encoding", "connection", "accept"}
)
_VOLATILE_RESPONSE_HEADERS = frozenset(
    {"date", "keep-alive", "content-length", "connection", "access-control-allow-origin"}
)
_LOCAL_PORT = re.compile(r"^(https?://(?:127\.0\.0\.1|localhost|\[::1\])):\d+")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS or name.lower() in _VOLATILE_RESPONSE_HEADERS:
            headers.pop(name)
    return response


def _skip_health_checks(request: Any) -> Any:
    # The embedded server's readiness probe is not model traffic; replays
    # through the openai backend never send it.
    return None if str(request.path).endswith("/health") else request


def _scrub_request(request: Any) -> Any:
    """The request as it is stored: no volatile client header, no random local port."""
    for name in list(request.headers):
        low = name.lower()
        if low in _VOLATILE_REQUEST_HEADERS or low.startswith("x-stainless-"):
            del request.headers[name]
    request.uri = _LOCAL_PORT.sub(r"\1", request.uri)
    return request


class _LiteralDumper(yaml.SafeDumper):
    """Multi-line strings (the indented JSON bodies) as YAML literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_LiteralDumper.add_representer(str, _represent_str)


def _indented(body: Any) -> Any:
    """A JSON body as indented JSON text; anything else as it was."""
    text = body.decode("utf-8", errors="strict") if isinstance(body, bytes) else body
    if not isinstance(text, str) or not text.lstrip().startswith(("{", "[")):
        return body
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return body


def _compact(body: Any) -> Any:
    """An indented JSON body back on one line, as a client sends it (cassettes recorded
    before bodies were stored indented are single-line already and stay as they are)."""
    if not isinstance(body, str) or "\n" not in body or not body.startswith(("{", "[")):
        return body
    try:
        return json.dumps(json.loads(body), ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        return body


class ReadableSerializer:
    """vcrpy's YAML cassette with every JSON body stored as indented JSON in a literal
    block, so a cassette reads (and diffs) as the prompts and answers it holds."""

    name = "readable-yaml"

    @staticmethod
    def serialize(cassette_dict: dict[str, Any]) -> str:
        data = copy.deepcopy(cassette_dict)
        for interaction in data["interactions"]:
            request, response = interaction["request"], interaction["response"]
            request["body"] = _indented(request.get("body"))
            body = response.get("body")
            if isinstance(body, dict) and "string" in body:
                body["string"] = _indented(body["string"])
        text: str = yaml.dump(
            data, Dumper=_LiteralDumper, allow_unicode=True, sort_keys=False, width=100
        )
        return text

    @staticmethod
    def deserialize(cassette_string: str) -> dict[str, Any]:
        data: dict[str, Any] = yamlserializer.deserialize(cassette_string)
        for interaction in data.get("interactions", []):
            request, response = interaction["request"], interaction["response"]
            request["body"] = _compact(request.get("body"))
            body = response.get("body")
            if isinstance(body, dict) and "string" in body:
                body["string"] = _compact(body["string"])
        return data


def cassette_recorder(record_mode: str) -> vcr.VCR:
    """A vcrpy recorder with this project's cassette settings and readable serializer."""
    recorder = vcr.VCR(record_mode=record_mode, **vcr_settings())
    recorder.register_serializer(ReadableSerializer.name, ReadableSerializer())
    return recorder


def pytest_recording_configure(config: pytest.Config, vcr: vcr.VCR) -> None:
    """pytest-recording's recorder gets the readable serializer too."""
    vcr.register_serializer(ReadableSerializer.name, ReadableSerializer())


def unplayed_model_calls(cassette: Any) -> int:
    """Recorded chat completions the replay did not use (other traffic aside)."""
    return sum(
        1
        for index, (request, _) in enumerate(cassette.data)
        if request.method == "POST" and cassette.play_counts[index] == 0
    )


def vcr_settings() -> dict[str, Any]:
    """Cassette settings shared by pytest-recording and direct vcrpy use."""
    return {
        "filter_headers": [(h, None) for h in sorted(SECRET_HEADERS)],
        "before_record_response": _scrub_response,
        "before_record_request": [_skip_health_checks, _scrub_request],
        "serializer": ReadableSerializer.name,
        # The local server's port is random, so host and port are not matched;
        # the body (model, prompt, schema) is what identifies a call.
        "match_on": ["method", "path", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    return vcr_settings()


@pytest.fixture(scope="session")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)
