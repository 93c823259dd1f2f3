"""Reconciliation: line claims up across articles, judge the pairs, group them into points.

1. **Candidate pairs.** Each claim is paired with its ``top_k`` most similar claims of every
   other article (MiniLM or TF-IDF cosine, at least the blocking threshold). A run scores at
   most ``claims x (articles - 1) x top_k`` pairs, each both ways, with no LLM call: linear in
   the number of claims for a fixed number of articles.
2. **Evidence.** Each pair's typed facts (:mod:`factcheck.comparison.checks.typed`, read by spaCy's
   parse) are compared slot by slot: a figure of the same count, a date, a person in a role,
   the status or negation of the same event. Two values for one slot are a *typed* dispute,
   with the two spans as its evidence. A *certainty* dispute is two claims of one source on
   one proposition (the contradiction model, both ways, finds that one states the other) put
   with different firmness (modality from extraction). A pair the contradiction model scores
   as contradicting with neither behind it is only *worth a look*: listed after the disputes,
   ranked by the model's probability, never a dispute.
3. **Disputes.** Opposed pairs are joined into disputes; the claims of a dispute are split
   into two sides, agreeing claims on one side, contradicting claims on the other. Its id
   comes from the locations of its strongest pair, so review decisions survive a re-run. A
   dispute between two speakers where one side is a demand, an opinion or speculation is a
   *tension*, not a contradiction.
4. **Points.** Every claim joins at most one point of the story (:mod:`factcheck.comparison.
   points`): a dispute's claims, the pairs only the model flags, agreeing pairs, pairs that
   tell the same event and mutual nearest neighbours, strongest first. A dispute's point at
   issue is its point's heading.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from factcheck.comparison.align.blocking import EMBEDDING_THRESHOLD, similarities
from factcheck.comparison.align.points import (
    ATTACH_LEXICAL,
    POINT_ATTACH,
    POINT_LEXICAL,
    POINT_SIMILARITY,
    PointEdge,
    build_points,
    group_claims,
    mutual_neighbours,
    nearest_neighbours,
    rare_name_pairs,
    same_figure,
)
from factcheck.comparison.checks.slots import (
    EmbeddingFrames,
    SlotMatch,
    default_frames,
    point_differences,
    timing_only,
)
from factcheck.comparison.checks.typed import TypedDifference, facts_differences, same_event
from factcheck.comparison.findings import build_finding, side_of
from factcheck.comparison.judges.labels import parse_heading
from factcheck.comparison.judges.model import ModelJudge, PairJudge, PairScore, score_pairs
from factcheck.language import TITLES, name_words, same_name_words
from factcheck.nli.embeddings import Embedder
from factcheck.parse import read_facts_many
from factcheck.schemas import (
    KIND_STRENGTH,
    NOT_FACT,
    SEVERITY_ORDER,
    Claim,
    ClaimFacts,
    ClaimSupport,
    ContradictionKind,
    Difference,
    Finding,
    FindingCategory,
    FindingSide,
    Point,
    PointFlagKind,
    Problem,
    WorthALook,
    explanations,
)

__all__ = [
    "PairFinding",
    "PairRelation",
    "ReconcileResult",
    "Reconciler",
    "candidate_pairs",
    "same_source",
    "sharing_pairs",
    "side_of",
]

log = logging.getLogger(__name__)

_LEAD_PARAGRAPHS = 2
"""A claim in the first two paragraphs of its article (the headline is not a claim) is in
the lead: a dispute there is one step more severe."""
_WORTH_A_LOOK = 10
"""At most this many worth-a-look pairs are listed: a reviewer's queue, not an inventory."""


