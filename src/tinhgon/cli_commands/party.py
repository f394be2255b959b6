"""Party organizations and members: `tinhgon party stats|admissions|counts|due|check|member`
to read, `tinhgon party admit|confirm|transfer|end` to write, `tinhgon party snapshot` to keep
the statistics of a report date.

The commands only call party.queries, party.stats and party.services, and print. Labels of
kinds, statuses and breakdowns, and the services' refusals, come from the party catalogue;
the words of the commands themselves are in the project catalogue.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import DomainError, Problem
from tinhgon.party import queries, services, snapshots, stats
from tinhgon.party.kinds import AttachmentKind, Breakdown, EndReason, Occupation, Status
from tinhgon.party.problems import problem
from tinhgon.people.labels import choice_label
from tinhgon.people.queries import PersonRef, UnitRef
from tinhgon.people.representations import data
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import unit_resolve

from .output import echo_json, heading, kind_label, period, table
from .params import DATE, date_or_today, resolve
from .people import percent

ON_HELP = gettext_lazy("The date (YYYY-MM-DD); today by default.")
JSON_HELP = gettext_lazy("Print JSON (the API's shape) instead of text.")
DECISION_HELP = gettext_lazy("The number of the decision.")


def unit_text(unit: UnitRef) -> str:
    return f"{unit.name} ({kind_label(unit.kind)}) #{unit.id}"


def person_text(person: PersonRef | None) -> str:
    return _("(name not shown)") if person is None else person.full_name


def status_text(status: str) -> str:
    return choice_label(Status, status)


def member_line(row: queries.MemberRow) -> str:
    """ "#12 Nguyễn Văn An — Chi bộ khu 1, kết nạp 2021-05-10, hết dự bị 2022-05-10, …"
    (#12: the membership, as `party member` takes it)."""
    return _(
        "#%(id)s %(person)s — %(unit)s, admitted %(admitted)s, probation ends %(ends)s, %(status)s"
    ) % {
        "id": row.member_id,
        "person": person_text(row.person),
        "unit": row.unit.name,
        "admitted": row.admitted_on.isoformat(),
        "ends": row.probation_ends.isoformat(),
        "status": status_text(row.status),
    }


def _names_hidden(shown: bool) -> None:
    if not shown:
        click.echo(_("Names are not shown: your account may not see party details here."))


def _member_ref(ref: str) -> int:
    return services.member_of(ref, "MEMBER").pk


def _person_id(ref: str) -> int:
    """A person's id: "12", "id:12" or "#12"."""
    text = ref.strip().removeprefix("id:").removeprefix("#")
    if not (text.isascii() and text.isdigit()):
        raise DomainError(problem("person_not_found", "PERSON", ref=ref))
    return int(text)


def _unit(ref: str, on: dt.date, field: str) -> Unit:
    return unit_resolve(ref, on, field=field)


@click.group(
    help=gettext_lazy(
        "Party organizations and members: statistics, admissions, confirmations, size checks; "
        "admit, confirm, transfer and end memberships."
    )
)
def party() -> None:
    """The subcommands are below."""


# ---------------------------------------------------------------------------- reading


def write_xlsx(path: Path, result: stats.StatisticsTable) -> None:
    from tinhgon.reports import party_statistics  # openpyxl: only when a workbook is asked

    try:
        path.write_bytes(party_statistics.xlsx(result))
    except OSError as error:
        message = _("Cannot write %(file)s: %(error)s") % {
            "file": path,
            "error": error.strerror or error,
        }
        raise DomainError(Problem("cannot_write", message, "--xlsx")) from None
    click.echo(_("Written: %(file)s") % {"file": path}, err=True)


_REF = click.argument("ref")
_ON = click.option("--on", type=DATE, help=ON_HELP)
_JSON = click.option("--json", "as_json", is_flag=True, help=JSON_HELP)


@party.command(
    "stats",
    help=gettext_lazy(
        "The party statistics table of REF on a date: for each organization directly under its "
        "party organization, the members by gender, ethnicity, age, education and occupation, "
        "with the totals."
    ),
)
@_REF
@_ON
@_JSON
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help=gettext_lazy("Also write the table to this Excel file."),
)
def stats_command(ref: str, on: dt.date | None, as_json: bool, xlsx: Path | None) -> None:
    day = date_or_today(on)
    result = stats.statistics(resolve(ref, day), day)
    if xlsx is not None:
        write_xlsx(xlsx, result)
    if as_json:
        echo_json(data(result))
        return
    heading(
        _("Party members of %(org)s on %(date)s: %(total)s")
        % {
            "org": unit_text(result.organization),
            "date": day.isoformat(),
            "total": result.totals[0] if result.totals else 0,
        }
    )
    if not result.rows:
        click.echo(_("No members are counted here on that date."))
        return
    groups: dict[str, list[int]] = {}
    for index, column in enumerate(result.columns):
        groups.setdefault(column.group, []).append(index)
    for group, indexes in groups.items():
        click.echo("")
        click.echo(capfirst(choice_label(Breakdown, group)) if group else _("Totals"))
        headers = [_("Organization"), *(result.columns[i].label for i in indexes)]
        rows: list[list[object]] = [
            [row.unit.name, *(row.values[i] for i in indexes)] for row in result.rows
        ]
        rows.append([_("Total"), *(result.totals[i] for i in indexes)])
        table(headers, rows)


