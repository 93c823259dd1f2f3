"""Extraction through a batch job: the OpenAI Batch API (half price, answered within 24 h)
or ``vllm run-batch`` on a GPU machine, both of which read the same JSONL.

1. ``export_requests``: every extraction request of the day that the cache cannot answer,
   one JSONL line each, ``custom_id`` = the request's cache key. The requests are made by
   the real pipeline (the extractor, ``LLM.generate``, instructor, the openai client) and
   caught at the HTTP transport, so a line's body is byte for byte what a live run sends.
2. ``submit`` and ``wait``: the file uploaded, the batch created, polled until it ends.
3. ``fold_results``: each answer of the output file written into the cache under its
   ``custom_id``. The normal run then finds every answer in the cache; an answer that
   fails validation there is asked again live, as any stale cache entry is. Every line
   is checked before any is written, and the answers are written in one transaction:
   a file with one line that is no answer to one of the requests folds nothing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx

from factcheck.api import load_inputs
from factcheck.errors import ConfigurationError, InputError, ModelCallError
from factcheck.extract import Extractor
from factcheck.ingest.reader import MAX_DATA_BYTES, read_input_bytes
from factcheck.llm import LLM, RenderedPrompt, ResponseCache, Settings
from factcheck.llm.cache import CACHE_FILE
from factcheck.llm.client import answered_by
from factcheck.newsday.day import write_articles
from factcheck.newsday.feed import Story
from factcheck.outputs import write_text

__all__ = [
    "BatchClient",
    "BatchJob",
    "ExportResult",
    "FoldResult",
    "export_day",
    "export_requests",
    "fold_file",
    "fold_results",
    "run_batch_job",
    "split_requests",
    "submit",
    "wait",
]

log = logging.getLogger(__name__)

ENDPOINT = "/v1/chat/completions"
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
# OpenAI's limits for one batch's input file are 50,000 requests and 200 MB: a day of
# 10,000 articles (about 35,000 requests, the article repeated in each) takes two files.
MAX_REQUESTS = 50_000
MAX_BYTES = 190_000_000


class BatchClient(Protocol):
    """The part of ``openai.OpenAI`` a batch job uses (``files`` and ``batches``)."""

    @property
    def files(self) -> Any: ...

    @property
    def batches(self) -> Any: ...


@dataclass(frozen=True)
class ExportResult:
    path: Path
    requests: int
    cached: int
    """Requests the cache already answers: not exported."""


@dataclass(frozen=True)
class FoldResult:
    answered: int
    failed: int
    prompt_tokens: int
    completion_tokens: int


class _RecordingLLM(LLM):
    """The real client, whose HTTP transport writes each request down instead of sending it."""

    def __init__(self, settings: Settings, cache: ResponseCache | None) -> None:
        self.lines: dict[str, dict[str, Any]] = {}
        self.prompts: dict[str, str] = {}
        self.cached = 0
        self._current = threading.local()
        super().__init__(
            answered_by(self._record, base_url="http://batch-export.invalid/v1"),
            model=settings.resolved_model(),
            backend=settings.resolved_backend(),
            settings=settings,
            cache=cache,
        )

    def generate(
        self,
        prompt: RenderedPrompt,
        response_model: type[Any],
        *,
        stage: str,
        context: dict[str, Any] | None = None,
    ) -> Any:
        key = self.request_key(prompt, response_model)
        if self.cache is not None and self.cache.get(key) is not None:
            self.cached += 1
            return super().generate(prompt, response_model, stage=stage, context=context)
        self._current.key = key
        self.prompts[key] = prompt.name
        return super().generate(prompt, response_model, stage=stage, context=context)

    def _record(self, request: httpx.Request) -> httpx.Response:
        key: str = self._current.key
        body = json.loads(request.content)
        self.lines.setdefault(
            key, {"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}
        )
        # A refusal the pipeline treats as a failed call: the sentence goes unanswered.
        return httpx.Response(400, json={"error": {"message": "recorded for a batch job"}})


@contextlib.contextmanager
def _quiet_extraction() -> Iterator[None]:
    # Every exported request "fails" (it is only written down); that is no warning.
    logger = logging.getLogger("factcheck.extract")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def export_requests(
    stories: Sequence[Story],
    out: Path,
    settings: Settings,
    path: Path,
    *,
    cache: ResponseCache | None = None,
) -> ExportResult:
    """The extraction requests of every story that ``cache`` cannot answer, as batch JSONL
    at ``path`` (and ``path`` + ``.prompts.json``: each ``custom_id``'s prompt name)."""
    recorder = _RecordingLLM(settings, cache)
    extractor = Extractor(recorder)
    with _quiet_extraction():
        for story in stories:
            articles, _ = load_inputs([write_articles(story, out)])
            extractor.extract_all(articles)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(
        path,
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in recorder.lines.values()),
    )
    write_text(_prompts_path(path), json.dumps(recorder.prompts, indent=1))
    return ExportResult(path=path, requests=len(recorder.lines), cached=recorder.cached)


