"""The model client every pipeline step receives: instructor over openai.

``LLM.generate`` is the single door to a model. It looks in the cache,
calls the model through instructor (validation failures re-asked within
their own small limit, transport failures retried by the transport layer),
counts calls and tokens per stage, and raises only factcheck errors.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.errors import ResponseParsingError
from pydantic import BaseModel, ValidationError
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from factcheck.errors import ConfigurationError, ModelCallError, ModelOutputError
from factcheck.llm.cache import CACHE_FILE, ResponseCache, cache_key
from factcheck.llm.prompts import RenderedPrompt
from factcheck.llm.settings import Settings
from factcheck.llm.transport import RETRY_STATUSES, RetryingTransport, proxy_mounts
from factcheck.schemas import Usage

__all__ = ["LLM", "open_llm"]

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)


class LLM:
    """A model behind instructor, with a cache and per-stage usage counters."""

    def __init__(
        self,
        client: instructor.Instructor,
        *,
        model: str,
        backend: str,
        settings: Settings,
        cache: ResponseCache | None = None,
    ) -> None:
        self.client = client
        self.model = model
        self.backend = backend
        self.settings = settings
        self.cache = cache
        self._usage: dict[str, Usage] = {}
        self._lock = threading.Lock()
        self._stage = threading.local()
        client.on("completion:response", self._count_response)

    # -- usage -----------------------------------------------------------------
    def _bump(self, stage: str, **delta: int) -> None:
        with self._lock:
            current = self._usage.get(stage, Usage())
            self._usage[stage] = current.add(Usage(**delta))

    def _count_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self._bump(
            getattr(self._stage, "name", "other"),
            calls=1,
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        )

    def usage(self) -> dict[str, Usage]:
        with self._lock:
            return dict(self._usage)

    def total_usage(self) -> Usage:
        total = Usage()
        for stage_usage in self.usage().values():
            total = total.add(stage_usage)
        return total

    # -- calls -----------------------------------------------------------------
    def request_key(self, prompt: RenderedPrompt, response_model: type[BaseModel]) -> str:
        """The cache key of one call: everything that decides its answer. A batch job
        (the OpenAI Batch API, ``vllm run-batch``) names each request by it."""
        return cache_key(
            backend=self.backend,
            model=self.model,
            prompt=prompt.name,
            prompt_hash=prompt.hash,
            messages=prompt.messages,
            schema=response_model.model_json_schema(),
            temperature=self.settings.temperature,
            seed=self.settings.seed,
            max_tokens=prompt.max_tokens,
        )

    def generate(
        self,
        prompt: RenderedPrompt,
        response_model: type[T],
        *,
        stage: str,
        context: dict[str, Any] | None = None,
    ) -> T:
        """One structured call; raises ModelCallError / ModelOutputError on failure."""
        key = self.request_key(prompt, response_model)
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                try:
                    # An answer accepted once is re-checked, but not re-asked.
                    revalidation = None if context is None else {**context, "from_cache": True}
                    result = response_model.model_validate_json(cached, context=revalidation)
                except ValidationError:
                    log.warning("stale cache entry for %s ignored", prompt.name)
                else:
                    self._bump(stage, cache_hits=1)
                    return result

        self._stage.name = stage
        validation_retries = Retrying(
            stop=stop_after_attempt(self.settings.validation_retries + 1),
            retry=retry_if_exception_type(
                (ValidationError, json.JSONDecodeError, ResponseParsingError)
            ),
            reraise=True,
        )
        try:
            result = self.client.chat.completions.create(
                model=self.model,
                messages=prompt.as_openai(),  # type: ignore[arg-type]
                response_model=response_model,
                max_retries=validation_retries,
                context=context,
                max_tokens=prompt.max_tokens,
                temperature=self.settings.temperature,
                seed=self.settings.seed,
            )
        except IncompleteOutputException:
            self._bump(stage, failed_calls=1)
            raise ModelOutputError(
                f"the model's answer for {prompt.name} was cut off at max_tokens="
                f"{prompt.max_tokens}; raise max_tokens in prompts/{prompt.name}.yaml "
                "or give it a shorter input"
            ) from None
        except InstructorRetryException as exc:
            self._bump(stage, failed_calls=1)
            cause = exc.__cause__ or exc
            if isinstance(cause, openai.APIError | httpx.HTTPError):
                raise ModelCallError(_describe_transport(cause, self.settings)) from None
            raise ModelOutputError(
                f"the model's output for {prompt.name} failed validation "
                f"{exc.n_attempts} time(s): {_first_line(cause)}"
            ) from None
        except (openai.APIError, httpx.HTTPError) as exc:
            self._bump(stage, failed_calls=1)
            raise ModelCallError(_describe_transport(exc, self.settings)) from None
        except (ValidationError, json.JSONDecodeError) as exc:
            self._bump(stage, failed_calls=1)
            raise ModelOutputError(
                f"the model's output for {prompt.name} failed validation: {_first_line(exc)}"
            ) from None
        finally:
            self._stage.name = "other"

        if self.cache is not None:
            self.cache.put(key, result.model_dump_json(), prompt=prompt.name, model=self.model)
        return result


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _describe_transport(exc: BaseException, settings: Settings) -> str:
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return (
            f"the model did not answer within {settings.timeout_s:g}s after "
            f"{settings.transport_retries} retries; raise --timeout or check the server"
        )
    if isinstance(exc, openai.AuthenticationError):
        return "the model server rejected the API key; check OPENAI_API_KEY"
    if isinstance(exc, openai.NotFoundError):
        return f"the model server does not know this model or path: {_first_line(exc)}"
    if isinstance(exc, openai.APIConnectionError | httpx.NetworkError):
        return (
            "cannot reach the model server after "
            f"{settings.transport_retries} retries; check --base-url and that it is running"
        )
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code in RETRY_STATUSES:
            return (
                f"the model server still answered HTTP {exc.status_code} after "
                f"{settings.transport_retries} retries ({_first_line(exc)}); "
                "try again later, or lower --concurrency"
            )
        return f"the model server refused the request (HTTP {exc.status_code}): {_first_line(exc)}"
    return f"the model call failed: {_first_line(exc)}"


@contextlib.contextmanager
def open_llm(settings: Settings, *, cache: ResponseCache | None = None) -> Iterator[LLM]:
    """Build the one client from settings, starting the embedded server if needed.

    ``cache``, when given, is used (and left open) instead of the settings' own file:
    a worker of a batch reads the shared cache and writes its own shard.
    """
    backend = settings.resolved_backend()
    model = settings.resolved_model()
    with contextlib.ExitStack() as stack:
        if backend == "local":
            from factcheck.llm.local import running_local_server

            server = stack.enter_context(running_local_server(settings))
            base_url: str | None = server.openai_base_url
            api_key = "no-key-needed-for-the-local-server"
        else:
            base_url = settings.base_url
            api_key = settings.api_key.get_secret_value() if settings.api_key else ""
            if not api_key:
                if base_url is None:
                    raise ConfigurationError(
                        "the openai backend needs OPENAI_API_KEY, or FACTCHECK_BASE_URL for an "
                        "OpenAI-compatible server; or use --backend local"
                    )
                api_key = "no-key"
        if cache is None and settings.use_cache:
            cache = ResponseCache(settings.cache_dir / CACHE_FILE)
            stack.callback(cache.close)
        client = connect(settings, base_url=base_url, api_key=api_key)
        if client.client is not None:
            stack.callback(client.client.close)
        yield LLM(
            client,
            model=model,
            backend=backend,
            settings=settings,
            cache=cache,
        )


def answered_by(
    handler: Callable[[httpx.Request], httpx.Response], *, base_url: str
) -> instructor.Instructor:
    """An instructor client over openai whose HTTP transport is ``handler``: nothing leaves
    the process (the library's fake model, the Batch API's request recorder)."""
    raw = openai.OpenAI(
        base_url=base_url,
        api_key="no-key",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    return instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)


def connect(settings: Settings, *, base_url: str | None, api_key: str) -> instructor.Instructor:
    """An instructor client over openai with the SDK's retries off (ours are in the transport).

    Requests go through the environment's ``HTTPS_PROXY`` (and friends),
    with the same retries; the embedded server on loopback is reached direct.
    """

    def retrying(proxy: str | None) -> httpx.BaseTransport:
        return RetryingTransport(
            httpx.HTTPTransport(proxy=proxy),
            retries=settings.transport_retries,
            backoff_cap_s=settings.backoff_cap_s,
        )

    http_client = httpx.Client(
        transport=retrying(None), mounts=proxy_mounts(retrying), timeout=settings.timeout_s
    )
    raw = openai.OpenAI(
        base_url=base_url,
        api_key=api_key,
        max_retries=0,
        timeout=settings.timeout_s,
        http_client=http_client,
    )
    return instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)
