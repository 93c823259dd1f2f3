"""A feed grouped into stories, within one day as across several.

1. Each article's title and lead is embedded (MiniLM) and read (spaCy: lemmas, entities,
   figures), both cached by content (:mod:`factcheck.newsday.vectors`).
2. Two nearest-neighbour searches propose candidate pairs; a logistic regression fitted on
   the newsday-dev roundups scores each pair (:mod:`factcheck.newsday.pairs`). Articles
   further apart in date than the window never share a story.
3. Average linkage over those probabilities (a pair no search proposed is scored when its
   clusters meet, so the average is over every pair), merging the closest clusters first
   while their average stays at or above the threshold. Average or complete linkage does
   not chain: one close pair cannot join two stories. An outlet appears once per story,
   unless its second article is a near copy of its first (an update of its own piece).

Story ids are content-derived: the earliest date and a hash of the canonical member's id
(earliest date, then smallest id), so re-running a feed keeps a story's id as long as
its canonical article stays in it. :func:`extend_stories` adds articles to stories already
written without regrouping them: an existing story may take new articles, two existing
stories never merge, and the new articles left over open stories of their own.

Cost (n articles, k = the search width, measured in benchmarks/README.md): embedding is
linear and the bulk of a cold run; the searches are n * n * d multiply-adds in chunks;
scoring is linear in the n * 2k candidates; the linkage is a heap over candidate edges,
n * k * log n.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

from factcheck.newsday.feed import FeedArticle, Story
from factcheck.newsday.pairs import FeedFeatures, PairScorer, build_features, load_scorer, within
from factcheck.newsday.reading import read_texts
from factcheck.newsday.vectors import ClusterCache, OnProgress, embed_texts
from factcheck.nli.embeddings import Embedder

__all__ = [
    "ClusterSettings",
    "cluster_feed",
    "extend_stories",
    "labels_for",
    "link",
    "prepare_feed",
    "story_id",
]

Linkage = Literal["average", "complete"]
ScorePairs = Callable[[np.ndarray[Any, Any], np.ndarray[Any, Any]], np.ndarray[Any, Any]]


@dataclass(frozen=True)
class ClusterSettings:
    """How sure the pair scorer must be that articles tell one story. ``None`` takes the
    value chosen by cross-validation and shipped with the scorer."""

    threshold: float | None = None
    """Least average (or, complete linkage, least) probability over a merge's pairs."""
    linkage: Linkage | None = None
    neighbours: int | None = None
    """Width of each nearest-neighbour search."""
    window_days: int | None = 3
    """Articles further apart in date never share a story (None: dates ignored)."""
    same_outlet_distance: float = 0.15
    """An outlet's second article may join a story only this close (cosine distance of
    the embeddings) to the outlet's first: an update of its own piece."""

    def resolved(self, scorer: PairScorer) -> ClusterSettings:
        return replace(
            self,
            threshold=self.threshold if self.threshold is not None else scorer.meta["threshold"],
            linkage=self.linkage or scorer.meta["linkage"],
            neighbours=self.neighbours or scorer.meta["neighbours"],
        )


def story_id(articles: Sequence[FeedArticle]) -> str:
    """The earliest date and a hash of the canonical (earliest, then smallest) id."""
    canonical = min(articles, key=lambda a: (a.date or dt.date.max, a.id))
    digest = hashlib.sha256(canonical.id.encode()).hexdigest()
    return f"{canonical.date or 'story'}-{digest[:10]}"


def link(
    n: int,
    candidates: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]],
    score: ScorePairs,
    outlets: Sequence[str],
    near_copy: Callable[[int, int], bool],
    *,
    threshold: float,
    linkage: Linkage = "average",
    groups: Sequence[Sequence[int]] = (),
) -> list[int]:
    """A cluster label per item: the merge loop of average (or complete) linkage over the
    probabilities ``score`` gives, from the candidate pairs' clusters, closest first.

    ``groups`` are clusters to start from that never merge with one another (stories
    already written); each may still take items that are in no group.
    """
    linker = _Linker(n, score, outlets, near_copy, groups, linkage=linkage)
    linker.add_candidates(candidates)
    heap = linker.first_merges(threshold)
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in linker.members or b not in linker.members or not linker.may_merge(a, b):
            continue
        merged, around = linker.merge(a, b)
        ordered = sorted(around)
        for x, value in zip(ordered, linker.cross_links(merged, ordered), strict=True):
            if value >= threshold:
                heapq.heappush(heap, (-value, min(merged, x), max(merged, x)))
    return linker.labels(n)


