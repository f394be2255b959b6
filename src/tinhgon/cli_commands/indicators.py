"""`tinhgon indicator KEY --scope REF --on D | --from D1 --to D2` and `tinhgon indicators`:
the indicator catalogue (indicators.catalogue) from the command line."""

from __future__ import annotations

import datetime as dt

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import DomainError, Problem
from tinhgon.indicators.catalogue import CATALOGUE, Result, compute
from tinhgon.people.representations import data

from .output import echo_json, heading
from .params import DATE, resolve
from .people import percent


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            message = _(
                "A parameter is written NAME=VALUE, e.g. policy=cell-secretary-village-head."
            )
            raise DomainError(Problem("param_syntax", message, "--param"))
        found[name.strip()] = value.strip()
    return found


def _value(result: Result) -> str:
    if result.value is None:
        return _("no data")
    if result.unit == "rate":
        return percent(result.value)
    return f"{result.value:g}"


@click.command("indicators", help=gettext_lazy("Every indicator with what it counts."))
def indicator_list() -> None:
    for item in CATALOGUE.values():
        when = _("over a period") if item.period else _("at a date")
        params = ", ".join(item.params) or "—"
        click.echo(f"{item.key}: {item.label} ({when}; {_('parameters')}: {params})")
        click.echo(f"    {item.description}")


@click.command(
    "indicator",
    help=gettext_lazy(
        "Compute the indicator KEY for a scope at a date (--on) or over a period (--from, --to); "
        "`tinhgon indicators` lists them."
    ),
)
@click.argument("key")
@click.option("--scope", "scope_ref", required=True, help=gettext_lazy("The scope (code or id)."))
@click.option("--on", type=DATE, help=gettext_lazy("The date (YYYY-MM-DD)."))
@click.option("--from", "date_from", type=DATE, help=gettext_lazy("The first day."))
@click.option("--to", "date_to", type=DATE, help=gettext_lazy("The last day."))
@click.option(
    "--param", "pairs", multiple=True, help=gettext_lazy("A parameter NAME=VALUE (repeatable).")
)
@click.option("--explain", is_flag=True, help=gettext_lazy("List the records behind the figure."))
@click.option("--json", "as_json", is_flag=True, help=gettext_lazy("Print JSON (the API's shape)."))
def indicator_show(
    key: str,
    scope_ref: str,
    on: dt.date | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    pairs: tuple[str, ...],
    explain: bool,
    as_json: bool,
) -> None:
    day = on or date_to or date_from
    if day is None:
        raise DomainError(Problem("date_required", _("Give --on, or --from and --to."), "--on"))
    scope = resolve(scope_ref, day)
    result = compute(
        key,
        scope,
        on=on,
        date_from=date_from,
        date_to=date_to,
        params=_params(pairs),
        explain=explain,
    )
    if as_json:
        echo_json(data(result))
        return
    when = (
        result.on.isoformat()
        if result.on
        else f"{result.date_from.isoformat()} – {result.date_to.isoformat()}"  # type: ignore[union-attr]
    )
    heading(f"{result.label}: {_value(result)} ({result.scope.name} #{result.scope.id}, {when})")
    for figure in result.figures:
        line = f"  {figure.label}: {'—' if figure.value is None else f'{figure.value:g}'}"
        if figure.total is not None:
            line += f"/{figure.total}"
        if figure.rate is not None:
            line += f" ({percent(figure.rate)})"
        click.echo(line)
    if explain:
        click.echo(_("Records behind the figure: %(n)s") % {"n": len(result.evidence)})
        for item in result.evidence:
            date = item.on.isoformat() if item.on else ""
            click.echo(f"  {item.kind} #{item.id} {item.label} {date} {item.detail}".rstrip())


COMMANDS = [indicator_show, indicator_list]
