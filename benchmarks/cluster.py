"""Clustering a feed into stories, measured on newsday-dev (field ``story`` is the gold
grouping): ``allsides_roundups.jsonl`` (6,255 excerpts, 2,085 stories, one date) and
``basil_articles.jsonl`` (285 articles, 95 stories) with its dates and with one date.

    .venv/bin/python benchmarks/cluster.py --fit         # cross-validate, write the scorer
    .venv/bin/python benchmarks/cluster.py               # figures of the shipped scorer
    .venv/bin/python benchmarks/cluster.py --stability   # halves, the second added --into
    .venv/bin/python benchmarks/cluster.py --time 20000  # time and peak memory, n articles

--fit chooses everything by 5-fold cross-validation over the roundups' stories
(GroupKFold by story): every candidate pair is scored by a logistic regression fitted on
stories of neither of its articles' folds; the threshold and linkage for fold k are the
ones best (ARI) on the other folds' articles, and fold k's figures are reported held out.
Among settings, the one of highest ARI with pair precision at least 0.90 is chosen.
It then fits the scorer on every roundup pair and writes it, with the setting best over
all folds, to factcheck/newsday/data/pair_scorer.json. BASIL is never fitted on.
Embeddings and spaCy readings come from the content cache (factcheck's cache folder), so
only the first run pays for them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score, average_precision_score
from sklearn.model_selection import GroupKFold

from factcheck.llm import Settings
from factcheck.newsday.cluster import (
    ClusterSettings,
    cluster_feed,
    extend_stories,
    labels_for,
    link,
    prepare_feed,
)
from factcheck.newsday.feed import FeedArticle
from factcheck.newsday.pairs import (
    FEATURES,
    SCORER_FILE,
    SECOND_FEATURES,
    Context,
    FeedFeatures,
    Logistic,
    PairScorer,
)
from factcheck.newsday.vectors import CACHE_FILE

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared/data/newsday-dev"
ROUNDUPS = DATA / "allsides_roundups.jsonl"
BASIL = DATA / "basil_articles.jsonl"
SCORER_PATH = ROOT / "factcheck/newsday/data" / SCORER_FILE
CACHE = Settings.from_env().cache_dir / CACHE_FILE
FOLDS = 5
NEIGHBOURS = 10
THRESHOLDS = [round(t, 2) for t in np.arange(0.05, 0.81, 0.05)]
LINKAGES = ("average", "complete")
ONE_DAY = dt.date(2020, 1, 1)
MIN_PRECISION = 0.90


def load(path: Path, one_date: bool = False) -> tuple[list[FeedArticle], list[str]]:
    """The dev file as articles (ids made unique by line: BASIL repeats "empty") and gold."""
    articles, gold = [], []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        row = json.loads(line)
        articles.append(
            FeedArticle(
                id=f"{row['id']}@{number}",
                outlet=row["outlet"],
                date=ONE_DAY if one_date else row["date"],
                title=row["title"],
                text=row["text"],
            )
        )
        gold.append(str(row["story"]))
    return articles, gold


def pairwise(gold: list[str], predicted: list[int]) -> tuple[float, float]:
    """Precision and recall over pairs of articles put in one story."""

    def pairs(labels: list[str] | list[int]) -> int:
        return sum(c * (c - 1) // 2 for c in Counter(labels).values())

    both = pairs([f"{g}\x00{p}" for g, p in zip(gold, predicted, strict=True)])
    return both / max(1, pairs(predicted)), both / max(1, pairs(gold))


def scores(gold: list[str], predicted: list[int]) -> dict[str, float]:
    precision, recall = pairwise(gold, predicted)
    return {
        "ari": float(adjusted_rand_score(gold, predicted)),
        "precision": precision,
        "recall": recall,
        "stories": len(set(predicted)),
    }


def line(name: str, f: dict[str, float]) -> str:
    return (
        f"{name:<34} ARI {f['ari']:.3f}  pair P {f['precision']:.3f}  R {f['recall']:.3f}  "
        f"stories {int(f['stories'])}"
    )


def touching(gold: list[str], labels: list[int], keep: np.ndarray[Any, Any]) -> dict[str, float]:
    """Pair-counting figures over the pairs with at least one article in ``keep``: a
    wrong merge across folds counts against the fold it touches (ARI from pair counts)."""

    def pairs(groups: list[str] | list[int] | list[str | int]) -> float:
        inside: Counter[str | int] = Counter()
        outside: Counter[str | int] = Counter()
        for group, kept in zip(groups, keep, strict=True):
            (inside if kept else outside)[group] += 1
        total = 0.0
        for group in inside:
            size = inside[group] + outside[group]
            total += size * (size - 1) / 2 - outside[group] * (outside[group] - 1) / 2
        return total

    both = pairs([f"{g}\x00{p}" for g, p in zip(gold, labels, strict=True)])
    predicted, true = pairs(labels), pairs(gold)
    n, k = len(gold), int(keep.sum())
    everything = k * (k - 1) / 2 + k * (n - k)
    a, b, c = both, predicted - both, true - both
    d = everything - a - b - c
    ari = 2 * (a * d - b * c) / max(1e-9, (a + b) * (b + d) + (a + c) * (c + d))
    return {
        "ari": ari,
        "precision": a / max(1, predicted),
        "recall": a / max(1, true),
        "stories": len({labels[i] for i in np.flatnonzero(keep)}),
    }


def training_pairs(
    features: FeedFeatures, articles: list[FeedArticle], gold: list[str]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Candidates of two outlets (one outlet's pairs are the linkage's to refuse), their
    measurements and whether they tell one story."""
    left, right = features.candidates
    other = np.array(
        [articles[i].outlet != articles[j].outlet for i, j in zip(left, right, strict=True)]
    )
    left, right = left[other], right[other]
    measured = features.measure(left, right)
    same = np.array([gold[i] == gold[j] for i, j in zip(left, right, strict=True)])
    return left, right, measured, same


