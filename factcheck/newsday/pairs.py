"""Candidate pairs of a feed and the probability that each pair tells one story.

Candidates are each article's nearest neighbours twice over: by the MiniLM embedding of
title and lead, and by TF-IDF over the lemmas of title and lead (fitted on the feed itself,
so a word common that day weighs little). A pair is then described by a few measurements
(:data:`FEATURES`) and scored by a logistic regression whose fitted weights ship in
``data/pair_scorer.json``, written by ``benchmarks/cluster.py --fit`` (never by hand).

Cost: two chunked brute-force searches (n * n * d multiply-adds for the embedding, a
sparse product for the words; memory n * k plus one chunk of 512 rows) and a few vector
operations per candidate pair, and a look through the candidates the two share (about 2k
each) for the triangle.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import numpy as np
import scipy.sparse as sp

from factcheck.errors import ConfigurationError
from factcheck.newsday.reading import Reading

__all__ = [
    "FEATURES",
    "SECOND_FEATURES",
    "Context",
    "FeedFeatures",
    "Logistic",
    "PairScorer",
    "build_features",
    "load_scorer",
]

FEATURES = (
    "embedding",
    "title_embedding",
    "embedding_gap",
    "embedding_rank",
    "embedding_rank_far",
    "words",
    "words_gap",
    "words_rank",
    "words_rank_far",
    "entities",
    "figures_shared",
    "figures_apart",
    "outlet_rank",
    "outlet_rank_far",
    "outlet_margin",
    "outlet_margin_far",
    "triangle",
)
"""What a pair is scored on. *_gap: the similarity less the two articles' mean similarity
to their neighbours (a pair close for a crowded topic is less telling than one close in an
empty one); *_rank: 1 / rank of each among the other's neighbours (near: the better of the
two, far: the worse; 0 beyond the search); outlet_rank: the same among the other's
candidates of one's own outlet, by embeddings and words together (a story has an outlet
once, so the best match of that outlet is the telling one); outlet_margin: how far that
similarity leads the best other candidate of the outlet (negative when another leads);
triangle: the best third article among both's candidates, by the lesser of its two
embedding similarities (a story told by a third outlet too closes a triangle)."""

_CHUNK = 512
SCORER_FILE = "pair_scorer.json"

Matrix = np.ndarray[Any, np.dtype[np.float64]]
Index = np.ndarray[Any, np.dtype[np.int64]]


@dataclass(frozen=True)
class FeedFeatures:
    """Everything a pair's measurements are read from, for one feed."""

    vectors: Matrix
    title_vectors: Matrix
    words: sp.csr_matrix
    entities: sp.csr_matrix
    figures: list[frozenset[str]]
    embedding_rank: sp.csr_matrix
    words_rank: sp.csr_matrix
    outlet_rank: sp.csr_matrix
    outlet_margin: sp.csr_matrix
    """Margin + 2 (stored entries must not be 0; a pair without one reads 0)."""
    embedding_density: Matrix
    words_density: Matrix
    candidates: tuple[Index, Index]
    """Pairs i < j proposed by either search."""
    candidate_similarity: list[dict[int, float]]
    """Each article's candidates and their embedding similarity to it."""

    def measure(self, left: Index, right: Index) -> Matrix:
        """One row of :data:`FEATURES` per pair ``(left[m], right[m])``."""
        if len(left) == 0:
            return np.zeros((0, len(FEATURES)))
        embedding = np.einsum("ij,ij->i", self.vectors[left], self.vectors[right])
        title = np.einsum("ij,ij->i", self.title_vectors[left], self.title_vectors[right])
        words = _row_dots(self.words, left, right)
        entities = _row_dots(self.entities, left, right)
        shared = np.zeros(len(left))
        apart = np.zeros(len(left))
        for m, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
            a, b = self.figures[i], self.figures[j]
            if a and b:
                shared[m] = len(a & b) / min(len(a), len(b))
                apart[m] = float(not a & b)
        triangle = _triangles(self.candidate_similarity, left, right)
        e_near, e_far = _ranks(self.embedding_rank, left, right)
        w_near, w_far = _ranks(self.words_rank, left, right)
        o_near, o_far = _ranks(self.outlet_rank, left, right)
        m_near, m_far = _ranks(self.outlet_margin, left, right)
        columns = [
            embedding,
            title,
            embedding - (self.embedding_density[left] + self.embedding_density[right]) / 2,
            e_near,
            e_far,
            words,
            words - (self.words_density[left] + self.words_density[right]) / 2,
            w_near,
            w_far,
            entities,
            shared,
            apart,
            o_near,
            o_far,
            np.where(m_near > 0, m_near - 2, -1.0),
            np.where(m_far > 0, m_far - 2, -1.0),
            triangle,
        ]
        return np.column_stack(columns)


