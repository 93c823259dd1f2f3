"""A fake model behind the real stack, for tests and for pipelines that want no model.

``FakeLLM()`` is an ordinary :class:`~factcheck.llm.LLM` (openai client, instructor in
``Mode.JSON_SCHEMA``, cache, usage counters) whose HTTP transport answers every chat
completion itself, with an instance of the JSON schema the request carries: each field's
value drawn from what the schema allows (an enum's labels, a bounded string, an integer in
range), or from ``answer`` when given. Nothing goes to a network, so it works where sockets
are blocked, and everything past the transport (validation, re-asks, caching) is the code
that runs against a real server.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from factcheck.errors import ModelOutputError
from factcheck.llm.cache import ResponseCache
from factcheck.llm.client import LLM, answered_by
from factcheck.llm.prompts import RenderedPrompt
from factcheck.llm.settings import Settings

__all__ = ["FakeAnswer", "FakeLLM", "sample_schema"]

T = TypeVar("T", bound=BaseModel)

FakeAnswer = Callable[[dict[str, Any], list[dict[str, Any]]], Mapping[str, Any]]
"""``answer(schema, messages)``: the JSON object to return for one request."""

_WORDS = ("the outlet", "officials", "the minister", "a spokesperson")


def sample_schema(schema: dict[str, Any], rng: random.Random, *, prefer: Sequence[Any] = ()) -> Any:
    """A value that satisfies ``schema`` (the subset pydantic writes), drawn with ``rng``;
    an enum that allows one of ``prefer`` takes the first such value instead."""
    return _Sampler(schema.get("$defs", {}), rng, prefer).draw(schema)


class _Sampler:
    """Draws values for the nodes of one schema: the combinators (``$ref``, ``const``,
    ``enum``, ``anyOf``/``oneOf``, ``allOf``) here, each JSON type by its own method."""

    def __init__(
        self, definitions: dict[str, Any], rng: random.Random, prefer: Sequence[Any]
    ) -> None:
        self.definitions = definitions
        self.rng = rng
        self.prefer = prefer
        self.by_type: dict[str, Callable[[dict[str, Any]], Any]] = {
            "object": self._object,
            "array": self._array,
            "string": self._string,
            "integer": self._integer,
            "number": self._number,
            "boolean": lambda _node: self.rng.random() < 0.5,
        }

    def draw(self, node: dict[str, Any]) -> Any:
        if "$ref" in node:
            return self.draw(self.definitions[node["$ref"].rsplit("/", 1)[-1]])
        if "const" in node:
            return node["const"]
        if "enum" in node:
            preferred = [value for value in self.prefer if value in node["enum"]]
            return preferred[0] if preferred else self.rng.choice(node["enum"])
        for key in ("anyOf", "oneOf"):
            if key in node:
                options = [o for o in node[key] if o.get("type") != "null"] or node[key]
                return self.draw(self.rng.choice(options))
        if "allOf" in node:
            return self.draw(node["allOf"][0])
        typed = self.by_type.get(node.get("type", "object"))
        return typed(node) if typed is not None else None

    def _object(self, node: dict[str, Any]) -> dict[str, Any]:
        properties: dict[str, Any] = node.get("properties", {})
        return {name: self.draw(sub) for name, sub in properties.items()}

    def _array(self, node: dict[str, Any]) -> list[Any]:
        count = int(node.get("minItems", 0)) + self.rng.randint(0, 1)
        count = min(count, int(node.get("maxItems", count)))
        return [self.draw(node.get("items", {})) for _ in range(count)]

    def _string(self, node: dict[str, Any]) -> str:
        text = self.rng.choice(_WORDS)
        low, high = int(node.get("minLength", 0)), int(node.get("maxLength", len(text)))
        text = text[:high]
        return text + "x" * max(0, low - len(text))

    def _integer(self, node: dict[str, Any]) -> int:
        low = int(node.get("minimum", 0))
        return self.rng.randint(low, int(node.get("maximum", low + 3)))

    def _number(self, node: dict[str, Any]) -> float:
        bottom = float(node.get("minimum", 0.0))
        return self.rng.uniform(bottom, float(node.get("maximum", bottom + 1.0)))


class FakeLLM(LLM):
    """An :class:`LLM` answered by ``answer``, or by values drawn from each request's schema.

    ``requests`` holds the body of every request the fake transport answered.
    """

    def __init__(
        self,
        answer: FakeAnswer | None = None,
        *,
        seed: int = 0,
        settings: Settings | None = None,
        cache: ResponseCache | None = None,
        model: str = "fake-model",
        over_http: bool = True,
    ) -> None:
        self.requests: list[dict[str, Any]] = []
        self.over_http = over_http
        self._answer = answer
        self._seed = seed
        super().__init__(
            answered_by(self._handle, base_url="http://fake.invalid/v1"),
            model=model,
            backend="openai",
            settings=settings or Settings(backend="openai", model=model, api_key="sk-fake"),
            cache=cache,
        )

    def generate(
        self,
        prompt: RenderedPrompt,
        response_model: type[T],
        *,
        stage: str,
        context: dict[str, Any] | None = None,
    ) -> T:
        """Through the whole stack, or (``over_http=False``) answered here, for corpus runs
        where instructor's per-call overhead would dominate."""
        if self.over_http:
            return super().generate(prompt, response_model, stage=stage, context=context)
        schema = response_model.model_json_schema()
        messages: list[dict[str, Any]] = [dict(m) for m in prompt.as_openai()]
        self.requests.append({"messages": messages, "schema": schema})
        content = self._content(schema, messages)
        self._bump(stage, calls=1, prompt_tokens=1, completion_tokens=1)
        try:
            return response_model.model_validate(content, context=context)
        except ValidationError as exc:
            # As the real stack reports an answer that fails validation (after its re-asks).
            self._bump(stage, failed_calls=1)
            raise ModelOutputError(
                f"the model's output for {prompt.name} failed validation: {exc.errors()[0]['msg']}"
            ) from None

    def _content(self, schema: dict[str, Any], messages: list[dict[str, Any]]) -> Any:
        if self._answer:
            return dict(self._answer(schema, messages))
        return sample_schema(schema, self._rng_for(messages))

    def _rng_for(self, messages: list[dict[str, Any]]) -> random.Random:
        # Drawn from the request itself, so answers do not depend on the order in which
        # concurrent calls arrive.
        return random.Random(f"{self._seed}\x1f{json.dumps(messages, sort_keys=True)}")

    def _handle(self, request: httpx.Request) -> httpx.Response:
        body: dict[str, Any] = json.loads(request.content)
        self.requests.append(body)
        schema = body["response_format"]["json_schema"]["schema"]
        messages: list[dict[str, Any]] = body.get("messages", [])
        content = self._content(schema, messages)
        return httpx.Response(
            200,
            json={
                "id": f"fake-{len(self.requests)}",
                "object": "chat.completion",
                "created": 0,
                "model": self.model,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": json.dumps(content)},
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            },
        )
