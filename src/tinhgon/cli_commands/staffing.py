"""Staffing: `staffing REF --on DATE`, `reductions REF --from D --to D [--sector …]`.

The commands only call staffing.queries and print; every word shown comes from
staffing.labels (the staffing catalogue), so this module adds nothing to the project catalogue.
"""

from __future__ import annotations

import datetime as dt

import click

from tinhgon.staffing import queries
from tinhgon.staffing.kinds import Sector
from tinhgon.staffing.labels import CLI, category_label
from tinhgon.staffing.representations import data

from .output import echo_json, heading, table
from .params import DATE, date_or_today, resolve


def _number(value: int | None) -> str:
    return "—" if value is None else str(value)


def _signed(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else str(value)


def _person(row: queries.EmployeeRow | queries.ReductionRow) -> str:
    return f"{row.person.full_name} #{row.person.id}" if row.person else "…"


@click.command(help=CLI["staffing_help"])
@click.argument("ref")
@click.option("--on", type=DATE, help=CLI["on_help"])
@click.option("--unit-only", is_flag=True, help=CLI["unit_only_help"])
@click.option("--list", "with_list", is_flag=True, help=CLI["list_help"])
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def staffing(ref: str, on: dt.date | None, unit_only: bool, with_list: bool, as_json: bool) -> None:
    day = date_or_today(on)
    unit = resolve(ref, day)
    result = queries.staffing(unit, day, scope=not unit_only, employees=with_list)
    if as_json:
        echo_json(data(result))
        return
    heading(
        str(CLI["staffing_line"])
        % {
            "unit": result.unit.name,
            "date": day.isoformat(),
            "headcount": result.headcount,
            "quota": _number(result.quota),
        }
    )
    headers = [str(CLI[k]) for k in ("category", "quota", "headcount", "difference", "status")]
    rows: list[list[object]] = [
        [r.label, _number(r.quota), r.headcount, _signed(r.difference), r.status_label]
        for r in result.rows
    ]
    rows.append(
        [str(CLI["total"]), _number(result.quota), result.headcount, _signed(result.difference), ""]
    )
    table(headers, rows)
    if len(result.units) > 1:
        click.echo(str(CLI["units"]))
        table(
            [str(CLI["unit"]), *headers[1:4]],
            [
                [u.unit.name, _number(u.quota), u.headcount, _signed(u.difference)]
                for u in result.units
            ],
        )
    if with_list:
        click.echo(str(CLI["persons"]))
        if not result.persons_shown:
            click.echo(str(CLI["persons_hidden"]))
        for row in result.employees:
            click.echo(
                f"  {_person(row)} — {row.unit.name}, {category_label(row.category)}"
                + (f", {row.position}" if row.position else "")
            )


@click.command(help=CLI["reductions_help"])
@click.argument("ref")
@click.option("--from", "date_from", type=DATE, required=True, help=CLI["from_help"])
@click.option("--to", "date_to", type=DATE, required=True, help=CLI["to_help"])
@click.option(
    "--sector",
    "sectors",
    multiple=True,
    type=click.Choice(Sector.values),
    help=str(CLI["sector_help"]) % {"sectors": ", ".join(Sector.values)},
)
@click.option("--list", "with_list", is_flag=True, help=CLI["list_help"])
@click.option("--json", "as_json", is_flag=True, help=CLI["json_help"])
def reductions(
    ref: str,
    date_from: dt.date,
    date_to: dt.date,
    sectors: tuple[str, ...],
    with_list: bool,
    as_json: bool,
) -> None:
    unit = resolve(ref, date_from)
    result = queries.reductions(
        unit, date_from, date_to, sectors=sectors, rows=with_list or as_json
    )
    if as_json:
        echo_json(data(result))
        return
    heading(
        str(CLI["reductions_line"])
        % {
            "unit": result.scope.name,
            "start": date_from.isoformat(),
            "end": date_to.isoformat(),
            "total": result.total,
        }
    )
    if sectors:
        click.echo(
            str(CLI["sectors_shown"])
            % {"sectors": ", ".join(c.label for c in result.by_sector) or str(CLI["none"])}
        )
    for title, counts in (
        ("by_sector", result.by_sector),
        ("by_form", result.by_form),
        ("by_basis", result.by_basis),
        ("by_year", result.by_year),
    ):
        click.echo(str(CLI[title]))
        for count in counts:
            click.echo(f"  {count.label}: {count.count}")
        if not counts:
            click.echo(f"  {CLI['none']}")
    if with_list:
        click.echo(str(CLI["persons"]))
        if not result.persons_shown:
            click.echo(str(CLI["persons_hidden"]))
        for row in result.rows:
            click.echo(f"  {row.on.isoformat()} {_person(row)} — {row.unit.name} ({row.basis})")


COMMANDS = (staffing, reductions)
