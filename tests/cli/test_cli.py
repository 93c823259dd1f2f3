"""The CLI over the library: commands, exit codes, messages (no model needed).

``api.check`` / ``api.extract`` are replaced by a function returning a
hand-built report, so these tests pin the CLI's own logic; the real stack is
exercised by the cassette tests.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import api, cli
from factcheck.errors import ModelCallError
from factcheck.schemas import Problem, Report
from factcheck.schemas.export import PUBLIC_SCHEMAS
from tests.unit.test_report_sample import build_report

runner = CliRunner()


@pytest.fixture
def sample() -> Report:
    """The sample report without its failed-article problems (those mean exit 2)."""
    report = build_report()
    kept = [p for p in report.problems if p.kind not in ("unreadable_input", "extraction_failed")]
    return report.model_copy(update={"problems": kept})


def _fake(monkeypatch: pytest.MonkeyPatch, report: Report) -> list[dict[str, object]]:
    calls: list[dict[str, object]] = []

    def fake(paths: object, **kwargs: object) -> Report:
        calls.append({"paths": paths, **kwargs})
        return report

    monkeypatch.setattr(api, "check", fake)
    monkeypatch.setattr(api, "extract", fake)
    return calls


def test_every_command_has_help_with_an_example() -> None:
    for command in (["check"], ["extract"], ["schemas"], ["verify"], ["eval", "summedits"]):
        result = runner.invoke(cli.app, [*command, "--help"])
        assert result.exit_code == 0
        assert "Example: factcheck" in result.output


def test_check_writes_markdown_and_json(
    monkeypatch: pytest.MonkeyPatch, sample: Report, tmp_path: Path
) -> None:
    _fake(monkeypatch, sample)
    out, js = tmp_path / "r.md", tmp_path / "r.json"
    result = runner.invoke(
        cli.app, ["check", "seeds", "--out", str(out), "--json", str(js), "--fail-on", "never"]
    )
    assert result.exit_code == cli.EXIT_OK, result.output
    assert out.read_text().startswith("#")
    assert Report.model_validate_json(js.read_text()).findings == sample.findings


def test_fail_on_gates_on_severity(
    monkeypatch: pytest.MonkeyPatch, sample: Report, tmp_path: Path
) -> None:
    _fake(monkeypatch, sample)
    worst = sample.max_severity()
    assert worst is not None
    args = ["check", "seeds", "--out", str(tmp_path / "r.md"), "--fail-on"]
    assert runner.invoke(cli.app, [*args, worst]).exit_code == cli.EXIT_FINDINGS
    assert runner.invoke(cli.app, [*args, "never"]).exit_code == cli.EXIT_OK
    clean = sample.model_copy(update={"findings": []})
    _fake(monkeypatch, clean)
    assert runner.invoke(cli.app, [*args, "low"]).exit_code == cli.EXIT_OK


def test_a_failed_article_ends_with_the_error_code_but_writes_the_report(
    monkeypatch: pytest.MonkeyPatch, sample: Report, tmp_path: Path
) -> None:
    failed = Problem(kind="extraction_failed", article_id="x", message="model timed out")
    _fake(monkeypatch, sample.model_copy(update={"problems": [*sample.problems, failed]}))
    out = tmp_path / "r.md"
    result = runner.invoke(cli.app, ["check", "seeds", "--out", str(out), "--fail-on", "never"])
    assert result.exit_code == cli.EXIT_ERROR
    assert "model timed out" in out.read_text()


def test_errors_are_messages_not_tracebacks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(paths: object, **kwargs: object) -> Report:
        raise ModelCallError("cannot reach the model server; check --base-url")

    monkeypatch.setattr(api, "check", broken)
    result = runner.invoke(cli.app, ["check", "seeds", "--out", str(tmp_path / "r.md")])
    assert result.exit_code == cli.EXIT_ERROR
    assert "check --base-url" in result.output
    assert "Traceback" not in result.output


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app, ["check", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "r.md")]
    )
    assert result.exit_code == cli.EXIT_ERROR
    assert "error (input)" in result.output
    assert not (tmp_path / "r.md").exists()


def test_empty_directory_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["extract", str(tmp_path)])
    assert result.exit_code == cli.EXIT_ERROR
    assert "no" in result.output.lower()


def test_flags_reach_the_settings(
    monkeypatch: pytest.MonkeyPatch, sample: Report, tmp_path: Path
) -> None:
    calls = _fake(monkeypatch, sample)
    result = runner.invoke(
        cli.app,
        [
            "check",
            "seeds",
            "--out",
            str(tmp_path / "r.md"),
            "--backend",
            "openai",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--model",
            "m",
            "--concurrency",
            "3",
            "--no-cache",
            "--fail-on",
            "never",
        ],
        env={"OPENAI_API_KEY": "sk-test-dummy"},
    )
    assert result.exit_code == 0, result.output
    settings = calls[0]["settings"]
    assert settings.backend == "openai"  # type: ignore[attr-defined]
    assert settings.base_url == "http://127.0.0.1:9/v1"  # type: ignore[attr-defined]
    assert settings.concurrency == 3  # type: ignore[attr-defined]
    assert settings.use_cache is False  # type: ignore[attr-defined]


def test_extract_prints_claims_and_writes_json(
    monkeypatch: pytest.MonkeyPatch, sample: Report, tmp_path: Path
) -> None:
    _fake(monkeypatch, sample)
    js = tmp_path / "claims.json"
    result = runner.invoke(cli.app, ["extract", "seeds", "--json", str(js)])
    assert result.exit_code == 0, result.output
    assert sample.claims[0].statement[:30] in result.output.replace("\n", " ")
    assert len(Report.model_validate_json(js.read_text()).claims) == len(sample.claims)


def test_schemas_command_writes_every_schema(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["schemas", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{name}.schema.json" for name in PUBLIC_SCHEMAS
    )


# -- compare: the real shipped model (offline, no LLM) ------------------------------------


def test_compare_prints_label_and_probabilities() -> None:
    result = runner.invoke(
        cli.app,
        ["compare", "The library will reopen on Monday.", "The library will reopen on Friday."],
    )
    assert result.exit_code == 0, result.output
    label, *rest = result.output.split()
    assert label == "contradiction"
    assert rest[0::2] == ["entailment", "neutral", "contradiction"]
    assert abs(sum(float(x) for x in rest[1::2]) - 1.0) < 0.01


def test_compare_reads_at_file_and_prints_json(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("The company hired 40 new engineers last year.\n", encoding="utf-8")
    result = runner.invoke(
        cli.app, ["compare", f"@{article}", "The company hired 400 engineers.", "--json"]
    )
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.output)
    assert verdict["label"] == "contradiction"
    assert set(verdict) >= {"entailment", "neutral", "contradiction", "windows"}


def test_compare_bad_input_exits_2(tmp_path: Path) -> None:
    missing = runner.invoke(cli.app, ["compare", f"@{tmp_path / 'nope.txt'}", "x"])
    assert missing.exit_code == cli.EXIT_ERROR
    assert "does not exist" in " ".join(missing.output.split())
    empty = runner.invoke(cli.app, ["compare", "  ", "The library will reopen."])
    assert empty.exit_code == cli.EXIT_ERROR
    assert "non-empty" in " ".join(empty.output.split())


def test_an_error_message_with_brackets_is_printed_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from rich.console import Console

    from factcheck.errors import ConfigurationError

    out = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=out, width=200))
    cli._fail(ConfigurationError("install the extra: pip install '.[scale]'"))
    assert "pip install '.[scale]'" in out.getvalue()


def test_check_passes_the_publication_date(
    monkeypatch: pytest.MonkeyPatch, sample: Report, tmp_path: Path
) -> None:
    calls = _fake(monkeypatch, sample)
    args = ["check", "seeds", "--out", str(tmp_path / "r.md"), "--fail-on", "never"]
    assert runner.invoke(cli.app, [*args, "--date", "2024-06-07"]).exit_code == cli.EXIT_OK
    assert calls[-1]["published"] == datetime.date(2024, 6, 7)
    assert runner.invoke(cli.app, args).exit_code == cli.EXIT_OK
    assert calls[-1]["published"] is None
    bad = runner.invoke(cli.app, [*args, "--date", "7 June"])
    assert bad.exit_code == 2 and len(calls) == 2
