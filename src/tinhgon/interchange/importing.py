"""Importing a filled template (.xlsx or .csv): every row checked, every problem reported at once
(sheet, row, column, value, reason in Vietnamese), all or nothing.

The file is streamed: rows are read, parsed and resolved in chunks, and each chunk goes to the
kind's bulk service (tinhgon.interchange.writers) inside one transaction. A refused chunk
becomes row problems and the reading goes on, so one run finds every problem. At the end the
transaction is rolled back when there was any problem or when it is a dry run; the counts of
what was (or would have been) written are taken before that.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _

from tinhgon.core import memo, staging
from tinhgon.core.errors import DomainError

from . import resolve
from .encoding import to_unicode
from .reader import PARALLEL_BYTES, read_in_child
from .sheets import Sheet, open_sheet
from .templates import CHOICE, DATE, INT, PERSON, Column, Template, template_of

CHUNK = 5000
# beyond this many problems the rest are only counted: a wholly wrong million-row file must
# not fill the memory with messages
MAX_PROBLEMS = 10_000
Progress = Callable[[int, int], None]
_INDEX = re.compile(r"^\[(\d+)\]\.?(.*)$")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int | None  # the spreadsheet's row number; None: about the whole file
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    raw: dict[str, Any]
    ok: bool = True


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)  # table label → rows added
    converted: dict[str, str] = field(default_factory=dict)  # column header → legacy encoding
    omitted: int = 0  # problems found beyond MAX_PROBLEMS, counted only

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run


class _Rollback(Exception):
    pass


class Importer:
    """One run over one file; `problem` collects, `run` drives."""

    def __init__(self, template: Template, sheet: Sheet, on: dt.date | None) -> None:
        from .writers import WRITERS

        self.template = template
        self.sheet = sheet
        self.on = on
        self.writer = WRITERS[template.kind]
        self.columns: dict[int, Column] = {}
        self.problems: list[RowProblem] = []
        self.converted: dict[str, str] = {}
        self.seen: dict[bytes, int] = {}
        self.omitted = 0
        self.chunk = CHUNK  # rows handed to the writer at once
        self.choice_tables = {c.key: c.choice_table() for c in template.columns if c.type == CHOICE}

    def problem(
        self, row: int | None, column: Column | str | None, value: Any, reason: str
    ) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.omitted += 1
            return
        header = str(column.header) if isinstance(column, Column) else (column or "")
        shown = "" if value is None else str(value)
        self.problems.append(RowProblem(self.sheet.name, row, header, shown[:200], reason))

    def taken(self) -> tuple[list[RowProblem], dict[str, str], int]:
        """The problems found and omitted since the last call, and the legacy conversions:
        what a reader in another process sends with each chunk (reader.py)."""
        problems, omitted = self.problems, self.omitted
        self.problems, self.omitted = [], 0
        return problems, dict(self.converted), omitted

    def merge(self, problems: list[RowProblem], converted: dict[str, str], omitted: int) -> None:
        """Take in what `taken` gave in the reader's process."""
        for found in problems:
            if len(self.problems) >= MAX_PROBLEMS:
                self.omitted += 1
            else:
                self.problems.append(found)
        self.converted.update(converted)
        self.omitted += omitted

    # ------------------------------------------------------------------ header

    def read_header(self, cells: tuple[Any, ...], number: int) -> bool:
        found: dict[str, int] = {}
        for position, cell in enumerate(cells):
            if cell is None or str(cell).strip() == "":
                continue
            column = self.template.match_header(to_unicode(str(cell))[0])
            if column is None:
                self.problem(number, str(cell), cell, _("Unknown column: not in the template."))
            elif column.key in found:
                self.problem(number, column, cell, _("The column appears twice."))
            else:
                found[column.key] = position
                self.columns[position] = column
        for column in self.template.columns:
            if column.required and column.key not in found:
                self.problem(number, column, "", _("Required column missing."))
        return not self.problems

    # ------------------------------------------------------------------ cells

    def parse(self, number: int, cells: tuple[Any, ...]) -> Row | None:
        raw = {
            self.columns[i].key: cell
            for i, cell in enumerate(cells)
            if i in self.columns and cell is not None and str(cell).strip() != ""
        }
        if not raw:
            return None  # an empty row
        row = Row(number, {}, raw)
        for column in self.template.columns:
            value = raw.get(column.key)
            if value is None:
                if column.required:
                    self.problem(number, column, "", _("A value is required."))
                    row.ok = False
                row.values[column.key] = None
                continue
            try:
                row.values[column.key] = self._cell(column, value)
            except ValueError as error:
                self.problem(number, column, value, str(error))
                row.ok = False
        start, end = row.values.get("valid_from"), row.values.get("valid_to")
        if start and end and end <= start:
            self.problem(
                number,
                self.template.column("valid_to"),
                raw.get("valid_to"),
                _("The end date must be after the start date %(start)s.")
                % {"start": start.strftime("%d/%m/%Y")},
            )
            row.ok = False
        return row

    def _cell(self, column: Column, value: Any) -> Any:
        if column.type == DATE:
            return parse_date(value)
        if column.type == INT:
            return parse_int(value)
        text = self._text(column, value)
        if column.type == CHOICE:
            code = column.choice_value(text, self.choice_tables[column.key])
            if code is None:
                raise ValueError(
                    _("Not one of the choices of the list (%(choices)s).")
                    % {"choices": ", ".join(column.labels()[:12])}
                )
            return code
        if column.type == PERSON:
            return resolve.parse_id(text)
        if column.max_length and len(text) > column.max_length:
            raise ValueError(_("Too long: at most %(n)d characters.") % {"n": column.max_length})
        return text

    def _text(self, column: Column, value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a code typed as a number
        try:
            text, legacy = to_unicode(str(value).strip())
        except ValueError:
            raise ValueError(
                _(
                    "The text looks typed in an old Vietnamese encoding (TCVN3/ABC or VNI) and "
                    "could not be converted; convert the column to Unicode."
                )
            ) from None
        if legacy:
            self.converted[str(column.header)] = legacy
        return text

    # ------------------------------------------------------------------ rows

    def duplicate(self, row: Row) -> None:
        key = self.writer.key(row.values)
        if key is None:
            return
        digest = hashlib.blake2b(repr(key).encode(), digest_size=12).digest()
        first = self.seen.setdefault(digest, row.number)
        if first != row.number:
            column = self.template.column(self.writer.key_column)
            self.problem(
                row.number,
                column,
                row.raw.get(column.key),
                _("Duplicate of row %(row)d of the file.") % {"row": first},
            )
            row.ok = False

    def write(self, rows: list[Row]) -> None:
        """Resolve the references of a chunk, then hand its good rows to the service."""
        for index, column, reason in resolve.references(self.template, rows, self.on):
            row = rows[index]
            self.problem(row.number, column, row.raw.get(column.key), reason)
            row.ok = False
        for index, key, reason in self.writer.against_database(rows):
            row = rows[index]
            column = self.template.column(key)
            self.problem(row.number, column, row.raw.get(key), reason)
            row.ok = False
        good = [r for r in rows if r.ok]
        if not good:
            return
        try:
            if self.writer.writes_behind:
                # the checks read only: no savepoint to roll back to; the writes go behind
                self.writer.checked(good, self.on).run()
            else:
                with transaction.atomic():
                    self.writer.write(good, self.on)
        except DomainError as error:
            for p in error.problems:
                self._service_problem(good, p.field, p.message)

    def _service_problem(self, rows: list[Row], where: str, message: str) -> None:
        match = _INDEX.match(where or "")
        if match is not None and int(match.group(1)) < len(rows):
            row, rest = rows[int(match.group(1))], match.group(2)
        elif len(rows) == 1:  # a service names no row when it writes only one
            row, rest = rows[0], where or ""
        else:
            self.problem(None, "", "", message)
            return
        key = self.writer.fields.get(rest.split(".")[0].split("[")[0], "")
        column = next((c for c in self.template.columns if c.key == key), None)
        self.problem(row.number, column, row.raw.get(key) if column else "", message)

    def chunks(self) -> Iterator[list[Row]]:
        """The file's rows in chunks, parsed and checked against each other (not yet against
        the database): what `reader.read_in_child` does in a second process."""
        seen = 0
        header_read = False
        chunk: list[Row] = []
        for number, cells in self.sheet.rows:
            if not header_read:
                if all(c is None or str(c).strip() == "" for c in cells):
                    continue
                header_read = True
                if not self.read_header(cells, number):
                    return
                continue
            row = self.parse(number, cells)
            if row is None:
                continue
            seen += 1
            if row.ok:
                self.duplicate(row)
            chunk.append(row)
            if len(chunk) >= self.chunk and not self.writer.whole_file:
                yield chunk
                chunk = []
        if not header_read:
            self.problem(None, "", "", _("The file holds no header row and no data."))
        elif chunk:
            yield chunk
        elif seen == 0:
            self.problem(None, "", "", _("The file holds a header but no data rows."))

    def run(self, progress: Progress | None, chunks: Iterator[list[Row]] | None = None) -> int:
        """Write the chunks (read here unless given) and return how many rows were read."""
        done = 0
        with memo.remembering() if self.writer.remembers else contextlib.nullcontext():
            for chunk in self.chunks() if chunks is None else chunks:
                self.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, max(self.sheet.total, done))
        if progress:
            progress(done, done)
        return done


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    day_first = _DAY_FIRST.fullmatch(text)
    try:
        if day_first:
            return dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        if _ISO.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(_("Not a date: write it as dd/mm/yyyy (or yyyy-mm-dd)."))


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(_("Not a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValueError(_("Not a whole number."))


def table_counts() -> dict[str, int]:
    """The number of records of every tinhgon table (what a run wrote is the difference)."""
    return {
        model._meta.label: model._default_manager.count()
        for config in apps.get_app_configs()
        if config.name.startswith("tinhgon.")
        for model in config.get_models()
    }


def import_file(
    kind: str,
    path: Path,
    *,
    dry_run: bool = False,
    on: dt.date | None = None,
    progress: Progress | None = None,
    name: str | None = None,
    parallel: bool | None = None,
) -> ImportResult:
    """Import a filled template of `kind` (see templates.KINDS). `on`: the date unit codes are
    read at for rows without a date of their own (default today). `name`: the uploaded file's
    name, when `path` is a temporary file. `parallel`: read the file in a second process while
    this one writes (reader.py); by default for a file of `PARALLEL_BYTES` or more."""
    template = template_of(kind)
    result = ImportResult(kind, dry_run)
    try:
        sheet = open_sheet(path, name)
    except DomainError as error:
        sheet_name = Path(name or path.name).name
        result.problems = [RowProblem(sheet_name, None, "", "", p.message) for p in error.problems]
        return result
    importer = Importer(template, sheet, on)
    if parallel is None:
        parallel = path.stat().st_size >= PARALLEL_BYTES
    chunks: Generator[list[Row], None, None] | None = None
    if parallel and not importer.writer.whole_file:
        chunks = read_in_child(importer, path, name)
    try:
        with transaction.atomic():
            before = table_counts()
            with staging.behind():  # the writes of a writer that `writes_behind`
                result.rows = importer.run(progress, chunks)
            after = table_counts()
            result.written = {k: after[k] - before[k] for k in after if after[k] != before[k]}
            if importer.problems or importer.omitted or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    except DomainError as error:  # refused while reading (e.g. a broken zip inside)
        importer.problems += [
            RowProblem(sheet.name, None, "", "", p.message) for p in error.problems
        ]
    finally:
        if chunks is not None:
            chunks.close()  # stops the reader, if it still runs
        if sheet.close:
            sheet.close()
    result.problems = importer.problems
    result.converted = importer.converted
    result.omitted = importer.omitted
    return result


def iter_problem_rows(result: ImportResult) -> Iterator[list[Any]]:
    for p in result.problems:
        yield [p.sheet, p.row if p.row is not None else "", p.column, p.value, p.reason]


def problem_header() -> list[str]:
    return [_("Sheet"), _("Row"), _("Column"), _("Value"), _("Reason")]
