"""Found and false alarms on multi-outlet stories with gold disagreements.

Runs ``factcheck.check`` on each story folder (default ``../shared/data/stories-dev``),
writes ``<story>.json`` to ``--out`` and scores the folder with the shared scorer
(``../shared/tools/score_stories.py``): gold disagreements found and aligned, false alarms
(medium and above), per kind, and wall time.

    .venv/bin/python benchmarks/stories.py                       # embedded backend
    .venv/bin/python benchmarks/stories.py --llm outlet          # no LLM: reconciliation only
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

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _outlet_answer(schema: dict[str, Any], _: list[dict[str, Any]]) -> Any:
    """Every sentence asserted, its first candidate chosen (the outlet where there is none)."""
    return sample_schema(schema, random.Random(0), prefer=("asserted", "the outlet", "0"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="?", type=Path, default=SHARED / "data" / "stories-dev")
    parser.add_argument("--out", type=Path, default=None, help="folder for <story>.json")
    parser.add_argument("--llm", choices=["backend", "outlet"], default="backend")
    parser.add_argument("--judge", choices=["auto", "model", "llm"], default="model")
    parser.add_argument("--only", nargs="*", default=None, help="story folder names")
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="stories-"))
    out.mkdir(parents=True, exist_ok=True)
    stories = sorted(p for p in args.stories.iterdir() if (p / "gold.yaml").exists())
    if args.only:
        stories = [p for p in stories if p.name in args.only]
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    settings = Settings.from_env()

    def run(story: Path, llm: LLM) -> None:
        t0 = time.perf_counter()
        report = factcheck.check([story], llm=llm, judge=args.judge)
        (out / f"{story.name}.json").write_text(render_json(report), encoding="utf-8")
        kinds.update(f"{f.severity} {f.kind}" for f in report.findings)
        print(
            f"{story.name}: {len(report.claims)} claims, {len(report.findings)} findings, "
            f"{len(report.worth_a_look)} worth a look, {time.perf_counter() - t0:.1f} s",
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
