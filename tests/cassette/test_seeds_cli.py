"""The CLI end to end on the seeds, replaying the recorded model traffic:
the editor's command, its exit code, and review decisions surviving a re-run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import cli
from factcheck.llm import LOCAL_MODEL_NAME
from factcheck.report import parse_reviews
from tests.conftest import TEST_API_KEY, cassette_recorder

ROOT = Path(__file__).resolve().parents[2]
CASSETTE = ROOT / "cassettes" / "seeds_check.yaml"

pytestmark = pytest.mark.skipif(not CASSETTE.exists(), reason="seeds cassette not recorded yet")

# The recorded requests came from the embedded backend; replaying them through
# the openai backend with the same model name sends byte-identical bodies; the
# recording decided attribution by the parse (auto, on the embedded backend).
REPLAY_FLAGS = [
    "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1",
    "--model", LOCAL_MODEL_NAME, "--no-cache", "--concurrency", "2", "--judge", "llm",
    "--attribution", "parse",
]  # fmt: skip


def _run(out: Path, *extra: str) -> tuple[int, str]:
    recorder = cassette_recorder("none")
    with recorder.use_cassette(str(CASSETTE)):
        result = CliRunner().invoke(
            cli.app,
            ["check", str(ROOT / "seeds"), "--out", str(out), *REPLAY_FLAGS, *extra],
            env={"OPENAI_API_KEY": TEST_API_KEY, "FACTCHECK_BACKEND": ""},
        )
    return result.exit_code, result.output


def test_check_on_the_seeds_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, output = _run(out, "--fail-on", "never", "--json", str(tmp_path / "report.json"))
    assert code == cli.EXIT_OK, output
    text = out.read_text()
    assert text.startswith("# Fact-consistency report")
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert seed.stem in text
    assert (tmp_path / "report.json").exists()


def test_review_decisions_survive_a_rerun(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, output = _run(out, "--fail-on", "never")
    assert code == cli.EXIT_OK, output
    text = out.read_text()
    ids = re.findall(r"<!-- review (F-[0-9a-f]{8}) -->", text)
    if not ids:
        pytest.skip("the recorded run produced no findings to review")
    first = ids[0]
    marked = text.replace(
        f"<!-- review {first} -->\n- [ ] confirmed",
        f"<!-- review {first} -->\n- [x] confirmed",
    ).replace(
        f"<!-- review {first} -->\n- [x] confirmed\n- [ ] dismissed\n\nNote:",
        f"<!-- review {first} -->\n- [x] confirmed\n- [ ] dismissed\n\nNote: checked with the desk",
    )
    assert marked != text
    out.write_text(marked)
    code, output = _run(out, "--fail-on", "never")
    assert code == cli.EXIT_OK, output
    review = parse_reviews(out.read_text())[first]
    assert review.status == "confirmed"
    assert review.note == "checked with the desk"


def test_a_decision_on_a_finding_that_is_gone_is_reported_not_lost(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    code, output = _run(out, "--fail-on", "never")
    assert code == cli.EXIT_OK, output
    stale = (
        "\n<!-- review F-00000000 -->\n- [x] dismissed\n\nNote: a finding an older run made\n"
        "<!-- /review -->\n"
    )
    out.write_text(out.read_text() + stale)
    code, output = _run(out, "--fail-on", "never")
    assert code == cli.EXIT_OK, output
    text = out.read_text()
    assert "F-00000000" in text
    # Kept word for word under Orphaned reviews, and named under Problems.
    orphans = text[text.index("## Orphaned reviews") : text.index("## Problems")]
    assert stale.strip() in orphans
    assert "kept word for word under Orphaned reviews: F-00000000" in text
