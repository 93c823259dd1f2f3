"""The judge: the contradiction model's verdict on claim pairs, read both ways.

No LLM is asked anything here. Each candidate pair of claims from two articles is put to
the shipped contradiction model (:mod:`factcheck.nli`) in both directions, quote against
quote: the quotes are the outlets' own sentences, so the verdict does not depend on how the
extraction model worded a statement. What the pair's numbers mean is decided by thresholds
chosen on dev data (``benchmarks/calibrate.py``), never on the seeds:

``CONTRADICTION_THRESHOLD``
    a pair contradicts when the larger of the two directions' contradiction probabilities
    reaches it. Chosen on ClaimDiff-W train (1.9k cross-outlet claim pairs) so that at most
    0.2% of its pairs where neither claim weakens the other are flagged (about one false
    alarm in a five-article run); its MNLI dev recall is stated below.
``ENTAILMENT_THRESHOLD``
    one claim's quote states the other's when its entailment probability reaches it
    (corroboration, and "the same proposition" for a certainty dispute). Chosen on the MNLI
    dev slice (entailment against the rest).
``VERIFY_CONTRADICTION_THRESHOLD`` / ``VERIFY_ENTAILMENT_THRESHOLD``
    a statement against whole source texts (every window read, the strongest wins), chosen
    on SummEdits news dev.

``factcheck.nli.model`` is the other side of the same model: that module loads and runs it,
this one reads its probabilities as verdicts on claims.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from factcheck.llm import ResponseCache, cache_key, cached_batch
from factcheck.nli import (
    ENTAILMENT_THRESHOLD,
    ContradictionModel,
    WindowScores,
    default_info,
    default_model,
    score_windows,
)
from factcheck.schemas import NLI_LABELS, Claim

__all__ = [
    "CONTRADICTION_THRESHOLD",
    "ENTAILMENT_THRESHOLD",
    "VERIFY_CONTRADICTION_THRESHOLD",
    "VERIFY_ENTAILMENT_THRESHOLD",
    "CachedJudge",
    "ModelJudge",
    "PairJudge",
    "PairScore",
    "score_pairs",
]

# Chosen by `.venv/bin/python benchmarks/calibrate.py` (figures: benchmarks/calibration.json
# and benchmarks/README.md). Measured with the shipped model (run 3, 2026-12-06):
# - reconcile: nearly all candidate pairs of a run are topical but do not contradict, and a
#   five-article story puts about 750 of them to the model, so the threshold is the lowest
#   that flags at most 0.2% of ClaimDiff-W's relation-0 pairs (two outlets' claims on one
#   topic): 0.80. At it, MNLI dev contradiction recall is 0.457 with 4.5% false positives,
#   SummEdits edited-vs-original summary pairs score 0.659 balanced accuracy, and none of 262
#   topical sentence pairs within one SummEdits document is flagged. (Run 2 needed 0.825 for
#   the same budget, with recall 0.425 and 0.616 on the summary pairs.) The balanced-accuracy
#   optimum (0.475: MNLI dev and ClaimDiff-W mean 0.628) would flag several percent of
#   topical pairs, dozens a run. ClaimDiff-W's "B weakens A" stays near chance at every
#   threshold (best 0.528): the model does not see it.
CONTRADICTION_THRESHOLD = 0.80
# - MNLI dev, entailment against the rest, read both ways: best 0.786 at 0.55
#   (ENTAILMENT_THRESHOLD, defined with the model in factcheck.nli: extraction uses it too).
# - SummEdits news dev, "no sentence contradicted": best 0.715 at 0.07, and 0.704-0.715 over
#   0.06-0.08 (0.674 at 0.09); 0.07 is both the peak and the middle of that plateau. Judged on
#   each of its 4 documents at the threshold chosen on the other three: 0.715.
VERIFY_CONTRADICTION_THRESHOLD = 0.07
# - SummEdits news dev, "every sentence supported": best 0.695 at 0.80 (0.638 judged on each
#   document at the threshold chosen on the others).
VERIFY_ENTAILMENT_THRESHOLD = 0.80


class PairJudge(Protocol):
    """Anything that scores (premise, statement) pairs as the contradiction model does."""

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[WindowScores]: ...

    @property
    def fingerprint(self) -> str: ...


class ModelJudge:
    """The shipped contradiction model (loaded on first use, once per process)."""

    def __init__(self, model: ContradictionModel | None = None) -> None:
        self._model = model

    @property
    def model(self) -> ContradictionModel:
        if self._model is None:
            self._model = default_model()
        return self._model

    @property
    def fingerprint(self) -> str:
        """Name and sha256 prefix of the weights, for the report's run information and the
        score cache's keys. Read from ``model.json``: a warm run, whose scores all come from
        the cache, never loads the model."""
        info = self._model.info if self._model is not None else default_info()
        return f"{info.name}@{info.onnx_sha256[:12]}"

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[WindowScores]:
        return score_windows(pairs, model=self.model)


class CachedJudge:
    """A judge whose scores are kept in the response cache, keyed by the model's weights
    and the two texts: a re-run on the same claims scores nothing again."""

    def __init__(self, judge: PairJudge, cache: ResponseCache) -> None:
        self._judge = judge
        self._cache = cache

    @property
    def fingerprint(self) -> str:
        return self._judge.fingerprint

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[WindowScores]:
        fingerprint = self.fingerprint
        keys = [
            cache_key(kind="contradiction_model", model=fingerprint, premise=a, statement=b)
            for a, b in pairs
        ]
        return cached_batch(
            self._cache,
            keys,
            lambda missing: self._judge.score([pairs[i] for i in missing]),
            encode=_encode,
            decode=_decode,
            prompt="contradiction_model",
            model=fingerprint,
        )


def _encode(scores: WindowScores) -> str:
    return json.dumps({"spans": scores.spans, "probs": scores.probs.tolist()})


def _decode(raw: str) -> WindowScores | None:
    try:
        data = json.loads(raw)
        spans = tuple((int(a), int(b)) for a, b in data["spans"])
        probs = np.asarray(data["probs"], dtype=np.float32)
    except (ValueError, KeyError, TypeError):
        return None  # a damaged entry is scored again
    if probs.shape != (len(spans), len(NLI_LABELS)):
        return None
    return WindowScores(spans=spans, probs=probs)


@dataclass(frozen=True)
class PairScore:
    """The model on two claims, both ways (a's quote as premise, then b's)."""

    contradiction: float
    """The larger of the two directions' contradiction probabilities."""
    a_entails_b: float
    b_entails_a: float

    @property
    def entailment(self) -> float:
        return max(self.a_entails_b, self.b_entails_a)

    @property
    def contradicts(self) -> bool:
        return self.contradiction >= CONTRADICTION_THRESHOLD

    @property
    def entails(self) -> bool:
        return self.entailment >= ENTAILMENT_THRESHOLD and not self.contradicts


def _text(claim: Claim) -> str:
    return " ".join(claim.quote.split()) or claim.statement


def score_pairs(judge: PairJudge, pairs: Sequence[tuple[Claim, Claim]]) -> list[PairScore]:
    """Both directions of every pair in one batched run of the model.

    A pair of quotes is scored once, however many claims the two sentences hold.
    """
    texts = [(_text(a), _text(b)) for a, b in pairs]
    unique = list(dict.fromkeys([*texts, *((b, a) for a, b in texts)]))
    scored = dict(zip(unique, judge.score(unique), strict=True))
    out = []
    for a, b in texts:
        forward, backward = scored[(a, b)], scored[(b, a)]
        out.append(
            PairScore(
                contradiction=max(
                    forward.strongest("contradiction")[0], backward.strongest("contradiction")[0]
                ),
                a_entails_b=forward.strongest("entailment")[0],
                b_entails_a=backward.strongest("entailment")[0],
            )
        )
    return out
