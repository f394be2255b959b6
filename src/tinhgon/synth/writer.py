"""Fast writes of generated rows, without the services or change records: executemany on
SQLite, COPY on PostgreSQL. Only for generated data sets (tinhgon synth and bench/)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

PERSON_COLUMNS = (
    "id, full_name, birth_date, gender, ethnicity, education, search_text, revision, created_at,"
    " home_commune_id"
)
MEMBER_COLUMNS = (
    "id, admitted_on, admission_decision, considered_on, card_number, occupation, confirmed_on,"
    " confirmation_decision, ended_on, end_reason, revision, created_at, admitted_in_id,"
    " person_id"
)
ATTACHMENT_COLUMNS = (
    "id, valid_from, valid_to, kind, decision, created_at, unit_id, member_id, province_id"
)


class Writer:
    """Rows into a table: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"

    def put(self, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(rows[0]))
                # The table and columns are this module's constants, never input.
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, rows)


def unit_version(
    uid: int,
    name: str,
    kind: str,
    parent: int | None,
    *,
    valid_from: Any,
    valid_to: Any = None,
    territory: int | None = None,
    closed_by: Any = None,
) -> Any:
    """A generated unit's version, not saved: no subtype or attributes, the name folded for
    the search."""
    from tinhgon.core.text import fold
    from tinhgon.registry.models import UnitVersion

    return UnitVersion(
        unit_id=uid,
        valid_from=valid_from,
        valid_to=valid_to,
        name=name,
        kind=kind,
        subtype="",
        parent_id=parent,
        territory_id=territory,
        attributes={},
        search_text=fold(name)[:255],
        closed_by=closed_by,
    )


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """`items` in lists of `size` (the last shorter), without holding more than one list."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def next_id(model: Any) -> int:
    """The first id after the highest one in the table."""
    from django.db.models import Max

    return int(model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def reset_sequences() -> None:
    """After rows written with explicit ids, the next ids the database gives follow them."""
    from django.core.management.color import no_style
    from django.db import connection

    from tinhgon.party.models import Attachment, Member
    from tinhgon.people.models import Person
    from tinhgon.registry.models import Unit, UnitCode, UnitVersion
    from tinhgon.staffing.models import Employment

    models = [Unit, UnitVersion, UnitCode, Person, Member, Attachment, Employment]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
