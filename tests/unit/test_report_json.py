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
