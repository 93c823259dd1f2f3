"""What a factcheck run costs on the embedded model, and how the cost grows.

Three measurements, all through the public library (``factcheck.check``):

1. A cold run on the seed articles with an empty response cache: wall time,
   model calls and tokens, per article, for extraction and reconciliation.
2. The same run again on the same cache: it must make no model call.
3. A growth table: runs on the first N articles of a pool (the seeds, then
   the distinct SummEdits news documents, then any ``--extra`` texts), each
   with the cache off so every run pays in full.

    .venv/bin/python benchmarks/cost.py --sizes 2,5,10,20

Needs the embedded backend (``pip install -e '.[local]'``) and nothing else
heavy running on the machine: timings are wall-clock.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import factcheck
from factcheck.evaluation import load_summedits
from factcheck.nli import ENTAILMENT_THRESHOLD
from factcheck.schemas import Usage

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SUMMEDITS = Path("/work/shared/data/summedits/news_dev.jsonl")
STAGES = ("extract", "reconcile")


@dataclass
class StageCost:
    stage: str
    calls: int
    cache_hits: int
    failed_calls: int
    prompt_tokens: int
    completion_tokens: int


@dataclass
class GrowthRow:
    n: int
    articles: int
    claims: int
    blocks: int
    findings: int
    problems: int
    calls: int
    prompt_tokens: int
    completion_tokens: int
    wall_seconds: float


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Measure model calls, tokens and wall time of factcheck.check on the embedded "
            "model: a cold and a warm-cache run on the seeds, then a growth table."
        )
    )
    parser.add_argument(
        "--sizes",
        default="2,5,10,20",
        help="comma-separated article counts for the growth table (default: 2,5,10,20); "
        "sizes above the pool are measured at the pool's size",
    )
    parser.add_argument(
        "--seeds", type=Path, default=ROOT / "seeds", help="folder of seed .txt articles"
    )
    parser.add_argument(
        "--summedits",
        type=Path,
        default=DEFAULT_SUMMEDITS,
        help="SummEdits JSONL whose distinct documents extend the pool (about other events, "
        "which is fine for cost); a missing file is skipped",
    )
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="a folder of further .txt articles for the pool (repeatable)",
    )
    parser.add_argument("--concurrency", type=int, default=None, help="parallel model calls")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per model call")
    parser.add_argument("--skip-seeds", action="store_true", help="skip the cold/warm seed runs")
    parser.add_argument("--skip-growth", action="store_true", help="skip the growth table")
    parser.add_argument(
        "--statements", type=Path, default=None, help="write every seed claim here, to read"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    return parser.parse_args(argv)


def stage_costs(before: Mapping[str, Usage], after: Mapping[str, Usage]) -> list[StageCost]:
    """Usage of one run, from the client's cumulative counters before and after it."""
    rows = []
    for stage in sorted(set(after) | set(STAGES)):
        used = after.get(stage, Usage()).minus(before.get(stage, Usage()))
        rows.append(
            StageCost(
                stage=stage,
                calls=used.calls,
                cache_hits=used.cache_hits,
                failed_calls=used.failed_calls,
                prompt_tokens=used.prompt_tokens,
                completion_tokens=used.completion_tokens,
            )
        )
    return rows


def settings_for(
    args: argparse.Namespace, cache_dir: Path, *, use_cache: bool
) -> factcheck.Settings:
    values: dict[str, object] = {"backend": "local", "cache_dir": cache_dir, "use_cache": use_cache}
    if args.concurrency is not None:
        values["concurrency"] = args.concurrency
    if args.timeout is not None:
        values["timeout_s"] = args.timeout
    return factcheck.Settings.model_validate(values)


def timed_check(
    llm: factcheck.LLM, paths: Sequence[Path]
) -> tuple[factcheck.Report, float, list[StageCost]]:
    before = llm.usage()
    started = time.perf_counter()
    report = factcheck.check(list(paths), llm=llm)
    wall = time.perf_counter() - started
    return report, wall, stage_costs(before, llm.usage())


