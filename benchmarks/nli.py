"""The contradiction model on held-out NLI sets, side by side with the zero-shot LLM.

    .venv/bin/python benchmarks/nli.py                      # model on every set + LLM sample
    .venv/bin/python benchmarks/nli.py --llm-per-set 0      # model only (about 5 minutes)
    .venv/bin/python benchmarks/nli.py --json benchmarks/nli_results.json
    .venv/bin/python benchmarks/nli.py --llm-per-set 30 --llm-from benchmarks/nli_results.json \
        --json new.json   # a new model against the LLM figures already measured

Sets (none trained on; see ``training/data.py``): the held-out MNLI slice, ANLI R1-R3 test,
ConTRoL test, FM2 test, WiCE claim test, ClaimDiff-W train (the cross-outlet dev figure), and
``unrelated_heldout``: each held-out MNLI premise with another held-out pair's hypothesis
sharing at most one content word, whose right label is neutral (``model_acc`` is the share
labelled neutral, ``model_bacc`` the share not labelled contradiction).

Figures, per set:

* ``model_acc``: the model's accuracy on the whole set, three-way where the set is three-way
  (MNLI, ANLI, ConTRoL), otherwise on the set's two classes (FM2: entailment vs contradiction
  by the larger probability; WiCE: supported vs partially/not supported, by ``label ==
  entailment``).
* ``model_bacc``: balanced accuracy of the set's binary target (contradiction vs not for
  MNLI, ANLI, ConTRoL, FM2 and ClaimDiff-W, where relation 1 = B weakens A; supported vs not
  for WiCE), deciding by the model's label.
* on a seeded sample of ``--llm-per-set`` items, the same binary balanced accuracy for the
  model and for the embedded LLM asked zero-shot (``prompts/zero_shot_pair.yaml``: "does B
  contradict A?" / "is B supported by A?", one token, P(Yes) against P(No) from its
  log-probabilities). A premise is cut to ``--llm-max-chars`` for the LLM.

Then latency per pair at batch 32 (the held-out MNLI pairs, after a warm-up batch), model
load time (with the sha256 checks) and the ONNX file size. Timings only mean something
when nothing else heavy runs; the script pins onnxruntime to ``--threads`` threads.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # training.data: the held-out MNLI slice is defined there

from factcheck.nli import ContradictionModel, compare_many  # noqa: E402
from factcheck.nli.model import MODEL_DIR  # noqa: E402
from training.data import EVAL_FILES, build, unrelated_pairs  # noqa: E402

CONTRADICT = "Does text B contradict text A?"
SUPPORTED = "Is text B supported by text A?"


@dataclass(frozen=True)
class Item:
    premise: str
    hypothesis: str
    gold: str  # the set's own label, mapped to entailment / neutral / contradiction
    positive: bool  # the binary target (contradiction, or supported for WiCE)


@dataclass(frozen=True)
class EvalSet:
    name: str
    items: list[Item]
    three_way: bool
    question: str


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


_SHORT = {"e": "entailment", "n": "neutral", "c": "contradiction"}


def load_sets(root: Path) -> list[EvalSet]:
    sets: list[EvalSet] = []
    heldout = build(root).mnli_test
    sets.append(
        EvalSet(
            "mnli_heldout",
            [Item(p.premise, p.hypothesis, p.label, p.label == "contradiction") for p in heldout],
            True,
            CONTRADICT,
        )
    )
    # Pairs about different things: each held-out premise with the hypothesis of another
    # held-out pair, sharing at most one content word; the right label is neutral.
    unrelated = unrelated_pairs(heldout, len(heldout), seed=7)
    sets.append(
        EvalSet(
            "unrelated_heldout",
            [Item(p.premise, p.hypothesis, "neutral", False) for p in unrelated],
            True,
            CONTRADICT,
        )
    )
    for name in ("anli_r1", "anli_r2", "anli_r3"):
        items = [
            Item(
                str(o["context"]), str(o["hypothesis"]), _SHORT[str(o["label"])], o["label"] == "c"
            )
            for o in _jsonl(root / EVAL_FILES[name][0])
        ]
        sets.append(EvalSet(name, items, True, CONTRADICT))
    control = [
        Item(str(o["premise"]), str(o["hypothesis"]), _SHORT[str(o["label"])], o["label"] == "c")
        for o in _jsonl(root / EVAL_FILES["control"][0])
    ]
    sets.append(EvalSet("control", control, True, CONTRADICT))
    fm2 = []
    for o in _jsonl(root / EVAL_FILES["fm2"][0]):
        evidence = " ".join(str(e["text"]) for e in o["gold_evidence"])
        gold = "entailment" if o["label"] == "SUPPORTS" else "contradiction"
        fm2.append(Item(evidence, str(o["text"]), gold, gold == "contradiction"))
    sets.append(EvalSet("fm2", fm2, False, CONTRADICT))
    wice = []
    for o in _jsonl(root / EVAL_FILES["wice"][0]):
        gold = "entailment" if o["label"] == "supported" else "neutral"
        wice.append(
            Item(
                " ".join(str(s) for s in o["evidence"]), str(o["claim"]), gold, gold == "entailment"
            )
        )
    sets.append(EvalSet("wice", wice, False, SUPPORTED))
    data = json.loads((root / EVAL_FILES["claimdiff_w"][0]).read_text(encoding="utf-8"))["data"]
    claimdiff = [
        Item(
            str(o["claim_a"]),
            str(o["claim_b"]),
            "contradiction" if o["relation"] == 1 else "neutral",
            o["relation"] == 1,
        )
        for o in data
    ]
    sets.append(EvalSet("claimdiff_w", claimdiff, False, CONTRADICT))
    return sets


def balanced_accuracy(gold: list[bool], predicted: list[bool]) -> float:
    pos = [p for g, p in zip(gold, predicted, strict=True) if g]
    neg = [not p for g, p in zip(gold, predicted, strict=True) if not g]
    rates = [sum(side) / len(side) for side in (pos, neg) if side]
    return sum(rates) / len(rates) if rates else math.nan


def model_predictions(eval_set: EvalSet, model: ContradictionModel) -> tuple[list[str], list[bool]]:
    verdicts = compare_many([(i.premise, i.hypothesis) for i in eval_set.items], model=model)
    labels = [v.label for v in verdicts]
    if eval_set.name == "fm2":  # two classes: the larger of entailment and contradiction
        labels = [
            "contradiction" if v.contradiction > v.entailment else "entailment" for v in verdicts
        ]
    if eval_set.question == SUPPORTED:
        binary = [label == "entailment" for label in labels]
    else:
        binary = [label == "contradiction" for label in labels]
    if eval_set.name == "wice":  # two classes: supported, or not
        labels = ["entailment" if b else "neutral" for b in binary]
    return labels, binary


def llm_judge(max_chars: int) -> tuple[Callable[[Item, str], bool], Callable[[], None]]:
    """The embedded LLM, asked zero-shot through the project's instructor client."""
    import contextlib

    from factcheck.llm import Settings, open_llm
    from factcheck.llm.prompts import load_prompt

    stack = contextlib.ExitStack()
    # The response cache is off (every answer is asked); the joined weights stay in the
    # user cache as for every run of the embedded backend.
    settings = Settings.from_env(backend="local", use_cache=False, temperature=0.0, concurrency=1)
    llm = stack.enter_context(open_llm(settings))
    prompt = load_prompt("zero_shot_pair")

    def ask(item: Item, question: str) -> bool:
        premise = item.premise if len(item.premise) <= max_chars else item.premise[:max_chars]
        rendered = prompt.render(premise=premise, statement=item.hypothesis, question=question)
        response = llm.client.chat.completions.create(
            model=llm.model,
            messages=rendered.as_openai(),  # type: ignore[arg-type]
            response_model=None,
            max_tokens=rendered.max_tokens,
            temperature=0.0,
            logprobs=True,
            top_logprobs=10,
        )
        choice = response.choices[0]
        yes = no = 0.0
        content = getattr(choice.logprobs, "content", None) or []
        if content:
            for top in content[0].top_logprobs:
                word = top.token.strip().lower()
                if word == "yes":
                    yes += math.exp(top.logprob)
                elif word == "no":
                    no += math.exp(top.logprob)
        if yes == no == 0.0:  # no log-probabilities: the token it wrote
            return (choice.message.content or "").strip().lower().startswith("yes")
        return yes > no

    return ask, stack.close


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nli")
    parser.add_argument("--llm-per-set", type=int, default=40)
    parser.add_argument("--llm-max-chars", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default="", help="comma-separated set names")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument(
        "--llm-from",
        type=Path,
        default=None,
        help="an earlier --json: keep its LLM figures (same seed and sample size) and ask the "
        "LLM only on the sets it lacks",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    model = ContradictionModel(threads=args.threads)
    load_s = time.perf_counter() - started
    sets = load_sets(args.data)
    mnli = sets[0]  # kept for the latency run, whatever --only selects
    if args.only:
        wanted = set(args.only.split(","))
        sets = [s for s in sets if s.name in wanted]

    results: dict[str, Any] = {"sets": {}}
    # The LLM's answers do not depend on the contradiction model: a set's LLM figures from an
    # earlier run (same seed, same sample) are kept, and only the model is run on that sample.
    earlier: dict[str, Any] = {}
    if args.llm_from is not None:
        earlier = {
            name: row
            for name, row in json.loads(args.llm_from.read_text(encoding="utf-8"))["sets"].items()
            if "llm_bacc" in row
        }
    ask = close = None
    if args.llm_per_set and any(s.name not in earlier for s in sets):
        ask, close = llm_judge(args.llm_max_chars)
    try:
        for eval_set in sets:
            t0 = time.perf_counter()
            labels, binary = model_predictions(eval_set, model)
            seconds = time.perf_counter() - t0
            gold = [i.gold for i in eval_set.items]
            target = [i.positive for i in eval_set.items]
            row: dict[str, Any] = {
                "n": len(eval_set.items),
                "model_acc": round(
                    sum(a == b for a, b in zip(labels, gold, strict=True)) / len(gold), 4
                ),
                "model_bacc": round(balanced_accuracy(target, binary), 4),
                "model_s": round(seconds, 1),
            }
            before = earlier.get(eval_set.name)
            size = before["llm_n"] if before else args.llm_per_set
            if before or ask is not None:
                rng = random.Random(f"{args.seed}:{eval_set.name}")
                sample = rng.sample(range(len(eval_set.items)), min(size, len(eval_set.items)))
                sample_target = [target[i] for i in sample]
                if before:
                    row.update({k: before[k] for k in ("llm_n", "llm_s_per_pair", "llm_bacc")})
                    row["llm_from"] = str(args.llm_from)
                elif ask is not None:
                    t0 = time.perf_counter()
                    llm_binary = [ask(eval_set.items[i], eval_set.question) for i in sample]
                    row["llm_n"] = len(sample)
                    row["llm_s_per_pair"] = round((time.perf_counter() - t0) / len(sample), 2)
                    row["llm_bacc"] = round(balanced_accuracy(sample_target, llm_binary), 4)
                row["model_bacc_on_llm_sample"] = round(
                    balanced_accuracy(sample_target, [binary[i] for i in sample]), 4
                )
            results["sets"][eval_set.name] = row
            print(eval_set.name, json.dumps(row), flush=True)
    finally:
        if close is not None:
            close()

    # Latency at batch 32 on short pairs (the held-out MNLI slice).
    pairs = [(i.premise, i.hypothesis) for i in mnli.items][:1024]
    model.predict(pairs[:32])
    t0 = time.perf_counter()
    model.predict(pairs, batch_size=32)
    per_pair_ms = (time.perf_counter() - t0) / len(pairs) * 1000
    onnx = MODEL_DIR / model.info.onnx
    results["latency_ms_per_pair_batch32"] = round(per_pair_ms, 2)
    results["load_s"] = round(load_s, 2)
    results["onnx_mb"] = round(onnx.stat().st_size / 1e6, 1)
    results["threads"] = args.threads
    print(json.dumps({k: v for k, v in results.items() if k != "sets"}), flush=True)

    header = f"{'set':<14}{'n':>6}{'acc':>8}{'bacc':>8}{'llm n':>7}{'model':>8}{'llm':>8}"
    print(header)
    for name, row in results["sets"].items():
        print(
            f"{name:<14}{row['n']:>6}{row['model_acc']:>8.3f}{row['model_bacc']:>8.3f}"
            f"{row.get('llm_n', 0):>7}{row.get('model_bacc_on_llm_sample', math.nan):>8.3f}"
            f"{row.get('llm_bacc', math.nan):>8.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
