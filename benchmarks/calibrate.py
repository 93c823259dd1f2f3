"""Choose the judge's thresholds on dev data (never on the seeds), and print the figures.

    .venv/bin/python benchmarks/calibrate.py            # about 2 minutes on 2 cores
    .venv/bin/python benchmarks/calibrate.py --json benchmarks/calibration.json

Two decisions rest on the contradiction model's probabilities, each tuned on the dev data
that matches its use:

* **verify** (a statement against source texts, every window of the source read; the
  window with the strongest evidence, entailment or contradiction, decides): SummEdits news
  dev (``../shared/data/summedits/news_dev.jsonl``), one item per summary, each summary
  sentence against the document. A sentence is *contradicted* when the deciding window's
  contradiction probability reaches ``tau_c``, and *supported* when its entailment
  probability reaches ``tau_e``. Item-level balanced
  accuracy of the two decision rules ("no sentence contradicted", "every sentence supported")
  is swept over thresholds.
* **reconcile** (a claim against a claim of another outlet, both directions): ClaimDiff-W
  train (relation 1 = B weakens A) and the held-out MNLI dev slice (contradiction vs not), a
  pair being a contradiction when the larger of the two directions' contradiction
  probability reaches ``tau``. Most candidate pairs of a run do not contradict, so the
  chosen threshold is the lowest that flags at most ``MAX_FPR`` of ClaimDiff-W's
  relation-0 pairs (two outlets' claims on one topic); the balanced-accuracy optimum is
  printed beside it. Beside them: SummEdits news dev read as pairs of outlets (each edited
  summary against its document's original one) and sentence pairs within one document (one
  story, different points), and the embedding cosine cut of blocking (``BLOCKING_RECALL`` of
  MNLI dev's contradiction pairs kept). The entailment threshold (corroboration) is chosen on
  the MNLI dev slice, entailment against the rest, read both ways too.

The chosen values are printed; ``factcheck/comparison/judges/model.py`` states them with these
figures. A threshold maximised on dev data is optimistic on that data: held-out figures are
expected to be lower.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.comparison.verify import every_sentence  # noqa: E402
from factcheck.nli import score_windows  # noqa: E402
from factcheck.nli.embeddings import MiniLMEmbedder  # noqa: E402
from factcheck.nli.model import ContradictionModel  # noqa: E402
from factcheck.schemas import NliLabel  # noqa: E402
from factcheck.segment import sentence_spans  # noqa: E402
from training.data import EVAL_FILES, build  # noqa: E402

MAX_FPR = 0.002
"""Reconcile: the largest share of non-contradicting cross-outlet pairs that may be flagged.

Derived from the size of a run, not from any run's findings: a story of five articles with
about 25 claims each puts at most claims x (articles - 1) x top_k / 2, about 750, pairs to the
model, nearly all of them on one topic without contradicting. An editor should meet at most
one or two false alarms in such a run, so at most 0.2% of topical non-contradicting pairs may
be flagged."""
TOPICAL_COSINE = 0.45
"""Within-document negatives: sentence pairs of one SummEdits document at least this similar
(MiniLM cosine), i.e. on one topic."""
BLOCKING_RECALL = 0.9
"""Blocking: the embedding cosine cut keeps this share of MNLI dev's contradiction pairs."""
GRID = np.round(np.concatenate([np.arange(0.02, 0.2, 0.01), np.arange(0.2, 0.96, 0.025)]), 3)


def balanced(gold: np.ndarray, predicted: np.ndarray) -> float:
    return float(0.5 * (predicted[gold].mean() + (~predicted[~gold]).mean()))


def sweep(gold: np.ndarray, score: np.ndarray) -> list[tuple[float, float]]:
    """(threshold, balanced accuracy of ``score >= threshold`` against ``gold``)."""
    return [(float(t), balanced(gold, score >= t)) for t in GRID]


def best(curve: Sequence[tuple[float, float]]) -> tuple[float, float]:
    return max(curve, key=lambda tb: (tb[1], -abs(tb[0] - 0.5)))


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The SummEdits JSONL file, one dict a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def summedits(rows: Sequence[dict[str, Any]]) -> dict[str, object]:
    pairs, owner = [], []
    for n, row in enumerate(rows):
        for sentence in every_sentence(row["summary"]):
            pairs.append((row["doc"], sentence.text))
            owner.append(n)
    scores = score_windows(pairs)
    top_c = np.zeros(len(rows))
    low_e = np.ones(len(rows))
    for n, s in zip(owner, scores, strict=True):
        # The window with the strongest evidence (entailment or contradiction) decides.
        verdict = s.verdict()
        top_c[n] = max(top_c[n], verdict.contradiction)
        low_e[n] = min(low_e[n], verdict.entailment)
    inconsistent = np.array([int(row["label"]) == 0 for row in rows])
    contradicted = sweep(inconsistent, top_c)
    # "every sentence supported" is consistent; inconsistent when some entailment is low.
    unsupported = [(t, balanced(inconsistent, low_e < t)) for t in GRID]
    number: dict[str, int] = {}
    documents = np.array([number.setdefault(row["doc"], len(number)) for row in rows])
    return {
        "items": len(rows),
        "sentences": len(pairs),
        "documents": len(number),
        "none_contradicted": {
            "best": best(contradicted),
            "curve": contradicted,
            "leave_one_document_out": held_out(
                inconsistent, np.array([top_c >= t for t in GRID]), documents
            ),
        },
        "all_supported": {
            "best": best(unsupported),
            "curve": unsupported,
            "leave_one_document_out": held_out(
                inconsistent, np.array([low_e < t for t in GRID]), documents
            ),
        },
    }


