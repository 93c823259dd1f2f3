"""Rendering a :class:`~factcheck.schemas.Report`: Markdown for people, one HTML
page to click through, JSON for pipelines, and the reviewer's decisions read
back from edited Markdown.

Imports only the schemas and errors: the report can be re-rendered from a
saved JSON file without any model library.
"""

from factcheck.report.html import render_html
from factcheck.report.jsonout import load_report, parse_report, render_json
from factcheck.report.markdown import render_markdown
from factcheck.report.review import apply_reviews, load_reviews, parse_reviews

__all__ = [
    "apply_reviews",
    "load_report",
    "load_reviews",
    "parse_report",
    "parse_reviews",
    "render_html",
    "render_json",
    "render_markdown",
]
