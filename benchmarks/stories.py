"""Found and false alarms on multi-outlet stories with gold disagreements.

Runs ``factcheck.check`` on each story folder (default ``../shared/data/stories-dev``),
writes ``<story>.json`` to ``--out`` and scores the folder with the shared scorer
(``../shared/tools/score_stories.py``): gold disagreements found and aligned, false alarms
(medium and above), per kind, and wall time.

    .venv/bin/python benchmarks/stories.py                       # embedded backend
    .venv/bin/python benchmarks/stories.py --llm outlet          # no LLM: reconciliation only
    .venv/bin/python benchmarks/stories.py --llm outlet --attribution parse
                                                                 # the embedded default's
                                                                 # attribution, no LLM
    .venv/bin/python benchmarks/stories.py --judge llm           # the LLM judge on flagged points
    .venv/bin/python benchmarks/judge.py                         # labels + judge, real backend,
                                                                 # behind --llm outlet extraction

``--llm outlet`` answers every extraction question "the outlet, asserted" with no model
(FakeLLM): what it measures is the typed checks and the grouping, not attribution; with it
the point labels fail their check (counted) and ``--judge llm`` would ask the fake, so
``--judge`` is left at ``model`` there (benchmarks/judge.py puts a real judge behind it). The
embedded backend's answers are kept in the response cache, so a second run is fast.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

import factcheck
from factcheck.llm import LLM, FakeLLM, Settings, open_llm
from factcheck.llm.fake import sample_schema
from factcheck.report import render_json
from factcheck.schemas import Report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from typed_pairs import story_date  # a sibling script

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _outlet_answer(schema: dict[str, Any], _: list[dict[str, Any]]) -> Any:
    """Every sentence asserted, its first candidate chosen (the outlet where there is none)."""
    return sample_schema(schema, random.Random(0), prefer=("asserted", "the outlet", "0"))


def point_shape(report: Report, gold: dict[str, Any]) -> dict[str, int]:
    """How the report's points are cut: their number and size, and how many gold agreements
    (claims matching the item's keywords in two of its articles) share one point. Alignment
    alone rewards a point that swallows the story; these show whether the points stay small
    and still hold what the outlets agree on."""
    quote = {c.id: c.quote for c in report.claims}
    stem = {a.id: Path(a.source_path or a.id).stem for a in report.articles}
    aligned = 0
    agreements = gold.get("agreements") or []
    for item in agreements:
        pattern = re.compile(item["keywords"], re.IGNORECASE)
        wanted = set(item["articles"])
        for point in report.points:
            hits = {
                stem.get(s.article_id, "")
                for s in point.statements
                if pattern.search(quote.get(s.claim_id, ""))
            }
            if len(hits & wanted) >= 2:
                aligned += 1
                break
    sizes = [len(p.statements) for p in report.points]
    return {
        "claims": len(report.claims),
        "points": len(sizes),
        "in_points": sum(sizes),
        "largest": max(sizes, default=0),
        "outlet_cells": sum(len({s.article_id for s in p.statements}) for p in report.points),
        "agreements": len(agreements),
        "agreements_aligned": aligned,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="?", type=Path, default=SHARED / "data" / "stories-dev")
    parser.add_argument("--out", type=Path, default=None, help="folder for <story>.json")
    parser.add_argument("--llm", choices=["backend", "outlet"], default="backend")
    parser.add_argument("--judge", choices=["auto", "model", "llm"], default="model")
    parser.add_argument(
        "--attribution",
        choices=["auto", "parse", "llm"],
        default="auto",
        help="who decides speaker and modality (check's --attribution; auto: the parse on "
        "the embedded model, the LLM, or with --llm outlet the fake, elsewhere)",
    )
    parser.add_argument("--only", nargs="*", default=None, help="story folder names")
    parser.add_argument(
        "--dated",
        action="store_true",
        help="tell check the day each story's articles came out, from its gold heading "
        "(as a newsroom knows it; plain text files carry none)",
    )
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="stories-"))
    out.mkdir(parents=True, exist_ok=True)
    stories = sorted(p for p in args.stories.iterdir() if (p / "gold.yaml").exists())
    if args.only:
        stories = [p for p in stories if p.name in args.only]
    kinds: Counter[str] = Counter()
    shapes: dict[str, int] = {}
    started = time.perf_counter()
    settings = Settings.from_env()

    def run(story: Path, llm: LLM) -> None:
        t0 = time.perf_counter()
        gold = yaml.safe_load((story / "gold.yaml").read_text("utf-8"))
        report = factcheck.check(
            [story],
            llm=llm,
            judge=args.judge,
            attribution=args.attribution,
            published=story_date(gold) if args.dated else None,
        )
        (out / f"{story.name}.json").write_text(render_json(report), encoding="utf-8")
        kinds.update(f"{f.severity} {f.kind}" for f in report.findings)
        shape = point_shape(report, gold)
        for key, value in shape.items():
            shapes[key] = shapes.get(key, 0) + value
        print(
            f"{story.name}: {len(report.claims)} claims, {len(report.findings)} findings, "
            f"{len(report.worth_a_look)} worth a look, {shape['points']} points "
            f"(largest {shape['largest']} claims), gold agreements in one point "
            f"{shape['agreements_aligned']}/{shape['agreements']}, "
            f"{time.perf_counter() - t0:.1f} s",
            flush=True,
        )

    if args.llm == "outlet":
        for story in stories:
            run(story, FakeLLM(_outlet_answer, over_http=False))
    else:
        with open_llm(settings) as llm:
            for story in stories:
                run(story, llm)
    print(f"findings by severity and kind: {dict(sorted(kinds.items()))}")
    print(
        f"points: {shapes.get('points', 0)} holding {shapes.get('in_points', 0)} of "
        f"{shapes.get('claims', 0)} claims ({shapes.get('outlet_cells', 0)} outlet cells); "
        f"gold agreements in one point {shapes.get('agreements_aligned', 0)}/"
        f"{shapes.get('agreements', 0)}"
    )
    print(f"wall time: {time.perf_counter() - started:.1f} s; reports in {out}")
    gold_kinds: Counter[str] = Counter()
    for story in stories:
        gold = yaml.safe_load((story / "gold.yaml").read_text(encoding="utf-8"))
        gold_kinds.update(d["kind"] for d in gold.get("disagreements") or [])
    print(f"gold disagreements by kind: {dict(gold_kinds)}")
    scorer = SHARED / "tools" / "score_stories.py"
    result = subprocess.run(
        [sys.executable, str(scorer), str(args.stories), str(out), "--verbose"],
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout + result.stderr)
    (out / "score.txt").write_text(result.stdout, encoding="utf-8")


if __name__ == "__main__":
    main()