@party.command(
    "admissions",
    help=gettext_lazy(
        "Members admitted in REF over a period: the total, by year and organization, and each "
        "year's admission rate (admissions over the members on 1 January) with their average."
    ),
)
@_REF
@click.option("--from", "date_from", type=DATE, required=True, help=gettext_lazy("The first day."))
@click.option("--to", "date_to", type=DATE, required=True, help=gettext_lazy("The last day."))
@click.option("--list", "with_list", is_flag=True, help=gettext_lazy("List the members admitted."))
@_JSON
def admissions(
    ref: str, date_from: dt.date, date_to: dt.date, with_list: bool, as_json: bool
) -> None:
    scope = resolve(ref, date_to)
    result = queries.admissions(scope, date_from, date_to, rows=with_list or as_json)
    rates = queries.admission_rates(scope, date_from.year, date_to.year)
    if as_json:
        echo_json({"admissions": data(result), "rates": data(rates)})
        return
    heading(
        _("Admissions in %(scope)s from %(start)s to %(end)s: %(total)s")
        % {
            "scope": unit_text(result.scope),
            "start": date_from.isoformat(),
            "end": date_to.isoformat(),
            "total": result.total,
        }
    )
    click.echo(_("By year:"))
    for count in result.by_year:
        click.echo(f"  {count.label}: {count.count}")
    if not result.by_year:
        click.echo("  " + _("none"))
    click.echo(_("By organization:"))
    for count in result.by_organization:
        click.echo(f"  {count.label}: {count.count}")
    if not result.by_organization:
        click.echo("  " + _("none"))
    click.echo(_("Admission rate (admissions over the members on 1 January):"))
    table(
        [_("Year"), _("Admitted"), _("Members on 1 January"), _("Rate")],
        [[y.year, y.admissions, y.members_at_start, percent(y.rate)] for y in rates.years],
    )
    click.echo(
        _("Average yearly rate %(first)s–%(last)s: %(rate)s")
        % {
            "first": rates.first_year,
            "last": rates.last_year,
            "rate": percent(rates.average_rate),
        }
    )
    if with_list:
        click.echo(_("Members admitted:"))
        _names_hidden(result.persons_shown)
        for row in result.rows:
            click.echo("  " + member_line(row))


@party.command(
    "counts",
    help=gettext_lazy(
        "Party organizations by kind in REF on a date, and the members, official and "
        "probationary, they count."
    ),
)
@_REF
@_ON
@_JSON
def counts(ref: str, on: dt.date | None, as_json: bool) -> None:
    day = date_or_today(on)
    result = queries.org_counts(resolve(ref, day), day)
    if as_json:
        echo_json(data(result))
        return
    heading(
        _("Party organizations of %(scope)s on %(date)s")
        % {"scope": unit_text(result.scope), "date": day.isoformat()}
    )
    for count in result.by_kind:
        click.echo(f"  {count.label}: {count.count}")
    if not result.by_kind:
        click.echo("  " + _("none"))
    click.echo(
        _(
            "Grassroots organizations: %(grassroots)s; party cells under grassroots "
            "committees: %(cells)s"
        )
        % {"grassroots": result.grassroots, "cells": result.cells_under_committees}
    )
    click.echo(
        _("Members: %(members)s (official %(official)s, probationary %(probationary)s)")
        % {
            "members": result.members,
            "official": result.official,
            "probationary": result.probationary,
        }
    )


