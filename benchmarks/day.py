"""A day's cost on a small sample: the same stories checked with --engine local and with
--engine ray --workers N on the embedded backend, each cold (empty cache) and again from
the merged cache (which must make no model call), and a projection to 10,000 articles.

    .venv/bin/python benchmarks/day.py --stories 3 --sentences 4 --workers 2

The embedded model spends about 2.3 s a sentence on 2 cores, so the sample is small: the
first --stories gold stories of newsday-dev, each article cut to its first --sentences
sentences. Both engines run the same StoryChecker; on a 2-core machine Ray can only add
its overhead (two llama.cpp servers share the same two cores). The projection takes the
measured calls and tokens per sentence and the dev data's sentences per article.
Needs '.[local,scale]'; nothing else heavy should run meanwhile (timings are wall-clock).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from factcheck.ingest.reader import prepare_article
from factcheck.llm import Settings
from factcheck.newsday import FeedArticle, Story, check_day, read_feed
from factcheck.newsday.engines import Engine
from factcheck.schemas import Usage

DEV = Path(__file__).resolve().parents[1].parent / "shared/data/newsday-dev/basil_articles.jsonl"


def sample(feed: Path, stories: int, sentences: int) -> list[Story]:
    rows = [json.loads(line) for line in feed.read_text().splitlines() if line.strip()]
    articles = read_feed(feed)
    grouped: dict[str, list[FeedArticle]] = defaultdict(list)
    for row, article in zip(rows, articles, strict=True):
        grouped[str(row["story"])].append(article)
    chosen = []
    for story_id, members in list(grouped.items())[:stories]:
        short = []
        for article in members:
            split = prepare_article(article.text, article_id=article.id).article
            kept = split.sentences[:sentences]
            text = article.text[: kept[-1].char_end] if kept else article.text
            short.append(article.model_copy(update={"text": text}))
        chosen.append(Story(id=f"dev-{story_id}", articles=short))
    return chosen


def sentences_per_article(feed: Path) -> list[int]:
    return [
        len(prepare_article(a.text, article_id=a.id).article.sentences) for a in read_feed(feed)
    ]


def run(
    stories: list[Story], engine: Engine, workers: int, cache: Path, out: Path
) -> dict[str, float]:
    settings = Settings(backend="local", cache_dir=cache)
    started = time.perf_counter()
    day = check_day(stories, out, settings, engine=engine, workers=workers)
    wall = time.perf_counter() - started
    usage: Usage = day.usage
    return {
        "wall_s": round(wall, 1),
        "calls": usage.calls,
        "cache_hits": usage.cache_hits,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "failed_stories": len(day.failed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feed", type=Path, default=DEV)
    parser.add_argument("--stories", type=int, default=3)
    parser.add_argument("--sentences", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="local,ray", help="Which engines, in order.")
    args = parser.parse_args()

    stories = sample(args.feed, args.stories, args.sentences)
    n_articles = sum(len(s.articles) for s in stories)
    n_sentences = sum(
        len(prepare_article(a.text, article_id=a.id).article.sentences)
        for s in stories
        for a in s.articles
    )
    print(f"sample: {len(stories)} stories, {n_articles} articles, {n_sentences} sentences")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        plan: list[tuple[str, Engine, Path]] = []
        for engine in args.engines.split(","):
            if engine == "local":
                plan.append(("local", "local", root / "cache-local"))
            elif engine == "ray":
                plan.append((f"ray --workers {args.workers}", "ray", root / "cache-ray"))
        for name, engine, cache in plan:
            results[f"{name} (cold)"] = run(stories, engine, args.workers, cache, root / name)
            results[f"{name} (from cache)"] = run(stories, engine, args.workers, cache, root / name)
            for label in (f"{name} (cold)", f"{name} (from cache)"):
                print(f"{label:<32} {results[label]}", flush=True)

    cold = next(value for key, value in results.items() if key.endswith("(cold)"))
    per_call_in = cold["prompt_tokens"] / max(1, cold["calls"])
    per_call_out = cold["completion_tokens"] / max(1, cold["calls"])
    counts = sentences_per_article(args.feed)
    print(
        f"measured: {cold['calls']:.0f} calls for {n_articles} articles of at most "
        f"{args.sentences} sentences, {per_call_in:.0f} prompt and {per_call_out:.1f} "
        "completion tokens a call (embedded model)"
    )
    # The projection to 10,000 full articles (benchmarks/README.md) scales these by the
    # dev data's article length and the extractor's sentences a call.
    characters = statistics.mean(len(a.text) for a in read_feed(args.feed))
    print(
        f"dev data: {statistics.mean(counts):.1f} sentences an article (median "
        f"{statistics.median(counts):.0f}), {characters:.0f} characters"
    )
    print(json.dumps({"results": results, "sentences_per_article": statistics.mean(counts)}))


if __name__ == "__main__":
    main()
