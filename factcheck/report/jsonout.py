"""The JSON report: the same :class:`Report`, for pipelines to read back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError

from factcheck.errors import InputError
from factcheck.schemas import Report

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["load_report", "parse_report", "render_json"]

# Enough to locate the fault without burying it under a hundred more.
_ERRORS_SHOWN = 3


def render_json(report: Report) -> str:
    """The report as indented JSON, ending with a newline like any text file."""
    return report.model_dump_json(indent=2) + "\n"


def parse_report(text: str, *, source: str = "the report") -> Report:
    """A :class:`Report` from JSON text; :class:`InputError` says what is wrong."""
    try:
        return Report.model_validate_json(text)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if errors and errors[0]["type"] == "json_invalid":
            raise InputError(
                f"{source} is not valid JSON ({errors[0]['msg']}); "
                "regenerate it with factcheck's JSON output.",
                path=source,
            ) from exc
        details = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(top level)'}: {e['msg']}"
            for e in errors[:_ERRORS_SHOWN]
        )
        more = f" and {len(errors) - _ERRORS_SHOWN} more" if len(errors) > _ERRORS_SHOWN else ""
        raise InputError(
            f"{source} is not a factcheck report ({details}{more}); it may come from another "
            "version of factcheck: regenerate it with this one.",
            path=source,
        ) from exc


def load_report(path: Path) -> Report:
    """Read a JSON report written by :func:`render_json`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read the JSON report {path}: {exc}. Check the path.", path=str(path)
        ) from exc
    return parse_report(text, source=str(path))
