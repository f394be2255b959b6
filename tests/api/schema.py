"""Checking a response against the OpenAPI schema the API publishes.

OpenAPI 3.0 schemas are JSON Schema with `nullable`; they are converted, and every object with
declared properties is closed (additionalProperties: false), so a response field the schema
does not describe fails as surely as a missing one.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft7Validator, FormatChecker


def openapi_document() -> dict[str, Any]:
    # Through JSON, so lazy translated descriptions become plain text.
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(schema, default=str))  # type: ignore[no-any-return]


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _convert(value) for key, value in node.items() if key != "nullable"}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    if node.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def response_schema(openapi: dict[str, Any], url: str, method: str, status: int) -> dict[str, Any]:
    template = "/" + resolve(urlsplit(url).path).route
    template = template.replace("<str:", "{").replace("<int:", "{").replace(">", "}")
    template = template.replace("{pk}", "{id}")
    operation = openapi["paths"][template][method]
    content = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    return {**content, "components": openapi["components"]}


def conforms(openapi: dict[str, Any], url: str, method: str, status: int, data: Any) -> None:
    """Assert that `data` matches the documented response of `method url` with `status`."""
    schema = _convert(response_schema(openapi, url, method, status))
    errors = sorted(
        Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(data), key=str
    )
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