def export_day(stories: Sequence[Story], out: Path, settings: Settings) -> ExportResult:
    """``out/batch/requests.jsonl``: what the main cache lacks, for a batch run elsewhere
    (``vllm run-batch``); ``fold_file`` brings its output back."""
    cache = ResponseCache(settings.cache_dir / CACHE_FILE) if settings.use_cache else None
    with contextlib.ExitStack() as stack:
        if cache is not None:
            stack.callback(cache.close)
        return export_requests(
            stories, out, settings, out / "batch" / "requests.jsonl", cache=cache
        )


def fold_file(output: Path, requests: Path, settings: Settings) -> FoldResult:
    """A batch output file (OpenAI's or ``vllm run-batch``'s) folded into the main cache."""
    data = read_input_bytes(output, max_bytes=MAX_DATA_BYTES, what="batch output file")
    with ResponseCache(settings.cache_dir / CACHE_FILE) as cache:
        return fold_results(data, cache, requests)


def _prompts_path(path: Path) -> Path:
    return path.with_name(path.name + ".prompts.json")


def submit(client: BatchClient, path: Path, *, description: str = "factcheck extraction") -> str:
    """Upload the JSONL and create the batch; returns the batch id."""
    with path.open("rb") as handle:
        uploaded = client.files.create(file=handle, purpose="batch")
    batch = client.batches.create(
        input_file_id=uploaded.id,
        endpoint=ENDPOINT,
        completion_window="24h",
        metadata={"description": description},
    )
    return str(batch.id)


def wait(
    client: BatchClient,
    batch_id: str,
    *,
    poll_s: float = 30.0,
    timeout_s: float = 24 * 3600.0,
    sleep: Callable[[float], None] = time.sleep,
    on_poll: Callable[[Any], None] | None = None,
) -> Any:
    """Poll the batch until it ends; its final state (``output_file_id`` and counts)."""
    waited = 0.0
    while True:
        batch = client.batches.retrieve(batch_id)
        if on_poll is not None:
            on_poll(batch)
        if batch.status in TERMINAL:
            break
        if waited >= timeout_s:
            raise ModelCallError(
                f"batch {batch_id} still {batch.status} after {waited:.0f} s; run again later "
                "(answers already folded into the cache are kept)"
            )
        sleep(poll_s)
        waited += poll_s
    if batch.status in ("failed", "cancelled") and not getattr(batch, "output_file_id", None):
        errors = getattr(batch, "errors", None)
        raise ModelCallError(f"batch {batch_id} {batch.status}: {errors or 'no output'}")
    return batch


def download(client: BatchClient, file_id: str) -> str:
    return str(client.files.content(file_id).text)


_REASONS_SHOWN = 20


def fold_results(output: str | bytes, cache: ResponseCache, requests_path: Path) -> FoldResult:
    """Each successful answer of a batch output file into the cache, by ``custom_id``.

    Every line is checked first; one that is not valid UTF-8, not JSON, not an object,
    whose ``custom_id`` is missing, not among the requests of ``requests_path`` or
    answered by an earlier line, or whose usage counts are not numbers, is an
    :class:`InputError` naming each such line, and nothing is written. Otherwise every
    answer is written in one transaction (an error if the cache cannot take it).
    An answer the batch reports as failed is counted, not folded: the run asks it again.
    """
    known = _request_ids(requests_path)
    prompts = _prompt_names(requests_path)
    rows: list[tuple[str, str, str, str]] = []
    rejected: list[str] = []
    seen: dict[str, int] = {}
    failed = prompt_tokens = completion_tokens = 0
    lines: Sequence[str | bytes] = (
        output.split(b"\n") if isinstance(output, bytes) else output.split("\n")
    )
    for number, raw in enumerate(lines, 1):
        try:
            answer = _checked_line(raw, known, seen, number, requests_path)
        except _Rejected as why:
            rejected.append(f"line {number}: {why}")
            continue
        if answer is None:
            continue
        key, content, model, usage = answer
        if content is None:
            failed += 1
            continue
        rows.append((key, content, prompts.get(key, "batch"), model))
        prompt_tokens += usage[0]
        completion_tokens += usage[1]
    if rejected:
        shown = "\n  ".join(rejected[:_REASONS_SHOWN])
        more = (
            f"\n  and {len(rejected) - _REASONS_SHOWN} more"
            if len(rejected) > _REASONS_SHOWN
            else ""
        )
        raise InputError(
            f"{len(rejected)} line(s) of the batch output were rejected, so nothing was "
            f"folded (fix or remove them and fold again):\n  {shown}{more}"
        )
    cache.put_all(rows)
    return FoldResult(len(rows), failed, prompt_tokens, completion_tokens)


