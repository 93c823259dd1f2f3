"""Model access: settings, prompts, the instructor client, cache and backends.

The names load on first use (PEP 562): ``Settings`` alone loads neither openai nor
instructor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck import _lazy

if TYPE_CHECKING:
    from factcheck.llm import local
    from factcheck.llm.cache import ResponseCache, cache_key, cached_batch
    from factcheck.llm.client import LLM, connect, open_llm
    from factcheck.llm.fake import FakeLLM
    from factcheck.llm.prompts import Prompt, RenderedPrompt, load_prompt
    from factcheck.llm.settings import LOCAL_MODEL_NAME, Backend, Settings

_HOMES = {
    "local": "factcheck.llm.local",
    "ResponseCache": "factcheck.llm.cache",
    "cache_key": "factcheck.llm.cache",
    "cached_batch": "factcheck.llm.cache",
    "LLM": "factcheck.llm.client",
    "connect": "factcheck.llm.client",
    "open_llm": "factcheck.llm.client",
    "FakeLLM": "factcheck.llm.fake",
    "Prompt": "factcheck.llm.prompts",
    "RenderedPrompt": "factcheck.llm.prompts",
    "load_prompt": "factcheck.llm.prompts",
    "LOCAL_MODEL_NAME": "factcheck.llm.settings",
    "Backend": "factcheck.llm.settings",
    "Settings": "factcheck.llm.settings",
}

__all__ = [
    "LLM",
    "LOCAL_MODEL_NAME",
    "Backend",
    "FakeLLM",
    "Prompt",
    "RenderedPrompt",
    "ResponseCache",
    "Settings",
    "cache_key",
    "cached_batch",
    "connect",
    "load_prompt",
    "local",
    "open_llm",
]


if not TYPE_CHECKING:  # type checkers read the imports above, and flag unknown names

    def __getattr__(name: str) -> object:
        return _lazy.load(__name__, _HOMES, name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
