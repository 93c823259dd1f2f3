"""A fake model run through the real client (openai SDK, instructor, cache, counters):
its HTTP transport answers each chat completion with a value of the schema it carries."""

from __future__ import annotations

import json
from typing import Any

import httpx
import instructor
import openai

from factcheck.llm import LLM, ResponseCache, Settings

PREFERRED = ("asserted", "the outlet")


def answer_schema(schema: dict[str, Any]) -> Any:
    definitions: dict[str, Any] = schema.get("$defs", {})

    def value(node: dict[str, Any]) -> Any:
        if "$ref" in node:
            return value(definitions[node["$ref"].rsplit("/", 1)[-1]])
        if "const" in node:
            return node["const"]
        if "enum" in node:
            return next((v for v in node["enum"] if v in PREFERRED), node["enum"][0])
        for key in ("anyOf", "oneOf", "allOf"):
            if key in node:
                options = [o for o in node[key] if o.get("type") != "null"] or node[key]
                return value(options[0])
        kind = node.get("type", "object")
        if kind == "object":
            return {name: value(sub) for name, sub in node.get("properties", {}).items()}
        if kind == "array":
            return [value(node.get("items", {})) for _ in range(int(node.get("minItems", 0)))]
        if kind == "string":
            text = "the outlet"[: int(node.get("maxLength", 10))]
            return text + "x" * max(0, int(node.get("minLength", 0)) - len(text))
        if kind in ("integer", "number"):
            return node.get("minimum", 0)
        if kind == "boolean":
            return False
        return None

    return value(schema)


class SchemaFakeLLM(LLM):
    """Answers every request from its JSON schema; ``requests`` holds each request body."""

    def __init__(self, *, cache: ResponseCache | None = None, model: str = "fake-model") -> None:
        self.requests: list[dict[str, Any]] = []
        raw = openai.OpenAI(
            base_url="http://fake.invalid/v1",
            api_key="sk-fake",
            max_retries=0,
            http_client=httpx.Client(transport=httpx.MockTransport(self._answer)),
        )
        super().__init__(
            instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA),
            model=model,
            backend="openai",
            settings=Settings(backend="openai", model=model, api_key="sk-fake"),
            cache=cache,
        )

    def _answer(self, request: httpx.Request) -> httpx.Response:
        body: dict[str, Any] = json.loads(request.content)
        self.requests.append(body)
        content = answer_schema(body["response_format"]["json_schema"]["schema"])
        message = {"role": "assistant", "content": json.dumps(content)}
        return httpx.Response(
            200,
            json={
                "id": f"fake-{len(self.requests)}",
                "object": "chat.completion",
                "created": 0,
                "model": self.model,
                "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            },
        )