@party.command(
    "due",
    help=gettext_lazy(
        "Probationary members of REF whose 12 months of probation end in the period and who are "
        "neither confirmed nor removed: the cells must decide on them."
    ),
)
@_REF
@click.option("--from", "date_from", type=DATE, required=True, help=gettext_lazy("The first day."))
@click.option("--to", "date_to", type=DATE, required=True, help=gettext_lazy("The last day."))
@_JSON
def due(ref: str, date_from: dt.date, date_to: dt.date, as_json: bool) -> None:
    scope = resolve(ref, date_to)
    rows = queries.confirmations_due(scope, date_from, date_to)
    if as_json:
        echo_json(data(rows))
        return
    heading(
        _("Confirmations due in %(scope)s from %(start)s to %(end)s: %(count)s")
        % {
            "scope": scope_name(scope, date_to),
            "start": date_from.isoformat(),
            "end": date_to.isoformat(),
            "count": len(rows),
        }
    )
    _names_hidden(all(r.person is not None for r in rows))
    for row in rows:
        click.echo("  " + member_line(row))


def scope_name(unit: Unit, on: dt.date) -> str:
    ref = queries.unit_refs([unit.pk], on)[unit.pk]
    return unit_text(ref)


@party.command(
    "check",
    help=gettext_lazy(
        "The organizations of REF that break the Party Statute's size rules on a date, and the "
        "cells by number of official members."
    ),
)
@_REF
@_ON
@_JSON
def check(ref: str, on: dt.date | None, as_json: bool) -> None:
    day = date_or_today(on)
    result = queries.structure_check(resolve(ref, day), day)
    if as_json:
        echo_json(data(result))
        return
    heading(
        _("Size rules in %(scope)s on %(date)s (%(rule)s): %(count)s problems")
        % {
            "scope": unit_text(result.scope),
            "date": day.isoformat(),
            "rule": result.rule or _("no rule in force"),
            "count": len(result.problems),
        }
    )
    click.echo(_("Cells by number of official members:"))
    for size in result.sizes:
        click.echo(f"  {size.label}: {size.count}")
    if result.problems:
        click.echo(_("Problems:"))
    for found in result.problems:
        click.echo(f"  {unit_text(found.unit)}: {found.message}")


@party.command(
    "snapshot",
    help=gettext_lazy(
        "Count the statistics of every party organization on DATE (a report date) and keep them: "
        "tables of that date are then read from them, brought up to date from the audit log."
    ),
)
@click.argument("on", type=DATE, metavar="DATE")
def snapshot(on: dt.date) -> None:
    built = snapshots.snapshot_build(on=on)
    click.echo(
        _("Statistics snapshot of %(date)s: %(count)s organizations with members.")
        % {"date": on.isoformat(), "count": built.rows.count()}
    )


@party.command("member", help=gettext_lazy("A party member's record; the read is logged."))
@click.argument("member_ref", metavar="MEMBER")
@_JSON
def member(member_ref: str, as_json: bool) -> None:
    record = queries.member_record(member_ref)
    if as_json:
        echo_json(data(record))
        return
    show_record(record)


def show_record(record: queries.MemberRecord) -> None:
    heading(
        _("Party member #%(id)s: %(person)s (person #%(person_id)s) — %(status)s")
        % {
            "id": record.member_id,
            "person": record.person.full_name,
            "person_id": record.person.id,
            "status": status_text(record.status),
        }
    )
    lines: list[tuple[str, Any]] = [
        (_("Admitted"), f"{record.admitted_on.isoformat()}, {record.admitted_in.name}"),
        (_("Admission decision"), record.admission_decision),
        (_("Considered by the cell"), record.considered_on.isoformat()),
        (_("Probation ends"), record.probation_ends.isoformat()),
        (_("Official from"), record.confirmed_on.isoformat() if record.confirmed_on else ""),
        (_("Confirmation decision"), record.confirmation_decision),
        (
            _("Ended"),
            f"{record.ended_on.isoformat()}, {choice_label(EndReason, record.end_reason)}"
            if record.ended_on
            else "",
        ),
        (_("Occupation"), choice_label(Occupation, record.occupation)),
        (_("Party card"), record.card_number),
        (_("Party age (years)"), record.party_age_years),
    ]
    for title, value in lines:
        if value not in ("", None):
            click.echo(f"  {title}: {value}")
    click.echo(_("Party life:"))
    for a in record.attachments:
        decision = f", {a.decision}" if a.decision else ""
        click.echo(
            f"  {period(a.valid_from, a.valid_to)}  {a.unit.name} "
            f"({choice_label(AttachmentKind, a.kind)}{decision})"
        )
    if record.ratings:
        click.echo(_("Ratings:"))
    for r in record.ratings:
        score = f" ({r.score})" if r.score is not None else ""
        click.echo(f"  {r.year}: {r.grade_label}{score}")


