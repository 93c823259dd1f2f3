"""Transport retries, in one layer, beneath the openai SDK (whose own are off).

Timeouts, dropped connections, 429 and 5xx are retried with exponential
backoff and full jitter, capped, honouring ``Retry-After``. A status that
stays bad is handed back to the SDK after the last try, so callers see the
SDK's own typed error.
"""

from __future__ import annotations

import email.utils
import logging
import time
from typing import Any

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

__all__ = ["RETRY_STATUSES", "RetryingTransport"]

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class _RetryableStatus(Exception):
    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


def _retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


class RetryingTransport(httpx.BaseTransport):
    """Wraps an ``httpx`` transport with the project's single transport-retry policy."""

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        retries: int = 4,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 30.0,
    ) -> None:
        self._inner = inner or httpx.HTTPTransport()
        self._retries = retries
        self._cap = backoff_cap_s
        self._jitter = wait_random_exponential(multiplier=backoff_base_s, max=backoff_cap_s)
        self.attempts = 0

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _RetryableStatus):
            hinted = _retry_after_seconds(exc.response)
            if hinted is not None:
                return min(hinted, self._cap)
        return float(self._jitter(state))

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        response = self._inner.handle_request(request)
        if response.status_code in RETRY_STATUSES:
            response.read()
            response.close()
            raise _RetryableStatus(response)
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        retrying = Retrying(
            stop=stop_after_attempt(self._retries + 1),
            wait=self._wait,
            retry=retry_if_exception_type((*_TRANSIENT, _RetryableStatus)),
            before_sleep=_log_retry,
            reraise=True,
        )
        try:
            return retrying(self._send_once, request)
        except _RetryableStatus as exc:
            # Out of tries: give the SDK the real response so it raises its typed error.
            stale = exc.response
            return httpx.Response(
                stale.status_code, headers=stale.headers, content=stale.content, request=request
            )

    def close(self) -> None:
        self._inner.close()


def _log_retry(state: RetryCallState) -> None:
    exc: Any = state.outcome.exception() if state.outcome else None
    log.warning("model call failed (%s); retry %d", exc, state.attempt_number)