def print_stage_table(costs: list[StageCost], articles: int) -> None:
    per = max(articles, 1)
    print(
        f"  {'stage':<10}{'calls':>7}{'hits':>6}{'failed':>8}{'prompt tok':>12}"
        f"{'compl. tok':>12}{'calls/art.':>12}{'prompt/art.':>13}{'compl./art.':>13}"
    )
    for c in costs:
        print(
            f"  {c.stage:<10}{c.calls:>7}{c.cache_hits:>6}{c.failed_calls:>8}"
            f"{c.prompt_tokens:>12}{c.completion_tokens:>12}{c.calls / per:>12.1f}"
            f"{c.prompt_tokens / per:>13.0f}{c.completion_tokens / per:>13.0f}"
        )


def extraction_quality(report: factcheck.Report, figures: dict[str, object]) -> None:
    """Per article: claims, the share of sentences with a claim, the statements written
    with a referent, and the share of statements the contradiction model finds entailed by
    their quote alone (a resolved statement's referent comes from an earlier sentence, so
    this is a strict figure for those)."""
    sentences = {a.id: a.sentences for a in report.articles}
    premises: list[tuple[str, str]] = []
    for claim in report.claims:
        premises.append((claim.quote, claim.statement))
    verdicts = factcheck.compare_many(premises) if premises else []
    entailed = {
        c.id: v.entailment >= ENTAILMENT_THRESHOLD
        for c, v in zip(report.claims, verdicts, strict=True)
    }
    print(
        f"\n  {'article':<22}{'sentences':>10}{'claims':>8}{'with claim':>12}"
        f"{'resolved':>10}{'entailed':>10}"
    )
    rows = []
    for article_id, count in sentences.items():
        claims = [c for c in report.claims if c.article_id == article_id]
        resolved = [c for c in claims if c.statement != c.quote]
        share = len({c.char_start for c in claims}) / max(count, 1)
        ent = sum(entailed[c.id] for c in claims) / max(len(claims), 1)
        rows.append(
            {
                "article": article_id,
                "sentences": count,
                "claims": len(claims),
                "sentences_with_claim": round(share, 3),
                "resolved_statements": len(resolved),
                "entailed_by_quote": round(ent, 3),
            }
        )
        print(
            f"  {article_id:<22}{count:>10}{len(claims):>8}{share:>12.0%}"
            f"{len(resolved):>10}{ent:>10.0%}"
        )
    total = len(report.claims)
    print(
        f"  statements entailed by their quote alone: "
        f"{sum(entailed.values())}/{total} ({sum(entailed.values()) / max(total, 1):.0%})"
    )
    figures["extraction"] = rows


def seed_runs(args: argparse.Namespace, seeds: list[Path], figures: dict[str, object]) -> bool:
    """Cold then warm on one cache; False when the warm run made model calls."""
    with tempfile.TemporaryDirectory(prefix="factcheck-cost-") as cache:
        started = time.perf_counter()
        with factcheck.open_llm(settings_for(args, Path(cache), use_cache=True)) as llm:
            startup = time.perf_counter() - started
            print(f"embedded server up in {startup:.1f} s (not counted below)")
            report, cold, costs = timed_check(llm, seeds)
            n = len(report.articles)
            print(
                f"\ncold run, {n} seed articles, {len(report.claims)} claims, "
                f"{len(report.points)} points, {len(report.findings)} findings, "
                f"{len(report.problems)} problems: {cold:.1f} s, {cold / max(n, 1):.1f} s/article"
            )
            print_stage_table(costs, n)
            extraction_quality(report, figures)
            if args.statements is not None:
                args.statements.write_text(
                    "".join(
                        f"{c.article_id} [{c.attributed_to} | {c.modality}] {c.statement}\n"
                        f"    quote: {c.quote}\n"
                        for c in report.claims
                    ),
                    encoding="utf-8",
                )
            _, warm, warm_costs = timed_check(llm, seeds)
            warm_calls = sum(c.calls for c in warm_costs)
            print(
                f"\nwarm re-run, same cache: {warm:.2f} s, {warm_calls} model calls, "
                f"{sum(c.cache_hits for c in warm_costs)} cache hits"
            )
            if warm_calls:
                print("  UNEXPECTED: the warm run should make no model call", file=sys.stderr)
    figures["seeds"] = {
        "articles": n,
        "claims": len(report.claims),
        "blocks": len(report.points),
        "server_start_seconds": round(startup, 2),
        "cold_seconds": round(cold, 2),
        "cold": [asdict(c) for c in costs],
        "warm_seconds": round(warm, 2),
        "warm": [asdict(c) for c in warm_costs],
    }
    return warm_calls == 0


