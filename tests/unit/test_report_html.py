"""The HTML page, read back with an HTML parser: self-contained, escaped, every
quote of every finding highlighted where its offsets say and linked both ways.
(The page in a real browser: test_report_html_chromium.py.)"""

from __future__ import annotations

from html.parser import HTMLParser

from factcheck.report import render_html
from factcheck.report.html import highlight_id
from factcheck.schemas import Report
from tests.unit.test_report_sample import build_report


class Page(HTMLParser):
    """What the tests look at: tags, ids, links, and the text of each <mark>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.marks: list[tuple[str, str]] = []
        """(data-findings, text) of each <mark>."""
        self.text: list[str] = []
        self._mark: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = {name: value or "" for name, value in attrs}
        self.attributes += values.items()
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag == "mark":
            self._mark = values.get("data-findings", "")
            self.marks.append((self._mark, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._mark is not None:
            findings, text = self.marks[-1]
            self.marks[-1] = (findings, text + data)


def test_the_page_is_one_self_contained_file() -> None:
    page = Page(render_html(build_report()))
    assert {"script", "link", "img", "iframe", "object", "embed"}.isdisjoint(page.tags)
    assert not [name for name, _ in page.attributes if name in ("src", "srcset")]
    assert all(href.startswith("#") for href in page.links), page.links
    assert page.tags.count("style") == 1
    html = render_html(build_report())
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style and "@import" not in style


def test_every_link_lands_on_an_element_of_the_page() -> None:
    page = Page(render_html(build_report()))
    targets = {href[1:] for href in page.links}
    assert targets <= page.ids, targets - page.ids
    for finding in build_report().findings:
        assert finding.id in page.ids
        assert f"#{finding.id}" in page.links  # from the summary and the quote tags
        for index in range(len(finding.sides)):
            assert f"#{highlight_id(finding, index)}" in page.links


def test_every_quote_is_highlighted_in_its_article_text() -> None:
    report = build_report()
    page = Page(render_html(report))
    for finding in report.findings:
        marked = "".join(text for findings, text in page.marks if finding.id in findings.split())
        for side in finding.sides:
            assert side.quote in marked, (finding.id, side.quote)
    # Only quotes are marked: the marked text is no longer than the quotes together.
    quotes = {(s.article_id, s.char_start, s.char_end) for f in report.findings for s in f.sides}
    assert sum(len(text) for _, text in page.marks) <= sum(e - s for _, s, e in quotes)


def test_article_text_and_model_output_are_escaped() -> None:
    report = build_report()
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quoted"'
    article = report.articles[0]
    assert article.text is not None
    article.text = article.text + hostile + "\n"
    article.title = '"><script>alert(2)</script>'
    report.findings[0].question = "<b>bold</b> point"
    report.findings[0].sides[0].attributed_to = '<a href="http://evil">x</a>'
    html = render_html(report)
    page = Page(html)
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags
    assert all(href.startswith("#") for href in page.links)
    text = "".join(page.text)
    assert hostile in text and "<b>bold</b> point" in text


def test_an_old_report_without_article_text_still_renders() -> None:
    report = build_report()
    for article in report.articles:
        article.text = None
    html = render_html(report)
    page = Page(html)
    assert page.marks == []
    assert "could not be placed" in html and "(not located)" in html
    for finding in report.findings:
        assert finding.id in page.ids


def test_a_quote_whose_offsets_do_not_match_is_counted_not_marked_wrongly() -> None:
    report = build_report()
    side = report.findings[0].sides[0]
    side.char_start += 3
    side.char_end += 3
    html = render_html(report)
    assert "1 quote(s) could not be placed" in html
    assert f'id="{highlight_id(report.findings[0], 0)}"' not in html


def test_an_empty_report_renders() -> None:
    from factcheck.schemas import RunInfo

    report = Report(
        articles=[], claims=[], run=RunInfo(factcheck_version="0", backend="b", model="m")
    )
    html = render_html(report)
    assert "None found." in html and "No disagreement found" in html


def test_the_matrix_links_each_statement_to_its_sentence_and_shows_silence() -> None:
    report = build_report()
    page = render_html(report)
    matrix = page[page.index('<table class="matrix">') : page.index("</table>", page.index(
        '<table class="matrix">'))]  # fmt: skip
    for point in report.points:
        for statement in point.statements:
            anchor = f"s-{statement.claim_id}"
            assert f'href="#{anchor}"' in matrix
            # The anchor sits in the article text, right where the quote starts.
            assert f'<span class="anchor" id="{anchor}"></span>' in page
    nato = matrix[matrix.index('id="P-1c9b44f0"') :].split("</tr>")[0]
    assert nato.count('<td class="silent">silent</td>') == 1
