"""JSON Schema export of the public records, into ``schemas/`` (one command:
``factcheck schemas``; a test fails when the committed copies are stale)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from factcheck.schemas.article import Article
from factcheck.schemas.claim import Claim
from factcheck.schemas.facts import ClaimFacts
from factcheck.schemas.report import Finding, Report
from factcheck.schemas.verdict import PairVerdict

__all__ = ["PUBLIC_SCHEMAS", "export_schemas", "render_schema"]

PUBLIC_SCHEMAS: dict[str, type[BaseModel]] = {
    "article": Article,
    "claim": Claim,
    "claim_facts": ClaimFacts,
    "finding": Finding,
    "pair_verdict": PairVerdict,
    "report": Report,
}


def render_schema(model: type[BaseModel]) -> str:
    return (
        json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True) + "\n"
    )


def export_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in PUBLIC_SCHEMAS.items():
        path = directory / f"{name}.schema.json"
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written
