"""Point labels and the LLM judge on a real backend, behind reconciliation without one.

Each story folder is checked with extraction answered "the outlet, asserted" (FakeLLM, as
``benchmarks/stories.py --llm outlet``) and ``judge="model"``; then its points are labelled
and its flagged points judged by the configured backend (the embedded model by default),
one call each, timed apart. Both reports are written and scored with the shared scorer, so
``--judge model`` and ``--judge llm`` sit side by side on the same points.

    .venv/bin/python benchmarks/judge.py                      # stories-dev, embedded model
    .venv/bin/python benchmarks/judge.py seeds --seeds        # the seeds (no gold: no score)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import factcheck
from factcheck.comparison.judges.labels import label_points
from factcheck.comparison.judges.llm import judge_points
from factcheck.llm import FakeLLM, Settings, open_llm
from factcheck.report import render_json

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import SHARED, _outlet_answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="?", type=Path, default=SHARED / "data" / "stories-dev")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seeds", action="store_true", help="one story: the folder itself")
    parser.add_argument("--no-labels", action="store_true", help="judge only")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="judge-"))
    model_dir, llm_dir = out / "model", out / "llm"
    model_dir.mkdir(parents=True, exist_ok=True)
    llm_dir.mkdir(parents=True, exist_ok=True)
    if args.seeds:
        stories = [args.stories]
    else:
        stories = sorted(p for p in args.stories.iterdir() if (p / "gold.yaml").exists())
    totals = {"label_calls": 0, "label_s": 0.0, "judge_calls": 0, "judge_s": 0.0,
              "points": 0, "flagged": 0, "llm_labels": 0, "judge_failed": 0}  # fmt: skip
    with open_llm(Settings.from_env()) as llm:
        for story in stories:
            report = factcheck.check(
                [story], llm=FakeLLM(_outlet_answer, over_http=False), judge="model"
            )
            (model_dir / f"{story.name}.json").write_text(render_json(report), encoding="utf-8")
            points = report.points
            started = time.perf_counter()
            if not args.no_labels:
                points, _ = label_points(points, report.claims, llm)
                totals["label_calls"] += len(points)
            labelled = time.perf_counter()
            judged = judge_points(points, report.findings, report.worth_a_look, report.claims, llm)
            done = time.perf_counter()
            totals["label_s"] += labelled - started
            totals["judge_s"] += done - labelled
            totals["judge_calls"] += judged.calls
            totals["points"] += len(points)
            totals["flagged"] += sum(bool(p.flags) for p in points)
            totals["llm_labels"] += sum(p.heading_by == "llm" for p in points)
            totals["judge_failed"] += sum(p.count for p in judged.problems)
            new = report.model_copy(
                update={
                    "points": judged.points,
                    "findings": judged.findings,
                    "worth_a_look": judged.worth_a_look,
                    "problems": report.problems + judged.problems,
                }
            )
            (llm_dir / f"{story.name}.json").write_text(render_json(new), encoding="utf-8")
            decisions = [
                f"{p.heading!r}: {p.judgement.decision if p.judgement else 'failed'}"
                for p in judged.points
                if p.flags
            ]
            print(
                f"{story.name}: {len(points)} points, labels {labelled - started:.1f} s, "
                f"{judged.calls} judge calls {done - labelled:.1f} s; {decisions}",
                flush=True,
            )
    print(f"totals: {totals}")
    if args.seeds:
        print(f"reports in {out}")
        return
    scorer = SHARED / "tools" / "score_stories.py"
    for name, folder in (("--judge model", model_dir), ("--judge llm", llm_dir)):
        result = subprocess.run(
            [sys.executable, str(scorer), str(args.stories), str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"{name}: {result.stdout.strip().splitlines()[-1]}")
    print(f"reports in {out}")


if __name__ == "__main__":
    main()
