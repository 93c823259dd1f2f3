"""Settings resolution and the prompt files."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import ConfigurationError
from factcheck.llm import LOCAL_MODEL_NAME, Prompt, Settings, load_prompt
from factcheck.llm.prompts import prompts_dir
from factcheck.schemas.export import PUBLIC_SCHEMAS, render_schema

ROOT = Path(__file__).resolve().parents[2]


def test_auto_backend_is_local_without_key_or_url(tmp_path: Path) -> None:
    settings = Settings.from_env({}, cache_dir=tmp_path)
    assert settings.resolved_backend() == "local"
    assert settings.resolved_model() == LOCAL_MODEL_NAME


def test_auto_backend_is_openai_with_a_key() -> None:
    settings = Settings.from_env({"OPENAI_API_KEY": "sk-test-dummy"})
    assert settings.resolved_backend() == "openai"
    assert "sk-test-dummy" not in repr(settings)


def test_flags_override_environment() -> None:
    env = {"FACTCHECK_BACKEND": "openai", "FACTCHECK_MODEL": "from-env"}
    settings = Settings.from_env(env, model="from-flag", backend=None)
    assert settings.model == "from-flag"
    assert settings.backend == "openai"


def test_base_url_without_model_is_a_configuration_error() -> None:
    settings = Settings.from_env({"FACTCHECK_BASE_URL": "http://127.0.0.1:11434/v1"})
    with pytest.raises(ConfigurationError, match="FACTCHECK_MODEL"):
        settings.resolved_model()


def test_invalid_setting_names_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="concurrency"):
        Settings.from_env({"FACTCHECK_CONCURRENCY": "zero"})


@pytest.mark.parametrize("name", ["extract_claims", "zero_shot_pair"])
def test_prompt_files_load_and_render(name: str) -> None:
    prompt = load_prompt(name)
    values = {v: f"<{v}>" for v in prompt.variables}
    rendered = prompt.render(**values)
    text = "\n".join(content for _, content in rendered.messages)
    for value in values.values():
        assert value in text
    assert "{" not in text.replace("{{", "").replace('{"', "") or name == "extract_claims"
    assert len(rendered.hash) == 12


def test_prompt_with_undeclared_variable_is_rejected() -> None:
    with pytest.raises(ValueError, match="undeclared"):
        Prompt(name="x", description="x", variables=[], max_tokens=10, system="{oops}", user="")


def test_render_with_missing_variable_is_an_error() -> None:
    with pytest.raises(ConfigurationError, match="missing"):
        load_prompt("extract_claims").render()


def test_every_prompt_file_is_valid() -> None:
    for path in prompts_dir().glob("*.yaml"):
        assert load_prompt(path.stem).name == path.stem


@pytest.mark.parametrize("name", sorted(PUBLIC_SCHEMAS))
def test_committed_json_schemas_are_current(name: str) -> None:
    committed = ROOT / "schemas" / f"{name}.schema.json"
    assert committed.exists(), "run: factcheck schemas --out schemas/"
    assert committed.read_text() == render_schema(PUBLIC_SCHEMAS[name]), (
        f"{committed} is stale; run: factcheck schemas --out schemas/"
    )
