"""Typed checks on the dev stories: gold disagreements found, look-alike agreements flagged.

For each story of a folder (default ``../shared/data/stories-dev``), every prose sentence
of every article is parsed once (``factcheck.parse.read_facts_many``, dates resolved
against the story's date when its ``gold.yaml`` gives a day), then:

* **gold disagreements**: the sentences holding side A's quote against those holding side
  B's; a disagreement is *found* when some pair gets a typed difference
  (``factcheck.comparison.checks.typed.facts_differences``);
* **agreement look-alikes**: for each gold agreement, the sentences of its articles that
  match its keywords, paired across outlets; a pair with a typed difference is a *false
  alarm* (the agreements are written to include look-alikes: a rounded and an exact
  figure, a weekday and a date);
* **all cross-outlet pairs**: how many get any typed difference, the noise an aligner in
  front of these checks must keep out.

Run: ``.venv/bin/python benchmarks/typed_pairs.py [--stories DIR] [--seeds] [-v]``.
``--seeds`` also times parsing every prose sentence of ``seeds/*.txt`` (nothing else is
read from the seeds: rules are never tuned on them).

``--pairs [FILE]`` measures the checks inside one point instead, on the typed-pairs set
(default ``benchmarks/data/typed_pairs/pairs.jsonl``, sentences written for it): both
sentences of each pair are parsed (one ``read_facts_many`` batch per article date) and
``factcheck.comparison.checks.slots.point_differences`` is called in both orders; a pair is
*flagged* when either order gives a difference. It prints recall on the pairs that differ
and the false-alarm rate on the look-alikes, overall, per kind and per fold, and how many
pairs get a difference in one order only; ``-v`` prints every miss and false alarm with
the differences' ``what_differs`` lines, ``--json OUT`` writes the per-pair results. It
always exits 0: it is a measure, not a test.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.comparison.checks.typed import TypedDifference, facts_differences
from factcheck.ingest import read_article
from factcheck.parse import load_nlp, read_facts_many
from factcheck.schemas import Article, Sentence
from factcheck.schemas.facts import ClaimFacts

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_STORIES = ROOT.parent / "shared" / "data" / "stories-dev"
DEFAULT_PAIRS = ROOT / "benchmarks" / "data" / "typed_pairs" / "pairs.jsonl"
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


def _difference_rows(diffs: list[TypedDifference]) -> list[dict[str, str]]:
    return [{"kind": d.kind, "slot": d.slot, "what_differs": d.what_differs} for d in diffs]


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def run_pairs(path: Path, verbose: bool, json_out: Path | None) -> int:
    """Recall and false alarms of ``point_differences`` on the typed-pairs set."""
    from factcheck.comparison.checks.slots import point_differences

    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    started = time.perf_counter()
    load_nlp()
    load_s = time.perf_counter() - started
    by_date: dict[str | None, list[str]] = {}
    for pair in pairs:
        texts = by_date.setdefault(pair.get("article_date"), [])
        texts.extend(t for t in (pair["a"], pair["b"]) if t not in texts)
    facts: dict[tuple[str | None, str], ClaimFacts] = {}
    parse_started = time.perf_counter()
    for day, texts in by_date.items():
        date = datetime.date.fromisoformat(day) if day else None
        for text, read in zip(texts, read_facts_many(texts, article_date=date), strict=True):
            facts[(day, text)] = read
    parse_s = time.perf_counter() - parse_started
    compare_started = time.perf_counter()
    results: list[dict[str, Any]] = []
    for pair in pairs:
        day = pair.get("article_date")
        fa, fb = facts[(day, pair["a"])], facts[(day, pair["b"])]
        ab, ba = point_differences(fa, fb), point_differences(fb, fa)
        results.append(
            {
                "id": pair["id"],
                "kind": pair["kind"],
                "domain": pair["domain"],
                "fold": pair["fold"],
                "differs": pair["differs"],
                "flagged": bool(ab or ba),
                "asymmetric": bool(ab) != bool(ba),
                "a": pair["a"],
                "b": pair["b"],
                "differences_ab": _difference_rows(ab),
                "differences_ba": _difference_rows(ba),
            }
        )
    compare_s = time.perf_counter() - compare_started

    def tally(rows: list[dict[str, Any]]) -> tuple[int, int, int, int]:
        positives = [r for r in rows if r["differs"]]
        negatives = [r for r in rows if not r["differs"]]
        found = sum(r["flagged"] for r in positives)
        alarms = sum(r["flagged"] for r in negatives)
        return len(positives), found, len(negatives), alarms

    n_pos, found, n_neg, alarms = tally(results)
    print(f"typed pairs: {len(results)} in {path}")
    print(f"recall on pairs that differ: {_rate(found, n_pos)}")
    print(f"false alarms on look-alikes: {_rate(alarms, n_neg)}")
    asymmetric = [r for r in results if r["asymmetric"]]
    print(f"flagged in one order only: {len(asymmetric)}")
    print()
    print(f"{'kind':<12} {'differ':>6} {'found':>6} {'recall':>7} {'quiet':>6} {'alarms':>6}")
    for kind in sorted({r["kind"] for r in results}):
        kp, kf, kn, ka = tally([r for r in results if r["kind"] == kind])
        recall = f"{100 * kf / kp:.0f}%" if kp else "-"
        print(f"{kind:<12} {kp:>6} {kf:>6} {recall:>7} {kn:>6} {ka:>6}")
    print()
    for fold in sorted({r["fold"] for r in results}):
        fp, ff, fn, fa_ = tally([r for r in results if r["fold"] == fold])
        print(f"fold {fold}: recall {_rate(ff, fp)}, false alarms {_rate(fa_, fn)}")
    if verbose:
        for label, wanted in (("MISS", True), ("FALSE ALARM", False)):
            print()
            for r in results:
                if r["differs"] != wanted or r["flagged"] == wanted:
                    continue
                print(f"{label} {r['id']} ({r['domain']}): {r['a']} | {r['b']}")
                for order, rows in (("a,b", r["differences_ab"]), ("b,a", r["differences_ba"])):
                    for row in rows:
                        print(f"    [{order}] {row['kind']} {row['slot']}: {row['what_differs']}")
        if asymmetric:
            print()
            for r in asymmetric:
                print(f"ONE ORDER {r['id']}: a,b {len(r['differences_ab'])}, "
                      f"b,a {len(r['differences_ba'])}")  # fmt: skip
    print()
    n_texts = sum(len(t) for t in by_date.values())
    print(
        f"parse: {n_texts} sentences in {parse_s:.2f} s (model load {load_s:.2f} s); "
        f"compare: {2 * len(results)} calls in {compare_s:.2f} s"
    )
    if json_out is not None:
        summary = {
            "pairs": len(results),
            "differ": n_pos,
            "found": found,
            "lookalikes": n_neg,
            "false_alarms": alarms,
            "one_order_only": len(asymmetric),
        }
        json_out.write_text(
            json.dumps({"summary": summary, "results": results}, indent=1, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
        print(f"per-pair results written to {json_out}")
    return 0


def _parse_pairs(
    path: Path,
) -> tuple[list[dict[str, Any]], dict[tuple[str | None, str], ClaimFacts]]:
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    by_date: dict[str | None, list[str]] = {}
    for pair in pairs:
        texts = by_date.setdefault(pair.get("article_date"), [])
        texts.extend(t for t in (pair["a"], pair["b"]) if t not in texts)
    facts: dict[tuple[str | None, str], ClaimFacts] = {}
    for day, texts in by_date.items():
        date = datetime.date.fromisoformat(day) if day else None
        for text, read in zip(texts, read_facts_many(texts, article_date=date), strict=True):
            facts[(day, text)] = read
    return pairs, facts


class _MemoJudge:
    """The shipped contradiction model, each pair scored once across the grid."""

    def __init__(self) -> None:
        from factcheck.comparison.judges.model import ModelJudge

        self._judge = ModelJudge()
        self._memo: dict[tuple[str, str], Any] = {}
        self.fingerprint = self._judge.fingerprint

    def score(self, pairs: Any) -> list[Any]:
        missing = [p for p in pairs if p not in self._memo]
        if missing:
            self._memo.update(zip(missing, self._judge.score(missing), strict=True))
        return [self._memo[p] for p in pairs]


def _grid(route: str) -> list[tuple[float, ...]]:
    frames = [round(0.3 + 0.05 * k, 2) for k in range(14)]
    entailments = [round(0.3 + 0.1 * k, 1) for k in range(7)]
    # A setting is SlotMatch's (frame, entailment[, entailment alone[, frames alone]]).
    if route == "substitution":
        return [(0.0, e, 2.0) for e in entailments]
    if route == "both":
        return [(f, e, 2.0) for f in frames[::2] for e in entailments]
    if route == "frames-alone":
        return [
            (f, e, 2.0, a)
            for f in (0.3, 0.4, 0.5)
            for e in (0.5, 0.6, 0.7)
            for a in (0.8, 0.85, 0.9, 2.0)
        ]
    if route == "either":
        return [
            (f, e, a)
            for f in frames[2::2]
            for e in entailments[1:]
            for a in (0.8, 0.85, 0.9, 0.95, 2.0)
        ]
    return [(f, 0.0) for f in frames]


def run_cv(path: Path, route: str, max_alarms: float, alarm_cost: float = 0.0) -> int:
    """Choose the slot thresholds by five-fold cross-validation over the pairs' folds: on
    each fold's four others, the setting with the highest recall whose false alarms stay at
    most ``max_alarms`` (ties: the stricter setting), or with ``alarm_cost`` the highest
    recall less that many times the false-alarm rate; scored on the fold left out. Prints
    each fold's choice and the held-out figures, then the whole curve."""
    from factcheck.comparison.checks import slots

    pairs, facts = _parse_pairs(path)
    frames: Any = slots.LexicalFrames() if route == "lexical" else slots.default_frames()
    substituting = {"substitution", "both", "either", "frames-alone"}
    judge = _MemoJudge() if route in substituting else None
    grid = _grid(route)
    flagged: dict[tuple[float, ...], list[bool]] = {}
    for setting in grid:
        match = slots.SlotMatch(frames, judge, *setting)
        row = []
        for pair in pairs:
            day = pair.get("article_date")
            fa, fb = facts[(day, pair["a"])], facts[(day, pair["b"])]
            differences = slots.point_differences(fa, fb, match=match)
            row.append(bool(differences or slots.point_differences(fb, fa, match=match)))
        flagged[setting] = row

    def rates(threshold: tuple[float, ...], keep: list[int]) -> tuple[int, int, int, int]:
        pos = [i for i in keep if pairs[i]["differs"]]
        neg = [i for i in keep if not pairs[i]["differs"]]
        found = sum(flagged[threshold][i] for i in pos)
        alarms = sum(flagged[threshold][i] for i in neg)
        return found, len(pos), alarms, len(neg)

    folds = sorted({p["fold"] for p in pairs})
    held_found = held_pos = held_alarms = held_neg = 0
    rule = (
        f"recall less {alarm_cost:g} x the false-alarm rate"
        if alarm_cost
        else f"recall with at most {max_alarms:.0%} false alarms"
    )
    print(f"route: {route}; {len(grid)} settings; chosen on the training folds by {rule}")
    for fold in folds:
        train = [i for i, p in enumerate(pairs) if p["fold"] != fold]
        test = [i for i, p in enumerate(pairs) if p["fold"] == fold]

        def score(t: tuple[float, ...], train: list[int] = train) -> tuple[float, float]:
            found, pos, alarms, neg = rates(t, train)
            if alarm_cost:
                return (found / pos - alarm_cost * alarms / neg, sum(t))
            ok = alarms <= max_alarms * neg
            return (found / pos if ok else -1.0, sum(t))

        chosen = max(grid, key=score)
        found, pos, alarms, neg = rates(chosen, test)
        held_found, held_pos = held_found + found, held_pos + pos
        held_alarms, held_neg = held_alarms + alarms, held_neg + neg
        print(f"fold {fold}: thresholds {chosen}; held out: recall {_rate(found, pos)}, "
              f"false alarms {_rate(alarms, neg)}")  # fmt: skip
    print(f"held out, all folds: recall {_rate(held_found, held_pos)}, "
          f"false alarms {_rate(held_alarms, held_neg)}")  # fmt: skip
    everything = list(range(len(pairs)))
    print("\nframe  entailment  recall  false alarms (all pairs)")
    for setting in grid:
        found, pos, alarms, neg = rates(setting, everything)
        alone = "".join(f"  alone {x:.2f}" for x in setting[2:])
        print(
            f"{setting[0]:5.2f}  {setting[1]:10.1f}  {_rate(found, pos):>14}  "
            f"{_rate(alarms, neg)}{alone}"
        )
    return 0


