"""`tinhgon targets --scope REF --on D [--json]`: every target of the schemes in force for a
scope on a date against what was achieved (indicators.targets)."""

from __future__ import annotations

import datetime as dt

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.indicators import targets as tg

from .output import echo_json, heading
from .params import DATE, resolve
from .people import percent


def shown(value: float | None, rate: bool) -> str:
    if value is None:
        return "—"
    return percent(value) if rate else f"{value:g}".replace(".", ",")


@click.command(
    "targets",
    help=gettext_lazy(
        "Every target of the schemes in force for a scope on a date, and whether it is met."
    ),
)
@click.option("--scope", "scope_ref", required=True, help=gettext_lazy("The scope (code or id)."))
@click.option("--on", type=DATE, required=True, help=gettext_lazy("The date (YYYY-MM-DD)."))
@click.option("--json", "as_json", is_flag=True, help=gettext_lazy("Print JSON (the API's shape)."))
def targets_show(scope_ref: str, on: dt.date, as_json: bool) -> None:
    scope = resolve(scope_ref, on)
    found = tg.targets_for(scope, on, with_series=as_json)
    if as_json:
        echo_json([tg.evaluation_data(e) for e in found])
        return
    heading(_("Targets for %(unit)s on %(on)s") % {"unit": scope, "on": on.isoformat()})
    scheme = None
    for item in found:
        if item.target.scheme_id != scheme:
            scheme = item.target.scheme_id
            click.echo(f"{item.target.scheme.code}: {item.target.scheme.name}")
        rate = item.is_rate
        line = (
            f"  [{item.status_label}] {item.target.code}: {item.target.name} — "
            f"{_('achieved')} {shown(item.achieved, rate)}, "
            f"{_('target')} {shown(float(item.target.value), rate)}"
        )
        if item.note:
            line += f" ({item.note})"
        click.echo(line)


COMMANDS = [targets_show]