def _triangles(similar: list[dict[int, float]], left: Index, right: Index) -> Matrix:
    """For each pair, the best third article that is a candidate of both, by the lesser
    of its two similarities (0 when there is none)."""
    best = np.zeros(len(left))
    for m, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        fewer, more = sorted((similar[i], similar[j]), key=len)
        best[m] = max(
            (min(p, more[k]) for k, p in fewer.items() if k in more and k not in (i, j)),
            default=0.0,
        )
    return best


def _row_dots(matrix: sp.csr_matrix, left: Index, right: Index) -> Matrix:
    products = matrix[left].multiply(matrix[right])
    return np.asarray(products.sum(axis=1), dtype=np.float64).ravel()


def _ranks(ranks: sp.csr_matrix, left: Index, right: Index) -> tuple[Matrix, Matrix]:
    forward = np.asarray(ranks[left, right], dtype=np.float64).ravel()
    backward = np.asarray(ranks[right, left], dtype=np.float64).ravel()
    return np.maximum(forward, backward), np.minimum(forward, backward)


def _neighbours(
    rows: Any, columns: Any, k: int, dense: bool
) -> tuple[sp.csr_matrix, Matrix, list[tuple[int, int]]]:
    """Each row's k most similar others: a sparse matrix of 1 / rank, the mean similarity
    to them, and the pairs found."""
    n = rows.shape[0]
    k = max(0, min(k, n - 1))
    density = np.zeros(n)
    rank_rows: list[Index] = []
    rank_cols: list[Index] = []
    rank_vals: list[Matrix] = []
    if k == 0:
        return sp.csr_matrix((n, n)), density, []
    for start in range(0, n, _CHUNK):
        block = rows[start : start + _CHUNK] @ columns.T
        sims = np.asarray(block if dense else block.toarray(), dtype=np.float64)
        local = np.arange(sims.shape[0])
        sims[local, local + start] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1)
        top_sims = np.take_along_axis(top_sims, order, axis=1)
        density[start : start + len(local)] = top_sims.mean(axis=1)
        keep = top_sims > 0
        rank_rows.append(np.repeat(local + start, k)[keep.ravel()])
        rank_cols.append(top.ravel()[keep.ravel()])
        rank_vals.append((1.0 / np.tile(np.arange(1, k + 1), len(local)))[keep.ravel()])
    r = np.concatenate(rank_rows)
    c = np.concatenate(rank_cols)
    matrix = sp.csr_matrix((np.concatenate(rank_vals), (r, c)), shape=(n, n))
    pairs = list(zip(np.minimum(r, c).tolist(), np.maximum(r, c).tolist(), strict=True))
    return matrix, density, pairs


def _tfidf(documents: Sequence[Sequence[str]]) -> sp.csr_matrix:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(documents):
        return sp.csr_matrix((len(documents), 1))
    vectorizer = TfidfVectorizer(
        analyzer=lambda tokens: tokens, sublinear_tf=True, norm="l2", dtype=np.float64
    )
    matrix: sp.csr_matrix = vectorizer.fit_transform([list(d) for d in documents]).tocsr()
    return matrix


