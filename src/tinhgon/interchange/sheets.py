"""Reading and writing sheets as streams of rows: .xlsx (openpyxl read-only / write-only) and
.csv (UTF-8, with or without BOM; ';' or ',' as separator). A file that is neither is refused."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from tinhgon.core.errors import DomainError, Problem

XLSX, CSV = "xlsx", "csv"


@dataclass
class Sheet:
    """An opened sheet: its name, an estimate of its rows (for progress) and its rows, each
    (spreadsheet row number, cell values)."""

    name: str
    total: int
    rows: Iterator[tuple[int, tuple[Any, ...]]]
    close: Any = None


def _refuse(code: str, message: str) -> DomainError:
    return DomainError(Problem(code, message, "file"))


def format_of(path: Path, name: str | None = None) -> str:
    """The file's format, from its first bytes (a .xlsx is a zip), else from its name."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        return XLSX
    suffix = Path(name or path.name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return XLSX  # named so but not a zip: refused when opened
    return CSV


def open_sheet(path: Path, name: str | None = None) -> Sheet:
    """The first sheet of a .xlsx, or a .csv file, as a stream of rows."""
    if path.stat().st_size == 0:
        raise _refuse("empty_file", _("The file is empty."))
    if format_of(path, name) == XLSX:
        return _open_xlsx(path)
    return _open_csv(path)


def _open_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _refuse(
            "not_a_spreadsheet",
            _("The file is not a spreadsheet (.xlsx) or CSV file: %(error)s") % {"error": error},
        ) from None
    sheet = book.worksheets[0]
    total = max((sheet.max_row or 1) - 1, 0)

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, tuple(values)

    return Sheet(sheet.title, total, rows(), book.close)


def _open_csv(path: Path) -> Sheet:
    raw = path.open("rb")
    sample = raw.read(65536)
    if b"\x00" in sample:
        raw.close()
        raise _refuse("not_a_spreadsheet", _("The file is not a spreadsheet (.xlsx) or CSV file."))
    try:
        sample.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # a cut multi-byte character at the sample's end is fine
        if error.start < len(sample) - 4:
            raw.close()
            raise _refuse(
                "not_utf8",
                _("The CSV file is not UTF-8 text; save it as “CSV UTF-8”."),
            ) from None
    raw.seek(0)
    # the total for progress: one quick pass counting lines (quoted newlines overcount a little)
    lines = 0
    while block := raw.read(1 << 20):
        lines += block.count(b"\n")
    raw.seek(0)
    text: IO[str] = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    first = sample.decode("utf-8-sig", errors="ignore").splitlines()[0] if sample else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            for number, values in enumerate(csv.reader(text, delimiter=delimiter), start=1):
                yield number, tuple(values)
        except (UnicodeDecodeError, csv.Error):
            raise _refuse(
                "not_utf8", _("The CSV file is not UTF-8 text; save it as “CSV UTF-8”.")
            ) from None

    return Sheet(path.stem, max(lines - 1, 0), rows(), text.close)


def write_rows(
    path: Path, fmt: str, header: list[str], rows: Iterable[Iterable[Any]], title: str = ""
) -> None:
    """Write a header and rows as .csv (UTF-8 with BOM, so Excel reads the diacritics) or as a
    streamed .xlsx (write-only: any number of rows in little memory)."""
    if fmt == CSV:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=(title or "Sheet1")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
