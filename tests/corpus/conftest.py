"""Shared pieces of the corpus tests: a cheap stand-in for the contradiction model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from factcheck.nli import WindowScores
from factcheck.segment import sentence_spans


class HashJudge:
    """Probabilities drawn from a hash of the two texts, one window per premise sentence:
    about one pair in ten comes out contradicted and one in ten entailed, so the dispute,
    corroboration and rendering paths all run, at no model cost."""

    fingerprint = "hash-judge"

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[WindowScores]:
        out = []
        for premise, statement in pairs:
            spans = tuple(sentence_spans(premise)) or ((0, len(premise)),)
            rows = []
            for start, end in spans:
                digest = hashlib.sha256(f"{premise[start:end]}\x1f{statement}".encode()).digest()
                pick = digest[0] % 10
                if pick == 0:
                    rows.append((0.02, 0.03, 0.95))
                elif pick == 1:
                    rows.append((0.95, 0.03, 0.02))
                else:
                    rows.append((0.1, 0.8, 0.1))
            out.append(WindowScores(spans, np.array(rows, dtype=np.float32)))
        return out


class HashEmbedder:
    """Hashed bag of lower-cased words, 64 dimensions: similar wording, similar vectors."""

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = []
        for text in texts:
            vector = np.zeros(64, dtype=np.float32)
            for word in text.lower().split():
                vector[hashlib.md5(word.encode()).digest()[0] % 64] += 1.0
            norm = float(np.linalg.norm(vector)) or 1.0
            vectors.append([float(x) / norm for x in vector])
        return vectors
