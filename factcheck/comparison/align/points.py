"""The points of a story: the claims of all outlets grouped by what they speak to.

A point is one event, figure or status, with every outlet's statements on it. Claims are
joined by the evidence reconciliation already has, strongest first, in a union-find:

1. the claims of one dispute (a typed or certainty difference, the sides' corroboration);
2. pairs the contradiction model flags (worth a look): they are about one thing, or the
   model would not oppose them;
3. pairs where one quote states the other (entailment, both ways);
4. pairs sharing a participant whose predicates tell the same event
   (:func:`factcheck.comparison.checks.typed.same_event`), and similar pairs (the candidate pairs)
   giving a figure of one kind and unit within a factor ``FIGURE_RATIO`` ("a $9 billion
   pipeline" / "the $8 billion project": :func:`same_figure`); pairs naming one party the
   story names rarely (:func:`rare_name_pairs`: "Article 5" / "Article 5 of the NATO
   treaty", not "NATO" in every other sentence) come before these, after entailment;
5. mutual nearest neighbours in embedding space across two articles, above
   ``POINT_SIMILARITY`` (or ``POINT_LEXICAL`` on TF-IDF);
6. last, a claim still in no point of two articles joins the point of one of its three most
   similar claims of other articles (nearest first), above ``POINT_ATTACH`` (or
   ``ATTACH_LEXICAL``).

A join that would put more than ``per_article`` claims of one article into a point is
refused (except within one dispute), so a point does not grow into a topic by chaining.
A rare name ranks after the model's flags and before entailment: it marks the point more
surely than two quotes the model finds agreeing. Only firm evidence (1, 2, a rare name,
one figure) may merge two points; loose evidence
(entailment, one event, similarity: 3, 4, 5, 6) brings a claim that is in no point yet
into a point, and only when the claim is on average at least ``POINT_ATTACH`` similar to
the point's claims. A sentence on two things ("bilateral guarantees ... mirroring Article
5") would otherwise chain the point on one thing to the point on the other. On stories-dev
(``benchmarks/stories.py --llm outlet``) this keeps 9 of 10 gold disagreements aligned and
makes no point larger than before (largest 6 claims); 49 of 52 gold agreements share a
point (50 before). RARE_SHARE 0.15 and the rare name's rank were chosen there too (0.1:
9 aligned, 48 agreements; without the share, a rare name ranked first aligned 8).

Cost. No model is asked anything new: every edge is already computed (the candidate pairs,
at most ``claims x (articles - 1) x top_k``; the sharing pairs; one scan of each claim's row
of the similarity matrix for its best match per article and its three nearest). So the
union-find reads O(claims x articles) edges, each joined in near-constant time (path
halving, union by size): about linear in the claims for a fixed number of articles. The
row scans read the similarity matrix blocking already computes (quadratic arithmetic, no
model call). POINT_ATTACH 0.4 was chosen on stories-dev (0.45 aligns 8 of 10 gold
disagreements, 0.4 aligns 9; the tenth rests on a headline, which is never a claim).

``factcheck.report.points`` is the other side of the same concept: this module groups the
claims into points, that one lays the points out for the reader (points x outlets).
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from factcheck.schemas import (
    Claim,
    ClaimFacts,
    Finding,
    Point,
    PointFlag,
    PointFlagKind,
    PointStatement,
    WorthALook,
)

__all__ = [
    "ATTACH_LEXICAL",
    "FIGURE_RATIO",
    "POINT_ATTACH",
    "POINT_LEXICAL",
    "POINT_SIMILARITY",
    "RARE_SHARE",
    "PointEdge",
    "build_points",
    "group_claims",
    "mutual_neighbours",
    "nearest_neighbours",
    "point_id",
    "rare_name_pairs",
    "same_figure",
    "statement_of",
]

POINT_SIMILARITY = 0.6
"""MiniLM cosine above which two mutual nearest neighbours of two articles share a point."""
POINT_LEXICAL = 0.35
"""The same on the TF-IDF cosine (no embeddings installed)."""
FIGURE_RATIO = 1.5
"""Two figures of one kind and unit this close speak to one point (not the same value)."""
POINT_ATTACH = 0.4
"""MiniLM cosine above which a claim in no point joins its nearest claim's point."""
ATTACH_LEXICAL = 0.3
"""The same on the TF-IDF cosine."""
RARE_SHARE = 0.15
"""A name is rare in a story when at most this share of its claims name it (besides at most
one and a half claims per article naming it): in a story of a dozen claims no shared name
is rare, as every name of a short excerpt is in most of its sentences."""


@dataclass(frozen=True)
class PointEdge:
    """Two claims (indices) that speak to one point, and what says so."""

    first: int
    second: int
    strength: float
    flag: PointFlagKind | None = None
    """"typed_difference", "certainty_difference", "worth_a_look" or "" (agreement,
    same event, similarity: joins without a flag)."""
    detail: str = ""
    probability: float | None = None
    """The contradiction model's probability for the pair (a ranking signal)."""
    firm: bool = True
    """Firm evidence (a flag, a name the story rarely gives, one figure) may join two
    points; loose evidence (the model's entailment, one event, similarity) only brings a
    claim that is in no point yet into a point it resembles as a whole (see
    :func:`group_claims`)."""