def held_out(gold: np.ndarray, flags: np.ndarray, groups: np.ndarray) -> float:
    """Balanced accuracy when each document's items are judged at the threshold chosen on the
    other documents (``flags[k]``: the items flagged at ``GRID[k]``): what choosing on this
    file is worth on items it did not see. The file's items share a handful of documents,
    so this is the honest figure beside the in-sample best."""
    predicted = np.zeros(len(gold), dtype=bool)
    for group in np.unique(groups):
        train = groups != group
        curve = [(t, balanced(gold[train], f[train])) for t, f in zip(GRID, flags, strict=True)]
        threshold, _ = best(curve)
        predicted[~train] = flags[list(GRID).index(threshold)][~train]
    return balanced(gold, predicted)


def both_ways(
    pairs: Sequence[tuple[str, str]],
    label: NliLabel = "contradiction",
    model: ContradictionModel | None = None,
) -> np.ndarray:
    """The larger of the two directions' probabilities of ``label``, as the judge reads a pair
    (with ``model``, or the shipped one)."""
    forward = score_windows(pairs, model=model)
    backward = score_windows([(b, a) for a, b in pairs], model=model)
    return np.array(
        [
            max(f.strongest(label)[0], b.strongest(label)[0])
            for f, b in zip(forward, backward, strict=True)
        ]
    )


def summedits_pairs(
    rows: Sequence[dict[str, Any]], embedder: MiniLMEmbedder
) -> tuple[list[tuple[str, str]], np.ndarray, list[tuple[str, str]]]:
    """SummEdits as cross-outlet pairs: each edited summary against its document's original
    summary (inconsistent edits are the positives), and sentence pairs within one document
    on one topic (cosine >= ``TOPICAL_COSINE``: the same story, different points; none
    contradict)."""
    original = {r["id"].rsplit("_", 1)[0]: r for r in rows if r["id"].endswith("_og")}
    edited = [r for r in rows if not r["id"].endswith("_og")]
    pairs = [(original[r["id"].rsplit("_", 1)[0]]["summary"], r["summary"]) for r in edited]
    gold = np.array([int(r["label"]) == 0 for r in edited])
    within: list[tuple[str, str]] = []
    for row in original.values():
        sentences = [row["doc"][a:b].strip() for a, b in sentence_spans(row["doc"])]
        sentences = [t for t in sentences if len(t.split()) >= 6]
        vectors = np.array(embedder.embed(sentences))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        cos = vectors @ vectors.T
        within += [
            (sentences[i], sentences[j])
            for i, j in itertools.combinations(range(len(sentences)), 2)
            if cos[i, j] >= TOPICAL_COSINE
        ]
    return pairs, gold, within


def blocking_cut(pairs: Sequence[tuple[str, str]], embedder: MiniLMEmbedder) -> float:
    """The embedding cosine that keeps ``BLOCKING_RECALL`` of these (contradicting) pairs."""
    a = np.array(embedder.embed([x for x, _ in pairs]))
    b = np.array(embedder.embed([y for _, y in pairs]))
    cos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    return float(np.floor(np.quantile(cos, 1 - BLOCKING_RECALL) * 100) / 100)


