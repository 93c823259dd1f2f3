"""Shared test setup: cassettes replay real traffic and never go live in CI.

Re-record (against the embedded backend, nothing else heavy running):

    FACTCHECK_RECORD=1 .venv/bin/pytest tests/cassette/test_seeds_pipeline.py -p no:randomly
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "cassettes"

# A test-only key with a dummy fallback, so a real key is never picked up by accident.
TEST_API_KEY = os.environ.get("FACTCHECK_TEST_API_KEY", "sk-test-dummy")

_SECRET_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
]


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _SECRET_HEADERS:
            headers.pop(name)
    return response


def _skip_health_checks(request: Any) -> Any:
    # The embedded server's readiness probe is not model traffic; replays
    # through the openai backend never send it.
    return None if str(request.path).endswith("/health") else request


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
        "filter_headers": [(h, None) for h in _SECRET_HEADERS],
        "before_record_response": _scrub_response,
        "before_record_request": _skip_health_checks,
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
