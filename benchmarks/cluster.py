"""Clustering a feed into stories, measured on newsday-dev (285 BASIL articles, 95 stories,
three outlets each; field ``story`` is the gold grouping).

    .venv/bin/python benchmarks/cluster.py [--feed PATH] [--sweep] [--scale 10000]

Prints adjusted Rand index, V-measure, pairwise precision and recall and time for the
shipped settings; --sweep prints the grid the threshold and window were chosen on;
--scale N times the graph and clustering on N synthetic vectors (stories of 2-30
articles around random centres, all on one day), the part whose cost grows with N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, v_measure_score

from factcheck.newsday.cluster import ClusterSettings, cluster_vectors, embed_leads
from factcheck.newsday.feed import read_feed

DEV = Path(__file__).resolve().parents[1].parent / "shared/data/newsday-dev/basil_articles.jsonl"


def pairwise(gold: list[str], predicted: list[int]) -> tuple[float, float]:
    """Precision and recall over pairs of articles put in one story."""

    def pairs(labels: list[str] | list[int]) -> int:
        return sum(c * (c - 1) // 2 for c in Counter(labels).values())

    both = pairs([f"{g}\x00{p}" for g, p in zip(gold, predicted, strict=True)])
    predicted_pairs, gold_pairs = pairs(predicted), pairs(gold)
    return both / max(1, predicted_pairs), both / max(1, gold_pairs)


def scores(gold: list[str], predicted: list[int]) -> dict[str, float]:
    precision, recall = pairwise(gold, predicted)
    return {
        "ari": adjusted_rand_score(gold, predicted),
        "v_measure": v_measure_score(gold, predicted),
        "pair_precision": precision,
        "pair_recall": recall,
        "stories": len(set(predicted)),
    }


def line(name: str, figures: dict[str, float]) -> str:
    return (
        f"{name:<28} ARI {figures['ari']:.3f}  V {figures['v_measure']:.3f}  "
        f"pair P {figures['pair_precision']:.3f}  R {figures['pair_recall']:.3f}  "
        f"stories {int(figures['stories'])}"
    )


def synthetic(n: int, seed: int = 0) -> tuple[np.ndarray, list[str], list[int]]:
    rng = np.random.default_rng(seed)
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(int(rng.integers(2, 31)))
    sizes[-1] -= sum(sizes) - n
    centres = rng.normal(size=(len(sizes), 384))
    rows, outlets, gold = [], [], []
    for story, size in enumerate(sizes):
        noise = rng.normal(scale=0.035, size=(size, 384)) * np.sqrt(384) / 10
        rows.append(centres[story] / np.linalg.norm(centres[story]) + noise / np.sqrt(384))
        outlets += [f"outlet{i}" for i in rng.permutation(60)[:size]]
        gold += [story] * size
    vectors = np.vstack(rows)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, outlets, gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feed", type=Path, default=DEV)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--scale", type=int, default=0)
    args = parser.parse_args()

    articles = read_feed(args.feed)
    gold = [str(json.loads(raw)["story"]) for raw in args.feed.read_text().splitlines() if raw]
    outlets = [a.outlet for a in articles]
    dates: list[dt.date | None] = [a.date for a in articles]
    started = time.perf_counter()
    vectors = embed_leads(articles)
    embedded = time.perf_counter() - started
    shipped = ClusterSettings()
    started = time.perf_counter()
    labels = cluster_vectors(vectors, outlets, dates, shipped)
    clustered = time.perf_counter() - started
    print(f"{len(articles)} articles, {len(set(gold))} gold stories ({args.feed.name})")
    print(line(f"shipped {shipped.threshold} / {shipped.window_days} d", scores(gold, labels)))
    print(f"time: embeddings {embedded:.1f} s, graph and clustering {clustered:.2f} s")
    no_window = cluster_vectors(vectors, outlets, dates, replace(shipped, window_days=None))
    print(line("same threshold, no window", scores(gold, no_window)))

    if args.sweep:
        for window in (None, 1, 3, 7):
            for threshold in (0.30, 0.33, 0.35, 0.37, 0.40, 0.45, 0.50):
                config = replace(shipped, threshold=threshold, window_days=window)
                found = cluster_vectors(vectors, outlets, dates, config)
                print(line(f"threshold {threshold:.2f} window {window}", scores(gold, found)))

    if args.scale:
        vectors_n, outlets_n, gold_n = synthetic(args.scale)
        started = time.perf_counter()
        found = cluster_vectors(vectors_n, outlets_n, [None] * args.scale, shipped)
        took = time.perf_counter() - started
        print(line(f"synthetic {args.scale}", scores([str(g) for g in gold_n], found)))
        print(f"graph and clustering of {args.scale} vectors: {took:.1f} s")


if __name__ == "__main__":
    main()
