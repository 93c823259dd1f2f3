"""Importing one layer loads only what that layer needs (issue 40).

Each check runs in a fresh interpreter, since this test process has long since loaded
spaCy, openai and the rest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

import pytest

HEAVY = ("spacy", "openai", "instructor", "onnxruntime", "torch", "sklearn")


def _loaded_after(statement: str) -> set[str]:
    probe = (
        f"import sys\n{statement}\n"
        f"import json\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "module",
    ["factcheck", "factcheck.schemas", "factcheck.language", "factcheck.report", "factcheck.cli"],
)
def test_a_layer_loads_no_model_or_llm_library(module: str) -> None:
    assert _loaded_after(f"import {module}") == set()


def test_settings_alone_loads_no_llm_library() -> None:
    assert _loaded_after("from factcheck.llm import Settings") == set()


def test_public_names_still_load_on_use() -> None:
    loaded = _loaded_after("import factcheck\nfactcheck.check\nfactcheck.LLM")
    assert {"spacy", "openai", "instructor"} <= loaded


def test_the_root_keeps_its_public_names() -> None:
    import factcheck
    import factcheck.extract  # the subpackage of the same name as the api function
    from factcheck import api

    assert factcheck.extract is api.extract
    assert factcheck.check is api.check
    assert factcheck.__version__ == version("factcheck")
    assert set(factcheck.__all__) <= set(dir(factcheck))
    with pytest.raises(AttributeError):
        _ = factcheck.no_such_name  # type: ignore[attr-defined]
