"""Typed checks on the dev stories: gold disagreements found, look-alike agreements flagged.

For each story of a folder (default ``../shared/data/stories-dev``), every prose sentence
of every article is parsed once (``factcheck.parse.read_facts_many``, dates resolved
against the story's date when its ``gold.yaml`` gives a day), then:

* **gold disagreements**: the sentences holding side A's quote against those holding side
  B's; a disagreement is *found* when some pair gets a typed difference
  (``factcheck.comparison.typed.facts_differences``);
* **agreement look-alikes**: for each gold agreement, the sentences of its articles that
  match its keywords, paired across outlets; a pair with a typed difference is a *false
  alarm* (the agreements are written to include look-alikes: a rounded and an exact
  figure, a weekday and a date);
* **all cross-outlet pairs**: how many get any typed difference, the noise an aligner in
  front of these checks must keep out.

Run: ``.venv/bin/python benchmarks/typed_pairs.py [--stories DIR] [--seeds] [-v]``.
``--seeds`` also times parsing every prose sentence of ``seeds/*.txt`` (nothing else is
read from the seeds: rules are never tuned on them).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.comparison.typed import TypedDifference, facts_differences
from factcheck.ingest import read_article
from factcheck.parse import load_nlp, read_facts_many
from factcheck.schemas import Article, Sentence
from factcheck.schemas.facts import ClaimFacts

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_STORIES = ROOT.parent / "shared" / "data" / "stories-dev"
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_DAY_MONTH_YEAR = re.compile(r"(?<!ended )\b(\d{1,2} [A-Z][a-z]+ \d{4})\b")


@dataclass
class Parsed:
    article: Article
    facts: list[ClaimFacts]

    def sentences_with(self, quote: str) -> list[int]:
        """Indices of the sentences that hold (part of) the quote."""
        start = self.article.text.find(quote)
        if start < 0:
            return []
        end = start + len(quote)
        return [
            i
            for i, s in enumerate(self.article.sentences)
            if s.char_start < end and start < s.char_end
        ]


def story_date(gold: dict[str, Any]) -> datetime.date | None:
    """The story's day when its heading gives one (not a week's end)."""
    story = str(gold.get("story", ""))
    if match := _ISO.search(story):
        return datetime.date.fromisoformat(match.group(1))
    found = _DAY_MONTH_YEAR.findall(story)
    if found:
        return datetime.datetime.strptime(found[-1], "%d %B %Y").date()
    return None


PARSE_SECONDS: list[float] = []
"""Time spent in ``read_facts_many`` alone (reading and segmenting the files not counted)."""


def parse_story(folder: Path, article_date: datetime.date | None) -> dict[str, Parsed]:
    parsed: dict[str, Parsed] = {}
    for path in sorted(folder.glob("*.txt")):
        article = read_article(path)
        started = time.perf_counter()
        facts = read_facts_many([s.text for s in article.sentences], article_date=article_date)
        PARSE_SECONDS.append(time.perf_counter() - started)
        parsed[path.stem] = Parsed(article, facts)
    return parsed


def _differences(a: Parsed, i: int, b: Parsed, j: int) -> list[TypedDifference]:
    return facts_differences(a.facts[i], b.facts[j])


def _sentence(p: Parsed, i: int) -> Sentence:
    return p.article.sentences[i]


def run(stories: Path, verbose: bool) -> int:
    golds = sorted(stories.glob("*/gold.yaml"))
    if not golds:
        print(f"no stories in {stories}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    load_nlp()
    load_s = time.perf_counter() - started
    n_sentences = 0
    found = total_gold = 0
    lookalike_pairs = lookalike_alarms = agreements_flagged = total_agreements = 0
    all_pairs = all_flagged = 0
    by_kind: dict[str, int] = {}
    for gold_path in golds:
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        parsed = parse_story(gold_path.parent, story_date(gold))
        n_sentences += sum(len(p.facts) for p in parsed.values())
        name = gold_path.parent.name
        for item in gold.get("disagreements") or []:
            total_gold += 1
            hits: list[TypedDifference] = []
            for art_a in item["side_a"]["articles"]:
                for art_b in item["side_b"]["articles"]:
                    pa, pb = parsed[art_a], parsed[art_b]
                    for i in pa.sentences_with(item["side_a"]["quote"]):
                        for j in pb.sentences_with(item["side_b"]["quote"]):
                            hits.extend(_differences(pa, i, pb, j))
                    # the quote may sit in either named article only
            ok = bool(hits)
            found += ok
            print(f"{name} {item['id']} ({item['kind']}): {'FOUND' if ok else 'missed'}")
            for hit in hits[:2]:
                print(f"    {hit.kind} {hit.slot}: {hit.what_differs}")
        gold_pairs = {
            (art_a, i, art_b, j)
            for item in gold.get("disagreements") or []
            for art_a in item["side_a"]["articles"]
            for art_b in item["side_b"]["articles"]
            for i in parsed[art_a].sentences_with(item["side_a"]["quote"])
            for j in parsed[art_b].sentences_with(item["side_b"]["quote"])
        }
        gold_pairs |= {(b, j, a, i) for a, i, b, j in gold_pairs}
        for item in gold.get("agreements") or []:
            total_agreements += 1
            pattern = re.compile(item["keywords"], re.IGNORECASE)
            matching = {
                art: [
                    i for i, s in enumerate(parsed[art].article.sentences) if pattern.search(s.text)
                ]
                for art in item["articles"]
                if art in parsed
            }
            flagged = False
            for art_a, art_b in itertools.combinations(sorted(matching), 2):
                for i in matching[art_a]:
                    for j in matching[art_b]:
                        if (art_a, i, art_b, j) in gold_pairs:
                            continue  # the pair is a gold disagreement's, counted there
                        lookalike_pairs += 1
                        hits = _differences(parsed[art_a], i, parsed[art_b], j)
                        if hits:
                            lookalike_alarms += 1
                            flagged = True
                            print(f"{name} {item['id']} FALSE ALARM: {hits[0].kind} "
                                  f"{hits[0].slot}: {hits[0].what_differs}")  # fmt: skip
            agreements_flagged += flagged
        for art_a, art_b in itertools.combinations(sorted(parsed), 2):
            pa, pb = parsed[art_a], parsed[art_b]
            for i in range(len(pa.facts)):
                for j in range(len(pb.facts)):
                    all_pairs += 1
                    hits = _differences(pa, i, pb, j)
                    if hits:
                        all_flagged += 1
                        for hit in hits:
                            by_kind[hit.kind] = by_kind.get(hit.kind, 0) + 1
                        if verbose:
                            print(f"  [{name}] {hits[0].kind} {hits[0].slot}: "
                                  f"{hits[0].what_differs}")  # fmt: skip
    elapsed = time.perf_counter() - started
    print()
    print(f"gold disagreements with a typed difference: {found} of {total_gold}")
    print(
        f"agreement look-alikes: {lookalike_alarms} false alarms in {lookalike_pairs} pairs; "
        f"{agreements_flagged} of {total_agreements} agreements flagged"
    )
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items()))
    print(f"all cross-outlet sentence pairs: {all_flagged} of {all_pairs} flagged ({kinds})")
    print(
        f"parse: {n_sentences} sentences in {sum(PARSE_SECONDS):.2f} s "
        f"(model load {load_s:.2f} s); total with reading and all pairs {elapsed:.2f} s"
    )
    return 0


def time_seeds() -> None:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    articles = [read_article(p) for p in paths]
    texts = [s.text for a in articles for s in a.sentences]
    load_nlp()
    t0 = time.perf_counter()
    read_facts_many(texts)
    print(f"seeds: parsed {len(texts)} sentences of {len(paths)} articles in "
          f"{time.perf_counter() - t0:.2f} s")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--seeds", action="store_true", help="also time parsing the seeds")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every flagged pair")
    args = parser.parse_args()
    status = run(args.stories, args.verbose)
    if args.seeds:
        time_seeds()
    return status


if __name__ == "__main__":
    sys.exit(main())
