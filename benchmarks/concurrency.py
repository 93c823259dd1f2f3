"""Is the local backend faster with concurrent calls? Wall time of the same
judge calls at concurrency 1 (one server slot) and N (N slots, N threads).

    .venv/bin/python benchmarks/concurrency.py --concurrency 2
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Run as a script from benchmarks/, beside judge_pairs.py.
from judge_pairs import PAIRS, seed_claim  # type: ignore[import-not-found]

from factcheck.llm import Settings, open_llm
from factcheck.reconcile import Judge
from factcheck.schemas import Claim


def _claims() -> list[Claim]:
    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    return [seed_claim(pair[side]) for pair in pairs for side in ("a", "b")]


def _timed(concurrency: int, claims: list[Claim]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as cache:
        settings = Settings(backend="local", cache_dir=Path(cache), use_cache=False,
                            concurrency=concurrency)  # fmt: skip
        with open_llm(settings) as llm:
            judge = Judge(llm)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                list(
                    pool.map(lambda c: judge.answer("Did Ukraine give up its NATO bid?", c), claims)
                )
            return time.perf_counter() - started, llm.total_usage().calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    claims = _claims()
    sequential, calls = _timed(1, claims)
    concurrent, _ = _timed(args.concurrency, claims)
    print(f"{calls} judge calls: sequential {sequential:.1f}s, concurrency {args.concurrency} "
          f"{concurrent:.1f}s ({concurrent / sequential:.2f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
