"""The commands: cluster, batch (from a pre-filled cache) and cache merge, through typer."""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from factcheck.cli import EXIT_ERROR, EXIT_OK, app
from factcheck.llm.cache import CACHE_FILE, ResponseCache, ShardedCache
from factcheck.newsday.feed import read_stories, write_stories
from factcheck.newsday.vectors import CACHE_FILE as CLUSTER_CACHE
from factcheck.schemas import Report

from .conftest import cache_without_extraction, make_stories
from .test_cluster import FEED, SET_ASIDE_NAMED, _rows, _with_bad_articles, _write, _write_feed

runner = CliRunner()


def _env(cache_dir: Path) -> dict[str, str]:
    return {
        "FACTCHECK_BACKEND": "openai",
        "FACTCHECK_MODEL": "fake-model",
        "FACTCHECK_BASE_URL": "http://127.0.0.1:9/v1",
        "OPENAI_API_KEY": "sk-fake",
        "FACTCHECK_TRANSPORT_RETRIES": "0",
        "FACTCHECK_CACHE_DIR": str(cache_dir),
    }


def test_cluster_writes_stories(tmp_path: Path) -> None:
    out = tmp_path / "stories.jsonl"
    result = runner.invoke(app, ["cluster", str(_write_feed(tmp_path / "feed.jsonl")),
                                 "--out", str(out), "--quiet"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "7 articles -> 4 stories" in result.output
    assert len(read_stories(out)) == 4


def test_batch_checks_stories_from_the_cache_and_writes_the_desk(
    prefilled: tuple[Path, dict[str, Report]], tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    shutil.copytree(prefilled[0], cache_dir)
    stories = tmp_path / "stories.jsonl"
    write_stories(make_stories(), stories)
    out = tmp_path / "day"
    result = runner.invoke(
        app,
        ["batch", str(stories), "--out", str(out), "--quiet", "--judge", "model"],
        env=_env(cache_dir),
    )
    assert result.exit_code == 0, result.output
    assert "3 stories, 0 failed, 0 model calls" in " ".join(result.output.split())
    assert (out / "desk.html").is_file()
    assert "[report](stories/tram/report.md)" in (out / "desk.md").read_text()


def test_batch_without_ray_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = importlib.import_module

    def without_ray(name: str, package: str | None = None) -> ModuleType:
        if name == "ray":
            raise ImportError("No module named 'ray'")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", without_ray)
    stories = tmp_path / "stories.jsonl"
    write_stories(make_stories()[:1], stories)
    result = runner.invoke(
        app,
        ["batch", str(stories), "--out", str(tmp_path / "day"), "--engine", "ray", "-q"],
        env=_env(tmp_path / "cache"),
    )
    assert result.exit_code == 2
    assert "scale extra" in result.output


@pytest.mark.usefixtures("fake_embedder")
@pytest.mark.parametrize("bad", [False, True], ids=["clean", "bad-articles"])
def test_batch_sets_bad_articles_aside_and_says_so_in_its_exit_code(
    tmp_path: Path, bad: bool
) -> None:
    rows = _with_bad_articles() if bad else _rows(FEED)
    feed = _write(tmp_path / "feed.jsonl", rows)
    cache_dir, out = tmp_path / "cache", tmp_path / "day"
    result = runner.invoke(
        app,
        ["batch", str(feed), "--out", str(out), "--export-requests", "-q"],
        env=_env(cache_dir),
    )
    assert result.exit_code == (EXIT_ERROR if bad else EXIT_OK), result.output
    said = " ".join(result.output.split())
    if bad:
        assert all(needle in result.output for needle in SET_ASIDE_NAMED), result.output
        assert "5 articles set aside" in said
    else:
        assert "set aside" not in said
    # The grouped articles' requests are written, and clustering cached by content where
    # `cluster` caches.
    assert (out / "batch" / "requests.jsonl").read_text().count("\n") > 0
    assert (cache_dir / CLUSTER_CACHE).is_file()


@pytest.mark.usefixtures("fake_embedder")
def test_batch_checks_the_rest_of_a_feed_and_exits_2(tmp_path: Path) -> None:
    feed = _write(tmp_path / "feed.jsonl", _with_bad_articles())
    out = tmp_path / "day"
    result = runner.invoke(
        app, ["batch", str(feed), "--out", str(out), "-q", "--no-cache"], env=_env(tmp_path)
    )
    # No story failed (a model that cannot be reached is a problem in its report): the
    # exit code is the articles set aside.
    assert result.exit_code == EXIT_ERROR, result.output
    said = " ".join(result.output.split())
    assert " 0 failed" in said and "5 articles set aside" in said
    checked = sorted(a.id for s in read_stories(out / "stories.jsonl") for a in s.articles)
    assert checked == sorted(row[0] for row in FEED)
    assert (out / "desk.html").is_file()
    assert not (tmp_path / CLUSTER_CACHE).exists()  # --no-cache: nothing kept


def test_cache_merge_folds_the_shards(tmp_path: Path) -> None:
    main = tmp_path / CACHE_FILE
    with ShardedCache(main, tmp_path / "shards" / "w.sqlite3") as shard:
        shard.put("k", "v", prompt="p", model="m")
    result = runner.invoke(app, ["cache", "merge"], env={"FACTCHECK_CACHE_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "1 shards merged: 1 answers added" in result.output
    with ResponseCache(main) as cache:
        assert cache.get("k") == "v"


def test_export_then_fold_a_vllm_style_output_then_batch_makes_no_call(
    prefilled: tuple[Path, dict[str, Report]], tmp_path: Path
) -> None:
    stories = tmp_path / "stories.jsonl"
    write_stories(make_stories(), stories)
    cache_without_extraction(prefilled[0], tmp_path / "cache")
    out, env = tmp_path / "day", _env(tmp_path / "cache")
    exported = runner.invoke(
        app, ["batch", str(stories), "--out", str(out), "--export-requests", "-q"], env=env
    )
    assert exported.exit_code == 0, exported.output
    requests = out / "batch" / "requests.jsonl"
    output = tmp_path / "output.jsonl"
    with ResponseCache(prefilled[0] / CACHE_FILE) as answers, output.open("w") as lines:
        for raw in requests.read_text().splitlines():
            custom_id = json.loads(raw)["custom_id"]
            content = answers.get(custom_id)
            body = {"choices": [{"message": {"role": "assistant", "content": content}}]}
            line = {"custom_id": custom_id, "response": {"status_code": 200, "body": body}}
            lines.write(json.dumps(line) + "\n")

    folded = runner.invoke(
        app, ["cache", "fold", str(output), "--requests", str(requests)], env=env
    )
    assert folded.exit_code == 0, folded.output
    assert " 0 failed" in folded.output

    day = runner.invoke(
        app, ["batch", str(stories), "--out", str(out), "-q", "--judge", "model"], env=env
    )
    assert day.exit_code == 0, day.output
    assert "0 model calls" in " ".join(day.output.split())
