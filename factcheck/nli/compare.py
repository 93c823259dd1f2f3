"""``compare``: what does text ``a`` say about statement ``b``, by the contradiction model.

A premise longer than the model's window is read in windows of whole consecutive sentences
(one starting at each sentence, as many sentences as fit), and the window with the strongest
evidence, entailment or contradiction, decides: the SummaC / MiniCheck way, so that a whole
article can be the premise of a one-sentence claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.errors import InputError
from factcheck.nli.model import ContradictionModel, default_model
from factcheck.schemas import NLI_LABELS, NliLabel, PairVerdict
from factcheck.segment import sentence_spans

__all__ = [
    "ENTAILMENT_THRESHOLD",
    "WindowScores",
    "compare",
    "compare_many",
    "score_windows",
    "sentence_spans",
    "windows",
]

ENTAILMENT_THRESHOLD = 0.55
"""``a`` states ``b`` when the entailment probability reaches this: the best threshold for
entailment against the rest on the MNLI dev slice (0.786 balanced accuracy, read both ways),
chosen by ``benchmarks/calibrate.py`` (figures in ``benchmarks/calibration.json``)."""

# Special tokens of a pair: [CLS] a [SEP] b [SEP].
_SPECIAL = 3


def windows(text: str, sizes: Sequence[int], budget: int) -> list[tuple[int, int]]:
    """Windows of consecutive sentences (spans into ``text``) of at most ``budget`` tokens.

    ``sizes`` are the token counts of ``sentence_spans(text)``. A window starts at each
    sentence; one contained in the window before it is skipped.
    """
    spans = sentence_spans(text)
    if not spans:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    last_end = -1
    for first in range(len(spans)):
        used, last = sizes[first], first
        while last + 1 < len(spans) and used + sizes[last + 1] <= budget:
            last += 1
            used += sizes[last]
        if last > last_end:
            out.append((spans[first][0], spans[last][1]))
            last_end = last
        if last == len(spans) - 1:
            break
    return out


def _check(a: str, b: str) -> None:
    if not isinstance(a, str) or not isinstance(b, str):
        raise InputError("compare takes two strings")
    if not a.strip() or not b.strip():
        raise InputError("compare needs two non-empty texts (a premise and a statement)")


@dataclass(frozen=True)
class WindowScores:
    """The model's probabilities for every window of one pair's premise."""

    spans: tuple[tuple[int, int], ...]
    """(start, end) of each window in the premise."""
    probs: np.ndarray
    """Shape (windows, 3), in ``NLI_LABELS`` order."""

    def strongest(self, label: NliLabel) -> tuple[float, tuple[int, int]]:
        """The highest probability of ``label`` over the windows, and that window."""
        column = NLI_LABELS.index(label)
        row = int(np.argmax(self.probs[:, column]))
        return float(self.probs[row, column]), self.spans[row]

    def verdict(self) -> PairVerdict:
        """The window with the strongest evidence (entailment or contradiction) decides."""
        row = int(np.argmax(np.maximum(self.probs[:, 0], self.probs[:, 2])))
        p = [float(x) for x in self.probs[row]]
        return PairVerdict(
            entailment=p[0],
            neutral=p[1],
            contradiction=p[2],
            label=NLI_LABELS[max(range(3), key=lambda i: p[i])],
            evidence_start=self.spans[row][0],
            evidence_end=self.spans[row][1],
            windows=len(self.spans),
        )


def score_windows(
    pairs: Sequence[tuple[str, str]],
    *,
    model: ContradictionModel | None = None,
    batch_size: int = 32,
) -> list[WindowScores]:
    """Every window of every pair's premise against its statement, in one batched run."""
    for a, b in pairs:
        _check(a, b)
    if not pairs:
        return []
    judge = model or default_model()
    hyp_tokens = judge.count_tokens([b for _, b in pairs])
    premise_tokens = judge.count_tokens([a for a, _ in pairs])
    spans_of: list[list[tuple[int, int]]] = []
    inputs: list[tuple[str, str]] = []
    for (a, b), a_tokens, b_tokens in zip(pairs, premise_tokens, hyp_tokens, strict=True):
        budget = max(16, judge.max_length - _SPECIAL - b_tokens)
        if a_tokens <= budget:
            spans = [(0, len(a))]
        else:
            sentence_sizes = judge.count_tokens([a[s:e] for s, e in sentence_spans(a)])
            spans = windows(a, sentence_sizes, budget)
        spans_of.append(spans)
        inputs.extend((a[start:end], b) for start, end in spans)
    probs = judge.predict(inputs, batch_size=batch_size)
    out: list[WindowScores] = []
    row = 0
    for spans in spans_of:
        out.append(WindowScores(tuple(spans), probs[row : row + len(spans)]))
        row += len(spans)
    return out


def compare_many(
    pairs: Sequence[tuple[str, str]],
    *,
    model: ContradictionModel | None = None,
    batch_size: int = 32,
) -> list[PairVerdict]:
    """One :class:`PairVerdict` per ``(a, b)``: what ``a`` says about ``b``, in batches."""
    return [s.verdict() for s in score_windows(pairs, model=model, batch_size=batch_size)]


def compare(a: str, b: str, *, model: ContradictionModel | None = None) -> PairVerdict:
    """What ``a`` (a sentence, a passage or a whole article) says about statement ``b``."""
    return compare_many([(a, b)], model=model)[0]
