"""Recording events: `event apply FILE [--dry-run]`."""

from __future__ import annotations

import sys

import click
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import DomainError
from tinhgon.registry.eventspec import EventSpec
from tinhgon.registry.kinds import Role
from tinhgon.registry.models import Event
from tinhgon.registry.queries import unit_label
from tinhgon.registry.services import events_apply

from .eventfiles import FORMATS, file_format, load_data, parse_events, read_text
from .output import EXIT_BAD_INPUT, event_line, label, share_label, show_problems


@click.group(help=gettext_lazy("Record restructuring events."))
def event() -> None:
    """Only groups its subcommands."""


@event.command(
    "apply",
    help=gettext_lazy(
        "Record the event(s) described in FILE (YAML or JSON, by extension; “-” reads stdin). "
        "A list of events is recorded all or nothing. The format: docs/developer/event-files.md."
    ),
)
@click.argument("path", metavar="FILE")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help=gettext_lazy("Read FILE as this format whatever its extension."),
)
@click.option(
    "--dry-run",
    is_flag=True,
    help=gettext_lazy("Check and apply inside a transaction, report, then roll back."),
)
def apply(path: str, fmt: str | None, dry_run: bool) -> None:
    name = "stdin" if path == "-" else path
    try:
        specs = parse_events(load_data(read_text(path), file_format(path, fmt), name), name)
        with transaction.atomic():
            events = _apply_all(specs)
            for recorded in events:
                _report(recorded)
            if dry_run:
                transaction.set_rollback(True)
    except DomainError as error:
        heading = _("Error: %(file)s was not applied; nothing was written.") % {"file": name}
        show_problems(error.problems, heading)
        click.get_current_context().exit(EXIT_BAD_INPUT)
    count = {"count": len(events)}
    if dry_run:
        click.echo(_("Dry run: %(count)d event(s) would be recorded; nothing was written.") % count)
    else:
        click.echo(_("Recorded %(count)d event(s).") % count)


def _apply_all(specs: list[EventSpec]) -> list[Event]:
    """Apply in order, all or nothing, with a progress bar when there are several."""
    if len(specs) == 1:
        return events_apply(specs=specs)
    with click.progressbar(length=len(specs), label=_("Applying events"), file=sys.stderr) as bar:
        return events_apply(specs=specs, progress=lambda done, total: bar.update(1))


def _report(recorded: Event) -> None:
    """The event and every unit it took in or put out, named as they were then."""
    click.echo(event_line(recorded))
    for link in recorded.participants.order_by("role", "id"):
        day = recorded.day_before if link.role == Role.INPUT else recorded.effective_on
        flags = [share_label(link.share)]
        if link.ends:
            flags.append(_("ends"))
        if link.is_new:
            flags.append(_("starts"))
        role = label(Role, link.role)
        click.echo(f"  {role}: {unit_label(link.unit_id, day)} ({', '.join(flags)})")