class _Linker:
    """The state of one run of :func:`link`: the live clusters and their members and
    outlets, the pair probabilities scored so far, and which clusters neighbour which (a
    candidate pair joins them)."""

    def __init__(
        self,
        n: int,
        score: ScorePairs,
        outlets: Sequence[str],
        near_copy: Callable[[int, int], bool],
        groups: Sequence[Sequence[int]],
        *,
        linkage: Linkage,
    ) -> None:
        self.score = score
        self.outlets = outlets
        self.near_copy = near_copy
        self.linkage = linkage
        self.cluster_of = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}
        self.frozen: set[int] = set()
        for group in groups:
            head = group[0]
            for item in group[1:]:
                self.members[head].extend(self.members.pop(item))
                self.cluster_of[item] = head
            self.frozen.add(head)
        self.outlet_sets = {c: _outlets(outlets, m) for c, m in self.members.items()}
        self.known: dict[tuple[int, int], float] = {}
        self.neighbours: dict[int, set[int]] = defaultdict(set)
        self.next_id = n

    def add_candidates(self, candidates: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]) -> None:
        """Score the candidate pairs; their clusters become neighbours (two frozen ones never)."""
        left, right = candidates
        if len(left):
            scored = self.score(left, right).tolist()
            for i, j, p in zip(left.tolist(), right.tolist(), scored, strict=True):
                self.known[(i, j)] = p
        for i, j in self.known:
            a, b = self.cluster_of[i], self.cluster_of[j]
            if a != b and not (a in self.frozen and b in self.frozen):
                self.neighbours[a].add(b)
                self.neighbours[b].add(a)

    def first_merges(self, threshold: float) -> list[tuple[float, int, int]]:
        """A heap of the neighbouring clusters at or above ``threshold``, closest first."""
        heap: list[tuple[float, int, int]] = []
        for a in sorted(self.neighbours):
            others = [b for b in sorted(self.neighbours[a]) if b > a]
            for b, value in zip(others, self.cross_links(a, others), strict=True):
                if value >= threshold:
                    heap.append((-value, a, b))
        heapq.heapify(heap)
        return heap

    def cross_links(self, c: int, others: Sequence[int]) -> list[float]:
        """The linkage value of cluster ``c`` with each of ``others``, scoring the pairs
        between them not scored yet."""
        self._score_missing(c, others)
        values = []
        for x in others:
            pairs = [
                self.known[(min(i, j), max(i, j))] for i in self.members[c] for j in self.members[x]
            ]
            values.append(min(pairs) if self.linkage == "complete" else sum(pairs) / len(pairs))
        return values

    def _score_missing(self, c: int, others: Sequence[int]) -> None:
        missing = {
            (min(i, j), max(i, j))
            for x in others
            for i in self.members[c]
            for j in self.members[x]
            if (min(i, j), max(i, j)) not in self.known
        }
        if missing:
            ordered = sorted(missing)
            lo = np.array([p[0] for p in ordered], dtype=np.int64)
            hi = np.array([p[1] for p in ordered], dtype=np.int64)
            self.known.update(zip(ordered, self.score(lo, hi).tolist(), strict=True))

    def may_merge(self, a: int, b: int) -> bool:
        """Whether an outlet in both clusters has only near copies of its article there."""
        shared = self.outlet_sets[a] & self.outlet_sets[b]
        return _may_merge(self.members[a], self.members[b], shared, self.outlets, self.near_copy)

    def merge(self, a: int, b: int) -> tuple[int, set[int]]:
        """Clusters ``a`` and ``b`` as one new cluster: its id and its neighbours."""
        merged = self.next_id
        self.next_id += 1
        self.members[merged] = self.members.pop(a) + self.members.pop(b)
        self.outlet_sets[merged] = self.outlet_sets.pop(a) | self.outlet_sets.pop(b)
        if a in self.frozen or b in self.frozen:
            self.frozen.add(merged)
        around = (self.neighbours.pop(a, set()) | self.neighbours.pop(b, set())) - {a, b}
        for x in around:
            self.neighbours[x] -= {a, b}
        if merged in self.frozen:
            around = {x for x in around if x not in self.frozen}
        for x in around:
            self.neighbours[x].add(merged)
        self.neighbours[merged] = around
        return merged, around

    def labels(self, n: int) -> list[int]:
        """A label per item, numbered by each cluster's smallest item."""
        labels = [0] * n
        ordered = sorted(self.members.items(), key=lambda kv: min(kv[1]))
        for label, (_, items) in enumerate(ordered):
            for item in items:
                labels[item] = label
        return labels


def _outlets(outlets: Sequence[str], items: Sequence[int]) -> set[str]:
    return {outlets[i] for i in items if outlets[i] != "unknown"}


def _may_merge(
    one: Sequence[int],
    other: Sequence[int],
    shared: set[str],
    outlets: Sequence[str],
    near_copy: Callable[[int, int], bool],
) -> bool:
    return all(
        near_copy(i, j)
        for i in one
        for j in other
        if outlets[i] == outlets[j] and outlets[i] in shared
    )


@dataclass(frozen=True)
class PreparedFeed:
    """A feed measured: what :func:`labels_for` groups (the benchmark reuses it)."""

    features: FeedFeatures
    scorer: PairScorer
    settings: ClusterSettings