@dataclass
class ReconcileResult:
    points: list[Point] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    worth_a_look: list[WorthALook] = field(default_factory=list)
    corroboration: list[ClaimSupport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pairs_scored: int = 0


PairRelation = Literal["agree", "contradict", "certainty", "look"]
"""What a pair of claims shows: "agree" (the model reads one as entailing the other),
"contradict" (a typed difference), "certainty" (one plan put with two certainties) or
"look" (only the contradiction model flags it: worth a look, no dispute)."""


@dataclass(frozen=True)
class PairFinding:
    """What one pair of claims (indices into the run's claims) shows, before grouping."""

    first: int
    second: int
    relation: PairRelation
    kind: ContradictionKind | None
    probability: float
    """The contradiction model's probability for the relation (a ranking signal)."""
    differences: tuple[TypedDifference, ...] = ()

    @property
    def opposed(self) -> bool:
        return self.relation in ("contradict", "certainty")


def _speaker_words(speaker: str) -> list[str]:
    return [w for w in name_words(speaker) if w and w not in TITLES]


def same_source(a: Claim, b: Claim) -> bool:
    """Whether two claims can be about one source's position.

    The outlet's own voice matches anyone. Otherwise the shorter name's words, titles left
    out, must all be words of the longer one, spelled alike by the one name rule
    (:func:`factcheck.language.same_name_words`: "Zelenskyy" in "Ukrainian President
    Volodymyr Zelensky"), so "the Ukrainian government" and "the Russian government" stay
    two sources.
    """
    if "the outlet" in (a.attributed_to, b.attributed_to):
        return True
    first, second = _speaker_words(a.attributed_to), _speaker_words(b.attributed_to)
    if not first or not second:
        return False
    return same_name_words(first, second)


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


_UNSETTLED = frozenset({"expected", "proposed"})


def _kind_of(differences: Sequence[TypedDifference]) -> ContradictionKind:
    """The dispute's kind: its first difference's, except that "will close" against "is
    considering closing" (expected against proposed) is one plan put with two certainties."""
    if all(d.kind == "status" and {d.value_a, d.value_b} <= _UNSETTLED for d in differences):
        return "certainty"
    return differences[0].kind


def _alignment_keys(facts: ClaimFacts) -> set[str]:
    """Words that tie a sentence to an event: its predicate's participants, named parties and
    the nouns its figures count."""
    keys: set[str] = set()
    if facts.event is not None:
        keys.update(facts.event.participants)
        keys.update(w for w in (facts.event.subject, facts.event.object) if w)
    keys.update(e.key for e in facts.entities)
    keys.update(q.head for q in facts.quantities if q.head)
    return {k for k in keys if k and not k.replace(",", "").isdigit()}


def sharing_pairs(claims: Sequence[Claim], facts: Sequence[ClaimFacts]) -> list[tuple[int, int]]:
    """Pairs of claims of different articles sharing an alignment key (an inverted index, so
    the cost follows the pairs that share something, not all pairs)."""
    index: dict[str, list[int]] = {}
    for i, found in enumerate(facts):
        for key in _alignment_keys(found):
            index.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if claims[i].article_id != claims[j].article_id:
                    pairs.add(tuple(sorted((i, j), key=lambda k: _where(claims[k]))))  # type: ignore[arg-type]
    return sorted(pairs, key=lambda pair: (_where(claims[pair[0]]), _where(claims[pair[1]])))


def _relation(
    a: Claim, b: Claim, score: PairScore
) -> tuple[Literal["look", "agree", "none"], ContradictionKind | None, float]:
    """What the model's scores say of a pair with no typed difference: "look" (it scores a
    contradiction, which alone decides nothing), "agree" or "none".

    Two claims the model reads as one proposition put with different firmness are no
    dispute on that alone: a certainty dispute needs the parse's evidence of what differs
    (a status through a reporting frame, :mod:`factcheck.comparison.checks.reporting`), since the
    modality of two outlets' own analysis ("will depend on" / "hinges on") says nothing
    checkable."""
    if score.contradicts:
        return "look", None, score.contradiction
    if score.entails:
        return "agree", None, score.entailment
    return "none", None, 0.0


_Dispute = tuple[set[int], set[int], list[PairFinding]]


def _agreements(claims: Sequence[Claim], edges: Sequence[PairFinding]) -> dict[int, set[int]]:
    """Who agrees with whom: the agreeing pairs, and two claims resting on one sentence."""
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
    return agree


def _placed(edge: PairFinding, dispute: _Dispute, agree: dict[int, set[int]]) -> bool:
    """Put the opposed pair into the dispute when it shares a claim with it and its other
    claim is on, or agrees with a claim on, the opposite side."""
    first, second, pairs = dispute

    def fits(claim: int, side: set[int]) -> bool:
        return claim in side or bool(agree[claim] & side)

    for p, q in ((edge.first, edge.second), (edge.second, edge.first)):
        shares = p in first or q in second
        if shares and fits(p, first) and fits(q, second) and not (p in second or q in first):
            first.add(p)
            second.add(q)
            pairs.append(edge)
            return True
    return False


def _widen_sides(claims: Sequence[Claim], dispute: _Dispute, agree: dict[int, set[int]]) -> None:
    """Each side takes in the claims of other articles that agree with one of its claims
    directly, one per article."""
    first, second, _ = dispute
    for side, other in ((first, second), (second, first)):
        articles = {claims[m].article_id for m in side | other}
        for member in sorted(side, key=lambda m: _where(claims[m])):
            for friend in sorted(agree[member], key=lambda m: _where(claims[m])):
                article = claims[friend].article_id
                if friend not in other and friend not in side and article not in articles:
                    side.add(friend)
                    articles.add(article)


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
    agree = _agreements(claims, edges)
    found: list[_Dispute] = []
    for edge in edges:
        if edge.opposed and not any(_placed(edge, dispute, agree) for dispute in found):
            found.append(({edge.first}, {edge.second}, [edge]))
    out = []
    for dispute in _merge_overlapping(claims, found):
        _widen_sides(claims, dispute, agree)
        first, second, pairs = dispute
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
    if edge.differences and category == "contradiction":
        first = edge.differences[0]
        return explanations.typed_difference(
            a, b, first.slot, first.value_a, first.value_b, first.what_differs
        )
    if category == "tension":
        wish = next((c for c in side_a + side_b if c.modality in NOT_FACT), side_a[0])
        return explanations.tension(a, b, wish.article_id, wish.attributed_to, wish.modality)
    if kind == "certainty":
        return explanations.certainty(a, b)
    return explanations.other(a, b)


def _lead_claims(claims: Sequence[Claim]) -> set[int]:
    """Claims in the first paragraphs of their article (by line, the unit of a paragraph)."""
    lines: dict[str, list[int]] = {}
    for claim in claims:
        lines.setdefault(claim.article_id, []).append(claim.line)
    first = {a: sorted(set(ls))[:_LEAD_PARAGRAPHS] for a, ls in lines.items()}
    return {i for i, c in enumerate(claims) if c.line in first[c.article_id]}


def _facts(claims: Sequence[Claim]) -> list[ClaimFacts]:
    """Each claim's typed facts: attached by extraction, or read now in one batched parse."""
    missing = [i for i, c in enumerate(claims) if c.facts is None]
    read = read_facts_many([claims[i].quote for i in missing]) if missing else []
    found: dict[int, ClaimFacts] = dict(zip(missing, read, strict=True))
    return [c.facts if c.facts is not None else found[i] for i, c in enumerate(claims)]


def _worth_a_look(
    claims: Sequence[Claim], looks: Sequence[PairFinding], disputed_together: set[frozenset[int]]
) -> list[WorthALook]:
    items: list[WorthALook] = []
    seen: set[frozenset[int]] = set()
    for edge in sorted(looks, key=lambda e: (-e.probability, _where(claims[e.first]))):
        pair = frozenset((edge.first, edge.second))
        if pair in seen or pair in disputed_together:
            continue
        seen.add(pair)
        a, b = claims[edge.first], claims[edge.second]
        key = "|".join(sorted(f"{c.article_id}:{c.char_start}:{c.char_end}" for c in (a, b)))
        sides: list[FindingSide] = [side_of(a, 0), side_of(b, 1)]
        items.append(
            WorthALook(
                id="W-" + hashlib.sha256(key.encode()).hexdigest()[:8],
                probability=round(edge.probability, 3),
                sides=sides,
            )
        )
        if len(items) == _WORTH_A_LOOK:
            break
    return items


class Reconciler:
    """Pairs claims across articles, judges them with the contradiction model, groups them."""

    def __init__(
        self,
        judge: PairJudge | None = None,
        *,
        embedder: Embedder | None = None,
        threshold: float | None = None,
        top_k: int = 3,
        per_article: int = 2,
    ) -> None:
        self.judge: PairJudge = judge or ModelJudge()
        self.embedder = embedder
        self.threshold = threshold
        self.top_k = top_k
        self.per_article = per_article
        self._match: SlotMatch | None = None

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
        facts = _facts(claims)
        # The model reads the most similar claims; the typed checks also read every pair that
        # shares a participant, since "a 48-page indictment" and "the 47-page indictment"
        # need not be near in embedding space. Few of those pairs differ on a slot.
        similar = candidate_pairs(claims, sims, cut, self.top_k)
        shared = sharing_pairs(claims, facts)
        typed_only = sorted(set(shared) - set(similar))
        typed = {pair: facts_differences(facts[pair[0]], facts[pair[1]]) for pair in typed_only}
        pairs = similar + [pair for pair in typed_only if typed[pair]]
        scores = score_pairs(self.judge, [(claims[i], claims[j]) for i, j in pairs])
        result.pairs_scored = len(pairs)
        if on_progress:
            on_progress("pairs", len(pairs), len(pairs))

        edges: list[PairFinding] = []
        looks: list[PairFinding] = []
        for (i, j), score in zip(pairs, scores, strict=True):
            differences = [
                d
                for d in typed.get((i, j)) or facts_differences(facts[i], facts[j])
                if not timing_only(d, facts[i], facts[j])
            ]
            if differences:
                typed_kind = _kind_of(differences)
                typed_relation: PairRelation = (
                    "certainty" if typed_kind == "certainty" else "contradict"
                )
                edges.append(
                    PairFinding(
                        i, j, typed_relation, typed_kind, score.contradiction, tuple(differences)
                    )
                )
                continue
            relation, kind, probability = _relation(claims[i], claims[j], score)
            if relation == "look":
                looks.append(PairFinding(i, j, relation, None, probability))
            elif relation != "none":
                edges.append(PairFinding(i, j, relation, kind, probability))
        # Strongest first: typed differences, then by the model's probability; ties by where
        # the claims sit, so that the outcome does not depend on the order of the input.
        edges.sort(key=lambda e: (not e.differences, -e.probability, _where(claims[e.first]),
                                  _where(claims[e.second])))  # fmt: skip
        in_lead = _lead_claims(claims)
        self._settle(claims, facts, sims, default_cut, edges, looks, shared, similar, in_lead,
                     result)  # fmt: skip
        # Inside each point, every pair of outlets is compared slot by slot: a difference
        # the pair tests above did not see joins the edges, and the disputes are drawn again.
        inside = self._inside_points(claims, facts, edges, result.points)
        if inside:
            replaced = {frozenset((e.first, e.second)) for e in inside}
            kept = [e for e in edges if frozenset((e.first, e.second)) not in replaced]
            edges = sorted([*kept, *inside], key=lambda e: (
                not e.differences, -e.probability, _where(claims[e.first]),
                _where(claims[e.second])))  # fmt: skip
            self._settle(claims, facts, sims, default_cut, edges, looks, shared, similar,
                         in_lead, result)  # fmt: skip
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
        for finding in result.findings:
            for side_claim in finding.sides:
                disputed[side_claim.claim_id].add(finding.id)
        result.findings.sort(
            key=lambda f: (f.category, -SEVERITY_ORDER[f.severity], -(f.probability or 0), f.id)
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

    def _settle(
        self, claims: list[Claim], facts: list[ClaimFacts], sims: list[list[float]], cut: float,
        edges: list[PairFinding], looks: list[PairFinding], shared: list[tuple[int, int]],
        similar: list[tuple[int, int]], in_lead: set[int], result: ReconcileResult,
    ) -> None:  # fmt: skip
        """Disputes from the opposed edges, the worth-a-look list, and the points, each
        dispute's question its point's heading."""
        disputed_together: set[frozenset[int]] = set()
        dispute_members: list[list[int]] = []
        finding_members: list[tuple[Finding, list[int]]] = []
        for members, side, point_edges in _disputes(claims, edges):
            disputed_together.update(frozenset((x, y)) for x in members for y in members if x != y)
            dispute_members.append(members)
            finding = self._dispute(claims, members, side, point_edges, in_lead)
            if finding is not None:
                finding_members.append((finding, members))
        result.findings = [finding for finding, _ in finding_members]
        result.worth_a_look = _worth_a_look(claims, looks, disputed_together)
        result.points = self._points(
            claims, facts, sims, cut, edges, looks, shared, similar, dispute_members, result
        )
        # A dispute's point at issue is its point's heading (an LLM label replaces both).
        heading = {c: p.heading for p in result.points for c in p.claim_ids}
        point_of = {c: p.id for p in result.points for c in p.claim_ids}
        for n, (finding, members) in enumerate(finding_members):
            first = claims[members[0]].id
            result.findings[n] = finding.model_copy(
                update={"question": heading.get(first, finding.question),
                        "point_id": point_of.get(first)}
            )  # fmt: skip

    def _inside_points(
        self,
        claims: list[Claim],
        facts: list[ClaimFacts],
        edges: list[PairFinding],
        points: list[Point],
    ) -> list[PairFinding]:
        """Pairs of one point, of different articles, that differ on a slot the pair tests
        did not read (:func:`factcheck.comparison.checks.slots.point_differences`)."""
        index = {c.id: i for i, c in enumerate(claims)}
        tested = {frozenset((e.first, e.second)) for e in edges if e.differences}
        pairs: list[tuple[int, int]] = []
        for point in points:
            members = sorted((index[c] for c in point.claim_ids), key=lambda m: _where(claims[m]))
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    if claims[i].article_id != claims[j].article_id and (
                        frozenset((i, j)) not in tested
                    ):
                        pairs.append((i, j))
        found: list[tuple[int, int, list[TypedDifference]]] = []
        for i, j in pairs:
            differences = point_differences(facts[i], facts[j], match=self._slot_match())
            if differences:
                found.append((i, j, differences))
        if not found:
            return []
        scores = score_pairs(self.judge, [(claims[i], claims[j]) for i, j, _ in found])
        out = []
        for (i, j, differences), score in zip(found, scores, strict=True):
            kind = _kind_of(differences)
            relation: PairRelation = "certainty" if kind == "certainty" else "contradict"
            out.append(PairFinding(i, j, relation, kind, score.contradiction, tuple(differences)))
        return out

    def _slot_match(self) -> SlotMatch:
        if self._match is None:
            self._match = SlotMatch(
                EmbeddingFrames(self.embedder) if self.embedder else default_frames(),
                self.judge,
            )
        return self._match

    def _points(
        self, claims: list[Claim], facts: list[ClaimFacts], sims: list[list[float]], cut: float,
        edges: list[PairFinding], looks: list[PairFinding], sharing: list[tuple[int, int]],
        similar: list[tuple[int, int]], disputes: list[list[int]], result: ReconcileResult,
    ) -> list[Point]:  # fmt: skip
        """The points of the story, strongest evidence first (see
        factcheck.comparison.align.points): the tiers are kept apart by adding 3, 2, 1 and 0
        to the pair's own score."""
        joins: list[PointEdge] = []
        for edge in edges:
            if edge.opposed:
                flag: PointFlagKind = (
                    "typed_difference" if edge.differences else "certainty_difference"
                )
                detail = (
                    f"{edge.differences[0].slot}: {edge.differences[0].what_differs}"
                    if edge.differences
                    else "one proposition put as settled and as possible"
                )
                joins.append(PointEdge(edge.first, edge.second, 3 + edge.probability, flag,
                                       detail, edge.probability))  # fmt: skip
            elif edge.relation == "agree":
                joins.append(PointEdge(edge.first, edge.second, 1 + edge.probability, firm=False))
        for look in looks:
            joins.append(PointEdge(look.first, look.second, 2 + look.probability, "worth_a_look",
                                   f"model probability {look.probability:.2f}",
                                   look.probability))  # fmt: skip
        for i, j in sharing:
            if same_event(facts[i], facts[j]):
                joins.append(PointEdge(i, j, 0.5 + sims[i][j] / 2, firm=False))
        for i, j in similar:
            if same_figure(facts[i], facts[j]):
                joins.append(PointEdge(i, j, 0.5 + sims[i][j] / 2))
        for i, j in rare_name_pairs(claims, facts):
            # A rare name marks the point more surely than two quotes that agree: it ranks
            # with the model's flags, above entailment.
            joins.append(PointEdge(i, j, 2 + sims[i][j] / 2))
        point_cut = POINT_SIMILARITY if cut >= EMBEDDING_THRESHOLD else POINT_LEXICAL
        for i, j, similarity in mutual_neighbours(claims, sims, point_cut):
            joins.append(PointEdge(i, j, similarity / 2, firm=False))
        attach_cut = POINT_ATTACH if cut >= EMBEDDING_THRESHOLD else ATTACH_LEXICAL
        groups = group_claims(
            claims,
            disputes,
            joins,
            attach=nearest_neighbours(claims, sims, attach_cut),
            per_article=self.per_article,
            sims=sims,
            cohesion=attach_cut,
        )
        return build_points(
            claims,
            groups,
            [e for e in joins if e.flag],
            result.findings,
            result.worth_a_look,
            lambda members: parse_heading(
                [claims[m] for m in members], [facts[m] for m in members]
            ),
        )

    @staticmethod
    def _dispute(
        claims: list[Claim], members: list[int], side: dict[int, int],
        edges: list[PairFinding], in_lead: set[int],
    ) -> Finding | None:  # fmt: skip
        opposed = [e for e in edges if e.opposed]
        if not opposed:
            return None
        strongest = min(opposed, key=lambda e: (-KIND_STRENGTH[e.kind or "factual"], -e.probability,
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
        differences: list[Difference] = []
        shown: set[str] = set()
        for edge in sorted(opposed, key=lambda e: (not e.differences, -e.probability)):
            x, y = claims[edge.first], claims[edge.second]
            if side[edge.first] != first_side:
                x, y = y, x
            for found in edge.differences:
                if found.what_differs not in shown and len(differences) < 5:
                    shown.add(found.what_differs)
                    oriented = found if x is claims[edge.first] else found.swapped()
                    differences.append(oriented.evidence(x.id, y.id))
        question = f"{strongest.differences[0].slot}" if strongest.differences else a.statement
        return build_finding(
            lead=(a, b),
            sides=[(claims[m], 0 if side[m] == first_side else 1) for m in ordered],
            kind=kind,
            category=category,
            probability=strongest.probability,
            explanation=_explain(category, kind, side_a, side_b, strongest),
            method="typed_check" if strongest.differences else "certainty_check",
            question=question,
            in_lead=bool({strongest.first, strongest.second} & in_lead),
            differences=differences,
        )
