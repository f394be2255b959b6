"""`tinhgon template KIND`, `tinhgon import KIND FILE`, `tinhgon export list KIND`: spreadsheets
in and out (tinhgon.interchange)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.interchange import exporting
from tinhgon.interchange.importing import (
    ImportResult,
    import_file,
    iter_problem_rows,
    problem_header,
)
from tinhgon.interchange.sheets import CSV, XLSX, write_rows
from tinhgon.interchange.templates import KINDS
from tinhgon.interchange.workbook import write_template

from .backup import progress_bar
from .output import EXIT_BAD_INPUT
from .params import DATE, date_or_today, resolve

KIND = click.Choice(KINDS)


@click.command(
    "template",
    help=gettext_lazy(
        "Write the spreadsheet template of KIND (.xlsx): Vietnamese headers, a note on each "
        "column, drop-down lists for coded columns and an example row."
    ),
)
@click.argument("kind", type=KIND)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=gettext_lazy("The file to write (default: KIND.xlsx)."),
)
def template(kind: str, out: Path | None) -> None:
    path = write_template(kind, out or Path(f"{kind}.xlsx"))
    click.echo(_("Template written to %(path)s.") % {"path": path})


def _write_problems(result: ImportResult, path: Path) -> None:
    fmt = XLSX if path.suffix.lower() == ".xlsx" else CSV
    write_rows(path, fmt, problem_header(), iter_problem_rows(result), _("Problems"))


def _summary(result: ImportResult) -> str:
    written = ", ".join(f"{label}: {n}" for label, n in sorted(result.written.items()))
    if result.dry_run:
        return _("Dry run: %(rows)d rows checked, no problem; would write %(written)s.") % {
            "rows": result.rows,
            "written": written or "0",
        }
    return _("%(rows)d rows imported; written %(written)s.") % {
        "rows": result.rows,
        "written": written or "0",
    }


@click.command(
    "import",
    help=gettext_lazy(
        "Import FILE (.xlsx or .csv, filled from “tinhgon template KIND”): every row is "
        "checked and every problem reported at once; all or nothing."
    ),
)
@click.argument("kind", type=KIND)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=gettext_lazy("Check everything and write nothing."))
@click.option(
    "--on",
    "on",
    type=DATE,
    help=gettext_lazy(
        "Date unit codes are read at for rows without a date of their own (default today)."
    ),
)
@click.option(
    "--problems",
    "problems_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=gettext_lazy("Write the problems to this .csv or .xlsx file."),
)
@click.pass_context
def import_(
    ctx: click.Context,
    kind: str,
    file: Path,
    dry_run: bool,
    on: dt.date | None,
    problems_out: Path | None,
) -> None:
    with progress_bar(_("Importing")) as progress:
        result = import_file(kind, file, dry_run=dry_run, on=on, progress=progress)
    for column, encoding in sorted(result.converted.items()):
        click.echo(
            _("Column “%(column)s” was in %(encoding)s and was converted to Unicode.")
            % {"column": column, "encoding": encoding.upper()},
            err=True,
        )
    if result.ok:
        click.echo(_summary(result))
        return
    if problems_out is not None:
        _write_problems(result, problems_out)
    click.secho(
        _("%(count)d problems; nothing was written.")
        % {"count": len(result.problems) + result.omitted},
        fg="red",
        bold=True,
        err=True,
    )
    for p in result.problems[:50] if problems_out else result.problems:
        where = _("row %(row)s") % {"row": p.row} if p.row is not None else _("file")
        column = f", {p.column}" if p.column else ""
        value = f" “{p.value}”" if p.value else ""
        click.echo(f"  {p.sheet}, {where}{column}{value}: {p.reason}", err=True)
    if problems_out is not None:
        click.echo(_("All problems written to %(path)s.") % {"path": problems_out}, err=True)
    ctx.exit(EXIT_BAD_INPUT)


@click.group("export", help=gettext_lazy("Export records to files."))
def export() -> None:
    pass


@export.command(
    "list",
    help=gettext_lazy(
        "Export a list (units under --root, persons, holdings, employees, members) on a date "
        "as .csv or .xlsx."
    ),
)
@click.argument("kind", type=click.Choice(exporting.LISTS))
@click.option("--on", "on", type=DATE, help=gettext_lazy("The date (default today)."))
@click.option(
    "--root",
    "root",
    help=gettext_lazy(
        "REF of the unit whose apparatus the list covers (default: everything you may see)."
    ),
)
@click.option("--format", "fmt", type=click.Choice([CSV, XLSX]), default=CSV, show_default=True)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help=gettext_lazy("The file to write (default: KIND.FORMAT)."),
)
def export_list(
    kind: str, on: dt.date | None, root: str | None, fmt: str, out: Path | None
) -> None:
    day = date_or_today(on)
    unit = resolve(root, day) if root else None
    path = out or Path(f"{kind}.{fmt}")
    count = exporting.export_list(kind, path, fmt, on=day, root=unit)
    click.echo(_("%(count)d rows written to %(path)s.") % {"count": count, "path": path})


COMMANDS = (template, import_, export)
