"""Transport retries, in one layer, beneath the openai SDK (whose own are off).

Timeouts, dropped connections, 429 and 5xx are retried with exponential
backoff and full jitter, capped, honouring ``Retry-After`` (seconds or an
HTTP date) and ``retry-after-ms``. A body is read inside the retry loop, so
a server that stalls or hangs up half-way through an answer is retried like
one that never answered. A status that stays bad is handed back to the SDK
untouched after the last try, so callers see the SDK's own typed error.
"""

from __future__ import annotations

import datetime
import email.utils
import ipaddress
import logging
import math
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)

__all__ = ["RETRY_STATUSES", "RetryingTransport", "proxy_mounts"]

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class _RetryableStatus(Exception):
    """A status worth another try; carries the response, unread, for the last try's sake."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


def _retry_after_seconds(headers: httpx.Headers) -> float | None:
    """The server's hint, in seconds; None when absent or unreadable (then we back off)."""
    seconds: float | None = None
    if millis := headers.get("retry-after-ms"):
        try:
            seconds = float(millis) / 1000
        except ValueError:
            seconds = None
    if seconds is None and (value := headers.get("retry-after")):
        try:
            seconds = float(value)
        except ValueError:
            seconds = _seconds_until(value)
    if seconds is None or not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _seconds_until(http_date: str) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": RFC 5322's "UTC, origin unknown"
        when = when.replace(tzinfo=datetime.UTC)
    return when.timestamp() - time.time()


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
        self._attempts = 0
        self._attempts_lock = threading.Lock()

    @property
    def attempts(self) -> int:
        """Requests sent so far, retries included (calls may come from several threads)."""
        with self._attempts_lock:
            return self._attempts

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _RetryableStatus):
            hinted = _retry_after_seconds(exc.response.headers)
            if hinted is not None:
                return min(hinted, self._cap)
        return float(self._jitter(state))

    def _send_once(self, request: httpx.Request) -> httpx.Response:
        with self._attempts_lock:
            self._attempts += 1
        response = self._inner.handle_request(request)
        if response.status_code in RETRY_STATUSES:
            raise _RetryableStatus(response)
        if response.headers.get("content-type", "").startswith("text/event-stream"):
            return response  # a stream is the caller's to read, piece by piece
        try:
            body = b"".join(response.iter_raw())  # still encoded: the client decodes it
        finally:
            response.close()
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(body),
            extensions=response.extensions,
            request=request,
        )

    def _before_sleep(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _RetryableStatus):
            exc.response.close()  # not the last try: this response will not be used
        sleep = state.next_action.sleep if state.next_action else 0.0
        log.warning(
            "model call failed (%s); retry %d of %d in %.1fs",
            exc,
            state.attempt_number,
            self._retries,
            sleep,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        retrying = Retrying(
            stop=stop_after_attempt(self._retries + 1),
            wait=self._wait,
            retry=retry_if_exception_type((*_TRANSIENT, _RetryableStatus)),
            before_sleep=self._before_sleep,
            reraise=True,
        )
        try:
            return retrying(self._send_once, request)
        except _RetryableStatus as exc:
            # Out of tries: the SDK gets the real response, unread, and raises its typed error.
            return exc.response

    def close(self) -> None:
        self._inner.close()


_LOOPBACK = ("all://127.0.0.1", "all://localhost", "all://[::1]")


def proxy_mounts(
    make_transport: Callable[[str | None], httpx.BaseTransport],
    proxies: Mapping[str, str] | None = None,
) -> dict[str, httpx.BaseTransport | None]:
    """httpx mounts that send requests through the environment's proxies.

    httpx honours ``HTTP(S)_PROXY`` / ``ALL_PROXY`` only for a client built
    without its own transport, and ours carries the retries; so each proxy
    gets a transport from ``make_transport(proxy_url)``. Hosts in ``NO_PROXY``
    and the loopback addresses (the embedded server) go direct, through the
    client's own transport (a ``None`` mount). ``proxies`` defaults to
    :func:`urllib.request.getproxies`.
    """
    info = dict(urllib.request.getproxies() if proxies is None else proxies)
    bypass = [h.strip() for h in info.get("no", "").split(",") if h.strip()]
    if "*" in bypass:
        return {}
    mounts: dict[str, httpx.BaseTransport | None] = {}
    for scheme in ("http", "https", "all"):
        url = info.get(scheme)
        if url:
            mounts[f"{scheme}://"] = make_transport(url if "://" in url else f"http://{url}")
    if not mounts:
        return {}
    for host in bypass:
        mounts[_bypass_pattern(host)] = None
    for pattern in _LOOPBACK:
        mounts[pattern] = None
    return mounts


def _bypass_pattern(host: str) -> str:
    """The mount pattern for one ``NO_PROXY`` entry, as curl reads them."""
    if "://" in host:
        return host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"all://[{host}]" if address.version == 6 else f"all://{host}"
    if host.lower() == "localhost":
        return "all://localhost"
    return f"all://*{host}"  # ".example.com" and "example.com" both cover subdomains