def _outlet_ranks(
    features: FeedFeatures, outlets: Sequence[str], left: Index, right: Index
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """1 / rank of j among i's candidates of j's outlet, by embeddings plus words, and
    the margin (+ 2) of j's similarity over the best other of that outlet."""
    n = len(outlets)
    if len(left) == 0:
        return sp.csr_matrix((n, n)), sp.csr_matrix((n, n))
    similarity = np.einsum("ij,ij->i", features.vectors[left], features.vectors[right])
    similarity += np.einsum("ij,ij->i", features.title_vectors[left], features.title_vectors[right])
    similarity += _row_dots(features.words, left, right)
    source = np.concatenate([left, right])
    target = np.concatenate([right, left])
    both = np.concatenate([similarity, similarity])
    outlet_codes = {o: c for c, o in enumerate(sorted(set(outlets)))}
    target_outlet = np.array([outlet_codes[outlets[t]] for t in target.tolist()])
    order = np.lexsort((-both, target_outlet, source))
    source, target, target_outlet = source[order], target[order], target_outlet[order]
    group_start = np.ones(len(order), dtype=bool)
    group_start[1:] = (source[1:] != source[:-1]) | (target_outlet[1:] != target_outlet[:-1])
    starts = np.flatnonzero(group_start)
    sizes = np.diff(np.append(starts, len(order)))
    position = np.arange(len(order)) - np.repeat(starts, sizes)
    ranked = both[order]
    best = np.repeat(ranked[starts], sizes)
    # A lone candidate of its outlet is measured against the source's other candidates
    # of any outlet (their mean), not against nothing: in a small feed most are alone.
    total = np.bincount(source, weights=ranked, minlength=n)
    count = np.bincount(source, minlength=n)
    others = np.where(
        count[source] > 1, (total[source] - ranked) / np.maximum(count[source] - 1, 1), ranked
    )
    second = np.repeat(ranked[np.minimum(starts + 1, len(order) - 1)], sizes)
    runner_up = np.where(np.repeat(sizes, sizes) > 1, second, others)
    margin = np.clip(ranked - np.where(position == 0, runner_up, best), -1.0, 1.0)
    return (
        sp.csr_matrix((1.0 / (position + 1), (source, target)), shape=(n, n)),
        sp.csr_matrix((margin + 2.0, (source, target)), shape=(n, n)),
    )


def build_features(
    vectors: Matrix,
    title_vectors: Matrix,
    readings: Sequence[Reading],
    dates: Sequence[dt.date | None],
    outlets: Sequence[str],
    *,
    neighbours: int,
    window_days: int | None,
) -> FeedFeatures:
    """Both searches and the feed-level statistics; candidates further apart in date than
    ``window_days`` are dropped."""
    words = _tfidf([r.lemmas for r in readings])
    entities = _tfidf([r.entities for r in readings])
    vectors32 = vectors.astype(np.float32)
    embedding_rank, embedding_density, by_embedding = _neighbours(
        vectors32, vectors32, neighbours, dense=True
    )
    words_rank, words_density, by_words = _neighbours(words, words, neighbours, dense=False)
    pairs = sorted(set(by_embedding) | set(by_words))
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    features = FeedFeatures(
        vectors=vectors,
        title_vectors=title_vectors,
        words=words,
        entities=entities,
        figures=[frozenset(r.figures) for r in readings],
        embedding_rank=embedding_rank,
        words_rank=words_rank,
        outlet_rank=sp.csr_matrix((len(outlets), len(outlets))),
        outlet_margin=sp.csr_matrix((len(outlets), len(outlets))),
        embedding_density=embedding_density,
        words_density=words_density,
        candidates=(left, right),
        candidate_similarity=[{} for _ in outlets],
    )
    similarity = np.einsum("ij,ij->i", vectors[left], vectors[right])
    for i, j, value in zip(left.tolist(), right.tolist(), similarity.tolist(), strict=True):
        features.candidate_similarity[i][j] = value
        features.candidate_similarity[j][i] = value
    # Ranks among an outlet's candidates are read before the date window: the window is
    # a gate, and a feature that changed with it would misread a story whose partners
    # are all that is left inside it.
    rank, margin = _outlet_ranks(features, outlets, left, right)
    if window_days is not None:
        inside = np.array(
            [within(dates[i], dates[j], window_days) for i, j in pairs], dtype=bool
        ).reshape(len(pairs))
        left, right = left[inside], right[inside]
    return replace(features, outlet_rank=rank, outlet_margin=margin, candidates=(left, right))


def within(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    return a is None or b is None or abs((a - b).days) <= days


SECOND_FEATURES = ("first_logit", "best_margin", "best_margin_far", "triangle")
"""What the second stage adds, from the first stage's probabilities over all candidates:
its logit; how far the pair leads each article's best other candidate of the same outlet
(near: the larger of the two margins, far: the smaller); and the best third article close
to both (the lesser of its two probabilities)."""


@dataclass(frozen=True)
class Logistic:
    """A logistic regression over standardised measurements."""

    mean: Matrix
    scale: Matrix
    coef: Matrix
    intercept: float

    def probability(self, measured: Matrix) -> Matrix:
        if len(measured) == 0:
            return np.zeros(0)
        z = ((measured - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    def to_json(self, names: Sequence[str]) -> dict[str, Any]:
        return {
            "features": list(names),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any], names: Sequence[str]) -> Logistic:
        if raw.get("features") != list(names):
            raise ConfigurationError(
                f"the pair scorer was fitted on features {raw.get('features')}, this code "
                f"measures {list(names)}: refit it with benchmarks/cluster.py --fit"
            )
        return cls(
            mean=np.asarray(raw["mean"], dtype=np.float64),
            scale=np.asarray(raw["scale"], dtype=np.float64),
            coef=np.asarray(raw["coef"], dtype=np.float64),
            intercept=float(raw["intercept"]),
        )

    @classmethod
    def fit(cls, measured: Matrix, same_story: np.ndarray[Any, Any]) -> Logistic:
        from sklearn.linear_model import LogisticRegression

        mean = measured.mean(axis=0)
        scale = measured.std(axis=0)
        scale = np.where(scale > 0, scale, 1.0)
        model = LogisticRegression(C=1.0, max_iter=3000)
        model.fit((measured - mean) / scale, same_story)
        return cls(
            mean=mean,
            scale=scale,
            coef=np.asarray(model.coef_[0], dtype=np.float64),
            intercept=float(model.intercept_[0]),
        )


class Context:
    """The first stage's probabilities over a feed's candidates, as the second stage
    reads them: each article's two best candidates of each outlet, and its neighbours."""

    def __init__(
        self, left: Index, right: Index, probability: Matrix, outlets: Sequence[str]
    ) -> None:
        self._outlets = outlets
        self._best: dict[tuple[int, str], list[tuple[float, int]]] = {}
        self._near: dict[int, dict[int, float]] = {}
        for i, j, p in zip(left.tolist(), right.tolist(), probability.tolist(), strict=True):
            for a, b in ((i, j), (j, i)):
                self._near.setdefault(a, {})[b] = p
                best = self._best.setdefault((a, outlets[b]), [])
                best.append((p, b))
                best.sort(reverse=True)
                del best[2:]

    def _margin(self, i: int, j: int, p: float) -> float:
        best = self._best.get((i, self._outlets[j]), [])
        other = next((q for q, partner in best if partner != j), 0.0)
        return p - other

    def measure(self, left: Index, right: Index, probability: Matrix) -> Matrix:
        rows = []
        for i, j, p in zip(left.tolist(), right.tolist(), probability.tolist(), strict=True):
            one, two = self._margin(i, j, p), self._margin(j, i, p)
            near_i, near_j = self._near.get(i, {}), self._near.get(j, {})
            if len(near_j) < len(near_i):
                near_i, near_j = near_j, near_i
            triangle = max(
                (min(q, near_j[k]) for k, q in near_i.items() if k in near_j and k not in (i, j)),
                default=0.0,
            )
            clipped = min(max(p, 1e-6), 1 - 1e-6)
            rows.append([np.log(clipped / (1 - clipped)), max(one, two), min(one, two), triangle])
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(SECOND_FEATURES))


ScorePairs = Callable[[Index, Index], Matrix]


@dataclass(frozen=True)
class PairScorer:
    """A logistic regression over :data:`FEATURES`, optionally followed by a second over
    :data:`SECOND_FEATURES`, read off the first's probabilities for the whole feed. The
    shipped scorer has one stage: cross-validated, the second did not add (see
    benchmarks/README.md); it stays for ``benchmarks/cluster.py --fit --stages 2``."""

    first: Logistic
    second: Logistic | None
    meta: dict[str, Any]

    def for_feed(self, features: FeedFeatures, outlets: Sequence[str]) -> ScorePairs:
        """The probability of any pair of this feed (candidate or not)."""
        if self.second is None:
            only = self.first
            return lambda one, other: only.probability(features.measure(one, other))
        second = self.second
        left, right = features.candidates
        context = Context(
            left, right, self.first.probability(features.measure(left, right)), outlets
        )

        def score(one: Index, other: Index) -> Matrix:
            measured = features.measure(one, other)
            first = self.first.probability(measured)
            return second.probability(context.measure(one, other, first))

        return score

    def to_json(self) -> dict[str, Any]:
        return {
            "first": self.first.to_json(FEATURES),
            "second": self.second.to_json(SECOND_FEATURES) if self.second else None,
            **self.meta,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> PairScorer:
        if "first" not in raw:
            raise ConfigurationError(
                "the pair scorer file lacks its two stages: refit it with "
                "benchmarks/cluster.py --fit"
            )
        return cls(
            first=Logistic.from_json(raw["first"], FEATURES),
            second=Logistic.from_json(raw["second"], SECOND_FEATURES)
            if raw.get("second")
            else None,
            meta={k: v for k, v in raw.items() if k not in {"first", "second"}},
        )


def load_scorer() -> PairScorer:
    """The shipped scorer (fitted on the newsday-dev roundups)."""
    text = resources.files("factcheck.newsday").joinpath("data", SCORER_FILE).read_text()
    return PairScorer.from_json(json.loads(text))
