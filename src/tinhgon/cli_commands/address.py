"""Address conversion: `address convert` (one address, or a CSV file) and `address reverse`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from typing import IO

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.adminunits import address as conversion
from tinhgon.adminunits.address import AddressConverter, Area, Conversion, Origins
from tinhgon.core.errors import DomainError, Problem
from tinhgon.core.text import fold
from tinhgon.registry.queries import LineageStep

from .output import EXIT_BAD_INPUT, echo_json, event_line, heading, share_label, show_problems
from .params import DATE

JSON_HELP = gettext_lazy("Print JSON instead of text.")
# Columns taken as the address when --column is not given (compared folded, without spaces).
ADDRESS_COLUMNS = ("address", "diachi", "dia chi")


@click.group(help=gettext_lazy("Convert addresses from before 2025-07-01 to the new units."))
def address() -> None:
    """Only groups its subcommands."""


# ---------------------------------------------------------------------------- printing


def _area_line(area: Area) -> str:
    """ "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh [gso:06712] #48"."""
    code = f" [gso:{area.code}]" if area.code else ""
    return f"{area.label}{code} #{area.unit_id}"


def _steps(path: list[LineageStep]) -> None:
    for step in path:
        click.echo(f"      {event_line(step.event)} ({share_label(step.share)})")


def _flags(share: str, centre: bool | None) -> str:
    flags = [share_label(share)]
    if centre:
        flags.append(_("holds the former centre"))
    return ", ".join(flags)


def _refused(problem: Problem | None, candidates: list[Area]) -> None:
    """A not-found or ambiguous result on stderr: the message, then every candidate."""
    if problem is not None:
        show_problems([problem])
    if candidates:
        click.echo("  " + _("Candidates:"), err=True)
        for area in candidates:
            click.echo(f"    {_area_line(area)}", err=True)


def _show_conversion(result: Conversion) -> None:
    old = result.old
    assert old is not None
    heading(_("Address: %(address)s") % {"address": result.address})
    click.echo(_("Old unit on %(date)s:") % {"date": result.on.isoformat()})
    click.echo(f"  {_area_line(old)}")
    if result.outcome.former_name:
        names = {"name": result.outcome.former_name}
        click.echo("  " + _("matched by its former name “%(name)s”") % names)
    click.echo(_("New unit(s) on %(date)s:") % {"date": result.to.isoformat()})
    if not result.new:
        click.echo("  " + _("Nothing: it ended without successor."))
    for new in result.new:
        click.echo(f"  {_area_line(new.area)} — {_flags(new.share, new.holds_former_centre)}")
        _steps(new.path)
    if result.new_address:
        click.echo(_("New address: %(address)s") % {"address": result.new_address})
    elif len(result.new) > 1:
        click.echo(
            _("The old unit was divided: which new unit an address lies in depends on where it is.")
        )


def _show_origins(result: Origins) -> None:
    area = result.area
    assert area is not None
    heading(_("%(unit)s on %(date)s") % {"unit": _area_line(area), "date": result.on.isoformat()})
    click.echo(_("Formed from, as they were on %(date)s:") % {"date": result.to.isoformat()})
    if not result.old:
        click.echo("  —")
    for old in result.old:
        click.echo(f"  {_area_line(old.area)} — {_flags(old.share, old.holds_former_centre)}")
        _steps(old.path)


# ---------------------------------------------------------------------------- convert


@address.command(
    "convert",
    help=gettext_lazy(
        "Convert an old ADDRESS (street, commune, district, province; diacritics and "
        "abbreviations such as P., X., TT., Q., H., TX., TP. optional) to the units it became. "
        "With --csv, convert every row of a CSV file: one result row per input row, with its "
        "status (ok, not_found, ambiguous). Exit status 2 when a single address is not found "
        "or ambiguous."
    ),
)
@click.argument("text", metavar="ADDRESS", required=False)
@click.option(
    "--on",
    type=DATE,
    help=gettext_lazy("The date the old address is about (YYYY-MM-DD); 2025-06-30 by default."),
)
@click.option(
    "--to",
    type=DATE,
    help=gettext_lazy("The date of the new units; 2025-07-01 by default."),
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.option(
    "--csv",
    "csv_in",
    metavar="IN.csv",
    help=gettext_lazy("Convert the addresses of this CSV file (“-” reads stdin)."),
)
@click.option(
    "--out",
    "csv_out",
    metavar="OUT.csv",
    default="-",
    help=gettext_lazy("Where to write the results of --csv; stdout by default."),
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="NAME",
    help=gettext_lazy(
        "The column holding the address (a header name, or a number from 1); repeat it to join "
        "several columns with commas. Default: the column named “address” or “địa chỉ”, else "
        "the first."
    ),
)
@click.option(
    "--delimiter",
    default=",",
    show_default=True,
    help=gettext_lazy("The CSV field separator."),
)
@click.option(
    "--no-header",
    is_flag=True,
    help=gettext_lazy("The first row of the CSV is an address, not column names."),
)
@click.option(
    "--bom",
    is_flag=True,
    help=gettext_lazy("Start the output with a UTF-8 byte order mark (for Excel)."),
)
def convert(
    text: str | None,
    on: dt.date | None,
    to: dt.date | None,
    as_json: bool,
    csv_in: str | None,
    csv_out: str,
    columns: tuple[str, ...],
    delimiter: str,
    no_header: bool,
    bom: bool,
) -> None:
    if csv_in is not None:
        if text:
            raise DomainError(
                Problem("conflicting_input", _("Give either ADDRESS or --csv, not both."), "--csv")
            )
        _convert_csv(csv_in, csv_out, columns, delimiter, no_header, bom, on, to)
        return
    if not text:
        raise DomainError(
            Problem("required", _("Give an ADDRESS, or a CSV file with --csv."), "ADDRESS")
        )
    result = AddressConverter(on, to).convert(text)
    if as_json:
        echo_json(conversion.conversion_data(result))
    elif result.status == conversion.OK:
        _show_conversion(result)
    else:
        _refused(result.problem, result.candidates)
    if result.status != conversion.OK:
        click.get_current_context().exit(EXIT_BAD_INPUT)


# ---------------------------------------------------------------------------- CSV


def _open_in(path: str, stack: ExitStack) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
    try:
        return stack.enter_context(open(path, encoding="utf-8-sig", newline=""))
    except OSError as error:
        message = _("Cannot read “%(file)s”: %(reason)s.") % {
            "file": path,
            "reason": error.strerror,
        }
        raise DomainError(Problem("file_unreadable", message, "--csv")) from None


def _open_out(path: str, bom: bool, stack: ExitStack) -> IO[str]:
    encoding = "utf-8-sig" if bom else "utf-8"
    if path == "-":
        stream = sys.stdout
        if bom:
            stream.write("\ufeff")
        return stream
    try:
        return stack.enter_context(open(path, "w", encoding=encoding, newline=""))
    except OSError as error:
        message = _("Cannot write “%(file)s”: %(reason)s.") % {
            "file": path,
            "reason": error.strerror,
        }
        raise DomainError(Problem("file_unwritable", message, "--out")) from None


def _count_rows(path: str, delimiter: str) -> int | None:
    """How many rows the file has (read once, row by row, kept nowhere), for the progress
    bar; None for stdin."""
    if path == "-":
        return None
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return sum(1 for _row in csv.reader(stream, delimiter=delimiter))


def _address_columns(header: list[str] | None, columns: tuple[str, ...]) -> list[int]:
    """The positions of the columns that make up the address."""
    if not columns:
        if header is not None:
            names = [fold(h).replace(" ", "") for h in header]
            for wanted in ADDRESS_COLUMNS:
                if wanted.replace(" ", "") in names:
                    return [names.index(wanted.replace(" ", ""))]
        return [0]
    found = []
    for column in columns:
        if header is not None and column in header:
            found.append(header.index(column))
        elif column.isdigit() and int(column) >= 1:
            found.append(int(column) - 1)
        else:
            message = _("There is no column “%(column)s”.") % {"column": column}
            raise DomainError(Problem("unknown_column", message, "--column"))
    return found


def _output_columns(header: list[str]) -> list[str]:
    """The result columns, renamed if the input already has a column of the same name."""
    taken = set(header)
    names = []
    for name in conversion.CSV_COLUMNS:
        while name in taken:
            name = f"{name}_"
        taken.add(name)
        names.append(name)
    return names


def _convert_csv(
    path: str,
    out: str,
    columns: tuple[str, ...],
    delimiter: str,
    no_header: bool,
    bom: bool,
    on: dt.date | None,
    to: dt.date | None,
) -> None:
    if len(delimiter) != 1:
        message = _("The separator must be one character.")
        raise DomainError(Problem("invalid_delimiter", message, "--delimiter"))
    statuses: Counter[str] = Counter()
    with ExitStack() as stack:
        reader = csv.reader(_open_in(path, stack), delimiter=delimiter)
        total = _count_rows(path, delimiter)
        first = next(reader, None)
        header = None if no_header else (first or [])
        positions = _address_columns(header, columns)
        if header is not None:
            names = header
        else:  # no header: the first row says how many columns there are
            width = max(len(first or []), max(positions) + 1)
            names = [f"column_{i + 1}" for i in range(width)]
        rows: Iterator[list[str]] = (
            itertools.chain([first], reader) if no_header and first is not None else reader
        )
        converter = AddressConverter(on, to, batch=True)
        writer = csv.writer(_open_out(out, bom, stack), delimiter=delimiter)
        writer.writerow([*names, *_output_columns(names)])
        length = None if total is None else max(total - (0 if no_header else 1), 0)
        with click.progressbar(
            _rows(rows, positions), length=length, label=_("Converting addresses"), file=sys.stderr
        ) as bar:
            for row, text in bar:
                result = converter.convert(text)
                statuses[result.status] += 1
                values = conversion.csv_values(result)
                # The input's columns (a short row padded, so the results stay aligned).
                kept = (row + [""] * len(names))[: len(names)]
                writer.writerow([*kept, *(values[c] for c in conversion.CSV_COLUMNS)])
    counts = {"rows": sum(statuses.values()), **{s: statuses[s] for s in conversion.STATUSES}}
    click.echo(
        _("%(rows)d row(s): %(ok)d converted, %(not_found)d not found, %(ambiguous)d ambiguous.")
        % counts,
        err=True,
    )


def _rows(reader: Iterator[list[str]], positions: list[int]) -> Iterator[tuple[list[str], str]]:
    for row in reader:
        parts = [row[i].strip() for i in positions if i < len(row) and row[i].strip()]
        yield row, ", ".join(parts)


# ---------------------------------------------------------------------------- reverse


@address.command(
    "reverse",
    help=gettext_lazy(
        "The old units a new unit was formed from, whole or in part. REF is an administrative "
        "code (“06712”) or a name (“Phường Móng Cái 1”, with the province after a comma or in "
        "--province). Exit status 2 when it is not found or ambiguous."
    ),
)
@click.argument("ref", metavar="CODE_OR_NAME")
@click.option("--province", default="", help=gettext_lazy("The province of a unit given by name."))
@click.option(
    "--on",
    type=DATE,
    help=gettext_lazy("The date the new unit is read on; 2025-07-01 by default."),
)
@click.option(
    "--to",
    type=DATE,
    help=gettext_lazy("The earlier date of the old units; 2025-06-30 by default."),
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def reverse(ref: str, province: str, on: dt.date | None, to: dt.date | None, as_json: bool) -> None:
    result = conversion.origins(ref, province, on, to)
    if as_json:
        echo_json(conversion.origins_data(result))
    elif result.status == conversion.OK:
        _show_origins(result)
    else:
        _refused(result.problem, result.candidates)
    if result.status != conversion.OK:
        click.get_current_context().exit(EXIT_BAD_INPUT)
