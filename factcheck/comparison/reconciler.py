"""Reconciliation: line claims up across articles, judge the pairs, group them into points.

1. **Candidate pairs.** Each claim is paired with its ``top_k`` most similar claims of every
   other article (MiniLM or TF-IDF cosine, at least the blocking threshold). A run scores at
   most ``claims x (articles - 1) x top_k`` pairs, each both ways, with no LLM call: linear in
   the number of claims for a fixed number of articles.
2. **Verdicts.** The contradiction model (:mod:`factcheck.comparison.judge`) reads each pair
   both ways. Exact checks stay where they are exact: counted things and weekdays that differ.
   A *certainty* dispute is two claims of one source on one proposition (the model finds that
   one states the other) put with different firmness (modality from extraction).
3. **Points and disputes.** Pairs that agree or disagree are joined into points (strongest
   first, at most ``per_article`` claims of an article in one point); the claims of a point
   are split into two sides, agreeing claims on one side, contradicting claims on the
   other. A point with a contradiction is one dispute, whatever the number of pairs behind
   it; its id comes from the locations of its strongest pair, so review decisions survive a
   re-run. A dispute between two speakers where one side is a demand, an opinion or
   speculation is a *tension*, not a contradiction.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from factcheck.comparison.blocking import similarities
from factcheck.comparison.deterministic import ExactConflict, exact_conflicts
from factcheck.comparison.embeddings import Embedder
from factcheck.comparison.findings import build_finding, side_of
from factcheck.comparison.judge import ModelJudge, PairJudge, PairScore, score_pairs
from factcheck.language import TITLES
from factcheck.schemas import (
    FIRM,
    NOT_FACT,
    SEVERITY_ORDER,
    UNSURE,
    Answer,
    Claim,
    ClaimGroup,
    ClaimSupport,
    ContradictionKind,
    Finding,
    FindingCategory,
    Problem,
)

__all__ = [
    "PairFinding",
    "ReconcileResult",
    "Reconciler",
    "candidate_pairs",
    "same_source",
    "side_of",
]

log = logging.getLogger(__name__)

_KIND_RANK: dict[ContradictionKind, int] = {
    "number": 5, "date": 5, "factual": 4, "negation": 4, "degree": 4, "attribution": 3,
    "certainty": 2,
}  # fmt: skip


@dataclass
class ReconcileResult:
    groups: list[ClaimGroup] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    corroboration: list[ClaimSupport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pairs_scored: int = 0


@dataclass(frozen=True)
class PairFinding:
    """What one pair of claims (indices into the run's claims) shows, before grouping."""

    first: int
    second: int
    relation: str
    """"agree", "contradict" or "certainty"."""
    kind: ContradictionKind | None
    probability: float
    """The model's probability behind the relation (1.0 for an exact check)."""
    detail: str = ""

    @property
    def opposed(self) -> bool:
        return self.relation != "agree"


def _speaker_words(speaker: str) -> list[str]:
    words = [w.strip(".,'’").lower() for w in re.findall(r"[\w'’.-]+", speaker)]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    return [w for w in words if w and w not in TITLES]


def _same_word(a: str, b: str) -> bool:
    """One word, allowing a transliteration variant of a long name (Zelenskyy / Zelensky)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and len(long) - len(short) <= 2 and long.startswith(short)


def same_source(a: Claim, b: Claim) -> bool:
    """Whether two claims can be about one source's position.

    The outlet's own voice matches anyone. Otherwise the shorter name's words must all be
    words of the longer one ("Zelenskyy" in "Ukrainian President Volodymyr Zelensky"), so
    "the Ukrainian government" and "the Russian government" stay two sources.
    """
    if "the outlet" in (a.attributed_to, b.attributed_to):
        return True
    first, second = _speaker_words(a.attributed_to), _speaker_words(b.attributed_to)
    if not first or not second:
        return False
    short, long = sorted((first, second), key=len)
    return all(any(_same_word(w, v) for v in long) for w in short)


def _where(claim: Claim) -> tuple[str, int, int, str]:
    return claim.article_id, claim.char_start, claim.char_end, claim.id


def candidate_pairs(
    claims: Sequence[Claim], sims: list[list[float]], cut: float, top_k: int
) -> list[tuple[int, int]]:
    """Each claim with its ``top_k`` most similar claims (at least ``cut``) of every other
    article; a pair is listed once, its claims in reading order (article, offset)."""
    by_article: dict[str, list[int]] = {}
    for index, claim in enumerate(claims):
        by_article.setdefault(claim.article_id, []).append(index)
    chosen: set[tuple[int, int]] = set()
    for i, claim in enumerate(claims):
        for article, members in by_article.items():
            if article == claim.article_id:
                continue
            ranked = [j for j in members if sims[i][j] >= cut]
            ranked.sort(key=lambda j: (-sims[i][j], _where(claims[j])))
            for j in ranked[:top_k]:
                first, second = sorted((i, j), key=lambda k: _where(claims[k]))
                chosen.add((first, second))
    return sorted(chosen, key=lambda pair: (_where(claims[pair[0]]), _where(claims[pair[1]])))


def _relation(a: Claim, b: Claim, score: PairScore) -> tuple[str, ContradictionKind | None, float]:
    if score.contradicts:
        return "contradict", "factual", score.contradiction
    if score.entails:
        firm = {a.modality in FIRM, b.modality in FIRM}
        unsure = a.modality in UNSURE or b.modality in UNSURE
        if firm == {True, False} and unsure and same_source(a, b):
            return "certainty", "certainty", score.entailment
        return "agree", None, score.entailment
    return "none", None, 0.0


class _Points:
    """Union-find over claims, capped at ``per_article`` claims of one article per point."""

    def __init__(self, claims: Sequence[Claim], per_article: int) -> None:
        self.parent = list(range(len(claims)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
        self.claims = claims
        self.per_article = per_article

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        ri, rj = self.root(i), self.root(j)
        if ri == rj:
            return True
        merged = self.members[ri] + self.members[rj]
        counts: dict[str, int] = {}
        for m in merged:
            counts[self.claims[m].article_id] = counts.get(self.claims[m].article_id, 0) + 1
        if max(counts.values()) > self.per_article:
            return False
        self.parent[rj] = ri
        self.members[ri] = merged
        del self.members[rj]
        return True


def _disputes(
    claims: Sequence[Claim], edges: Sequence[PairFinding]
) -> list[tuple[list[int], dict[int, int], list[PairFinding]]]:
    """Opposed pairs grouped into disputes: (members, side of each member, pairs).

    Strongest pair first. A pair joins a dispute when it shares a claim with it and its
    other claim is on, or agrees with a claim on, the opposite side: "A contradicts B" and
    "A contradicts C" are one dispute when B and C say the same. Two claims of one article
    resting on the same sentence count as agreeing. Then each side takes in the claims of
    other articles that agree with one of its claims directly (one per article), so that a
    side lists every outlet that tells it that way.
    """
    agree: dict[int, set[int]] = {i: set() for i in range(len(claims))}
    for edge in edges:
        if edge.relation == "agree":
            agree[edge.first].add(edge.second)
            agree[edge.second].add(edge.first)
    by_sentence: dict[tuple[str, int, int], list[int]] = {}
    for i, claim in enumerate(claims):
        by_sentence.setdefault((claim.article_id, claim.char_start, claim.char_end), []).append(i)
    for same in by_sentence.values():
        for i in same:
            agree[i].update(j for j in same if j != i)

    def fits(claim: int, side: set[int]) -> bool:
        return claim in side or bool(agree[claim] & side)

    found: list[tuple[set[int], set[int], list[PairFinding]]] = []
    for edge in edges:
        if not edge.opposed:
            continue
        x, y = edge.first, edge.second
        for first, second, pairs in found:
            placed = False
            for p, q in ((x, y), (y, x)):
                shares = p in first or q in second
                if (
                    shares
                    and fits(p, first)
                    and fits(q, second)
                    and not (p in second or q in first)
                ):
                    first.add(p)
                    second.add(q)
                    pairs.append(edge)
                    placed = True
                    break
            if placed:
                break
        else:
            found.append(({x}, {y}, [edge]))

    found = _merge_overlapping(claims, found)
    out = []
    for first, second, pairs in found:
        for side, other in ((first, second), (second, first)):
            articles = {claims[m].article_id for m in side | other}
            for member in sorted(side, key=lambda m: _where(claims[m])):
                for friend in sorted(agree[member], key=lambda m: _where(claims[m])):
                    article = claims[friend].article_id
                    if friend not in other and friend not in side and article not in articles:
                        side.add(friend)
                        articles.add(article)
        members = sorted(first | second, key=lambda m: _where(claims[m]))
        sides = {m: 0 if m in first else 1 for m in members}
        out.append((members, sides, pairs))
    return out


def _merge_overlapping(
    claims: Sequence[Claim], found: list[tuple[set[int], set[int], list[PairFinding]]]
) -> list[tuple[set[int], set[int], list[PairFinding]]]:
    """Disputes that share claims on one side, and none across, are one dispute (of one
    category and kind): "A contradicts B" and "C contradicts B", reached through other
    pairs."""

    def category(pairs: list[PairFinding]) -> tuple[FindingCategory, bool]:
        # A certainty dispute and a factual one are different disagreements.
        edge = pairs[0]
        return _category(claims[edge.first], claims[edge.second]), edge.kind == "certainty"

    merged = True
    while merged:
        merged = False
        for x in range(len(found)):
            for y in range(x + 1, len(found)):
                a0, a1, pa = found[x]
                b0, b1, pb = found[y]
                if category(pa) != category(pb):
                    continue
                for c0, c1 in ((b0, b1), (b1, b0)):
                    if (a0 & c0 or a1 & c1) and not (a0 & c1 or a1 & c0):
                        found[x] = (a0 | c0, a1 | c1, pa + pb)
                        del found[y]
                        merged = True
                        break
                if merged:
                    break
            if merged:
                break
    return found


def _category(a: Claim, b: Claim) -> FindingCategory:
    # A demand or opinion of one speaker against what another (or the outlet) presents as
    # the situation: both outlets can be right, so it is a tension.
    named_same = "the outlet" not in (a.attributed_to, b.attributed_to) and same_source(a, b)
    if (
        not named_same
        and a.attributed_to != b.attributed_to
        and ({a.modality, b.modality} & NOT_FACT)
    ):
        return "tension"
    return "contradiction"


def _who(claims: Sequence[Claim]) -> str:
    """The articles of one side, each with its speakers and modalities."""
    by_article: dict[str, list[str]] = {}
    for claim in claims:
        speaker = "itself" if claim.attributed_to == "the outlet" else claim.attributed_to
        text = f"{speaker}, {claim.modality}"
        if text not in by_article.setdefault(claim.article_id, []):
            by_article[claim.article_id].append(text)
    return ", ".join(f"{a} ({'; '.join(t)})" for a, t in by_article.items())


def _explain(
    category: FindingCategory, kind: ContradictionKind, side_a: list[Claim], side_b: list[Claim],
    edge: PairFinding,
) -> str:  # fmt: skip
    a, b = _who(side_a), _who(side_b)
    if kind in ("number", "date"):
        text = f"Side A, {a}, and side B, {b}, give different figures: {edge.detail}."
    elif category == "tension":
        wish = next((c for c in side_a + side_b if c.modality in NOT_FACT), side_a[0])
        text = (
            f"Side A, {a}, and side B, {b}, address the same point; not necessarily an error: "
            f"{wish.article_id} reports what {wish.attributed_to} wants or judges "
            f"({wish.modality}), the other side what is presented as the situation."
        )
    elif kind == "certainty":
        text = (
            f"Side A, {a}, and side B, {b}, state the same point with different certainty: "
            "one as settled, the other only as possible or under consideration."
        )
    else:
        text = f"Side A, {a}, and side B, {b}, give accounts that cannot both be true."
    return text


class Reconciler:
    """Pairs claims across articles, judges them with the contradiction model, groups them."""

    def __init__(
        self,
        judge: PairJudge | None = None,
        *,
        embedder: Embedder | None = None,
        threshold: float | None = None,
        top_k: int = 3,
        per_article: int = 1,
    ) -> None:
        self.judge: PairJudge = judge or ModelJudge()
        self.embedder = embedder
        self.threshold = threshold
        self.top_k = top_k
        self.per_article = per_article

    def reconcile(
        self,
        claims: Sequence[Claim],
        *,
        on_progress: Callable[[str, int, int], None] | None = None,
    ) -> ReconcileResult:
        claims = list(claims)
        result = ReconcileResult()
        if not claims:
            return result
        sims, default_cut = similarities(claims, self.embedder)
        cut = default_cut if self.threshold is None else self.threshold
        pairs = candidate_pairs(claims, sims, cut, self.top_k)
        scores = score_pairs(self.judge, [(claims[i], claims[j]) for i, j in pairs])
        result.pairs_scored = len(pairs)
        if on_progress:
            on_progress("pairs", len(pairs), len(pairs))

        edges: list[PairFinding] = []
        for (i, j), score in zip(pairs, scores, strict=True):
            exact: list[ExactConflict] = exact_conflicts([claims[i], claims[j]])
            if exact:
                edges.append(PairFinding(i, j, "contradict", exact[0].kind, 1.0, exact[0].detail))
                continue
            relation, kind, probability = _relation(claims[i], claims[j], score)
            if relation != "none":
                edges.append(PairFinding(i, j, relation, kind, probability))
        # Strongest first: exact conflicts, then by the model's probability; ties by where
        # the claims sit, so that the outcome does not depend on the order of the input.
        edges.sort(key=lambda e: (-e.probability, _where(claims[e.first]),
                                  _where(claims[e.second])))  # fmt: skip

        support: dict[str, set[str]] = {c.id: set() for c in claims}
        supporters: dict[str, set[str]] = {c.id: set() for c in claims}
        disputed: dict[str, set[str]] = {c.id: set() for c in claims}
        for edge in edges:
            if edge.relation == "agree":
                a, b = claims[edge.first], claims[edge.second]
                support[a.id].add(b.article_id)
                support[b.id].add(a.article_id)
                supporters[a.id].add(b.id)
                supporters[b.id].add(a.id)

        covered: set[int] = set()
        for members, side, point_edges in _disputes(claims, edges):
            covered.update(members)
            lead = claims[min(members, key=lambda m: (side[m], _where(claims[m])))]
            group = self._group(claims, members, side, point_edges, lead)
            if group is not None:
                result.groups.append(group)
            finding = self._dispute(claims, members, side, point_edges)
            if finding is not None:
                result.findings.append(finding)
                for side_claim in finding.sides:
                    disputed[side_claim.claim_id].add(finding.id)
        # Points the outlets agree on: one claim per article, strongest agreement first.
        points = _Points(claims, self.per_article)
        for edge in edges:
            if edge.relation == "agree":
                points.join(edge.first, edge.second)
        agreeing: dict[int, list[PairFinding]] = {}
        for edge in edges:
            if edge.relation == "agree" and points.root(edge.first) == points.root(edge.second):
                agreeing.setdefault(points.root(edge.first), []).append(edge)
        for root, point_edges in agreeing.items():
            members = sorted(points.members[root], key=lambda m: _where(claims[m]))
            if 2 * len(set(members) & covered) >= len(members):
                continue  # the point of a dispute, already a row of its own
            side = dict.fromkeys(members, 0)
            lead = claims[members[0]]
            group = self._group(claims, members, side, point_edges, lead)
            if group is not None:
                result.groups.append(group)
        result.groups.sort(key=lambda g: g.id)

        result.findings.sort(
            key=lambda f: (f.category, -SEVERITY_ORDER[f.severity], -f.confidence, f.id)
        )
        result.corroboration = [
            ClaimSupport(
                claim_id=c.id,
                article_id=c.article_id,
                supporting_article_ids=sorted(support[c.id]),
                supporting_claim_ids=sorted(supporters[c.id]),
                contradicted_by=sorted(disputed[c.id]),
            )
            for c in claims
        ]
        return result

    @staticmethod
    def _group(
        claims: list[Claim], members: list[int], side: dict[int, int],
        edges: list[PairFinding], lead: Claim,
    ) -> ClaimGroup | None:  # fmt: skip
        """The point as a row of the story at a glance: who agrees with its lead claim."""
        if len({claims[m].article_id for m in members}) < 2:
            return None
        unsure = {m for e in edges if e.relation == "certainty" for m in (e.first, e.second)
                  if claims[m].modality in UNSURE}  # fmt: skip
        answers: dict[str, Answer] = {}
        lead_side = side[claims.index(lead)]
        for m in members:
            if m in unsure:
                answers[claims[m].id] = "uncertain"
            else:
                answers[claims[m].id] = "yes" if side[m] == lead_side else "no"
        key = "|".join(sorted(f"{claims[m].article_id}:{claims[m].char_start}" for m in members))
        return ClaimGroup(
            id="G-" + hashlib.sha256(key.encode()).hexdigest()[:8],
            question=lead.statement[:300],
            claim_ids=[claims[m].id for m in members],
            answers=answers,
        )

    @staticmethod
    def _dispute(
        claims: list[Claim], members: list[int], side: dict[int, int],
        edges: list[PairFinding],
    ) -> Finding | None:  # fmt: skip
        opposed = [e for e in edges if e.opposed]
        if not opposed:
            return None
        strongest = min(opposed, key=lambda e: (-_KIND_RANK[e.kind or "factual"], -e.probability,
                                                 _where(claims[e.first]),
                                                 _where(claims[e.second])))  # fmt: skip
        a, b = claims[strongest.first], claims[strongest.second]
        kind: ContradictionKind = strongest.kind or "factual"
        category = _category(a, b)
        first_side = side[strongest.first]
        ordered = sorted(
            members,
            key=lambda m: (side[m] != first_side, claims[m].article_id, claims[m].char_start),
        )
        side_a = [claims[m] for m in ordered if side[m] == first_side]
        side_b = [claims[m] for m in ordered if side[m] != first_side]
        return build_finding(
            lead=(a, b),
            sides=[(claims[m], 0 if side[m] == first_side else 1) for m in ordered],
            kind=kind,
            category=category,
            probability=strongest.probability,
            explanation=_explain(category, kind, side_a, side_b, strongest),
            method="deterministic" if kind in ("number", "date") else "contradiction_model",
        )