@dataclass
class _UnionFind:
    article_of: list[str]
    per_article: int
    parent: list[int] = field(init=False)
    members: dict[int, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.article_of)))
        self.members = {i: [i] for i in range(len(self.article_of))}

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, *, force: bool = False) -> bool:
        ri, rj = self.root(i), self.root(j)
        if ri == rj:
            return True
        merged = self.members[ri] + self.members[rj]
        if not force:
            counts: dict[str, int] = {}
            for m in merged:
                counts[self.article_of[m]] = counts.get(self.article_of[m], 0) + 1
            if max(counts.values()) > self.per_article:
                return False
        if len(self.members[ri]) < len(self.members[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri] = merged
        del self.members[rj]
        return True

    def cohesive(self, i: int, j: int, sims: Sequence[Sequence[float]] | None, cut: float) -> bool:
        """Whether a loose edge i-j may join: one end is in no point yet (a claim alone)
        and is, on average, at least ``cut`` similar to the other end's point. Two points
        are never merged on loose evidence: a sentence on two things would chain them."""
        ri, rj = self.root(i), self.root(j)
        if ri == rj:
            return True
        if len(self.members[ri]) > 1 and len(self.members[rj]) > 1:
            return False
        if sims is None:
            return True
        alone, point = (
            (i, self.members[rj]) if len(self.members[ri]) == 1 else (j, self.members[ri])
        )
        return sum(sims[alone][m] for m in point) / len(point) >= cut


def same_figure(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Both claims give a figure of one kind and unit (a unit other than none, or counting
    one noun), within a factor ``FIGURE_RATIO``: "$9 billion" and "$8 billion" are one
    point's figure, "$9 billion" and "$900" are not. Years and shares of nothing are left."""
    for x in a.quantities:
        for y in b.quantities:
            if x.kind != y.kind or x.unit != y.unit or x.value <= 0 or y.value <= 0:
                continue
            if x.unit == "none" and (not x.head or x.head != y.head):
                continue
            if max(x.value, y.value) / min(x.value, y.value) <= FIGURE_RATIO:
                return True
    return False


def rare_name_pairs(claims: Sequence[Claim], facts: Sequence[ClaimFacts]) -> list[tuple[int, int]]:
    """Pairs of claims of two articles naming one party (entity keys, one's words within the
    other's) that the story names rarely: in at most one and a half claims per article
    naming it, and in at most ``RARE_SHARE`` of the story's claims (on the seeds, "Article
    5": 6 claims of 125 in 4 articles; "NATO": dozens).

    A name in every other sentence ("NATO", the president) ties nothing together; a rarer
    one ("Article 5") marks the point. The shorter of the two keys must be rare, so "NATO"
    does not join "Article 5 of the NATO treaty"."""
    keys = [{e.key for e in f.entities if e.key and not e.key.isdigit()} for f in facts]
    words = {k: frozenset(k.split()) for ks in keys for k in ks}
    holders: dict[str, list[int]] = {}
    for key, mine in words.items():
        holders[key] = [i for i, ks in enumerate(keys) if any(mine <= words[k] for k in ks)]
    spread = {key: len({claims[i].article_id for i in found}) for key, found in holders.items()}
    rare = {
        key
        for key, found in holders.items()
        if spread[key] >= 2
        and 2 * len(found) <= 3 * spread[key]
        and len(found) <= RARE_SHARE * len(claims)
    }
    pairs: set[tuple[int, int]] = set()
    for key in rare:
        found = holders[key]
        for x, i in enumerate(found):
            for j in found[x + 1 :]:
                if claims[i].article_id != claims[j].article_id:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def mutual_neighbours(
    claims: Sequence[Claim], sims: Sequence[Sequence[float]], cut: float
) -> list[tuple[int, int, float]]:
    """Pairs of claims of two articles each the other's most similar claim in its article,
    at least ``cut``: one scan of each claim's row."""
    by_article: dict[str, list[int]] = {}
    for index, claim in enumerate(claims):
        by_article.setdefault(claim.article_id, []).append(index)
    best: dict[tuple[int, str], int] = {}
    for i, claim in enumerate(claims):
        for article, members in by_article.items():
            if article != claim.article_id:
                best[(i, article)] = max(members, key=lambda j: (sims[i][j], -j))
    out = []
    for (i, _), j in best.items():
        if i < j and best.get((j, claims[i].article_id)) == i and sims[i][j] >= cut:
            out.append((i, j, float(sims[i][j])))
    return out


def nearest_neighbours(
    claims: Sequence[Claim], sims: Sequence[Sequence[float]], cut: float, k: int = 3
) -> list[tuple[int, int, float]]:
    """Each claim with its ``k`` most similar claims of other articles, at least ``cut``."""
    out: list[tuple[int, int, float]] = []
    for i, claim in enumerate(claims):
        others = (j for j in range(len(claims)) if claims[j].article_id != claim.article_id)
        nearest = heapq.nsmallest(k, others, key=lambda j: (-sims[i][j], j))
        out.extend((i, j, float(sims[i][j])) for j in nearest if sims[i][j] >= cut)
    return out


def group_claims(
    claims: Sequence[Claim],
    disputes: Sequence[Sequence[int]],
    edges: Sequence[PointEdge],
    *,
    attach: Sequence[tuple[int, int, float]] = (),
    per_article: int = 2,
    sims: Sequence[Sequence[float]] | None = None,
    cohesion: float = 0.0,
) -> list[list[int]]:
    """The claims joined into points (index lists, each in input order), the members of each
    dispute always together, then ``edges`` strongest first within ``per_article``, then each
    claim of ``attach`` (claim, nearest claim, similarity) still in no point of two articles
    into its nearest claim's point. A loose edge (``firm=False``) and an attachment bring
    one claim into a point only when its mean similarity to the point's claims (``sims``)
    is at least ``cohesion``, and never merge two points. Points with claims of one article
    only are left out: they are single-source claims."""
    articles = [c.article_id for c in claims]
    found = _UnionFind(articles, per_article)
    for members in disputes:
        for other in members[1:]:
            found.join(members[0], other, force=True)
    for edge in sorted(edges, key=lambda e: (-e.strength, e.first, e.second)):
        if edge.firm or found.cohesive(edge.first, edge.second, sims, cohesion):
            found.join(edge.first, edge.second)
    for i, j, _ in sorted(attach, key=lambda a: (-a[2], a[0], a[1])):
        # Tried nearest first: a point that is full for the claim's article is passed over.
        alone = len({articles[m] for m in found.members[found.root(i)]}) == 1
        if alone and found.cohesive(i, j, sims, cohesion):
            found.join(i, j)
    groups = [sorted(m) for m in found.members.values()]
    return sorted(
        (g for g in groups if len({claims[i].article_id for i in g}) > 1), key=lambda g: g[0]
    )


def point_id(claim: Claim) -> str:
    """From where the point's first claim sits: stable while that claim leads it."""
    key = f"{claim.article_id}:{claim.char_start}:{claim.char_end}"
    return "P-" + hashlib.sha256(key.encode()).hexdigest()[:8]


def statement_of(claim: Claim) -> PointStatement:
    return PointStatement(
        claim_id=claim.id,
        article_id=claim.article_id,
        attributed_to=claim.attributed_to,
        modality=claim.modality,
        quote=claim.quote,
        char_start=claim.char_start,
        char_end=claim.char_end,
        line=claim.line,
    )


def build_points(
    claims: Sequence[Claim],
    groups: Sequence[Sequence[int]],
    edges: Sequence[PointEdge],
    findings: Sequence[Finding],
    worth_a_look: Sequence[WorthALook],
    heading: Callable[[Sequence[int]], str],
) -> list[Point]:
    """Each group as a :class:`Point`: its statements in story order (articles as given,
    then where the quote sits), the articles silent on it, its flags (each flagged pair,
    then the findings drawn from it), and ``heading(members)`` as its first heading (of the
    flagged claims when there are any)."""
    order = {a: n for n, a in enumerate(dict.fromkeys(c.article_id for c in claims))}
    listed = {frozenset(s.claim_id for s in item.sides): item.id for item in worth_a_look}
    points = []
    for members in groups:
        inside = set(members)
        ordered = sorted(
            members,
            key=lambda m: (order[claims[m].article_id], claims[m].char_start, claims[m].char_end),
        )
        ids = {claims[m].id for m in members}
        flags: list[PointFlag] = []
        for edge in edges:
            if edge.flag and edge.first in inside and edge.second in inside:
                pair = [claims[edge.first].id, claims[edge.second].id]
                flags.append(
                    PointFlag(
                        flag=edge.flag,
                        claim_ids=pair,
                        detail=edge.detail[:500],
                        probability=None
                        if edge.probability is None
                        else round(edge.probability, 3),
                        finding_id=listed.get(frozenset(pair)),
                    )
                )
        for finding in findings:
            if {s.claim_id for s in finding.sides} <= ids:
                flags.append(
                    PointFlag(
                        flag="dispute" if finding.category == "contradiction" else finding.category,
                        finding_id=finding.id,
                        detail=finding.kind,
                    )
                )
        # The heading comes from the claims a flag rests on, when there are any: the point
        # at issue is what they differ on.
        marked = {c for f in flags for c in f.claim_ids}
        flagged = [m for m in ordered if claims[m].id in marked]
        speaking = {claims[m].article_id for m in members}
        points.append(
            Point(
                id=point_id(claims[ordered[0]]),
                heading=heading(flagged or ordered),
                statements=[statement_of(claims[m]) for m in ordered],
                silent=[a for a in order if a not in speaking],
                flags=flags,
            )
        )
    points.sort(key=lambda p: (order[p.statements[0].article_id], p.statements[0].char_start))
    return points
