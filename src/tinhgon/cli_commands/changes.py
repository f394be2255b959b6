"""Looking at change between dates: `lineage`, `diff`."""

from __future__ import annotations

import datetime as dt

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.registry import queries
from tinhgon.registry.representations import diff_data, lineage_data

from .output import (
    echo_json,
    event_line,
    group_label,
    heading,
    kind_label,
    share_label,
    signed,
    table,
    unit_line,
)
from .params import DATE, date_or_today, resolve

JSON_HELP = gettext_lazy("Print JSON instead of text.")


@click.command(
    help=gettext_lazy(
        "What REF (as it was on --on) became by --to, or, when --to is earlier, what it was "
        "made from: each unit reached, whole or in part, and the events on the way."
    )
)
@click.argument("ref")
@click.option("--on", type=DATE, help=gettext_lazy("The date REF is taken at; today if left out."))
@click.option("--to", type=DATE, required=True, help=gettext_lazy("The date to trace to."))
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def lineage(ref: str, on: dt.date | None, to: dt.date, as_json: bool) -> None:
    day = date_or_today(on)
    unit = resolve(ref, day)
    entries = queries.lineage(unit, day, to)
    if as_json:
        echo_json(lineage_data(entries))
        return
    names = {"unit": queries.unit_label(unit, day), "on": day.isoformat(), "to": to.isoformat()}
    if to >= day:
        heading(_("What %(unit)s on %(on)s became by %(to)s:") % names)
    else:
        heading(_("What %(unit)s on %(on)s was made from, as of %(to)s:") % names)
    if not entries:
        click.echo("  " + _("Nothing: it ended without successor."))
    for entry in entries:
        assert entry.version is not None
        click.echo(f"  {unit_line(entry.version)} — {share_label(entry.share)}")
        if not entry.path:
            click.echo("      " + _("itself, no event in between"))
        for step in entry.path:
            click.echo(f"      {event_line(step.event)} ({share_label(step.share)})")


@click.command(
    help=gettext_lazy(
        "How the units under REF changed between two dates, counted by kind group and kind, "
        "with the units that ended and started."
    )
)
@click.argument("ref")
@click.option(
    "--from", "date_from", type=DATE, required=True, help=gettext_lazy("The earlier date.")
)
@click.option("--to", "date_to", type=DATE, help=gettext_lazy("The later date; today if left out."))
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def diff(ref: str, date_from: dt.date, date_to: dt.date | None, as_json: bool) -> None:
    until = date_or_today(date_to)
    root = resolve(ref, until)
    result = queries.diff(root, date_from, until)
    if as_json:
        echo_json(diff_data(result))
        return
    names = {
        "unit": queries.unit_label(root, until),
        "from": date_from.isoformat(),
        "to": until.isoformat(),
    }
    heading(_("Changes under %(unit)s from %(from)s to %(to)s") % names)
    headers = [
        _("Group / kind"),
        _("Before"),
        _("After"),
        _("Net change"),
        _("Ended"),
        _("Started"),
        _("Continued"),
    ]
    rows: list[list[object]] = []
    for total in result.by_group():
        rows.append([group_label(total.group), *_numbers(total)])
        for row in result.by_kind:
            if row.group == total.group:
                rows.append(["  " + kind_label(row.kind), *_numbers(row)])
    table(headers, rows)
    for title, versions in ((_("Ended"), result.ended), (_("Started"), result.started)):
        click.echo()
        heading(f"{title} ({len(versions)}):")
        for version in versions:
            click.echo(f"  {unit_line(version)}")


def _numbers(row: queries.KindChange) -> list[object]:
    return [row.before, row.after, signed(row.change), row.ended, row.started, row.continued]
