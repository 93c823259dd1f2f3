"""The Batch API path against a fake client: the exported JSONL is what a live run sends,
named by cache keys; submit and poll; the output folded into the cache answers the day."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from factcheck import api
from factcheck.llm import FakeLLM
from factcheck.llm.cache import CACHE_FILE, ResponseCache
from factcheck.newsday.batch_api import export_requests, fold_results, run_batch_job
from factcheck.newsday.day import write_articles
from factcheck.newsday.run import check_day
from factcheck.schemas import Report

from .conftest import (
    JUDGE,
    cache_without_extraction,
    comparable,
    make_stories,
    offline_settings,
)


class FakeBatches:
    """``client.files`` and ``client.batches`` of the openai SDK, answering from a cache."""

    def __init__(self, answers: ResponseCache, polls_before_done: int = 2) -> None:
        self.answers = answers
        self.uploaded: dict[str, bytes] = {}
        self.polls = 0
        self.polls_before_done = polls_before_done
        self.created: list[dict[str, Any]] = []
        self.files = SimpleNamespace(create=self._upload, content=self._content)
        self.batches = SimpleNamespace(create=self._create, retrieve=self._retrieve)

    def _upload(self, *, file: Any, purpose: str) -> Any:
        assert purpose == "batch"
        file_id = f"file-{len(self.uploaded)}"
        self.uploaded[file_id] = file.read()
        return SimpleNamespace(id=file_id)

    def _create(self, **params: Any) -> Any:
        self.created.append(params)
        return SimpleNamespace(id=f"batch-{len(self.created) - 1}")

    def _retrieve(self, batch_id: str) -> Any:
        self.polls += 1
        if self.polls <= self.polls_before_done:
            return SimpleNamespace(id=batch_id, status="in_progress", output_file_id=None)
        number = batch_id.removeprefix("batch-")
        return SimpleNamespace(id=batch_id, status="completed", output_file_id=f"out-{number}")

    def _content(self, file_id: str) -> Any:
        if not file_id.startswith("out-"):
            return SimpleNamespace(text=self.uploaded[file_id].decode())
        batch = self.created[int(file_id.removeprefix("out-"))]
        lines: list[dict[str, Any]] = []
        for raw in self.uploaded[batch["input_file_id"]].decode().splitlines():
            request = json.loads(raw)
            answer = self.answers.get(request["custom_id"])
            body = {
                "model": request["body"]["model"],
                "choices": [{"index": 0, "message": {"role": "assistant", "content": answer}}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 10},
            }
            lines.append(
                {
                    "id": f"req-{len(lines)}",
                    "custom_id": request["custom_id"],
                    "response": {"status_code": 200, "body": body},
                    "error": None,
                }
            )
        return SimpleNamespace(text="\n".join(json.dumps(line) for line in lines))


def test_the_exported_requests_are_the_live_requests_keyed_by_cache_key(
    tmp_path: Path,
) -> None:
    stories = make_stories()
    fake = FakeLLM()
    for story in stories:
        api.extract([write_articles(story, tmp_path / "live")], llm=fake)
    path = tmp_path / "requests.jsonl"
    exported = export_requests(stories, tmp_path / "day", offline_settings(tmp_path), path)

    lines = [json.loads(raw) for raw in path.read_text().splitlines()]
    assert exported.requests == len(lines) == len(fake.requests) > 0
    assert {json.dumps(line["body"], sort_keys=True) for line in lines} == {
        json.dumps(body, sort_keys=True) for body in fake.requests
    }
    assert all(line["method"] == "POST" and line["url"] == "/v1/chat/completions" for line in lines)
    assert len({line["custom_id"] for line in lines}) == len(lines)


def test_a_batch_job_fills_the_cache_and_the_day_makes_no_model_call(
    prefilled: tuple[Path, dict[str, Report]], tmp_path: Path
) -> None:
    source, expected = prefilled
    cache_without_extraction(source, tmp_path / "cache")
    settings = offline_settings(tmp_path / "cache")
    out = tmp_path / "day"
    sleeps: list[float] = []
    with ResponseCache(source / CACHE_FILE) as answers:
        client = FakeBatches(answers)
        job = run_batch_job(
            make_stories(), out, settings, client=client, poll_s=5, sleep=sleeps.append
        )

    assert job.status == "completed" and job.folded is not None
    assert job.folded.answered == job.exported.requests > 0 and job.folded.failed == 0
    assert sleeps == [5, 5]
    assert client.created[0]["endpoint"] == "/v1/chat/completions"
    assert client.created[0]["completion_window"] == "24h"

    day = check_day(make_stories(), out, settings, judge=JUDGE)
    assert day.usage.calls == 0 and not day.failed
    # Extraction came from the batch; the contradiction model's scores are computed again.
    for outcome in day.outcomes:
        report = outcome.report()
        assert report is not None
        assert comparable(report) == comparable(expected[outcome.story_id])

    again = run_batch_job(make_stories(), out, settings, client=client)
    assert again.exported.requests == 0 and again.batch_id is None


def test_failed_and_malformed_answers_are_counted_not_folded(tmp_path: Path) -> None:
    requests = tmp_path / "requests.jsonl"
    requests.write_text("".join(json.dumps({"custom_id": key}) + "\n" for key in "abcd"))
    good = {"choices": [{"message": {"content": '{"speaker": "x", "modality": "asserted"}'}}]}
    output = "\n".join(
        json.dumps(line)
        for line in (
            {"custom_id": "a", "response": {"status_code": 200, "body": good}, "error": None},
            {"custom_id": "b", "response": {"status_code": 500, "body": {}}, "error": None},
            {"custom_id": "c", "response": None, "error": {"code": "expired"}},
            {
                "custom_id": "d",
                "response": {
                    "status_code": 200,
                    "body": {"choices": [{"message": {"content": "not json"}}]},
                },
                "error": None,
            },
        )
    )
    with ResponseCache(tmp_path / "cache.sqlite3") as cache:
        folded = fold_results(output, cache, requests)
        assert (folded.answered, folded.failed) == (1, 3)
        assert cache.get("a") is not None and cache.get("b") is None


def test_a_day_larger_than_one_batch_goes_in_several(
    prefilled: tuple[Path, dict[str, Report]], tmp_path: Path
) -> None:
    cache_without_extraction(prefilled[0], tmp_path / "cache")
    settings = offline_settings(tmp_path / "cache")
    with ResponseCache(prefilled[0] / CACHE_FILE) as answers:
        client = FakeBatches(answers, polls_before_done=0)
        job = run_batch_job(
            make_stories(), tmp_path / "day", settings, client=client, max_requests=2
        )
    assert job.batches == len(client.created) == (job.exported.requests + 1) // 2 > 1
    assert job.folded is not None and job.folded.answered == job.exported.requests
    day = check_day(make_stories(), tmp_path / "day", settings, judge=JUDGE)
    assert day.usage.calls == 0 and not day.failed
