"""Two or more contradiction models side by side at the same false-alarm budgets.

    .venv/bin/python benchmarks/compare_models.py factcheck/nli/data /tmp/candidate
    .venv/bin/python benchmarks/compare_models.py factcheck/nli/data /tmp/candidate --json out.json

Each argument is a folder holding a model as ``training.export`` writes it (``model.json``,
the int8 ONNX, the tokenizer); ``python -m training.export --run RUN --out DIR`` makes one
without touching the shipped files. For each model the reconcile decision (the larger of a
pair's two directions' contradiction probabilities) is put to ClaimDiff-W's relation-0 pairs
(two outlets' claims on one topic, neither weakening the other) and to the held-out MNLI dev
slice. At each budget the threshold is the one that flags that share of the ClaimDiff-W
pairs, and the script prints the MNLI dev contradiction recall and false-positive rate there.

``benchmarks/calibrate.py`` chooses one threshold at a 0.2% budget, which on 1,660 pairs is
3 pairs: two models compared only there differ by a pair or two. The whole tail says whether
one model finds more contradictions than another at the same cost in false alarms.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calibrate import both_ways  # noqa: E402  (a sibling script: the judge's reading of a pair)

from factcheck.nli.model import ContradictionModel  # noqa: E402
from training.data import EVAL_FILES, build  # noqa: E402

BUDGETS = (0.002, 0.005, 0.01, 0.02, 0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", type=Path, nargs="+", help="model folders")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nli")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()

    claimdiff = json.loads((args.data / EVAL_FILES["claimdiff_w"][0]).read_text("utf-8"))["data"]
    topical = [(str(o["claim_a"]), str(o["claim_b"])) for o in claimdiff if o["relation"] == 0]
    dev = build(args.data).mnli_dev
    mnli = [(p.premise, p.hypothesis) for p in dev]
    gold = np.array([p.label == "contradiction" for p in dev])

    figures: dict[str, list[dict[str, float]]] = {}
    print(
        f"ClaimDiff-W relation-0 pairs: {len(topical)}; MNLI dev slice: {len(dev)} "
        f"({int(gold.sum())} contradictions)"
    )
    print(f"{'model':<40}{'budget':>8}{'threshold':>11}{'MNLI recall':>13}{'MNLI FP':>9}")
    for folder in args.models:
        model = ContradictionModel(folder)
        false_alarm = both_ways(topical, model=model)
        scores = both_ways(mnli, model=model)
        rows = []
        for budget in BUDGETS:
            threshold = float(np.quantile(false_alarm, 1 - budget))
            recall = float((scores[gold] >= threshold).mean())
            false_positive = float((scores[~gold] >= threshold).mean())
            rows.append(
                {
                    "budget": budget,
                    "threshold": threshold,
                    "mnli_recall": recall,
                    "mnli_false_positive": false_positive,
                }
            )
            print(
                f"{str(folder)[-40:]:<40}{100 * budget:>7.1f}%{threshold:>11.3f}"
                f"{100 * recall:>12.1f}%{100 * false_positive:>8.1f}%"
            )
        figures[str(folder)] = rows
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