def article_pool(args: argparse.Namespace, seeds: list[Path], folder: Path) -> list[Path]:
    """Seeds first (one story, so reconciliation has work), then other texts."""
    pool = list(seeds)
    if args.summedits.is_file():
        docs = dict.fromkeys(item.doc for item in load_summedits(args.summedits))
        for number, doc in enumerate(docs, start=1):
            path = folder / f"summedits_{number:03d}.txt"
            path.write_text(doc, encoding="utf-8")
            pool.append(path)
    for extra in args.extra:
        pool.extend(sorted(extra.glob("*.txt")))
    return pool


def growth(args: argparse.Namespace, seeds: list[Path], figures: dict[str, object]) -> None:
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    with (
        tempfile.TemporaryDirectory(prefix="factcheck-pool-") as folder,
        tempfile.TemporaryDirectory(prefix="factcheck-cost-") as cache,
    ):
        pool = article_pool(args, seeds, Path(folder))
        measured = sorted({min(size, len(pool)) for size in sizes if size > 0})
        if any(size > len(pool) for size in sizes):
            print(
                f"\nonly {len(pool)} distinct texts in the pool: sizes above it are measured at "
                f"{len(pool)}; add --extra FOLDER for more"
            )
        rows: list[GrowthRow] = []
        with factcheck.open_llm(settings_for(args, Path(cache), use_cache=False)) as llm:
            for n in measured:
                report, wall, costs = timed_check(llm, pool[:n])
                rows.append(
                    GrowthRow(
                        n=n,
                        articles=len(report.articles),
                        claims=len(report.claims),
                        blocks=len(report.points),
                        findings=len(report.findings),
                        problems=len(report.problems),
                        calls=sum(c.calls for c in costs),
                        prompt_tokens=sum(c.prompt_tokens for c in costs),
                        completion_tokens=sum(c.completion_tokens for c in costs),
                        wall_seconds=round(wall, 2),
                    )
                )
                print(f"  N={n}: {wall:.1f} s", file=sys.stderr)
    print("\ngrowth, cache off (tokens: prompt + completion)")
    print(
        f"  {'N':>3}{'articles':>10}{'claims':>8}{'blocks':>8}{'findings':>10}"
        f"{'calls':>7}{'tokens':>9}{'wall s':>9}{'calls/art.':>12}"
    )
    for r in rows:
        print(
            f"  {r.n:>3}{r.articles:>10}{r.claims:>8}{r.blocks:>8}{r.findings:>10}{r.calls:>7}"
            f"{r.prompt_tokens + r.completion_tokens:>9}{r.wall_seconds:>9.1f}"
            f"{r.calls / max(r.articles, 1):>12.1f}"
        )
    figures["growth"] = [asdict(r) for r in rows]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        print(f"no .txt articles in {args.seeds}", file=sys.stderr)
        return 2
    figures: dict[str, object] = {"factcheck_version": factcheck.__version__}
    warm_ok = True
    try:
        if not args.skip_seeds:
            warm_ok = seed_runs(args, seeds, figures)
        if not args.skip_growth:
            growth(args, seeds, figures)
    except factcheck.FactcheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if warm_ok else 1


if __name__ == "__main__":
    sys.exit(main())
