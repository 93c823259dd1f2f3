"""Who asserts each sentence and how firmly: extraction against a hand-labelled set.

Reads the labelled sentences (``benchmarks/data/attribution/stories-dev.jsonl``, labelled by
``GUIDELINE.md`` beside it), runs extraction on every article they come from, and prints
the accuracy of the speaker (source of record) and of the modality, the modality confusion
matrix, and time, calls and generated tokens.

    .venv/bin/python benchmarks/attribution.py
    .venv/bin/python benchmarks/attribution.py --json attribution.json --errors errors.txt
    .venv/bin/python benchmarks/attribution.py \
        --data benchmarks/data/attribution/newsday-heldout.jsonl \
        --newsday ../shared/data/newsday-dev/basil_articles.jsonl     # the held-out set

Runs on the embedded backend with an empty response cache in a temporary folder (so the
time is a cold run) unless ``--backend``/``--cache-dir`` say otherwise. It uses only what
every version of ``Extractor`` has (``Extractor(llm).extract(article)`` and its claims),
so one script measures the design before and after a change. A sentence that got no claim
counts as modality "none" and speaker "the outlet"; a sentence the labelled set has but
extraction did not see (another segmentation) is reported, and counted wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from factcheck.extract import Extractor
from factcheck.ingest import read_article
from factcheck.llm import Settings, open_llm

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "benchmarks" / "data" / "attribution" / "stories-dev.jsonl"
DEFAULT_STORIES = ROOT.parent / "shared" / "data" / "stories-dev"
MODALITIES = ("asserted", "reported", "hedged", "speculative", "opinion", "demand", "none")
OUTLET = "the outlet"


@dataclass(frozen=True)
class Label:
    article: str
    char_start: int
    char_end: int
    text: str
    speaker: str
    aliases: tuple[str, ...]
    modality: str


@dataclass(frozen=True)
class Prediction:
    speaker: str
    modality: str
    seen: bool = True


def load_labels(path: Path) -> list[Label]:
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        labels.append(
            Label(
                article=row["article"],
                char_start=row["char_start"],
                char_end=row["char_end"],
                text=row["text"],
                speaker=row["speaker"],
                aliases=tuple(row.get("speaker_aliases", ())),
                modality=row["modality"],
            )
        )
    return labels


# The scorer's own reading of names, independent of factcheck's: titles and function words
# off, then one name's words inside the other's ("Jackson" in "Jesse Jackson Jr."), or
# nearly the same words ("U.S. Attorney Adam Braverman" / "Adam L. Braverman").
_SCORER_TITLES = frozenset(
    """the a of mr mrs ms dr rep representative sen senator gov governor president former rev
    reverend judge us u.s speaker house democrat republican d r""".split()  # noqa: SIM905
)


def _name_words(name: str) -> set[str]:
    words = re.findall(r"[\w-]+", name.lower().replace("’", "'").replace("'s", ""))
    return {w for w in words if w not in _SCORER_TITLES}


def same_speaker(predicted: str, label: Label) -> bool:
    if OUTLET in (predicted, label.speaker):
        return predicted == label.speaker
    said = _name_words(predicted)
    if not said:
        return False
    for form in (label.speaker, *label.aliases):
        gold = _name_words(form)
        if said <= gold or gold <= said:
            return True
        if fuzz.token_set_ratio(" ".join(sorted(said)), " ".join(sorted(gold))) >= 90:
            return True
    return False


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled JSONL")
    parser.add_argument(
        "--stories", type=Path, default=DEFAULT_STORIES, help="folder the articles are in"
    )
    parser.add_argument(
        "--newsday",
        type=Path,
        default=None,
        help="read the articles from this newsday JSONL (id, title, text) instead of "
        "--stories: the held-out set, --data benchmarks/data/attribution/newsday-heldout.jsonl",
    )
    parser.add_argument("--backend", default="local", help="local (default) or openai")
    parser.add_argument("--model", default=None)
    parser.add_argument("--base-url", default=None)
    parser.add_argument(
        "--cache-dir", type=Path, default=None, help="response cache (default: a new empty one)"
    )
    parser.add_argument("--articles", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--only", default=None, help="only the articles whose path contains this text"
    )
    parser.add_argument(
        "--skip", default=None, help="leave out the articles whose path contains this text"
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=None,
        help="sentences a call (Extractor's batch_sentences; default: the extractor's own)",
    )
    parser.add_argument(
        "--attribution",
        choices=("auto", "parse", "llm"),
        default="auto",
        help="Extractor(attribution=...): auto (the parse on the embedded model), parse, llm",
    )
    parser.add_argument(
        "--ask-all",
        action="store_true",
        help="ask the model about every sentence (Extractor(parse_decides=False))",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--errors", type=Path, default=None, help="write every miss here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    labels = load_labels(args.data)
    articles = sorted({label.article for label in labels})
    if args.only is not None:
        articles = [name for name in articles if args.only in name]
    if args.skip is not None:
        articles = [name for name in articles if args.skip not in name]
    if args.articles is not None:
        articles = articles[: args.articles]
    labels = [label for label in labels if label.article in set(articles)]
    with tempfile.TemporaryDirectory() as scratch:
        stories = args.stories
        if args.newsday is not None:
            stories = Path(scratch) / "articles"
            _write_newsday(args.newsday, articles, stories)
        settings = Settings.from_env(
            backend=args.backend,
            model=args.model,
            base_url=args.base_url,
            cache_dir=args.cache_dir or Path(scratch),
        )
        # Only what is asked for is passed, so the script runs on earlier designs too.
        options: dict[str, int | bool | str] = {}
        if args.attribution != "auto":
            options["attribution"] = args.attribution
        if args.batch is not None:
            options["batch_sentences"] = args.batch
        if args.ask_all:
            options["parse_decides"] = False
        predictions, seconds, usage = _run(settings, stories, articles, options)
    return _report(labels, predictions, seconds, usage, args)


def _write_newsday(path: Path, articles: list[str], folder: Path) -> None:
    """Each article ``<id>.txt`` of the newsday JSONL at ``path`` as a text file in
    ``folder``: its title, a blank line, its text (the layout the labels were made on)."""
    folder.mkdir(parents=True)
    wanted = {name.removesuffix(".txt") for name in articles}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] in wanted:
            text = f"{row['title']}\n\n{row['text']}\n"
            (folder / f"{row['id']}.txt").write_text(text, encoding="utf-8")


def _run(
    settings: Settings, stories: Path, articles: list[str], options: dict[str, int | bool | str]
) -> tuple[dict[tuple[str, int, int], Prediction], float, dict[str, int]]:
    predictions: dict[tuple[str, int, int], Prediction] = {}
    with open_llm(settings) as llm:
        extractor = Extractor(llm, **options)
        started = time.perf_counter()
        for name in articles:
            article = read_article(stories / name, article_id=name.replace("/", "__"))
            t0 = time.perf_counter()
            result = extractor.extract(article)
            claimed = {(c.char_start, c.char_end): c for c in result.claims}
            for sentence in article.sentences:
                claim = claimed.get((sentence.char_start, sentence.char_end))
                key = (name, sentence.char_start, sentence.char_end)
                if claim is None:
                    predictions[key] = Prediction(OUTLET, "none")
                else:
                    predictions[key] = Prediction(claim.attributed_to, claim.modality)
            print(
                f"  {name}: {len(article.sentences)} sentences, {len(result.claims)} claims, "
                f"{time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
        seconds = time.perf_counter() - started
        stage = llm.usage().get("extract")
        usage = {
            "calls": stage.calls if stage else 0,
            "prompt_tokens": stage.prompt_tokens if stage else 0,
            "completion_tokens": stage.completion_tokens if stage else 0,
            "failed_calls": stage.failed_calls if stage else 0,
        }
    return predictions, seconds, usage


def _report(
    labels: list[Label],
    predictions: dict[tuple[str, int, int], Prediction],
    seconds: float,
    usage: dict[str, int],
    args: argparse.Namespace,
) -> int:
    speaker_right = modality_right = both_right = unseen = 0
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    for label in labels:
        got = predictions.get(
            (label.article, label.char_start, label.char_end), Prediction("", "", seen=False)
        )
        unseen += not got.seen
        speaker_ok = got.seen and same_speaker(got.speaker, label)
        modality_ok = got.modality == label.modality
        speaker_right += speaker_ok
        modality_right += modality_ok
        both_right += speaker_ok and modality_ok
        confusion[(label.modality, got.modality or "(unseen)")] += 1
        if not (speaker_ok and modality_ok):
            misses.append(
                f"{label.article} [{label.char_start}:{label.char_end}] {label.text}\n"
                f"    gold: {label.speaker} / {label.modality}    "
                f"got: {got.speaker or '(unseen)'} / {got.modality or '(unseen)'}"
            )
    n = len(labels)
    figures = {
        "sentences": n,
        "articles": len({label.article for label in labels}),
        "speaker_accuracy": speaker_right / n,
        "modality_accuracy": modality_right / n,
        "both_accuracy": both_right / n,
        "unseen": unseen,
        "seconds": round(seconds, 1),
        **usage,
        "confusion": {f"{g}->{p}": c for (g, p), c in sorted(confusion.items())},
    }
    print(f"labelled sentences: {n} in {figures['articles']} articles ({unseen} not seen)")
    print(f"speaker accuracy:  {speaker_right}/{n} = {speaker_right / n:.1%}")
    print(f"modality accuracy: {modality_right}/{n} = {modality_right / n:.1%}")
    print(f"both right:        {both_right}/{n} = {both_right / n:.1%}")
    print(
        f"time: {seconds:.1f} s extraction, {usage['calls']} calls, "
        f"{usage['completion_tokens']} generated tokens, {usage['prompt_tokens']} prompt "
        f"tokens (counted, cached prefix included), {usage['failed_calls']} failed calls"
    )
    print("\nmodality confusion (rows gold, columns predicted):")
    predicted_cols = [*MODALITIES, *(["(unseen)"] if unseen else [])]
    print("gold \\ got".ljust(12) + "".join(m[:8].rjust(9) for m in predicted_cols))
    for gold in MODALITIES:
        row = "".join(str(confusion[(gold, p)]).rjust(9) for p in predicted_cols)
        print(gold.ljust(12) + row)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.errors:
        args.errors.write_text("\n".join(misses) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
