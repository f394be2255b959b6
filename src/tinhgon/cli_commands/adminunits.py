"""Vietnam's administrative units before and after 2025-07-01: `admin-units load`, `show`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.adminunits import queries
from tinhgon.adminunits.representations import transition_data
from tinhgon.registry.kinds import SourceStatus

from .output import echo_json, heading, label, share_label
from .params import DATE, date_or_today, resolve

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


@click.group(
    "admin-units",
    help=gettext_lazy(
        "Vietnam's provinces, districts and communes before and after 2025-07-01, from the "
        "data of the package vietnamadminunits."
    ),
)
def admin_units() -> None:
    """Only groups its subcommands."""


@admin_units.command(
    "load",
    help=gettext_lazy(
        "Load the administrative units and the reform of 2025-07-01 into the registry: the "
        "whole country, or the provinces given. Loading twice changes nothing."
    ),
)
@click.option(
    "--province",
    "codes",
    multiple=True,
    metavar="CODE",
    help=gettext_lazy(
        "Only the new province with this code, or the one an old province with this code went "
        "into (e.g. 22 for Quảng Ninh). Repeat for several."
    ),
)
def load(codes: Sequence[str]) -> None:
    from tinhgon.adminunits.loader import load_admin_units

    with ExitStack() as stack:
        bar: ProgressBar[int] | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                shown = click.progressbar(length=total, label=_("Loading"), file=sys.stderr)
                bar = stack.enter_context(shown)
            bar.update(done - bar.pos)

        result = load_admin_units(provinces=list(codes) or None, progress=progress)
    click.echo(result.summary())


@admin_units.command(
    "show",
    help=gettext_lazy(
        "A province's communes before and after 2025-07-01: each new commune with what it was "
        "made from, each old commune with what it became (whole or part, and which part holds "
        "the former centre). PROVINCE is looked up on --on: before 2025-07-01 the old province, "
        "from then on the new one."
    ),
)
@click.argument("province")
@click.option(
    "--on",
    type=DATE,
    help=gettext_lazy("The date PROVINCE is looked up on (YYYY-MM-DD); today if left out."),
)
@click.option(
    "--kind",
    type=click.Choice(queries.COMMUNE_SUBTYPES),
    help=gettext_lazy("Only communes of this kind."),
)
@click.option("--divided", is_flag=True, help=gettext_lazy("Only divided communes."))
@click.option(
    "--name",
    "text",
    default="",
    help=gettext_lazy("Only names containing this, diacritics optional."),
)
@click.option("--json", "as_json", is_flag=True, help=gettext_lazy("Print JSON instead of text."))
def show(
    province: str, on: dt.date | None, kind: str | None, divided: bool, text: str, as_json: bool
) -> None:
    day = date_or_today(on)
    filters = queries.Filters(kind=kind or "", divided=divided, text=text)
    result = queries.transition(resolve(province, day), day, filters)
    if as_json:
        echo_json(transition_data(result))
        return
    _print(result)


def _code(place: queries.Place) -> str:
    return place.code or "—"


def _share(item: queries.Linked) -> str:
    text = share_label(item.link.share)
    if item.link.holds_former_centre:
        text += ", " + _("holds the former centre")
    if not item.in_province and item.place.province is not None:
        text += ", " + _("in %(province)s") % {"province": item.place.province.name}
    return text


def _columns(rows: list[list[str]]) -> None:
    """Left-aligned columns padded to their widest cell."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _table(headers: list[str], rows: list[queries.Row]) -> None:
    lines = [headers]
    for row in rows:
        first = [row.place.name, _code(row.place)]
        if not row.linked:
            lines.append([*first, "—", "", ""])
        for index, item in enumerate(row.linked):
            lines.append(
                [
                    *(first if index == 0 else ["", ""]),
                    item.place.name,
                    _code(item.place),
                    _share(item),
                ]
            )
    _columns(lines)


def _print(result: queries.Transition) -> None:
    before, after = queries.LAST_DAY_BEFORE.isoformat(), queries.REFORM_DAY.isoformat()
    names = {"name": result.province.name, "code": _code(result.province)}
    if result.side == queries.BEFORE:
        heading(_("%(name)s [%(code)s], as it was until %(date)s") % {**names, "date": before})
        others = _("From %(date)s part of:") % {"date": after}
    else:
        heading(_("%(name)s [%(code)s], from %(date)s") % {**names, "date": after})
        others = _("Formed from:")
    if result.unchanged:
        click.echo(_("The province went on unchanged: it was not consolidated with another."))
    elif result.counterparts:
        listed = ", ".join(f"{p.name} [{_code(p)}]" for p in result.counterparts)
        click.echo(f"{others} {listed}")
    for document in result.documents:
        line = _("Legal basis: %(number)s, %(issuer)s, signed %(date)s") % {
            "number": document.number,
            "issuer": document.issuer,
            "date": document.signed_on.isoformat(),
        }
        if document.status != SourceStatus.VERIFIED:
            line += f" ({label(SourceStatus, document.status)})"
        click.echo(line)
    click.echo(
        _(
            "%(old)s communes, wards and townships until %(before)s → %(new)s communes, wards "
            "and special zones from %(after)s; %(divided)s old units were divided."
        )
        % {
            "old": result.old_total,
            "new": result.new_total,
            "divided": result.divided_total,
            "before": before,
            "after": after,
        }
    )
    if result.filters.active:
        click.echo(
            _("Shown: %(new)s of %(new_total)s new units, %(old)s of %(old_total)s old units.")
            % {
                "new": len(result.new_rows),
                "new_total": result.new_total,
                "old": len(result.old_rows),
                "old_total": result.old_total,
            }
        )
    code, share = _("Code"), _("Whole or part")
    click.echo()
    heading(_("Units from %(date)s and what they were made from") % {"date": after})
    if result.new_rows:
        headers = [_("New unit"), code, _("Made from"), code, share]
        _table(headers, result.new_rows)
    else:
        click.echo(_("No unit matches the filter."))
    click.echo()
    heading(_("Units of %(date)s and what they became") % {"date": before})
    if result.old_rows:
        _table([_("Old unit"), code, _("Became"), code, share], result.old_rows)
    else:
        click.echo(_("No unit matches the filter."))
