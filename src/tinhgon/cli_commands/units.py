"""Looking at units: `tree`, `history`, `code`, `search`."""

from __future__ import annotations

import datetime as dt

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import NotFound
from tinhgon.registry import queries
from tinhgon.registry.kinds import CodeScheme, Role
from tinhgon.registry.problems import problem
from tinhgon.registry.representations import code_data, history_data, tree_data, version_data

from .output import (
    code_text,
    echo_json,
    event_line,
    heading,
    label,
    period,
    share_label,
    unit_line,
)
from .params import DATE, date_or_today, resolve

ON_HELP = gettext_lazy("The date asked about (YYYY-MM-DD); today if left out.")
JSON_HELP = gettext_lazy("Print JSON instead of text.")


@click.command(help=gettext_lazy("The units under REF on a date, as an indented tree."))
@click.argument("ref")
@click.option("--on", type=DATE, help=ON_HELP)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    help=gettext_lazy("How many levels below REF to show (all if left out)."),
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def tree(ref: str, on: dt.date | None, depth: int | None, as_json: bool) -> None:
    day = date_or_today(on)
    root = queries.tree(resolve(ref, day), day, depth=depth)
    if as_json:
        echo_json(tree_data(root))
        return

    def show(node: queries.TreeNode, level: int) -> None:
        click.echo("  " * level + unit_line(node.version, node.codes))
        for child in node.children:
            show(child, level + 1)

    show(root, 0)


@click.command(help=gettext_lazy("Everything recorded about a unit: versions, codes and events."))
@click.argument("ref")
@click.option(
    "--on", type=DATE, help=gettext_lazy("The date REF's code is read at; today if left out.")
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def history(ref: str, on: dt.date | None, as_json: bool) -> None:
    record = queries.history(resolve(ref, date_or_today(on)))
    if as_json:
        echo_json(history_data(record))
        return
    heading(_("History of unit #%(id)s") % {"id": record.unit.pk})
    click.echo(_("Versions:"))
    for version in record.versions:
        line = f"  {period(version.valid_from, version.valid_to)}  {unit_line(version)}"
        if version.parent_id:
            parent = queries.unit_label(version.parent_id, version.valid_from)
            line += ", " + _("under %(parent)s") % {"parent": parent}
        click.echo(line)
    click.echo(_("Codes:"))
    if not record.codes:
        click.echo("  —")
    for item in record.codes:
        click.echo(f"  {code_text([item])}  {period(item.valid_from, item.valid_to)}")
    click.echo(_("Events:"))
    if not record.events:
        click.echo("  —")
    for link in record.events:
        flags = [label(Role, link.role), share_label(link.share)]
        if link.ends:
            flags.append(_("ends"))
        if link.is_new:
            flags.append(_("starts"))
        click.echo(f"  {event_line(link.event)} ({', '.join(flags)})")
        numbers = ", ".join(d.number for d in link.event.documents.all())
        if numbers:
            click.echo("    " + _("basis: %(documents)s") % {"documents": numbers})


@click.command(help=gettext_lazy("Which unit an official code points to on a date."))
@click.argument("code_value", metavar="CODE")
@click.option("--on", type=DATE, help=ON_HELP)
@click.option(
    "--scheme",
    type=click.Choice(CodeScheme.values),
    help=gettext_lazy("Only this code scheme."),
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def code(code_value: str, on: dt.date | None, scheme: str | None, as_json: bool) -> None:
    day = date_or_today(on)
    found = queries.code_lookup(code_value.strip(), day, scheme)
    if not found:
        raise NotFound(problem("unit_not_found", "CODE", ref=code_value, date=day))
    versions = {c.unit_id: queries.version_at(c.unit_id, day) for c in found}
    if as_json:
        echo_json(
            [
                {**code_data(c), "unit": version_data(v) if (v := versions[c.unit_id]) else None}
                for c in found
            ]
        )
        return
    for unit_code in found:
        version = versions[unit_code.unit_id]
        shown = unit_line(version) if version else f"#{unit_code.unit_id}"
        validity = period(unit_code.valid_from, unit_code.valid_to)
        click.echo(f"{code_text([unit_code])} → {shown}  ({validity})")


@click.command(help=gettext_lazy("Units whose name contains TEXT, with or without diacritics."))
@click.argument("text")
@click.option(
    "--on",
    type=DATE,
    help=gettext_lazy("Only units that existed on this date (any date if left out)."),
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help=gettext_lazy("The most units to list."),
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def search(text: str, on: dt.date | None, limit: int, as_json: bool) -> None:
    found = queries.search(text, on=on, limit=limit)
    if as_json:
        echo_json([version_data(v) for v in found])
        return
    if not found:
        click.echo(_("No unit found."))
        return
    for version in found:
        click.echo(f"{unit_line(version)}  {period(version.valid_from, version.valid_to)}")
