"""Markup from templates, escaped in one place.

HTML templates (``*.html``) render with Jinja2's autoescape on, so every value a template
writes is escaped for HTML. Markdown templates (``*.md``) pass every value through
:func:`factcheck.report.text.cell` (Jinja's ``finalize``), unless it is :class:`Markdown`:
text already built from escaped parts. A template cannot forget to escape.

Jinja2 is imported on first use: a CLI that answers ``--help`` does not load it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from factcheck.report.text import Markdown, cell

if TYPE_CHECKING:
    import jinja2

__all__ = ["render_template"]


def render_template(package: str, name: str, **context: Any) -> str:
    """``name`` from ``package``'s ``templates/`` folder, rendered with ``context``."""
    return _environment(package, name.endswith(".md")).get_template(name).render(**context)


def _markdown_value(value: object) -> str:
    return value if isinstance(value, Markdown) else cell(str(value))


@cache
def _environment(package: str, markdown: bool) -> jinja2.Environment:
    import jinja2

    common: dict[str, Any] = {
        "loader": jinja2.PackageLoader(package, "templates"),
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if markdown:
        return jinja2.Environment(autoescape=False, finalize=_markdown_value, **common)
    # default=True: a template whose name does not end in .html is escaped too.
    autoescape = jinja2.select_autoescape(["html"], default=True, default_for_string=True)
    return jinja2.Environment(autoescape=autoescape, **common)