def prepare_feed(
    articles: Sequence[FeedArticle],
    settings: ClusterSettings | None,
    embedder: Embedder | None,
    progress: OnProgress | None,
    cache_path: Path | None,
    scorer: PairScorer | None,
) -> PreparedFeed:
    chosen = scorer or load_scorer()
    config = (settings or ClusterSettings()).resolved(chosen)
    leads = [a.lead() for a in articles]
    with ClusterCache(cache_path) as cache:
        vectors = embed_texts(leads, cache, embedder, progress)
        titles = embed_texts(
            [a.title or a.lead() for a in articles], cache, embedder, progress, stage="titles"
        )
        readings = read_texts(leads, cache, progress)
    features = build_features(
        vectors,
        titles,
        readings,
        [a.date for a in articles],
        [a.outlet for a in articles],
        neighbours=int(config.neighbours or 10),
        window_days=config.window_days,
    )
    return PreparedFeed(features, chosen, config)


def labels_for(
    prepared_features: FeedFeatures,
    scorer: PairScorer,
    outlets: Sequence[str],
    dates: Sequence[dt.date | None],
    settings: ClusterSettings,
    groups: Sequence[Sequence[int]] = (),
) -> list[int]:
    """Cluster labels from measured features (the benchmark calls this directly)."""
    features = prepared_features
    window = settings.window_days
    pair_probability = scorer.for_feed(features, outlets)

    def score(left: np.ndarray[Any, Any], right: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        probability = pair_probability(left, right)
        if window is not None:
            apart = [
                not within(dates[i], dates[j], window)
                for i, j in zip(left.tolist(), right.tolist(), strict=True)
            ]
            probability[np.array(apart, dtype=bool)] = 0.0
        return probability

    closest = 1.0 - settings.same_outlet_distance

    def near_copy(i: int, j: int) -> bool:
        return float(features.vectors[i] @ features.vectors[j]) >= closest

    return link(
        len(outlets),
        features.candidates,
        score,
        outlets,
        near_copy,
        threshold=float(settings.threshold if settings.threshold is not None else 0.5),
        linkage=settings.linkage or "average",
        groups=groups,
    )


def cluster_feed(
    articles: Sequence[FeedArticle],
    *,
    settings: ClusterSettings | None = None,
    embedder: Embedder | None = None,
    progress: OnProgress | None = None,
    cache_path: Path | None = None,
    scorer: PairScorer | None = None,
) -> list[Story]:
    """The feed's stories, largest first; an article close to no other is a story alone."""
    if not articles:
        return []
    prepared = prepare_feed(articles, settings, embedder, progress, cache_path, scorer)
    labels = labels_for(
        prepared.features,
        prepared.scorer,
        [a.outlet for a in articles],
        [a.date for a in articles],
        prepared.settings,
    )
    grouped: dict[int, list[FeedArticle]] = defaultdict(list)
    for article, label in zip(articles, labels, strict=True):
        grouped[label].append(article)
    stories = [Story(id=story_id(members), articles=members) for members in grouped.values()]
    if progress:
        progress("cluster", len(stories), len(stories))
    return _ordered(stories)


def extend_stories(
    stories: Sequence[Story],
    articles: Sequence[FeedArticle],
    *,
    settings: ClusterSettings | None = None,
    embedder: Embedder | None = None,
    progress: OnProgress | None = None,
    cache_path: Path | None = None,
    scorer: PairScorer | None = None,
) -> list[Story]:
    """``stories`` with ``articles`` added: each new article joins the story it is close
    to or opens a new one; the stories keep their ids and are never merged or split.
    Articles whose id is already in a story are left where they are."""
    placed = {a.id for story in stories for a in story.articles}
    fresh = [a for a in articles if a.id not in placed]
    if not fresh:
        return _ordered(list(stories))
    old = [a for story in stories for a in story.articles]
    everything = old + fresh
    prepared = prepare_feed(everything, settings, embedder, progress, cache_path, scorer)
    groups: list[list[int]] = []
    start = 0
    for story in stories:
        groups.append(list(range(start, start + len(story.articles))))
        start += len(story.articles)
    labels = labels_for(
        prepared.features,
        prepared.scorer,
        [a.outlet for a in everything],
        [a.date for a in everything],
        prepared.settings,
        groups=groups,
    )
    id_of_label = {labels[group[0]]: story.id for group, story in zip(groups, stories, strict=True)}
    grouped: dict[int, list[FeedArticle]] = defaultdict(list)
    for article, label in zip(everything, labels, strict=True):
        grouped[label].append(article)
    result = [
        Story(id=id_of_label.get(label) or story_id(members), articles=members)
        for label, members in grouped.items()
    ]
    if progress:
        progress("cluster", len(result), len(result))
    return _ordered(result)


def _ordered(stories: list[Story]) -> list[Story]:
    return sorted(stories, key=lambda story: (-len(story.articles), story.id))
