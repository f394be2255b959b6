"""A fingerprint of a generated data set: the same scale and seed must give the same one, in
any database. Ids are counted from each table's first id, so a database whose sequences began
elsewhere gives the same digest; timestamps of writing are left out."""

from __future__ import annotations

import hashlib
from typing import Any

# (model path, fields in order; a field ending in "_id" names a row of the table in REFS)
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "registry.UnitVersion",
        (
            "unit_id",
            "valid_from",
            "valid_to",
            "name",
            "kind",
            "subtype",
            "parent_id",
            "territory_id",
        ),
    ),
    ("registry.UnitCode", ("unit_id", "scheme", "code", "valid_from", "valid_to")),
    ("registry.Event", ("kind", "effective_on", "title")),
    ("people.Person", ("full_name", "birth_date", "gender", "ethnicity", "education")),
    (
        "party.Member",
        (
            "person_id",
            "admitted_on",
            "confirmed_on",
            "ended_on",
            "end_reason",
            "occupation",
            "admitted_in_id",
        ),
    ),
    ("party.Attachment", ("member_id", "unit_id", "kind", "valid_from", "valid_to")),
    ("people.Post", ("unit_id", "post_type", "valid_from", "valid_to")),
    ("people.Holding", ("person_id", "post_id", "unit_id", "manner", "valid_from", "valid_to")),
    ("staffing.Employment", ("person_id", "unit_id", "category", "position", "work", "valid_from")),
)
REFS = {
    "unit_id": "registry.Unit",
    "parent_id": "registry.Unit",
    "territory_id": "registry.Unit",
    "admitted_in_id": "registry.Unit",
    "person_id": "people.Person",
    "member_id": "party.Member",
    "post_id": "people.Post",
}


def digest() -> dict[str, Any]:
    """Rows per table and one SHA-256 over every row of every table, in id order."""
    from django.apps import apps
    from django.db.models import Min

    def first(path: str) -> int:
        return int(apps.get_model(path).objects.aggregate(m=Min("id"))["m"] or 0)

    bases = {path: first(path) for path in set(REFS.values())}
    sha = hashlib.sha256()
    rows: dict[str, int] = {}
    for path, fields in TABLES:
        shift = {i: bases[REFS[f]] for i, f in enumerate(fields) if f in REFS}
        count = 0
        query = apps.get_model(path).objects.order_by("id").values_list(*fields)
        for row in query.iterator(chunk_size=10_000):
            values = [
                v - shift[i] if i in shift and v is not None else v for i, v in enumerate(row)
            ]
            sha.update(repr(values).encode())
            count += 1
        rows[path] = count
    return {"rows": rows, "sha256": sha.hexdigest()}
