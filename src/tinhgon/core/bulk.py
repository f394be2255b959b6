"""Inserting many rows fast: plain tuples, `executemany` on SQLite, `COPY` on PostgreSQL.

Django's `bulk_create` prepares every value through the field (1.5 million calls for 20,000
imported members); here each column gets one converter chosen once, and the rows go to the
database driver as they are. What is written is what `bulk_create` writes: every concrete
column, the model defaults for the columns not given, `auto_now(_add)` set to now.

Ids, for the rows that others point to: on PostgreSQL they are taken from the table's sequence
before the COPY (`nextval` for the whole batch); on SQLite the rows are inserted without an id
and, holding the write lock from the first row on, they get consecutive ids ending at
`last_insert_rowid()`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from django.db import connection, models
from django.utils import timezone

M = TypeVar("M", bound=models.Model)
Convert = Callable[[Any], Any]
BATCH = 5000  # rows per COPY / executemany: bounds the memory of one statement


def converter(field: models.Field[Any, Any], postgres: bool) -> Convert | None:
    """How a column's Python value becomes what the driver takes; None: as it is."""
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda v: None if v is None else json.dumps(v, cls=encoder)
    if postgres:
        return None  # psycopg adapts dates, datetimes and UUIDs itself
    if isinstance(field, models.DateTimeField):
        return lambda v: connection.ops.adapt_datetimefield_value(v)
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(field, models.UUIDField):
        return lambda v: None if v is None else v.hex
    plain = models.CharField | models.TextField | models.IntegerField | models.BooleanField
    if isinstance(field, plain | models.ForeignKey):  # a foreign key: its integer id
        return None
    return lambda v: field.get_db_prep_save(v, connection)  # any other field: as Django does


def row_converter(
    fields: Sequence[models.Field[Any, Any]], postgres: bool
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """How a row of Python values for `fields` becomes what the driver takes: each column's
    converter chosen once (`converter`), the others passed as they are."""
    converters = [(i, c) for i, f in enumerate(fields) if (c := converter(f, postgres))]

    def converted(row: tuple[Any, ...]) -> tuple[Any, ...]:
        if not converters:
            return row
        values = list(row)
        for i, convert in converters:
            values[i] = convert(values[i])
        return tuple(values)

    return converted


def missing_value(field: models.Field[Any, Any], now: Any) -> Any:
    if _stamped(field):
        return now
    return field.get_default()


def insert(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    ids: bool = False,
    now: dt.datetime | None = None,
    same: Mapping[str, Any] | None = None,
) -> list[int]:
    """Insert `rows` (tuples of Python values for the fields whose attnames are `columns`) into
    the model's table. `same`: values of further columns, the same in every row (prepared
    once); the other columns take their defaults (`auto_now(_add)`: `now`, default the
    present). Returns the new ids in the order of the rows when `ids`, else an empty list.
    Call it inside a transaction."""
    if not rows:
        return []
    postgres = connection.vendor == "postgresql"
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    pk = model._meta.pk
    assert pk is not None
    same = same or {}
    unknown = [c for c in [*columns, *same] if c not in by_attname or c == pk.attname]
    if unknown:
        raise ValueError(f"not a column of {model._meta.label} to insert: {unknown}")
    now = now or timezone.now()
    rest = [f for f in model._meta.concrete_fields if f is not pk and f.attname not in columns]
    constants = tuple(
        prepared(f, same[f.attname] if f.attname in same else missing_value(f, now), postgres)
        for f in rest
    )
    fields = [by_attname[c] for c in columns]
    convert = row_converter(fields, postgres)
    names = [f.column for f in fields] + [f.column for f in rest]

    def converted(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return convert(row) + constants

    table = connection.ops.quote_name(model._meta.db_table)
    new_ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = [converted(r) for r in rows[start : start + BATCH]]
            if postgres:
                new_ids += _copy(cursor, table, pk.column, names, batch, ids)
            else:
                new_ids += _executemany(cursor, table, names, batch, ids)
    return new_ids


def prepared(field: models.Field[Any, Any], value: Any, postgres: bool) -> Any:
    convert = converter(field, postgres)
    return convert(value) if convert and value is not None else value


def _copy(
    cursor: Any, table: str, pk: str, names: list[str], rows: list[tuple[Any, ...]], ids: bool
) -> list[int]:
    quote = connection.ops.quote_name
    new_ids: list[int] = []
    if ids:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(rows)],
        )
        new_ids = sorted(r[0] for r in cursor.fetchall())
        rows = [(i, *r) for i, r in zip(new_ids, rows, strict=True)]
        names = [pk, *names]
    columns = ", ".join(quote(n) for n in names)
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    return new_ids


def _executemany(
    cursor: Any, table: str, names: list[str], rows: list[tuple[Any, ...]], ids: bool
) -> list[int]:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(n) for n in names)
    marks = ", ".join(["%s"] * len(names))
    # names from the model's meta, quoted; every value is a parameter
    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608
    if not ids:
        return []
    # one statement under the write lock: the ids are consecutive, the last one is known
    cursor.execute("SELECT last_insert_rowid()")
    last = cursor.fetchone()[0]
    return list(range(last - len(rows) + 1, last + 1))


def _stamped(field: models.Field[Any, Any]) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def create(objs: list[M]) -> list[M]:
    """`bulk_create` for new objects of one model: sets their `auto_now(_add)` fields to now,
    inserts every concrete field, and sets their pk."""
    if not objs:
        return objs
    meta = type(objs[0])._meta
    pk = meta.pk
    assert pk is not None
    now = timezone.now()
    for field in meta.concrete_fields:
        if _stamped(field):
            for obj in objs:
                setattr(obj, field.attname, now)
    # the stamps are left to `insert`, which prepares them once for all rows
    fields = [f.attname for f in meta.concrete_fields if f is not pk and not _stamped(f)]
    read = attrgetter(*fields)
    rows = [read(o) for o in objs] if len(fields) > 1 else [(read(o),) for o in objs]
    new_ids = insert(type(objs[0]), fields, rows, ids=True, now=now)
    for obj, new_id in zip(objs, new_ids, strict=True):
        obj.pk = new_id
        obj._state.adding = False
        obj._state.db = connection.alias
    return objs
