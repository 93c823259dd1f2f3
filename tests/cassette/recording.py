"""The embedded model behind a cassette: recorded anew, or replayed with every call used."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.llm import LLM, LOCAL_MODEL_NAME, Settings, connect, open_llm
from tests.conftest import TEST_API_KEY, cassette_recorder, unplayed_model_calls


@contextlib.contextmanager
def recorded_llm(cassette_path: Path, settings: Settings, *, record: bool) -> Iterator[LLM]:
    """With ``record``, the embedded server behind a fresh recording of ``cassette_path``
    (vcrpy's "all" mode appends, so the old traffic is removed first); otherwise a client
    whose calls are answered from it, and every recorded call must have been used."""
    if not record and not cassette_path.exists():
        pytest.fail(f"{cassette_path} is missing; record it with FACTCHECK_RECORD=1")
    if record:
        cassette_path.unlink(missing_ok=True)
    recorder = cassette_recorder("all" if record else "none")
    with recorder.use_cassette(str(cassette_path)) as cassette:
        if record:
            with open_llm(settings) as llm:
                yield llm
            return
        client = connect(settings, base_url="http://127.0.0.1:9/v1", api_key=TEST_API_KEY)
        yield LLM(client, model=LOCAL_MODEL_NAME, backend="local", settings=settings)
        assert unplayed_model_calls(cassette) == 0, "fewer model calls than were recorded"