def fit(args: argparse.Namespace) -> None:
    articles, gold = load(ROUNDUPS)
    started = time.perf_counter()
    prepared = prepare_feed(
        articles,
        ClusterSettings(neighbours=args.neighbours, threshold=0.5, linkage="average"),
        None,
        None,
        CACHE,
        _placeholder(),
    )
    features = prepared.features
    print(f"{len(articles)} articles prepared in {time.perf_counter() - started:.1f} s")
    left, right, measured, same = training_pairs(features, articles, gold)
    gold_pairs = sum(c * (c - 1) // 2 for c in Counter(gold).values())
    print(
        f"candidates of two outlets: {len(left)}, of one story {int(same.sum())} "
        f"({same.sum() / gold_pairs:.3f} of the {gold_pairs} gold pairs)"
    )
    stories = np.array(gold)
    fold_of = np.zeros(len(articles), dtype=np.int64)
    for k, (_, test) in enumerate(GroupKFold(n_splits=FOLDS).split(stories, groups=stories)):
        fold_of[test] = k
    outlets = [a.outlet for a in articles]
    # First stage: a model per pair of folds, fitted on stories of neither; every
    # candidate (of one outlet too: the second stage reads them all) scored by the model
    # that saw neither of its articles' stories.
    first: dict[tuple[int, int], Logistic] = {}
    second: dict[tuple[int, int], Logistic] = {}
    fold_pairs = [(k, m) for k in range(FOLDS) for m in range(k, FOLDS)]
    for k, m in fold_pairs:
        train = ~np.isin(fold_of[left], [k, m]) & ~np.isin(fold_of[right], [k, m])
        first[(k, m)] = Logistic.fit(measured[train], same[train])

    def by_fold_pair(
        models: dict[tuple[int, int], Logistic],
        lo: np.ndarray[Any, Any],
        hi: np.ndarray[Any, Any],
        values: np.ndarray[Any, Any],
    ) -> np.ndarray[Any, Any]:
        result = np.zeros(len(lo))
        a, b = np.minimum(fold_of[lo], fold_of[hi]), np.maximum(fold_of[lo], fold_of[hi])
        for (k, m), model in models.items():
            chosen = (a == k) & (b == m)
            if chosen.any():
                result[chosen] = model.probability(values[chosen])
        return result

    all_left, all_right = features.candidates
    first_oof = by_fold_pair(first, all_left, all_right, features.measure(all_left, all_right))
    context = Context(all_left, all_right, first_oof, outlets)
    stacked = context.measure(left, right, by_fold_pair(first, left, right, measured))
    for k, m in fold_pairs:
        train = ~np.isin(fold_of[left], [k, m]) & ~np.isin(fold_of[right], [k, m])
        second[(k, m)] = Logistic.fit(stacked[train], same[train])
    print(
        "pair average precision, out of fold: first stage "
        f"{average_precision_score(same, by_fold_pair(first, left, right, measured)):.4f}, "
        f"second {average_precision_score(same, by_fold_pair(second, left, right, stacked)):.4f}"
    )

    def out_of_fold(lo: np.ndarray[Any, Any], hi: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        values = features.measure(lo, hi)
        p = by_fold_pair(first, lo, hi, values)
        if args.stages == 1:
            return p
        return by_fold_pair(second, lo, hi, context.measure(lo, hi, p))

    closest = 1.0 - ClusterSettings().same_outlet_distance

    def near_copy(i: int, j: int) -> bool:
        return float(features.vectors[i] @ features.vectors[j]) >= closest

    grid: dict[tuple[str, float], list[int]] = {}
    for linkage in args.linkages.split(","):
        for threshold in (
            [float(t) for t in args.thresholds.split(",")] if args.thresholds else THRESHOLDS
        ):
            started = time.perf_counter()
            grid[(linkage, threshold)] = link(
                len(articles),
                features.candidates,
                out_of_fold,
                outlets,
                near_copy,
                threshold=threshold,
                linkage=linkage,
            )
            whole = scores(gold, grid[(linkage, threshold)])
            print(
                line(
                    f"oof {linkage} {threshold:.2f} ({time.perf_counter() - started:.1f} s)", whole
                )
            )
    held_out = []
    for k in range(FOLDS):
        inside = fold_of == k
        best = _best({key: touching(gold, grid[key], ~inside) for key in grid})
        figures = touching(gold, grid[best], inside)
        held_out.append(figures)
        print(line(f"fold {k} held out ({best[0]} {best[1]:.2f})", figures))
    mean = {key: float(np.mean([f[key] for f in held_out])) for key in held_out[0]}
    print(line("mean of held-out folds", mean))
    chosen = _best({key: scores(gold, grid[key]) for key in grid})
    print(
        line(
            f"chosen {chosen[0]} {chosen[1]:.2f}, out-of-fold, whole file",
            scores(gold, grid[chosen]),
        )
    )
    # The shipped second stage reads the first stage's out-of-fold probabilities, as it
    # will read the shipped first stage's on a feed it was not fitted on.
    final = PairScorer(
        first=Logistic.fit(measured, same),
        second=Logistic.fit(stacked, same) if args.stages == 2 else None,
        meta=dict(
            threshold=chosen[1],
            linkage=chosen[0],
            neighbours=args.neighbours,
            fitted_on=f"{ROUNDUPS.name}: {len(left)} candidate pairs of two outlets",
            cross_validation={
                "folds": FOLDS,
                "held_out_folds_mean": {k: round(v, 4) for k, v in mean.items()},
                "whole_file_out_of_fold": {
                    k: round(v, 4) for k, v in scores(gold, grid[chosen]).items()
                },
            },
            command="python benchmarks/cluster.py --fit",
        ),
    )
    for stage, names in ((final.first, FEATURES), (final.second, SECOND_FEATURES)):
        if stage is None:
            continue
        weights = zip(names, stage.coef, strict=True)
        print("weights:", ", ".join(f"{n} {c:+.2f}" for n, c in weights))
    if args.dry:
        return
    SCORER_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCORER_PATH.write_text(json.dumps(final.to_json(), indent=1) + "\n")
    print(f"wrote {SCORER_PATH.relative_to(ROOT)}")


def _best(figures: dict[tuple[str, float], dict[str, float]]) -> tuple[str, float]:
    """The setting of highest ARI among those of pair precision at least MIN_PRECISION
    (a story that mixes two is worse for a desk than one left in pieces); the highest ARI
    if none reaches it."""
    sure = {key: f for key, f in figures.items() if f["precision"] >= MIN_PRECISION}
    pool = sure or figures
    return max(pool, key=lambda key: pool[key]["ari"])


def _placeholder() -> PairScorer:
    """A scorer whose weights are not used: --fit only needs the features measured."""
    zeros = np.zeros(len(FEATURES))
    unused = Logistic(zeros, np.ones(len(FEATURES)), zeros, 0.0)
    meta = {"threshold": 0.5, "linkage": "average", "neighbours": NEIGHBOURS}
    return PairScorer(first=unused, second=unused, meta=meta)


def evaluate(args: argparse.Namespace) -> None:
    for name, path, one_date in (
        ("roundups (in-sample)", ROUNDUPS, False),
        ("BASIL with its dates", BASIL, False),
        ("BASIL, one date", BASIL, True),
    ):
        articles, gold = load(path, one_date)
        started = time.perf_counter()
        stories = cluster_feed(articles, cache_path=CACHE)
        took = time.perf_counter() - started
        label_of = {a.id: n for n, s in enumerate(stories) for a in s.articles}
        print(line(f"{name} ({took:.1f} s)", scores(gold, [label_of[a.id] for a in articles])))
        if args.sweep:
            prepared = prepare_feed(articles, None, None, None, CACHE, None)
            for window in (None, 1, 3, 7) if not one_date else (None,):
                for threshold in THRESHOLDS:
                    config = replace(prepared.settings, threshold=threshold, window_days=window)
                    labels = labels_for(
                        prepared.features,
                        prepared.scorer,
                        [a.outlet for a in articles],
                        [a.date for a in articles],
                        config,
                    )
                    print(
                        line(f"  window {window} threshold {threshold:.2f}", scores(gold, labels))
                    )


def stability(args: argparse.Namespace) -> None:
    """Cluster a half, add the other half to its stories (``cluster --into``), compare."""
    articles, gold = load(ROUNDUPS)
    rng = np.random.default_rng(0)
    order = rng.permutation(len(articles))
    first = [articles[i] for i in sorted(order[: len(order) // 2])]
    second = [articles[i] for i in sorted(order[len(order) // 2 :])]
    before = cluster_feed(first, cache_path=CACHE)
    after = extend_stories(before, second, cache_path=CACHE)
    whole = cluster_feed(articles, cache_path=CACHE)
    kept = {s.id for s in after}
    survived = sum(1 for s in before if s.id in kept) / len(before)
    in_whole = {s.id for s in whole}
    same_in_whole = sum(1 for s in before if s.id in in_whole) / len(before)
    label = {a.id: n for n, s in enumerate(after) for a in s.articles}
    label_whole = {a.id: n for n, s in enumerate(whole) for a in s.articles}
    ids = [a.id for a in articles]
    print(f"first half {len(first)} articles -> {len(before)} stories; second half {len(second)}")
    print(f"first-half story ids kept after --into: {survived:.3f}")
    print(f"first-half story ids also found by one run over the whole: {same_in_whole:.3f}")
    print(
        "ARI --into result vs one run over the whole: "
        f"{adjusted_rand_score([label[i] for i in ids], [label_whole[i] for i in ids]):.3f}"
    )
    print(line("--into result vs gold", scores(gold, [label[i] for i in ids])))
    print(line("one run over the whole vs gold", scores(gold, [label_whole[i] for i in ids])))


def timing(args: argparse.Namespace) -> None:
    """The roundups, and synthetic copies past them up to n: each copy an article of
    another outlet with its lead's sentences in another order (new text, so a new
    embedding unless the cache holds it)."""
    articles, _ = load(ROUNDUPS)
    rng = np.random.default_rng(1)
    feed = list(articles)
    copy = 0
    while len(feed) < args.time:
        copy += 1
        for article in articles[: args.time - len(feed)]:
            words = article.text.split()
            cut = int(rng.integers(1, max(2, len(words))))
            feed.append(
                article.model_copy(
                    update={
                        "id": f"{article.id}-copy{copy}",
                        "outlet": f"{article.outlet}-copy{copy}",
                        "text": " ".join(words[cut:] + words[:cut]),
                    }
                )
            )
    started = time.perf_counter()
    stories = cluster_feed(feed, cache_path=None if args.cold else CACHE)
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(feed)} articles -> {len(stories)} stories in {took:.1f} s "
        f"({'no cache' if args.cold else 'content cache'}), peak memory {peak:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--linkages", default=",".join(LINKAGES), help="with --fit")
    parser.add_argument("--thresholds", default="", help="with --fit: comma-separated")
    parser.add_argument("--dry", action="store_true", help="with --fit: write no scorer")
    parser.add_argument("--stages", type=int, choices=(1, 2), default=1, help="with --fit")
    parser.add_argument("--neighbours", type=int, default=NEIGHBOURS, help="with --fit")
    parser.add_argument("--stability", action="store_true")
    parser.add_argument("--time", type=int, default=0, metavar="N")
    parser.add_argument("--cold", action="store_true", help="with --time: no cache")
    args = parser.parse_args()
    if args.fit:
        fit(args)
    elif args.stability:
        stability(args)
    elif args.time:
        timing(args)
    else:
        evaluate(args)


if __name__ == "__main__":
    main()
