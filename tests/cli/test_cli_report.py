"""`factcheck report` (re-render a saved JSON report, no model) and `check --html`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import api, cli
from factcheck.report import parse_reviews, render_html, render_json, render_markdown
from factcheck.schemas import Report
from tests.unit.test_report_sample import build_report

runner = CliRunner()


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to run the pipeline or open a model fails the test."""

    def forbidden(*args: object, **kwargs: object) -> Report:
        raise AssertionError("re-rendering must not run the pipeline or start a model")

    for name in ("check", "extract", "verify", "_llm_for"):
        monkeypatch.setattr(api, name, forbidden)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(render_json(build_report()), encoding="utf-8")
    return path


def test_report_has_help_with_an_example() -> None:
    result = runner.invoke(cli.app, ["report", "--help"])
    assert result.exit_code == 0
    assert "Example: factcheck report report.json" in result.output


@pytest.mark.usefixtures("no_model")
def test_report_rerenders_markdown_and_html_from_the_json(saved: Path, tmp_path: Path) -> None:
    out, html = tmp_path / "report.md", tmp_path / "report.html"
    result = runner.invoke(cli.app, ["report", str(saved), "--out", str(out), "--html", str(html)])
    assert result.exit_code == cli.EXIT_OK, result.output
    assert out.read_text(encoding="utf-8") == render_markdown(build_report())
    assert html.read_text(encoding="utf-8") == render_html(build_report())


@pytest.mark.usefixtures("no_model")
def test_report_keeps_the_decisions_marked_in_the_existing_markdown(
    saved: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    finding = build_report().findings[1]
    marked = render_markdown(build_report()).replace(
        f"<!-- review {finding.id} -->\n- [ ] confirmed\n- [ ] dismissed\n\nNote:",
        f"<!-- review {finding.id} -->\n- [ ] confirmed\n- [x] dismissed\n\nNote: same source",
    )
    out.write_text(marked, encoding="utf-8")
    html = tmp_path / "report.html"
    result = runner.invoke(cli.app, ["report", str(saved), "--out", str(out), "--html", str(html)])
    assert result.exit_code == cli.EXIT_OK, result.output
    review = parse_reviews(out.read_text(encoding="utf-8"))[finding.id]
    assert (review.status, review.note) == ("dismissed", "same source")
    assert "Review: dismissed · note: same source" in html.read_text(encoding="utf-8")


def test_report_on_a_file_that_is_not_a_report_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"articles": 3}', encoding="utf-8")
    result = runner.invoke(cli.app, ["report", str(bad), "--out", str(tmp_path / "r.md")])
    assert result.exit_code == cli.EXIT_ERROR
    assert "error (input)" in result.output
    assert "not a factcheck report" in " ".join(result.output.split())
    assert not (tmp_path / "r.md").exists()


def test_check_writes_the_html_page_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    report = build_report()
    report.problems = [p for p in report.problems if p.kind != "unreadable_input"]
    monkeypatch.setattr(api, "check", lambda *args, **kwargs: report)
    out, html = tmp_path / "r.md", tmp_path / "r.html"
    result = runner.invoke(
        cli.app,
        ["check", "seeds", "--out", str(out), "--html", str(html), "--fail-on", "never"],
    )
    assert result.exit_code == cli.EXIT_OK, result.output
    assert html.read_text(encoding="utf-8") == render_html(report)