def run_questions(
    path: Path, cache_dir: Path | None, verbose: bool, folds: set[int] | None = None
) -> int:
    """The question route: for each pair, one LLM call (``prompts/slot_questions.yaml``,
    the configured backend; the embedded model by default) names the questions both
    sentences answer and the words that answer them; a pair is flagged when two answers to
    one question give values that cannot both hold
    (:func:`factcheck.comparison.checks.slots.answered_differences`). Printed beside the
    shipped route (frames and substitution) and the two together."""
    from factcheck.comparison.checks import slots
    from factcheck.comparison.judges.questions import ask_questions
    from factcheck.llm import Settings, open_llm

    pairs, facts = _parse_pairs(path)
    if folds is not None:
        pairs = [p for p in pairs if p["fold"] in folds]
    settings = Settings.from_env()
    if cache_dir is not None:
        settings = settings.model_copy(update={"cache_dir": cache_dir})
    asked: dict[str, bool] = {}
    shipped: dict[str, bool] = {}
    failed = 0
    lines: list[str] = []
    started = time.perf_counter()
    with open_llm(settings) as llm:
        for n, pair in enumerate(pairs, 1):
            day = pair.get("article_date")
            fa, fb = facts[(day, pair["a"])], facts[(day, pair["b"])]
            result = ask_questions(llm, [pair["a"], pair["b"]])
            failed += bool(result.failed)
            found = []
            for slot in result.slots:
                spans_a = [(s, e) for i, s, e in slot.spans if i == 0]
                spans_b = [(s, e) for i, s, e in slot.spans if i == 1]
                found.extend(slots.answered_differences(fa, spans_a, fb, spans_b, slot.question))
            asked[pair["id"]] = bool(found)
            shipped[pair["id"]] = bool(
                slots.point_differences(fa, fb) or slots.point_differences(fb, fa)
            )
            questions = "; ".join(
                f"{q.question} -> " + " / ".join(
                    repr((pair["a"], pair["b"])[i][s:e]) for i, s, e in q.spans
                )
                for q in result.slots
            )  # fmt: skip
            said = questions or result.failed or "-"
            lines.append(
                f"{pair['id']} differs={pair['differs']} asked={bool(found)} "
                f"shipped={shipped[pair['id']]}: {said}"
            )
            if n % 20 == 0:
                print(f"  {n}/{len(pairs)} pairs, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
    for label, flagged in (
        ("questions", asked),
        ("shipped (frames + substitution)", shipped),
        ("either", {k: asked[k] or shipped[k] for k in asked}),
    ):
        pos = [p for p in pairs if p["differs"]]
        neg = [p for p in pairs if not p["differs"]]
        found_n = sum(flagged[p["id"]] for p in pos)
        alarms = sum(flagged[p["id"]] for p in neg)
        print(f"{label}: recall {_rate(found_n, len(pos))}, false alarms {_rate(alarms, len(neg))}")
        for kind in sorted({p["kind"] for p in pairs}):
            kp = [p for p in pos if p["kind"] == kind]
            kn = [p for p in neg if p["kind"] == kind]
            print(f"    {kind:<12} {sum(flagged[p['id']] for p in kp)}/{len(kp)} found, "
                  f"{sum(flagged[p['id']] for p in kn)}/{len(kn)} alarms")  # fmt: skip
    print(f"calls failed: {failed} of {len(pairs)}; {time.perf_counter() - started:.0f} s")
    if verbose:
        print("\n".join(lines))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--seeds", action="store_true", help="also time parsing the seeds")
    parser.add_argument(
        "--pairs",
        type=Path,
        nargs="?",
        const=DEFAULT_PAIRS,
        help=f"measure point_differences on a typed-pairs file (default {DEFAULT_PAIRS.name})",
    )
    parser.add_argument("--json", type=Path, help="with --pairs: write per-pair results here")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every flagged pair")
    parser.add_argument(
        "--cv",
        choices=[
            "embedding",
            "lexical",
            "substitution",
            "both",
            "either",
            "frames-alone",
        ],
        # either: frames and substitution, or a substitution alone (the shipped rule);
        # frames-alone: frames and substitution, or frames alone
        help="with --pairs: choose the frame threshold by cross-validation over the folds, "
        "frames matched by MiniLM embeddings or by shared words",
    )
    parser.add_argument("--max-alarms", type=float, default=0.02)
    parser.add_argument(
        "--alarm-cost",
        type=float,
        default=0.0,
        help="with --cv: maximise recall minus this times the false-alarm rate instead",
    )
    parser.add_argument(
        "--route",
        choices=["questions"],
        help="with --pairs: measure the LLM question route (one call a pair) instead",
    )
    parser.add_argument("--cache-dir", type=Path, help="with --route: the LLM response cache")
    parser.add_argument(
        "--folds", help="with --route: only the pairs of these folds (comma-separated)"
    )
    args = parser.parse_args()
    if args.pairs is not None and args.route == "questions":
        folds = {int(f) for f in args.folds.split(",")} if args.folds else None
        return run_questions(args.pairs, args.cache_dir, args.verbose, folds)
    if args.pairs is not None and args.cv:
        return run_cv(args.pairs, args.cv, args.max_alarms, args.alarm_cost)
    if args.pairs is not None:
        run_pairs(args.pairs, args.verbose, args.json)
        return 0
    status = run(args.stories, args.verbose)
    if args.seeds:
        time_seeds()
    return status


if __name__ == "__main__":
    sys.exit(main())
