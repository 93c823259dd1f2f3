"""Model access: settings, prompts, the instructor client, cache and backends."""

from factcheck.llm import local
from factcheck.llm.cache import ResponseCache, cache_key, cached_batch
from factcheck.llm.client import LLM, connect, open_llm
from factcheck.llm.fake import FakeLLM
from factcheck.llm.prompts import Prompt, RenderedPrompt, load_prompt
from factcheck.llm.settings import LOCAL_MODEL_NAME, Backend, Settings

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
