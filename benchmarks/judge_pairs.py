"""Judge accuracy on hand-labelled seed pairs (benchmarks/seed_pairs.jsonl).

Each pair holds two claims quoted verbatim from the seeds and the expected
verdict (agree / contradict). Prints each pair's question, the two answers,
the verdict, and the accuracy. Runs the real judge on the configured backend:

    .venv/bin/python benchmarks/judge_pairs.py            # embedded model
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from factcheck.llm import Settings, open_llm
from factcheck.reconcile import Judge
from factcheck.reconcile.reconciler import judge_pair
from factcheck.schemas import Claim, claim_id

PAIRS = Path(__file__).resolve().parent / "seed_pairs.jsonl"


def seed_claim(side: dict[str, str]) -> Claim:
    """One side of a hand-labelled pair as a claim whose quote is the whole text."""
    quote = side["quote"]
    return Claim(
        id=claim_id(side["article"], 0, len(quote), side["statement"]),
        article_id=side["article"],
        statement=side["statement"],
        quote=quote,
        char_start=0,
        char_end=len(quote),
        attributed_to=side["speaker"],
        modality=side["modality"],  # type: ignore[arg-type]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    args = parser.parse_args()
    pairs = [json.loads(line) for line in args.pairs.read_text().splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as cache:
        settings = Settings.from_env(cache_dir=Path(cache), use_cache=False)
        started = time.perf_counter()
        with open_llm(settings) as llm:
            judge = Judge(llm)
            right = 0
            for pair in pairs:
                a, b = seed_claim(pair["a"]), seed_claim(pair["b"])
                question = judge.question([a, b])
                ans_a, ans_b = judge.answer(question, a), judge.answer(question, b)
                judgement = judge_pair(a, b, ans_a, ans_b, question)
                verdict = judgement.verdict
                ok = verdict == pair["expect"]
                right += ok
                print(f"{'ok ' if ok else 'BAD'} {pair['id']:<34} {verdict:<10} "
                      f"[{judgement.basis}] ({ans_a} / {ans_b})  Q: {question}")  # fmt: skip
            usage = llm.total_usage()
        print(
            f"\naccuracy {right}/{len(pairs)} = {right / len(pairs):.0%}; {usage.calls} calls, "
            f"{usage.prompt_tokens} prompt + {usage.completion_tokens} completion tokens, "
            f"{time.perf_counter() - started:.0f}s on {llm.model}"
        )


if __name__ == "__main__":
    main()
