"""Training and evaluation pairs for the contradiction model, built from ``shared/data/nli``.

Every set is read with an explicit label map onto three classes (entailment / neutral /
contradiction). Two-way sets whose negative class does not separate neutral from
contradiction ("not entailment") keep that as ``not_entailment``; the trainer gives them a
two-way loss. The held-out MNLI slice is fixed by a hash of the *premise*, so no premise of the
held-out slice is seen in training, with any hypothesis. Evaluation sets (ANLI, ConTRoL, FM2,
WiCE, ClaimDiff, ContraDoc) are never read here as training data.

Licences: only sets whose source states a licence that allows a shipped, commercial model are
trained on (see ``TRAIN_SOURCES``). SICK (CC BY-NC-SA), ANLI (CC BY-NC) and the sets with no
stated licence (JOCI, MPE, HealthVer, Climate-FEVER) are left out.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from factcheck.hashing import file_sha256
from factcheck.language import MONTHS, WEEKDAYS, content_words

Label = str  # "entailment" | "neutral" | "contradiction" | "not_entailment"

LABELS: tuple[str, str, str] = ("entailment", "neutral", "contradiction")


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: Label
    source: str


@dataclass(frozen=True)
class Source:
    name: str
    files: tuple[str, ...]
    licence: str
    note: str = ""


# name, files (relative to the data root), licence as stated by the source.
TRAIN_SOURCES: tuple[Source, ...] = (
    Source(
        "mnli",
        ("nli-benchmarks/nli_datasets/mnli/dev.csv",),
        "OANC + CC BY-SA 3.0 parts",
        "dev matched+mismatched minus the held-out slice",
    ),
    Source("snli", ("nli-benchmarks/nli_datasets/snli/dev.csv",), "CC BY-SA 4.0"),
    Source("vitaminc", ("vitaminc/vitaminc_real/test.jsonl",), "CC BY-SA 3.0"),
    Source("breaking_nli", ("breaking-nli/data/dataset.jsonl",), "CC BY-SA 4.0"),
    Source(
        "semi_automatic_nli",
        (
            "semi-automatic-nli/data/base_wiki/train.jsonl",
            "semi-automatic-nli/data/base_wiki/test.jsonl",
            "semi-automatic-nli/data/sim_wiki/train.jsonl",
            "semi-automatic-nli/data/sim_wiki/test.jsonl",
            "semi-automatic-nli/data/translate_wiki/train.jsonl",
            "semi-automatic-nli/data/translate_wiki/test.jsonl",
        ),
        "CC BY-SA 3.0 (Wikipedia premises)",
    ),
    Source(
        "oie_snli",
        ("oie-nli/oie-train.csv", "oie-nli/oie-devin.csv", "oie-nli/oie-testin.csv"),
        "CC BY-SA 4.0 (SNLI pairs; the OIE annotations, unused, state none)",
        "premise/hypothesis/label are SNLI's; pairs overlapping MNLI/SNLI dev dropped",
    ),
    Source(
        "fever_binary",
        ("fever-binary/binary-FEVER-NLI/dev.txt", "fever-binary/binary-FEVER-NLI/test.txt"),
        "BSD-3-Clause (DocNLI repository)",
        "two-way: entailment / not_entailment",
    ),
)

EVAL_FILES: dict[str, tuple[str, ...]] = {
    "anli_r1": ("anli/data/anli_v1.0/R1/test.jsonl",),
    "anli_r2": ("anli/data/anli_v1.0/R2/test.jsonl",),
    "anli_r3": ("anli/data/anli_v1.0/R3/test.jsonl",),
    "control": ("control/data/test.jsonl",),
    "fm2": ("fm2/dataset/test.jsonl",),
    "wice": ("wice/data/entailment_retrieval/claim/test.jsonl",),
    "claimdiff_w": ("claimdiff/ClaimDiff-weak-train.json",),
}

_SHORT = {"e": "entailment", "n": "neutral", "c": "contradiction"}
_FEVER = {"SUPPORTS": "entailment", "REFUTES": "contradiction", "NOT ENOUGH INFO": "neutral"}
_THREE = {name: name for name in LABELS}

# The held-out MNLI slice: premises whose hash bucket (of 100) is below these.
HELDOUT_TEST_BUCKETS = 15
HELDOUT_DEV_BUCKETS = 20


def _bucket(text: str) -> int:
    return int(hashlib.sha256(text.strip().encode()).hexdigest()[:8], 16) % 100


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _read(root: Path, source: str, rel: str) -> Iterator[Pair]:
    path = root / rel
    if source in ("mnli", "snli"):
        for row in _csv(path):
            if row["label"] in _THREE:
                yield Pair(row["premise"], row["hypothesis"], row["label"], source)
    elif source == "vitaminc":
        for obj in _jsonl(path):
            yield Pair(str(obj["evidence"]), str(obj["claim"]), _FEVER[str(obj["label"])], source)
    elif source == "breaking_nli":
        for obj in _jsonl(path):
            label = str(obj["gold_label"])
            if label in _THREE:
                yield Pair(str(obj["sentence1"]), str(obj["sentence2"]), label, source)
    elif source == "semi_automatic_nli":
        for obj in _jsonl(path):
            yield Pair(
                str(obj["premise"]), str(obj["hypothesis"]), _SHORT[str(obj["label"])], source
            )
    elif source == "oie_snli":
        for row in _csv(path):
            if row["GoldLabel"] in _THREE:
                yield Pair(row["Premise"], row["Hypothesis"], row["GoldLabel"], source)
    elif source == "fever_binary":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 3 and parts[0] in ("entailment", "not_entailment"):
                    yield Pair(parts[1], parts[2], parts[0], source)
    else:  # pragma: no cover - a new source must say how to read it
        raise ValueError(f"no reader for {source}")


def _key(pair: Pair) -> tuple[str, str]:
    return (" ".join(pair.premise.lower().split()), " ".join(pair.hypothesis.lower().split()))


@dataclass
class Splits:
    train: list[Pair]
    mnli_dev: list[Pair]
    mnli_test: list[Pair]
    manifest: dict[str, object]


def build(root: Path) -> Splits:
    """Read every training source, fix the held-out MNLI slices, deduplicate."""
    mnli_dev: list[Pair] = []
    mnli_test: list[Pair] = []
    heldout_premises: set[str] = set()
    files: list[dict[str, object]] = []
    raw: list[Pair] = []
    for source in TRAIN_SOURCES:
        for rel in source.files:
            files.append({"path": rel, "sha256": file_sha256(root / rel), "source": source.name})
            for pair in _read(root, source.name, rel):
                if source.name == "mnli":
                    bucket = _bucket(pair.premise)
                    if bucket < HELDOUT_TEST_BUCKETS:
                        mnli_test.append(pair)
                        heldout_premises.add(_key(pair)[0])
                        continue
                    if bucket < HELDOUT_DEV_BUCKETS:
                        mnli_dev.append(pair)
                        heldout_premises.add(_key(pair)[0])
                        continue
                raw.append(pair)

    # Nothing that is evaluated may be trained on: not the held-out MNLI premises, not a pair
    # of an evaluation set (OIE-NLI's SNLI/MNLI pairs can repeat MNLI dev).
    eval_keys = {_key(p) for p in eval_pairs_flat(root)}
    seen: set[tuple[str, str]] = set()
    train: list[Pair] = []
    dropped: Counter[str] = Counter()
    for pair in raw:
        key = _key(pair)
        if not pair.premise.strip() or not pair.hypothesis.strip():
            dropped["empty"] += 1
        elif key[0] in heldout_premises:
            dropped["held-out premise"] += 1
        elif key in eval_keys:
            dropped["in an evaluation set"] += 1
        elif key in seen:
            dropped["duplicate"] += 1
        else:
            seen.add(key)
            train.append(pair)

    manifest: dict[str, object] = {
        "files": files,
        "sources": [asdict(s) for s in TRAIN_SOURCES],
        "heldout": {
            "rule": "MNLI dev rows whose sha256(premise) % 100 < 15 are the test slice, "
            "15..19 the dev slice; no training pair shares a premise with either",
            "mnli_test": len(mnli_test),
            "mnli_dev": len(mnli_dev),
        },
        "train_counts": dict(Counter(p.source for p in train)),
        "train_labels": dict(Counter(p.label for p in train)),
        "dropped": dict(dropped),
        "train_total": len(train),
    }
    return Splits(train, mnli_dev, mnli_test, manifest)


UNRELATED_SOURCE = "unrelated"
UNRELATED_RULE = (
    "neutral pairs made from the training pairs: the premise of one pair with the hypothesis "
    "of another pair of the same source (another premise), sharing at most one content word "
    "(factcheck.language.content_words); drawn with the run's seed"
)


def _by_source(train: list[Pair]) -> dict[str, list[Pair]]:
    """The pairs of each source, in their order."""
    by_source: dict[str, list[Pair]] = {}
    for pair in train:
        by_source.setdefault(pair.source, []).append(pair)
    return by_source


def unrelated_pairs(train: list[Pair], count: int, seed: int) -> list[Pair]:
    """``count`` pairs of statements about different things, labelled neutral.

    Every three-way source here labels most pairs of unrelated sentences as contradiction
    (SNLI's annotators were told both sentences describe one photo), and the model learnt
    it: 26-46% of random cross-pairs came out as contradiction. Across outlets two claims
    about different things are neither. Same-source draws keep the domain (Wikipedia with
    Wikipedia, captions with captions), so the pairs are not told apart by style alone.
    """
    rng = random.Random(seed)
    by_source = _by_source(train)
    sources = sorted(by_source)
    out: list[Pair] = []
    seen: set[tuple[str, str]] = {_key(p) for p in train}
    tries = 0
    while len(out) < count and tries < count * 50:
        tries += 1
        pool = by_source[rng.choice(sources)]
        first, second = rng.choice(pool), rng.choice(pool)
        if _key(first)[0] == _key(second)[0]:
            continue
        shared = set(content_words(first.premise)) & set(content_words(second.hypothesis))
        candidate = Pair(first.premise, second.hypothesis, "neutral", UNRELATED_SOURCE)
        if len(shared) > 1 or _key(candidate) in seen:
            continue
        seen.add(_key(candidate))
        out.append(candidate)
    return out


def eval_pairs_flat(root: Path) -> list[Pair]:
    """Sentence-level pairs of the evaluation sets (for the leakage check)."""
    out: list[Pair] = []
    for name in ("anli_r1", "anli_r2", "anli_r3"):
        for obj in _jsonl(root / EVAL_FILES[name][0]):
            out.append(
                Pair(str(obj["context"]), str(obj["hypothesis"]), _SHORT[str(obj["label"])], name)
            )
    for obj in _jsonl(root / EVAL_FILES["control"][0]):
        out.append(
            Pair(str(obj["premise"]), str(obj["hypothesis"]), _SHORT[str(obj["label"])], "control")
        )
    return out


EDITED_SOURCE = "edited"
EDITED_RULE = (
    "contradictions made from entailment pairs (FactCC's entity and number swaps, Kryscinski "
    "et al. 2020): in a hypothesis the premise entails, one name (a run of capitalised words "
    "not opening the sentence) or one number that the premise also contains is replaced by "
    "another name or number of the same premise that the hypothesis does not contain and "
    "that is not next to it there; the original pair is kept beside its edit; drawn with the "
    "run's seed"
)

_DATE_WORDS = frozenset(MONTHS + WEEKDAYS)
# A name: capitalised words in a row, not opening a sentence, with no month or weekday in it.
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_NUMBER = re.compile(r"(?<![\w.,$-])\d[\d,]*(?:\.\d+)?(?![\w,.]?\d|[\w-])")
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|than|under|over|above|below|least|most|nearly|"
    r"almost|about|around|roughly|approximately|some|up to|by)\s*$",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(r"[A-Z0-9][\w'’.-]*\s+(?:(?:of|the|and|de|for|a|in|on)\s+)*:?\s*$")
_TITLE_AFTER = re.compile(r"\s*(?:[.:]|\s(?:of|the|and|de|for|a|in|on)\s+)*\s*[A-Z0-9]")
_DEMONYM = re.compile(r"(?:ese|ish|ian|ic|ean|an)$")
_DAY_OF_MONTH = re.compile(r"^(?:[1-9]|[12]\d|3[01])$")


def _kind(text: str, start: int, end: int) -> str | None:
    """What a slot holds, for swapping like with like: "month", "weekday", "year",
    "day" (of a month), "number", "names" (two or more words), "name"; None to leave it."""
    value = text[start:end]
    if value in MONTHS:
        return "month"
    if value in WEEKDAYS:
        return "weekday"
    if value[0].isdigit():
        if _COMPARATIVE.search(text[:start]):
            return None  # "more than 457": another number may still be true
        if re.search(r"[A-Z][\w-]*\s*$", text[:start]):
            return None  # "Xbox 360", "Flight 93": part of a name
        plain = value.replace(",", "")
        if re.fullmatch(r"1\d{3}|20\d{2}", value):
            return "year"
        context = text[max(0, start - 12) : end + 12]
        if _DAY_OF_MONTH.match(plain) and any(m in context for m in MONTHS):
            return "day"
        return "number"
    words = value.split()
    if any(w in _DATE_WORDS for w in words):
        return None
    if _TITLE_BEFORE.search(text[:start]) or _TITLE_AFTER.match(text[end:]):
        return None  # a piece of a longer title ("The Winds of Winter"): leave it whole
    if len(words) > 1:
        return "names"
    return None if _DEMONYM.search(value) else "name"


def _slots(text: str, *, skip_first: bool) -> list[tuple[int, int, str]]:
    """Names, dates and numbers in ``text`` with their kinds; with ``skip_first``, not a
    word that opens a sentence (capitalised for its place, not because it is a name)."""
    out = []
    for pattern in (_NAME_RUN, _NUMBER):
        for match in pattern.finditer(text):
            start, end = match.span()
            before = text[:start].rstrip()
            if skip_first and (not before or before[-1] in '.!?:;"“(*'):
                continue
            kind = _kind(text, start, end)
            if kind is not None:
                out.append((start, end, kind))
    return out


def _swap(premise: str, hypothesis: str, rng: random.Random) -> str | None:
    """The hypothesis with one grounded name, date or number replaced by another of the
    same kind from the premise."""
    in_premise = _slots(premise, skip_first=True)
    lowercase_words = set(re.findall(r"[a-z][\w'’-]*", premise))
    options: list[tuple[int, int, str]] = []
    hyp_lower = hypothesis.lower()
    for start, end, kind in _slots(hypothesis, skip_first=True):
        value = hypothesis[start:end]
        where = [(s, e) for s, e, _ in in_premise if premise[s:e] == value]
        if not where:
            continue
        for s, e, other_kind in in_premise:
            other = premise[s:e]
            low = other.lower()
            if other_kind != kind or low in hyp_lower or value.lower() in low:
                continue
            if low in value.lower() or f"{low.split()[0]} " in hyp_lower:
                continue
            if kind == "name" and low in lowercase_words:
                continue  # capitalised only where it opens something: not a name
            if any(abs(s - oe) <= 4 or abs(os_ - e) <= 4 for os_, oe in where):
                continue  # "Paris, France": a neighbour may be true of the same thing
            options.append((start, end, other))
    if not options:
        return None
    start, end, other = rng.choice(sorted(set(options)))
    return hypothesis[:start] + other + hypothesis[end:]


def edited_pairs(train: list[Pair], count: int, seed: int) -> list[Pair]:
    """Up to ``count`` contradictions made by swapping one fact of an entailed hypothesis,
    each with its original (entailment) pair.

    Run 3 missed nearly a third of SummEdits' entity modifications: a summary right in every
    word but one name or figure. Each edit here keeps the rest of the hypothesis, and the
    swapped-in name or number is one the premise itself mentions, so the pair cannot be told
    by a word missing from the premise: only by which one goes where. Run 4 trained on them
    and did worse on the dev data, so no shipped model uses them (see the model card).
    """
    rng = random.Random(seed)
    entailed = [p for p in train if p.label == "entailment"]
    rng.shuffle(entailed)
    seen: set[tuple[str, str]] = {_key(p) for p in train}
    out: list[Pair] = []
    for pair in entailed:
        if len(out) >= 2 * count:
            break
        edited = _swap(pair.premise, pair.hypothesis, rng)
        if edited is None:
            continue
        candidate = Pair(pair.premise, edited, "contradiction", EDITED_SOURCE)
        if _key(candidate) in seen:
            continue
        seen.add(_key(candidate))
        out += [Pair(pair.premise, pair.hypothesis, "entailment", EDITED_SOURCE), candidate]
    return out


IN_CONTEXT_SOURCE = "in_context"
IN_CONTEXT_RULE = (
    "training pairs whose premise is set among sentences of other pairs' premises of the same "
    "source (each sharing no content word with the hypothesis), in a random place, "
    "up to about 70 words in all; the label is the pair's own; drawn with the run's seed"
)
_CONTEXT_WORDS = 70


def _closed(sentence: str) -> str:
    """A sentence with closing punctuation (captions often have none)."""
    sentence = sentence.strip()
    return sentence if sentence[-1:] in ".!?\"'”’)" else sentence + "."


def in_context_pairs(train: list[Pair], count: int, seed: int) -> list[Pair]:
    """``count`` training pairs with their premise read inside a passage of other sentences.

    factcheck reads a source in windows of several sentences (up to the model's 128 tokens),
    while nearly every training premise is one sentence: the model must learn to find the
    sentence that bears on the hypothesis among others that do not. The other sentences come
    from the same source (Wikipedia among Wikipedia, captions among captions) and share no
    content word with the hypothesis, so they neither back nor contradict it.
    """
    rng = random.Random(seed)
    by_source = _by_source(train)
    chosen = rng.sample(train, min(count, len(train)))
    out: list[Pair] = []
    for pair in chosen:
        pool = by_source[pair.source]
        words = len(pair.premise.split())
        hypothesis_words = set(content_words(pair.hypothesis))
        passage = [pair.premise]
        for _ in range(12):
            if words >= _CONTEXT_WORDS:
                break
            other = rng.choice(pool).premise
            size = len(other.split())
            if (
                other in passage
                or words + size > _CONTEXT_WORDS
                or hypothesis_words & set(content_words(other))
            ):
                continue
            passage.insert(rng.randint(0, len(passage)), other)
            words += size
        if len(passage) == 1:
            continue
        text = " ".join(_closed(s) for s in passage)
        out.append(Pair(text, pair.hypothesis, pair.label, IN_CONTEXT_SOURCE))
    return out
