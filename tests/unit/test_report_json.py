"""The JSON report round-trips, and a bad file is an InputError that says why."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from factcheck.errors import InputError
from factcheck.report import load_report, render_json
from tests.unit.test_report_sample import build_report

if TYPE_CHECKING:
    from pathlib import Path


def test_json_round_trip(tmp_path: Path) -> None:
    report = build_report()
    report.findings[0].review.status = "confirmed"
    path = tmp_path / "report.json"
    path.write_text(render_json(report), encoding="utf-8")
    assert load_report(path) == report
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["findings"][0]["id"].startswith("F-")
    assert data["articles"][0]["content_hash"] == report.articles[0].content_hash


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"articles": []}', "not a factcheck report"),
        ("[]", "not a factcheck report"),
    ],
)
def test_bad_report_file_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        load_report(path)
    assert raised.value.path == str(path)


def test_missing_report_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_report(tmp_path / "missing.json")


def test_a_report_written_before_points_still_loads() -> None:
    import json

    from factcheck.report import parse_report
    from tests.unit.test_report_sample import build_report

    data = json.loads(build_report().model_dump_json())
    del data["points"]
    data["groups"] = [
        {"id": "G-1", "question": "Was the bridge open?", "claim_ids": [], "answers": {}}
    ]
    for finding in data["findings"]:
        for key in ("flagged_by", "cited", "point_id"):
            del finding[key]
    loaded = parse_report(json.dumps(data))
    assert loaded.points == [] and len(loaded.findings) == 3


def test_a_report_with_answers_on_finding_sides_still_loads(tmp_path: Path) -> None:
    """Older versions wrote ``"answer": null`` on every finding side (and problems of the
    retired kind ``ungrounded_dropped``); such a report reads, and writes back without them."""
    from factcheck.report import parse_report

    report = build_report()
    data = json.loads(report.model_dump_json())
    for finding in data["findings"]:
        for side in finding["sides"]:
            side["answer"] = None
    data["findings"][0]["sides"][0]["answer"] = "yes"
    data["problems"].append(
        {"kind": "ungrounded_dropped", "message": "1 claim dropped", "article_id": "kyiv-wire"}
    )
    loaded = parse_report(json.dumps(data))
    assert loaded.findings == report.findings
    assert loaded.problems[:-1] == report.problems
    assert (loaded.problems[-1].kind, loaded.problems[-1].message) == (
        "extraction_partial",
        "1 claim dropped",
    )
    written = json.loads(render_json(loaded))
    assert all("answer" not in s for f in written["findings"] for s in f["sides"])
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_report(path).findings == report.findings