def reconcile(data: Path, summedits_rows: Sequence[dict[str, Any]]) -> dict[str, object]:
    claimdiff = json.loads((data / EVAL_FILES["claimdiff_w"][0]).read_text("utf-8"))["data"]
    cd_gold = np.array([o["relation"] == 1 for o in claimdiff])
    cd_score = both_ways([(str(o["claim_a"]), str(o["claim_b"])) for o in claimdiff])
    dev = build(data).mnli_dev
    mnli_gold = np.array([p.label == "contradiction" for p in dev])
    mnli_score = both_ways([(p.premise, p.hypothesis) for p in dev])
    cd_curve, mnli_curve = sweep(cd_gold, cd_score), sweep(mnli_gold, mnli_score)
    entail_gold = np.array([p.label == "entailment" for p in dev])
    entail_curve = sweep(
        entail_gold, both_ways([(p.premise, p.hypothesis) for p in dev], "entailment")
    )
    mean = [(t, (a + b) / 2) for (t, a), (_, b) in zip(cd_curve, mnli_curve, strict=True)]
    # Most candidate pairs of a run are topical but do not contradict, so a threshold that
    # maximises balanced accuracy flags far too many of them. The chosen threshold is the
    # lowest whose false-positive rate on ClaimDiff-W's relation-0 pairs (claims of two
    # outlets on one topic, neither weakening the other) is at most MAX_FPR.
    negatives = cd_score[~cd_gold]
    fpr = [(float(t), float((negatives >= t).mean())) for t in GRID]
    chosen_t = min(t for t, rate in fpr if rate <= MAX_FPR)
    chosen = (chosen_t, dict(mean)[chosen_t])
    recall = float((mnli_score[mnli_gold] >= chosen_t).mean())
    false_mnli = float((mnli_score[~mnli_gold] >= chosen_t).mean())
    at = {t: (a, b) for (t, a), (_, b) in zip(cd_curve, mnli_curve, strict=True)}
    embedder = MiniLMEmbedder()
    se_pairs, se_gold, within = summedits_pairs(summedits_rows, embedder)
    se_score = both_ways(se_pairs)
    within_score = both_ways(within)
    contradictions = [(p.premise, p.hypothesis) for p in dev if p.label == "contradiction"]
    cut = blocking_cut(contradictions, embedder)
    return {
        "blocking_cut": cut,
        "blocking_recall": BLOCKING_RECALL,
        "summedits_pairs": len(se_pairs),
        "summedits_pairs_balanced": balanced(se_gold, se_score >= chosen_t),
        "summedits_pairs_best": best(sweep(se_gold, se_score)),
        "within_document_pairs": len(within),
        "within_document_flagged": float((within_score >= chosen_t).mean()),
        "claimdiff_w_pairs": len(claimdiff),
        "mnli_dev_pairs": len(dev),
        "best": chosen,
        "max_fpr": MAX_FPR,
        "claimdiff_w_fpr_curve": fpr,
        "mnli_dev_contradiction_recall": recall,
        "mnli_dev_false_positive_rate": false_mnli,
        "best_balanced": best(mean),
        "at_best": {"claimdiff_w": at[chosen[0]][0], "mnli_dev": at[chosen[0]][1]},
        "claimdiff_w_best": best(cd_curve),
        "mnli_dev_best": best(mnli_curve),
        "curve": mean,
        "entailment_best": best(entail_curve),
        "entailment_curve": entail_curve,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--summedits",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "summedits" / "news_dev.jsonl",
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nli")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows = read_rows(args.summedits)
    figures = {
        "verify": summedits(rows),
        "reconcile": reconcile(args.data, rows),
    }
    verify, rec = figures["verify"], figures["reconcile"]
    assert isinstance(verify, dict) and isinstance(rec, dict)
    for rule in ("none_contradicted", "all_supported"):
        t, b = verify[rule]["best"]
        print(
            f"verify/{rule}: threshold {t:.3f}, SummEdits dev balanced accuracy {b:.3f} "
            f"({verify['items']} items, {verify['sentences']} sentences); "
            f"leave-one-document-out {verify[rule]['leave_one_document_out']:.3f} "
            f"({verify['documents']} documents)"
        )
    t, b = rec["best"]
    print(
        f"reconcile: threshold {t:.3f} (ClaimDiff-W relation-0 false positives <= "
        f"{rec['max_fpr']:.1%}); MNLI dev contradiction recall "
        f"{rec['mnli_dev_contradiction_recall']:.3f}, false positives "
        f"{rec['mnli_dev_false_positive_rate']:.3f}; best balanced threshold "
        f"{rec['best_balanced']}"
    )
    print(
        f"reconcile at {t:.3f}: mean balanced accuracy {b:.3f} "
        f"(ClaimDiff-W {rec['at_best']['claimdiff_w']:.3f} on {rec['claimdiff_w_pairs']}, "
        f"MNLI dev {rec['at_best']['mnli_dev']:.3f} on {rec['mnli_dev_pairs']}); "
        f"each alone: ClaimDiff-W {rec['claimdiff_w_best']}, MNLI dev {rec['mnli_dev_best']}"
    )
    print(
        f"reconcile at {t:.3f}: SummEdits edited-vs-original summaries balanced accuracy "
        f"{rec['summedits_pairs_balanced']:.3f} on {rec['summedits_pairs']} (best "
        f"{rec['summedits_pairs_best']}); within-document topical pairs flagged "
        f"{rec['within_document_flagged']:.3f} of {rec['within_document_pairs']}"
    )
    print(
        f"blocking: embedding cosine cut {rec['blocking_cut']:.2f} keeps "
        f"{rec['blocking_recall']:.0%} of MNLI dev contradiction pairs"
    )
    t, b = rec["entailment_best"]
    print(
        f"reconcile/entailment: threshold {t:.3f}, MNLI dev balanced accuracy {b:.3f} "
        "(entailment against the rest)"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
