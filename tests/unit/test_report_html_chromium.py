"""The HTML page in a real browser: Debian's headless Chromium renders it from a
file:// URL with networking off, and the rendered DOM and a screenshot are checked.

Needs /usr/bin/chromium (``apt-get install chromium``; .ci/run installs it).
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from factcheck.report import render_html
from factcheck.report.html import highlight_id
from tests.unit.test_report_html import Page
from tests.unit.test_report_sample import build_report

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium "
    "(CI installs it in .ci/run)",
)

WIDTH, HEIGHT = 1280, 2000


def _chromium(tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--window-size={WIDTH},{HEIGHT}",
            *mode,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render_html(build_report()), encoding="utf-8")
    return path


def test_the_rendered_dom_holds_every_dispute_and_highlight(tmp_path: Path, page: Path) -> None:
    result = _chromium(tmp_path, page, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = Page(result.stdout)
    report = build_report()
    for finding in report.findings:
        assert finding.id in dom.ids, f"{finding.id} is not in the rendered page"
        for index, side in enumerate(finding.sides):
            assert highlight_id(finding, index) in dom.ids
            marked = "".join(text for ids, text in dom.marks if finding.id in ids.split())
            assert side.quote in marked
    assert {href[1:] for href in dom.links} <= dom.ids
    text = "".join(dom.text)
    assert "What the outlets disagree on" in text and "The articles" in text


def _png(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the raw (still filtered) scanlines of a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, chunks, header = 8, [], b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    width, height = struct.unpack(">II", header[:8])
    return width, height, zlib.decompress(b"".join(chunks))


def test_the_screenshot_shows_a_page_not_a_blank(tmp_path: Path, page: Path) -> None:
    shot = tmp_path / "report.png"
    result = _chromium(tmp_path, page, f"--screenshot={shot}")
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    width, height, pixels = _png(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    # A blank page is one scanline repeated; text, tables and highlights make
    # hundreds of different ones.
    stride = len(pixels) // height
    rows = {pixels[y * stride + 1 : (y + 1) * stride] for y in range(height)}
    assert len(rows) > 200, f"only {len(rows)} distinct rows: the page looks blank"