class _Rejected(Exception):
    """Why one line of a batch output is no answer (its message is the reason)."""


def _checked_line(
    raw: str | bytes, known: set[str], seen: dict[str, int], number: int, requests: Path
) -> tuple[str, str | None, str, tuple[int, int]] | None:
    """A line's custom_id, answer text (None: the batch says it failed), model and token
    counts; None for a blank line."""
    line = _json_object(raw)
    if line is None:
        return None
    key = _custom_id(line, known, seen, number, requests)
    counts = _token_counts(line)
    content, model = _answer(line)
    return key, content, model, counts


def _json_object(raw: str | bytes) -> dict[str, Any] | None:
    """The line read as one JSON object; None for a blank line."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Rejected(
                f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
            ) from None
    if not raw.strip():
        return None
    try:
        line = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _Rejected(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, deep nesting
        raise _Rejected(f"not JSON that can be read ({exc})") from None
    if not isinstance(line, dict):
        raise _Rejected(f"a JSON {type(line).__name__} where an answer object was expected")
    return line


def _custom_id(
    line: dict[str, Any], known: set[str], seen: dict[str, int], number: int, requests: Path
) -> str:
    """The line's custom_id, one of the requests' and not answered before (now recorded
    as answered on line ``number``)."""
    key = line.get("custom_id")
    if not isinstance(key, str) or not key:
        raise _Rejected("no custom_id")
    if key not in known:
        raise _Rejected(f"custom_id {key!r} is not among the requests in {requests}")
    if key in seen:
        raise _Rejected(f"custom_id {key!r} was answered already on line {seen[key]}")
    seen[key] = number
    return key


def _token_counts(line: dict[str, Any]) -> tuple[int, int]:
    """Prompt and completion tokens from ``response.body.usage`` (0 where absent)."""
    response = line.get("response")
    if response is not None and not isinstance(response, dict):
        raise _Rejected("response is not an object")
    body = (response or {}).get("body")
    if body is not None and not isinstance(body, dict):
        raise _Rejected("response.body is not an object")
    usage = (body or {}).get("usage")
    if usage is not None and not isinstance(usage, dict):
        raise _Rejected("response.body.usage is not an object")
    counts = usage or {}
    return _token_count(counts, "prompt_tokens"), _token_count(counts, "completion_tokens")


def _token_count(usage: dict[str, Any], name: str) -> int:
    value = usage.get(name)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Rejected(f"usage.{name} is {value!r}, not a count of tokens")
    return value


def _request_ids(requests: Path) -> set[str]:
    """The custom_ids of a batch's requests file: the answers a fold may accept."""
    if not requests.exists() and not requests.is_symlink():
        raise InputError(
            f"--requests {requests} does not exist; name the requests file the batch "
            "answered (OUT/batch/requests.jsonl, written by `factcheck batch --export-requests`)",
            path=str(requests),
        )
    data = read_input_bytes(requests, max_bytes=MAX_DATA_BYTES, what="requests file")
    ids: set[str] = set()
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            key = json.loads(raw).get("custom_id")
        except (ValueError, AttributeError):
            key = None
        if not isinstance(key, str) or not key:
            raise InputError(
                f"{requests}:{number}: not a batch request with a custom_id; name the "
                "requests file factcheck exported",
                path=str(requests),
            )
        ids.add(key)
    return ids


def _prompt_names(requests: Path) -> dict[str, str]:
    prompts_file = _prompts_path(requests)
    if not prompts_file.is_file():
        return {}
    try:
        names = json.loads(
            read_input_bytes(prompts_file, max_bytes=MAX_DATA_BYTES, what="prompts file")
        )
    except ValueError:
        names = None
    if not isinstance(names, dict):
        raise InputError(
            f"{prompts_file} is not the prompt names factcheck exported; delete it (the "
            "answers are then filed under the prompt name 'batch')",
            path=str(prompts_file),
        )
    return {str(key): str(value) for key, value in names.items()}


