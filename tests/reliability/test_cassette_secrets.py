"""No recorded cassette may carry a credential: no auth header, no ``sk-`` key.

Scans every cassette that exists (none yet is fine); the scanner itself is
tested on planted leaks, so an empty folder cannot hide a scanner that sees nothing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import SECRET_HEADERS

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"

_HEADER_LINE = re.compile(
    r"^\s*-?\s*['\"]?(" + "|".join(map(re.escape, SECRET_HEADERS)) + r")['\"]?\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_KEY = re.compile(r"\bsk-[A-Za-z0-9_-]{4,}")
_BEARER = re.compile(r"\bBearer\s+[A-Za-z0-9._~+/=-]{8,}")


def leaks(text: str) -> list[str]:
    """What in one cassette looks like a credential; never echoes a whole secret."""
    found = [f"header line {m.group(1)!r}" for m in _HEADER_LINE.finditer(text)]
    found += [
        f"key-like string {m.group()[:5]}… ({len(m.group())} chars)" for m in _KEY.finditer(text)
    ]
    found += ["bearer token" for _ in _BEARER.finditer(text)]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [*found, f"not readable YAML ({exc.__class__.__name__})"]
    interactions = data.get("interactions") if isinstance(data, dict) else None
    for n, interaction in enumerate(interactions or []):
        for side in ("request", "response"):
            record = interaction.get(side) if isinstance(interaction, dict) else None
            headers = record.get("headers") if isinstance(record, dict) else None
            found += [
                f"interaction {n} {side} header {name!r}"
                for name in headers or {}
                if str(name).lower() in SECRET_HEADERS
            ]
    return found


def cassette_files() -> list[Path]:
    if not CASSETTES.is_dir():
        return []
    return sorted(p for pattern in ("*.yaml", "*.yml") for p in CASSETTES.rglob(pattern))


def test_no_cassette_carries_a_credential() -> None:
    problems = {
        str(path.relative_to(CASSETTES)): found
        for path in cassette_files()
        if (found := leaks(path.read_text(encoding="utf-8", errors="replace")))
    }
    assert problems == {}, f"credentials in cassettes, re-record with the filters on: {problems}"


_LEAKY = """\
interactions:
- request:
    body: '{"model": "fake-model"}'
    headers:
      Authorization:
      - Bearer sk-proj-abcdefghijklmnop
      content-type:
      - application/json
    method: POST
    uri: http://127.0.0.1:8080/v1/chat/completions
  response:
    body:
      string: '{"id": "chatcmpl-1"}'
    headers:
      set-cookie:
      - session=abc
    status:
      code: 200
      message: OK
version: 1
"""

_CLEAN = """\
interactions:
- request:
    body: '{"model": "fake-model", "messages": [{"role": "user", "content": "task-sk"}]}'
    headers:
      content-type:
      - application/json
    method: POST
    uri: http://127.0.0.1:8080/v1/chat/completions
  response:
    body:
      string: '{"id": "chatcmpl-1", "choices": []}'
    headers:
      content-type:
      - application/json
    status:
      code: 200
      message: OK
version: 1
"""


def test_the_scanner_finds_planted_leaks() -> None:
    found = leaks(_LEAKY)
    assert "interaction 0 request header 'Authorization'" in found
    assert "interaction 0 response header 'set-cookie'" in found
    assert any(f.startswith("key-like string sk-pr") for f in found)
    assert "bearer token" in found
    assert not any("abcdefghijklmnop" in f for f in found)


@pytest.mark.parametrize("text", [_CLEAN, "", "interactions: []\nversion: 1\n"])
def test_the_scanner_passes_clean_cassettes(text: str) -> None:
    assert leaks(text) == []


def test_the_scanner_finds_an_api_key_header_in_any_case() -> None:
    assert leaks("interactions:\n- request:\n    headers:\n      API-Key:\n      - x\n") != []


def test_the_scanner_reads_real_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "leaky.yaml").write_text(_LEAKY, encoding="utf-8")
    (tmp_path / "clean.yaml").write_text(_CLEAN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("sk-not-a-cassette", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "CASSETTES", tmp_path)

    assert [p.name for p in cassette_files()] == ["clean.yaml", "leaky.yaml"]
    with pytest.raises(AssertionError, match=r"leaky\.yaml"):
        test_no_cassette_carries_a_credential()
