"""Writing many rows with the database's own statements: a `Batch` puts the rows once into a
temporary table (the stage: PostgreSQL's COPY; on SQLite one JSON text a slice, taken apart by
`json_each`), then fills each target table from it by INSERT … SELECT (`Batch.insert_from`).
The rows cross to the database once instead of once per table written; the copying, the JSON
of the change records and the index updates run inside the database, in C.

The ids of the new rows are reserved first (`reserve_ids`) and staged with the rows, so that
one row of the stage can be written to several tables that point to each other.

A batch runs at once (`Batch.run`), or, inside `behind()`, in a second thread while the caller
checks the next one: the database works without holding Python's lock (SQLite inside
`sqlite3_step`, PostgreSQL in its own process), so an import's checking and writing overlap on
two cores. The thread uses the caller's connection, hence its transaction; batches run one
after the other, in the order given; the caller must write nothing else meanwhile (see
`interchange.importing`, which only reads between batches).
"""

from __future__ import annotations

import json
import sys
import threading
import zlib
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

from . import bulk

STAGE = "tinhgon_stage"  # the temporary tables' names begin so
SEQ = "stage_seq"  # the stage's own column: each row's index in the batch
# Rows written by one statement on SQLite: a statement holds the connection until it ends, and
# the caller's reads between batches wait for it (about 10 ms at most, this way); smaller
# slices make more statements, each taking Python's lock back from the checking thread.
SLICE = 2500
SWITCH = 0.0002  # seconds: Python's thread switch interval while a writer runs behind
# An expression of the SELECT: SQL over the stage's columns, with its parameters.
Expression = str | tuple[str, Sequence[Any]]


def reserve_ids(count: int, *models_: type[models.Model]) -> list[list[int]]:
    """`count` new ids of each model's table, in increasing order, never handed out again (a
    list per model). Call it inside a transaction. Two statements whatever the number of
    tables: a writer behind (`behind`) may hold the connection between statements."""
    if count <= 0:
        return [[] for _ in models_]
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            series = " UNION ALL ".join(
                "SELECT %s, nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)"
                for _ in tables
            )
            cursor.execute(series, [v for t in tables for v in (t, t, count)])
            found: dict[str, list[int]] = {t: [] for t in tables}
            for table, new_id in cursor.fetchall():
                found[table].append(new_id)
            return [sorted(found[t]) for t in tables]
        # SQLite's AUTOINCREMENT never gives an id at or below the table's sequence: raising
        # it reserves the ids, and takes the write lock until the transaction ends.
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(
            f"UPDATE sqlite_sequence SET seq = seq + %s WHERE name IN ({marks})",  # noqa: S608
            [count, *tables],
        )
        if cursor.rowcount < len(tables):  # a table that never had a row
            _sequences_start(cursor, tables, count)
        cursor.execute(f"SELECT name, seq FROM sqlite_sequence WHERE name IN ({marks})", tables)  # noqa: S608
        last = dict(cursor.fetchall())
    return [list(range(last[t] - count + 1, last[t] + 1)) for t in tables]


def _sequences_start(cursor: Any, tables: list[str], count: int) -> None:
    """SQLite: the sequence of each table that has none yet, `count` past its highest id."""
    marks = ", ".join(["%s"] * len(tables))
    cursor.execute(f"SELECT name FROM sqlite_sequence WHERE name IN ({marks})", tables)  # noqa: S608
    known = {name for (name,) in cursor.fetchall()}
    for table in tables:
        if table not in known:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {quoted}")  # noqa: S608
            start = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start + count]
            )