def _answer(line: dict[str, Any]) -> tuple[str | None, str]:
    """The answer's JSON text and its model; no text for an error or a text that is not
    one JSON object (the normal run asks that one again)."""
    response = line.get("response") or {}
    body = response.get("body") or {}
    if line.get("error") or response.get("status_code") != 200:
        return None, ""
    try:
        content = body["choices"][0]["message"]["content"]
        parsed = json.loads(content)
    except (KeyError, IndexError, TypeError, ValueError):
        return None, ""
    if not isinstance(parsed, dict):
        return None, ""
    return content, str(body.get("model", ""))


def openai_client(settings: Settings) -> BatchClient:
    """The raw openai client for files and batches, with factcheck's transport retries."""
    from factcheck.llm import connect

    if settings.resolved_backend() != "openai":
        raise ConfigurationError("--batch-api needs --backend openai (an API key or base URL)")
    key = settings.api_key.get_secret_value() if settings.api_key else ""
    if not key:
        raise ConfigurationError("--batch-api needs OPENAI_API_KEY")
    raw = connect(settings, base_url=settings.base_url, api_key=key).client
    if raw is None:
        raise ConfigurationError("the openai client could not be made for the Batch API")
    client: BatchClient = raw
    return client


@dataclass(frozen=True)
class BatchJob:
    """A batch run's account: what was exported, the batch's id and what came back."""

    exported: ExportResult
    batch_id: str | None = None
    status: str | None = None
    folded: FoldResult | None = None
    batches: int = 0
    """Batches submitted: one per part of at most MAX_REQUESTS requests and MAX_BYTES."""


def split_requests(
    path: Path, *, max_requests: int = MAX_REQUESTS, max_bytes: int = MAX_BYTES
) -> list[Path]:
    """The request file in parts a batch accepts (``path`` itself when it fits in one)."""
    parts: list[list[bytes]] = [[]]
    size = 0
    with path.open("rb") as lines:
        for line in lines:
            if parts[-1] and (len(parts[-1]) >= max_requests or size + len(line) > max_bytes):
                parts.append([])
                size = 0
            parts[-1].append(line)
            size += len(line)
    if len(parts) == 1:
        return [path]
    written = []
    for number, part in enumerate(parts, 1):
        target = path.with_name(f"{path.stem}.part{number}{path.suffix}")
        write_text(target, b"".join(part).decode("utf-8"))
        written.append(target)
    return written


def run_batch_job(
    stories: Sequence[Story],
    out: Path,
    settings: Settings,
    *,
    client: BatchClient | None = None,
    poll_s: float = 30.0,
    timeout_s: float = 24 * 3600.0,
    sleep: Callable[[float], None] = time.sleep,
    on_poll: Callable[[Any], None] | None = None,
    max_requests: int = MAX_REQUESTS,
    max_bytes: int = MAX_BYTES,
) -> BatchJob:
    """Export what the cache lacks, run it as batches (one per part a batch accepts), and
    fold each batch's answers into the cache as soon as it ends."""
    if not settings.use_cache:
        raise ConfigurationError("--batch-api answers through the cache: drop --no-cache")
    with ResponseCache(settings.cache_dir / CACHE_FILE) as cache:
        exported = export_requests(
            stories, out, settings, out / "batch" / "requests.jsonl", cache=cache
        )
        if exported.requests == 0:
            return BatchJob(exported)
        batches = client if client is not None else openai_client(settings)
        parts = split_requests(exported.path, max_requests=max_requests, max_bytes=max_bytes)
        ids = [submit(batches, part) for part in parts]
        statuses: list[str] = []
        folds: list[FoldResult] = []
        for number, batch_id in enumerate(ids, 1):
            final = wait(
                batches, batch_id, poll_s=poll_s, timeout_s=timeout_s, sleep=sleep, on_poll=on_poll
            )
            statuses.append(str(final.status))
            output_id = getattr(final, "output_file_id", None)
            if not output_id:
                continue
            output = download(batches, str(output_id))
            name = "output.jsonl" if len(ids) == 1 else f"output.part{number}.jsonl"
            write_text(out / "batch" / name, output)
            folds.append(fold_results(output, cache, exported.path))
    folded = (
        FoldResult(
            answered=sum(f.answered for f in folds),
            failed=sum(f.failed for f in folds),
            prompt_tokens=sum(f.prompt_tokens for f in folds),
            completion_tokens=sum(f.completion_tokens for f in folds),
        )
        if folds
        else None
    )
    status = statuses[0] if len(set(statuses)) == 1 else ", ".join(statuses)
    return BatchJob(exported, ", ".join(ids), status, folded, batches=len(ids))
