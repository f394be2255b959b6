"""`tinhgon popolo export|import|delegates` and `tinhgon org export`: the apparatus at a date as
Popolo JSON or W3C ORG JSON-LD, Popolo JSON into the registry, and the imported deputies with
the province their constituency lies in (tinhgon.interchange)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import DomainError, Problem
from tinhgon.interchange.constituencies import delegate_data, delegates
from tinhgon.interchange.popolo import popolo_export
from tinhgon.interchange.popolo_import import popolo_import
from tinhgon.interchange.w3c_org import org_export
from tinhgon.registry.models import Unit
from tinhgon.registry.queries import unit_resolve

from .output import EXIT_BAD_INPUT, echo_json, show_problems
from .params import DATE, date_or_today

ON = click.option(
    "--on", type=DATE, help=gettext_lazy("The date of the apparatus (default: today).")
)
SCOPE = click.option(
    "--scope",
    "scope_ref",
    help=gettext_lazy("Only this unit and its apparatus (code or id; default: everything)."),
)
OUT = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=gettext_lazy("The file to write (“-”: standard output)."),
)


def _scope(ref: str | None, day: dt.date) -> Unit | None:
    return unit_resolve(ref, day, field="--scope") if ref else None


def _write(data: dict[str, Any], out: Path) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if str(out) == "-":
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


def _summary(kind: str, data: dict[str, Any], out: Path, on: dt.date) -> None:
    if str(out) != "-":
        click.echo(
            _("Wrote the apparatus on %(date)s as %(kind)s to %(path)s.")
            % {"date": on.isoformat(), "kind": kind, "path": out},
            err=True,
        )


@click.group("popolo", help=gettext_lazy("Popolo JSON: export the apparatus, import a file."))
def popolo() -> None:
    pass


@popolo.command(
    "export",
    help=gettext_lazy(
        "Write the apparatus on a date as Popolo JSON: organizations with their dated parents, "
        "posts, the persons holding them and their memberships."
    ),
)
@ON
@SCOPE
@OUT
def export(on: dt.date | None, scope_ref: str | None, out: Path) -> None:
    day = date_or_today(on)
    data = popolo_export(day, _scope(scope_ref, day))
    _write(data, out)
    _summary("Popolo JSON", data, out, day)
    if str(out) != "-":
        click.echo(
            _(
                "%(orgs)d organizations, %(posts)d posts, %(persons)d persons, %(members)d "
                "memberships."
            )
            % {
                "orgs": len(data["organizations"]),
                "posts": len(data["posts"]),
                "persons": len(data["persons"]),
                "members": len(data["memberships"]),
            }
        )


def _read(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        message = _("The file cannot be read: %(reason)s") % {"reason": error.strerror or error}
        raise DomainError(Problem("unreadable_file", message, str(file))) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        message = _("The file is not JSON in UTF-8: %(reason)s") % {"reason": error}
        raise DomainError(Problem("not_json", message, str(file))) from None


@popolo.command(
    "import",
    help=gettext_lazy(
        "Import the organizations, posts, persons and memberships of a Popolo JSON FILE, all "
        "or nothing. Constituencies (area_id) are matched by name to the provinces of "
        "--areas-on (default: each membership's start)."
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help=gettext_lazy("Check and count everything; write nothing.")
)
@click.option(
    "--areas-on",
    type=DATE,
    help=gettext_lazy("The date on which constituencies are matched to provinces by name."),
)
@click.pass_context
def import_(ctx: click.Context, file: Path, dry_run: bool, areas_on: dt.date | None) -> None:
    try:
        result = popolo_import(_read(file), areas_on=areas_on, dry_run=dry_run)
    except DomainError as error:
        heading = _("Error: %(path)s was not imported; nothing was written.") % {"path": file}
        show_problems(error.problems, heading)
        ctx.exit(EXIT_BAD_INPUT)
    counts = {
        "orgs": result.organizations,
        "areas": result.constituencies,
        "posts": result.posts,
        "persons": result.persons,
        "members": result.memberships,
    }
    text = (
        _(
            "%(orgs)d organizations, %(areas)d constituencies, %(posts)d posts, %(persons)d "
            "persons, %(members)d memberships."
        )
        % counts
    )
    if dry_run:
        click.echo(_("Dry run, nothing was written. It would import: %(what)s") % {"what": text})
    else:
        click.echo(_("Imported: %(what)s") % {"what": text})
    if result.clipped:
        click.echo(
            _(
                "Posts and memberships ended at the end of their organization's recorded "
                "period: %(count)d"
            )
            % {"count": result.clipped}
        )
    if result.party_memberships_skipped:
        click.echo(
            _("Party memberships not imported (record them by admission): %(count)d")
            % {"count": result.party_memberships_skipped}
        )
    if result.skipped:
        click.echo(
            _("Not imported (nothing refers to them): %(ids)s") % {"ids": ", ".join(result.skipped)}
        )


@popolo.command(
    "delegates",
    help=gettext_lazy(
        "The deputies imported with a constituency, and the province(s) the constituency lies "
        "in on a date."
    ),
)
@ON
@click.option("--json", "as_json", is_flag=True, help=gettext_lazy("Print JSON."))
def delegates_command(on: dt.date | None, as_json: bool) -> None:
    day = date_or_today(on)
    rows = delegates(day)
    if as_json:
        echo_json([delegate_data(r) for r in rows])
        return
    for row in rows:
        provinces = ", ".join(p.name for p in row.provinces) or _("(not found)")
        click.echo(f"{row.name} — {row.constituency} ({row.area.name}) → {provinces}")
    click.echo(
        _("%(count)d deputies; provinces on %(date)s.")
        % {"count": len(rows), "date": day.isoformat()}
    )


@click.group("org", help=gettext_lazy("The W3C Organization Ontology (JSON-LD)."))
def org() -> None:
    pass


@org.command(
    "export",
    help=gettext_lazy(
        "Write the apparatus on a date as W3C Organization Ontology JSON-LD, with an "
        "org:ChangeEvent for every event up to that date."
    ),
)
@ON
@SCOPE
@OUT
def org_export_command(on: dt.date | None, scope_ref: str | None, out: Path) -> None:
    day = date_or_today(on)
    data = org_export(day, _scope(scope_ref, day))
    _write(data, out)
    _summary("JSON-LD", data, out, day)


COMMANDS = [popolo, org]
