"""Validating Popolo JSON offline: the Popolo project's schemas (draft-03, copied in
schemas/popolo/ and registered under their `id` URLs) and tinhgon's stricter profile
(schemas/tinhgon-popolo-profile.json), plus the references a JSON Schema cannot check
(every *_id names an object of the document)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft3Validator, Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

POPOLO = "http://www.popoloproject.com/schemas/"
# The top-level lists of a Popolo document and the schema of their items.
COLLECTIONS = {
    "organizations": "organization",
    "persons": "person",
    "posts": "post",
    "memberships": "membership",
}


def _schema(name: str) -> dict[str, Any]:
    text = resources.files("tinhgon.interchange").joinpath("schemas", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _registry() -> Registry:
    registry: Registry = Registry()
    folder = resources.files("tinhgon.interchange").joinpath("schemas", "popolo")
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            schema = json.loads(entry.read_text("utf-8"))
            resource = Resource.from_contents(schema, default_specification=DRAFT3)
            registry = registry.with_resource(schema["id"].rstrip("#"), resource)
    return registry


def popolo_errors(document: dict[str, Any]) -> list[str]:
    """Where `document` breaks the Popolo schemas: one line per error, with its JSON path."""
    errors = []
    for collection, kind in COLLECTIONS.items():
        schema = _schema(f"popolo/{kind}.json")
        validator = Draft3Validator(schema, registry=_registry())
        for index, item in enumerate(document.get(collection) or []):
            for error in validator.iter_errors(item):
                where = "".join(f"[{p!r}]" if isinstance(p, str) else f"[{p}]" for p in error.path)
                errors.append(f"{collection}[{index}]{where}: {error.message}")
    return errors


def profile_errors(document: dict[str, Any]) -> list[str]:
    """Where `document` breaks tinhgon's profile: its schema, then the references."""
    validator = Draft202012Validator(_schema("tinhgon-popolo-profile.json"))
    errors = [
        f"{error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: e.json_path)
    ]
    return errors + reference_errors(document)


def reference_errors(document: dict[str, Any]) -> list[str]:
    """Ids that are not unique, and *_id values naming nothing in the document."""
    ids: dict[str, set[str]] = {}
    errors = []
    for collection in COLLECTIONS:
        ids[collection] = set()
        for index, item in enumerate(document.get(collection) or []):
            key = item.get("id") if isinstance(item, dict) else None
            if key in ids[collection]:
                errors.append(f"$.{collection}[{index}].id: duplicate id {key!r}")
            elif isinstance(key, str):
                ids[collection].add(key)
    checks = [
        ("organizations", "parent_id", "organizations"),
        ("organizations", "territory_id", "organizations"),
        ("posts", "organization_id", "organizations"),
        ("memberships", "person_id", "persons"),
        ("memberships", "organization_id", "organizations"),
        ("memberships", "post_id", "posts"),
    ]
    for collection, field, target in checks:
        for index, item in enumerate(document.get(collection) or []):
            value = item.get(field) if isinstance(item, dict) else None
            if value is not None and value not in ids[target]:
                errors.append(f"$.{collection}[{index}].{field}: {value!r} is not in {target}")
    return errors
