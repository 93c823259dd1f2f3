"""Untrusted strings never become markup: ids and enums in a JSON report are checked when it
is read, and every string that reaches the HTML page or the Markdown is escaped where it
lands, even one that got past the schema. The Markdown is read back with markdown-it-py
(CommonMark with tables and raw HTML on, as GitHub renders it; it comes with rich)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from markdown_it import MarkdownIt

from factcheck.errors import InputError
from factcheck.report import parse_report, parse_reviews, render_html, render_markdown
from tests.unit.test_report_html import Page
from tests.unit.test_report_sample import build_report

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"


def _report_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(build_report().model_dump_json())
    return data


def _set(data: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


@pytest.mark.parametrize(
    ("path", "value"),
    [
        # highlight_id is "q-" + the finding's id; statement_id is "s-" + a claim id.
        ("findings.0.id", IMG),
        ("findings.0.id", 'F-1234abcd"><script>'),
        ("findings.0.sides.0.claim_id", SCRIPT),
        ("points.0.statements.0.claim_id", f'C0000000000" onmouseover="x{IMG}'),
        ("points.0.id", "P-1c9b44f0 -->"),
        ("points.0.flags.0.finding_id", "F-00000000\n<!-- review F-deadbeef -->"),
        ("findings.1.point_id", SCRIPT),
        ("claims.0.id", IMG),
        ("corroboration.0.contradicted_by", ["F-1234abcd -->\n<!-- /review -->"]),
        ("worth_a_look.0.id", IMG),
        # A modality reaches the Markdown in the sides' cells and the matrix.
        ("findings.0.sides.0.modality", "asserted\n<!-- /review -->\n<!-- review F-deadbeef -->"),
        ("points.0.statements.0.modality", f"reported {IMG}"),
        ("orphaned_reviews", [{"finding_id": IMG, "review": {"status": "confirmed"}}]),
    ],
)
def test_a_hostile_id_or_enum_in_a_json_report_is_refused(path: str, value: object) -> None:
    data = _report_json()
    _set(data, path, value)
    with pytest.raises(InputError, match="is not a factcheck report") as raised:
        parse_report(json.dumps(data), source="hostile.json")
    # The error names where the fault is, so the file can be mended.
    assert path.split(".")[0] in str(raised.value)


def test_the_real_ids_still_read() -> None:
    report = build_report()
    assert parse_report(report.model_dump_json()) == report


def test_hostile_ids_that_got_past_the_schema_are_escaped_in_the_page() -> None:
    # Assigned after validation (no validate_assignment): as if a caller built the report
    # around the schema. The page must still hold no element the strings spell.
    report = build_report()
    finding = report.findings[0]
    finding.id = f'F-1"><script>alert(1)</script>{IMG}'
    statement = report.points[0].statements[0]
    statement.claim_id = f'C" onmouseover="alert(2)"{IMG}'
    report.points[0].id = f'P-1"{SCRIPT}'
    finding.sides[0].modality = f"asserted{IMG}"  # type: ignore[assignment]
    page = Page(render_html(report))
    assert not {"script", "img"} & set(page.tags)
    assert "onmouseover" not in {name for name, _ in page.attributes}
    assert finding.id in page.ids  # the attribute holds the string, escaped
    assert f"s-{statement.claim_id}" in page.ids
    assert f"#q-{finding.id}-0" in page.links


def test_hostile_finding_ids_cannot_forge_review_blocks_in_the_markdown() -> None:
    report = build_report()
    report.findings[0].id = "F-00000001 -->\n<!-- review F-00000002"
    with pytest.raises(ValueError, match="not a finding id"):
        render_markdown(report)


def test_a_hostile_modality_cannot_forge_review_blocks_or_markup() -> None:
    report = build_report()
    side = report.findings[0].sides[0]
    side.modality = "asserted\n<!-- /review -->\n<!-- review F-deadbeef -->\n- [x] dismissed"  # type: ignore[assignment]
    report.points[0].statements[0].modality = f"reported {IMG} [x](javascript:alert(1))"  # type: ignore[assignment]
    report.claims[0].modality = f"hedged | {SCRIPT}"  # type: ignore[assignment]
    text = render_markdown(report)
    assert set(parse_reviews(text)) == {f.id for f in report.findings}
    page = _markdown_html(text)
    assert not {"img", "script"} & set(page.tags)
    assert not [h for h in page.links if h.startswith("javascript:")]


class _Html(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.rows: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th"):
            self.rows[-1] += 1


def _markdown_html(markdown: str) -> _Html:
    return _Html(MarkdownIt("commonmark").enable("table").render(markdown))


def test_untrusted_report_text_is_inert_markdown() -> None:
    report = build_report()
    report.articles[0].title = f"{IMG} [x](javascript:alert(1)) a | b"
    report.findings[0].question = f"{SCRIPT} <https://evil.example> [y](javascript:z)"
    report.findings[0].sides[0].quote = "a | b\n# heading\n<!-- /review -->"
    report.points[0].heading = "point | [p](javascript:p)"
    page = _markdown_html(render_markdown(report))
    assert not {"img", "script"} & set(page.tags) and page.tags.count("h1") == 1
    assert not [h for h in page.links if not h.startswith("#")], page.links