class Batch:
    """Rows to stage (tuples in the order of `columns`: name → the field whose values the
    column holds) and the statements that write from the stage. Everything is prepared in the
    caller's thread; `execute` only sends it."""

    def __init__(
        self, columns: Mapping[str, models.Field[Any, Any]], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        self.postgres = connection.vendor == "postgresql"
        quote = connection.ops.quote_name
        names = [SEQ, *columns]
        # SQLite: the row's index is the table's rowid, so that each slice reads its rows only
        types = ["integer" if self.postgres else "INTEGER PRIMARY KEY"] + [
            (f.db_type(connection) or "") if self.postgres else "" for f in columns.values()
        ]
        declared = ", ".join(f"{quote(n)} {t}".strip() for n, t in zip(names, types, strict=True))
        # One table per layout, kept by the connection and emptied after each batch: SQLite
        # cannot drop a table while another statement of the connection reads.
        self.stage = f"{STAGE}_{zlib.crc32(declared.encode()):08x}"
        self.create = f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.stage} ({declared})"
        listed = ", ".join(quote(n) for n in names)
        self.copy = f"COPY {self.stage} ({listed}) FROM STDIN"
        convert = bulk.row_converter(list(columns.values()), self.postgres)
        self.rows = [(i, *convert(row)) for i, row in enumerate(rows)]
        # SQLite: the rows as one JSON text a slice, taken apart by the database. Binding their
        # values one by one held Python's lock (5 s of a million-row import) while the
        # checking thread waited for it; the JSON is made at C speed, read without the lock.
        values = ", ".join(f"value ->> {i}" for i in range(len(names)))
        self.inserts = [
            (
                f"INSERT INTO {self.stage} ({listed}) SELECT {values} FROM json_each(%s)",  # noqa: S608
                [json.dumps(part, ensure_ascii=False)],
            )
            for part in ([] if self.postgres else _parts(self.rows, SLICE))
        ]
        self.statements: list[tuple[str, list[Any]]] = []

    def insert_from(
        self,
        model: type[models.Model],
        expressions: Mapping[str, Expression],
        *,
        now: Any = None,
        same: Mapping[str, Any] | None = None,
    ) -> None:
        """Insert one row into the model's table per row of the stage: the fields named in
        `expressions` (by attname; the primary key too) computed from the stage's columns,
        those in `same` set to one value, the others to their default (`auto_now(_add)`:
        `now`), as `bulk.insert` does."""
        same = same or {}
        now = now or timezone.now()
        selected: list[str] = []
        params: list[Any] = []
        names: list[str] = []
        for field in model._meta.concrete_fields:
            if field.attname in expressions:
                expression = expressions[field.attname]
                sql, values = (expression, ()) if isinstance(expression, str) else expression
                selected.append(sql)
                params += values
            elif field.primary_key:
                continue  # the database numbers it
            else:
                value = (
                    same[field.attname] if field.attname in same else bulk.missing_value(field, now)
                )
                selected.append("%s")
                params.append(bulk.prepared(field, value, self.postgres))
            names.append(connection.ops.quote_name(field.column))
        table = connection.ops.quote_name(model._meta.db_table)
        self.statements.append(
            (
                f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608
                f"SELECT {', '.join(selected)} FROM {self.stage}",
                params,
            )
        )

    def run(self) -> None:
        """Write the batch: now, or in the writer thread inside `behind()`."""
        writer = _WRITER.get()
        if writer is not None:
            writer.submit(self)
            return
        with connection.cursor() as cursor, connection.wrap_database_errors:
            self.execute(cursor.cursor)

    def execute(self, cursor: Any) -> None:
        """Send the batch through a DB-API cursor of the connection (the driver's own, which
        COPY needs)."""
        cursor.execute(self.create)
        cursor.execute(f"DELETE FROM {self.stage}")  # noqa: S608 - left by a failed batch
        if self.postgres:
            with cursor.copy(self.copy) as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            for sql, params in self.inserts:
                cursor.execute(sql, params)
        # SQLite in slices (see SLICE); PostgreSQL whole: there slices made a million-row
        # import 40 % slower (4,458 against 7,496 rows/s)
        size = max(len(self.rows), 1) if self.postgres else SLICE
        for sql, params in self.statements:
            for start in range(0, len(self.rows), size):
                cursor.execute(
                    f"{sql} WHERE {SEQ} >= %s AND {SEQ} < %s", [*params, start, start + size]
                )
        cursor.execute(f"DELETE FROM {self.stage}")  # noqa: S608


def _parts(rows: list[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def json_object(pairs: Mapping[str, str], *, omit_empty: Collection[str] = ()) -> str:
    """SQL building a JSON object of the given keys from SQL expressions (keys are trusted
    identifiers of our own, never user input), without those of `omit_empty` whose value is
    NULL or empty text."""
    postgres = connection.vendor == "postgresql"
    listed = ", ".join(
        f"'{key}', CASE WHEN CAST({sql} AS TEXT) = '' THEN NULL ELSE {sql} END"
        if key in omit_empty
        else f"'{key}', {sql}"
        for key, sql in pairs.items()
    )
    built = f"jsonb_build_object({listed})" if postgres else f"json_object({listed})"
    if not omit_empty:
        return built
    # Leave out the nulls: every key that may hold one is in `omit_empty`. (On SQLite a merge
    # patch drops the members whose value is null, RFC 7396.)
    return f"jsonb_strip_nulls({built})" if postgres else f"json_patch('{{}}', {built})"


class _Writer:
    """One batch at a time in a thread, on the caller's connection; an error is raised in the
    caller at its next batch or at the end."""

    def __init__(self) -> None:
        self.wrapper = connections[DEFAULT_DB_ALIAS]  # the caller's, not the thread's own
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def submit(self, batch: Batch) -> None:
        self.wait()
        self.thread = threading.Thread(target=self._write, args=(batch,), daemon=True)
        self.thread.start()

    def _write(self, batch: Batch) -> None:
        try:
            with self.wrapper.wrap_database_errors:  # Django's errors, as in the caller
                batch.execute(self.wrapper.create_cursor())
        except BaseException as error:  # raised again in the caller's thread
            self.error = error

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            error, self.error = self.error, None
            raise error


_WRITER: ContextVar[_Writer | None] = ContextVar("staging_writer", default=None)


@contextmanager
def behind() -> Iterator[None]:
    """Batches run within are written by a second thread while the caller goes on; all are
    written (or their error raised) when the block ends. Only inside a transaction, which the
    thread's writes belong to."""
    if not connection.in_atomic_block:
        raise RuntimeError("writing behind needs a transaction")
    writer = _Writer()
    token = _WRITER.set(writer)
    # The writer needs Python's lock only briefly (to start and end each statement), but it
    # would wait the interpreter's whole switch interval (5 ms) for it each time.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH)
    try:
        yield
    except BaseException:
        with suppress(BaseException):  # the caller's own error is the one to raise
            writer.wait()
        raise
    else:
        writer.wait()
    finally:
        sys.setswitchinterval(interval)
        _WRITER.reset(token)