# ---------------------------------------------------------------------------- writing


def _written(member_id: int, message: str) -> None:
    click.echo(message)
    show_record(queries.member_record(member_id))


@party.command(
    "admit",
    help=gettext_lazy(
        "Admit PERSON (a person's id) to the party in CELL (a party cell valid on --on): "
        "probationary for 12 months from that day."
    ),
)
@click.argument("person_ref", metavar="PERSON")
@click.argument("cell_ref", metavar="CELL")
@click.option("--on", type=DATE, required=True, help=gettext_lazy("The day of admission."))
@click.option(
    "--considered",
    type=DATE,
    help=gettext_lazy("The day the cell considered it (the age counts there); --on by default."),
)
@click.option("--decision", default="", help=DECISION_HELP)
@click.option(
    "--occupation", type=click.Choice(Occupation.values), help=gettext_lazy("Occupation.")
)
@click.option("--card", default="", help=gettext_lazy("The party card number."))
def admit(
    person_ref: str,
    cell_ref: str,
    on: dt.date,
    considered: dt.date | None,
    decision: str,
    occupation: str | None,
    card: str,
) -> None:
    cell = _unit(cell_ref, on, "CELL")
    person_id = _person_id(person_ref)
    created = services.member_admit(
        person_id=person_id,
        cell_id=cell.pk,
        admitted_on=on,
        considered_on=considered,
        decision=decision,
        occupation=occupation or "",
        card_number=card,
    )
    _written(created.pk, _("Admitted: membership #%(id)s.") % {"id": created.pk})


@party.command(
    "confirm",
    help=gettext_lazy(
        "Confirm MEMBER (a membership's id), decided on --on after the probation: official from "
        "the day the 12 months ended."
    ),
)
@click.argument("member_ref", metavar="MEMBER")
@click.option("--on", type=DATE, required=True, help=gettext_lazy("The day of the decision."))
@click.option("--decision", default="", help=DECISION_HELP)
def confirm(member_ref: str, on: dt.date, decision: str) -> None:
    member_id = _member_ref(member_ref)
    services.member_confirm(member_id=member_id, decided_on=on, decision=decision)
    _written(member_id, _("Confirmed: membership #%(id)s.") % {"id": member_id})


@party.command(
    "transfer",
    help=gettext_lazy(
        "Move MEMBER's party life to UNIT (valid on --on): officially, or temporarily until "
        "--until."
    ),
)
@click.argument("member_ref", metavar="MEMBER")
@click.argument("unit_ref", metavar="UNIT")
@click.option("--on", type=DATE, required=True, help=gettext_lazy("The first day there."))
@click.option(
    "--kind",
    type=click.Choice(AttachmentKind.values),
    default=AttachmentKind.OFFICIAL.value,
    show_default=True,
    help=gettext_lazy("Official (counted there) or temporary (counted at home)."),
)
@click.option(
    "--until", type=DATE, help=gettext_lazy("The day a temporary transfer ends (required then).")
)
@click.option("--decision", default="", help=DECISION_HELP)
def transfer(
    member_ref: str,
    unit_ref: str,
    on: dt.date,
    kind: str,
    until: dt.date | None,
    decision: str,
) -> None:
    member_id = _member_ref(member_ref)
    target = _unit(unit_ref, on, "UNIT")
    services.member_transfer(
        member=member_id, to_unit=target.pk, on=on, kind=kind, until=until, decision=decision
    )
    _written(member_id, _("Transferred: membership #%(id)s.") % {"id": member_id})


@party.command("end", help=gettext_lazy("End MEMBER's membership on --on, for a reason."))
@click.argument("member_ref", metavar="MEMBER")
@click.option(
    "--on",
    type=DATE,
    required=True,
    help=gettext_lazy("The day the membership ends (no longer a member from then)."),
)
@click.option(
    "--reason",
    type=click.Choice(EndReason.values),
    required=True,
    help=gettext_lazy("Why the membership ends."),
)
@click.option("--decision", default="", help=DECISION_HELP)
def end(member_ref: str, on: dt.date, reason: str, decision: str) -> None:
    member_id = _member_ref(member_ref)
    services.member_end(member=member_id, on=on, reason=reason, decision=decision)
    _written(member_id, _("Ended: membership #%(id)s.") % {"id": member_id})
