"""Outputs and paths: no output overwrites an input or another output, every output is
checked before any is written and written atomically, every path problem is a one-line
error with exit 2, FIFOs and devices are refused as inputs, and a path is never read as
Rich markup. No model is needed: ``report`` re-renders a saved JSON report."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner, Result

from factcheck import api, cli, outputs
from factcheck.errors import OutputError
from factcheck.ingest import reader
from factcheck.report import render_json, render_markdown
from factcheck.schemas import Report
from tests.unit.test_report_sample import build_report

runner = CliRunner()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(render_json(build_report()), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def give_up_after_20_s() -> Iterator[None]:
    """A command that blocks (a FIFO read) fails the test instead of hanging it."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("the command blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def invoke(*args: str | Path) -> Result:
    return runner.invoke(cli.app, [str(a) for a in args])


def said(result: Result) -> str:
    return " ".join(result.output.split())


def assert_one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code == cli.EXIT_ERROR, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert said(result).startswith("error (")
    for word in words:
        assert word in said(result)


# -- outputs never overwrite an input or each other -------------------------------------


def test_report_refuses_to_write_over_its_json_input(saved: Path) -> None:
    before = saved.read_bytes()
    result = invoke("report", saved, "--out", saved)
    assert_one_line_error(result, "is the input", "destroy the input")
    assert saved.read_bytes() == before


def test_report_refuses_out_and_html_naming_one_file(saved: Path, tmp_path: Path) -> None:
    markdown = tmp_path / "r.md"
    markdown.write_text("reviewed by hand\n", encoding="utf-8")
    result = invoke("report", saved, "--out", markdown, "--html", tmp_path / "." / "r.md")
    assert_one_line_error(result, "--out and --html both name")
    assert markdown.read_text(encoding="utf-8") == "reviewed by hand\n"


def test_an_output_reached_through_a_symlink_is_still_the_input(
    saved: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(saved)
    assert_one_line_error(invoke("report", saved, "--out", link), "is the input")


def test_check_refuses_an_output_over_an_article_before_any_model_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council approved the plan on Tuesday.\n", encoding="utf-8")

    def no_run(*args: object, **kwargs: object) -> Report:
        raise AssertionError("the pipeline must not run with a bad output")

    monkeypatch.setattr(api, "check", no_run)
    monkeypatch.setattr(api, "verify", no_run)
    monkeypatch.setattr(api, "extract", no_run)
    assert_one_line_error(invoke("check", article, "--out", article), "is the input")
    assert_one_line_error(
        invoke("check", tmp_path, "--out", tmp_path / "report.md"),
        "lies in the input folder",
    )
    assert_one_line_error(
        invoke("check", article, "--out", tmp_path / "r.md", "--json", tmp_path / "r.md"),
        "--out and --json both name",
    )
    assert_one_line_error(
        invoke("verify", article, "--against", tmp_path, "--out", article), "is the input"
    )
    assert_one_line_error(invoke("extract", article, "--json", article), "is the input")
    assert article.read_text(encoding="utf-8").startswith("The council")


# -- path problems: one line, exit 2, nothing written -----------------------------------


def test_out_in_a_missing_folder(saved: Path, tmp_path: Path) -> None:
    result = invoke("report", saved, "--out", tmp_path / "nodir" / "r.md")
    assert_one_line_error(result, "does not exist", "mkdir -p")


def test_no_output_is_written_when_a_later_one_cannot_be(saved: Path, tmp_path: Path) -> None:
    markdown = tmp_path / "ok.md"
    result = invoke("report", saved, "--out", markdown, "--html", tmp_path / "nodir" / "r.html")
    assert_one_line_error(result, "--html", "does not exist")
    assert not markdown.exists()


def test_html_naming_a_folder(saved: Path, tmp_path: Path) -> None:
    (tmp_path / "afolder").mkdir()
    result = invoke("report", saved, "--out", tmp_path / "ok.md", "--html", tmp_path / "afolder")
    assert_one_line_error(result, "is a folder")
    assert not (tmp_path / "ok.md").exists()


def test_a_symlink_loop_as_output_and_as_input(saved: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert_one_line_error(invoke("report", saved, "--out", loop), "loop")
    assert_one_line_error(invoke("report", loop, "--out", tmp_path / "x.md"), "loop")


def test_schemas_out_naming_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("keep\n", encoding="utf-8")
    assert_one_line_error(invoke("schemas", "--out", target), "is a file")
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_a_fifo_is_refused_as_a_report_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    assert_one_line_error(invoke("report", fifo, "--out", tmp_path / "r.md"), "named pipe")
    assert_one_line_error(invoke("compare", f"@{fifo}", "x"), "named pipe")


def test_a_fifo_is_refused_as_an_output(saved: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "r.md"
    os.mkfifo(fifo)
    assert_one_line_error(invoke("report", saved, "--out", fifo), "not a regular file")


def test_a_device_is_refused_as_an_input_without_reading_it(tmp_path: Path) -> None:
    assert_one_line_error(invoke("report", "/dev/zero", "--out", tmp_path / "r.md"), "a device")
    assert_one_line_error(invoke("compare", "@/dev/zero", "x"), "a device")


def test_a_report_over_the_size_bound_is_refused(
    saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_REPORT_BYTES", 1000)
    result = invoke("report", saved, "--out", tmp_path / "r.md")
    assert_one_line_error(result, "over the 1,000-byte limit")


def test_batch_out_naming_a_file_and_a_feed_it_would_overwrite(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    assert_one_line_error(invoke("batch", feed, "--out", feed), "is a file")
    day = tmp_path / "day"
    day.mkdir()
    inside = day / "stories.jsonl"
    inside.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    assert_one_line_error(invoke("batch", inside, "--out", day), "which this run writes")
    assert inside.read_text(encoding="utf-8") == '{"id": "a", "text": "x"}\n'


# -- atomic writes ----------------------------------------------------------------------


def test_a_failed_write_leaves_the_previous_file_intact(
    saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    markdown = tmp_path / "r.md"
    assert invoke("report", saved, "--out", markdown).exit_code == 0
    before = markdown.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    markdown.write_bytes(before + b"\n<!-- reviewer's edit -->\n")
    result = invoke("report", saved, "--out", markdown)
    assert_one_line_error(result, "the disk is full", "unchanged")
    assert markdown.read_bytes() == before + b"\n<!-- reviewer's edit -->\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md", "report.json"]


def test_write_text_goes_through_a_symlink_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "target.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    outputs.write_text(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_check_outputs_names_the_options() -> None:
    with pytest.raises(OutputError, match="--json and --html both name"):
        outputs.check_outputs({"--json": Path("a.x"), "--html": Path("./a.x")})


# -- the success line is text, not markup -----------------------------------------------


@pytest.mark.parametrize("name", ["notes[draft].md", "x[/b].md", "[bold]r[/bold].md"])
def test_the_success_line_prints_the_path_as_written(
    saved: Path, tmp_path: Path, name: str
) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)  # "x[" for "x[/b].md"
    result = invoke("report", saved, "--out", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert name in said(result).replace(" ", "")
    assert (tmp_path / name).read_text(encoding="utf-8") == render_markdown(build_report())
