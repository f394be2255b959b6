"""The `tinhgon` command group. Importing it needs Django set up (tinhgon.cli.main does it)."""

from __future__ import annotations

from typing import Any

import click
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tinhgon.audit.context import acting_as
from tinhgon.core.errors import DomainError, Problem

from . import (
    accounts,
    address,
    adminunits,
    backup,
    changes,
    events,
    indicators,
    interchange,
    operations,
    party,
    people,
    plans,
    popolo,
    reports,
    staffing,
    synth,
    targets,
    units,
)
from .output import EXIT_BAD_INPUT, show_problems
from .params import find_user


class TinhgonGroup(click.Group):
    """Runs every command in Vietnamese and as the CLI in the audit trail; a DomainError
    (refused input) becomes a message on stderr and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        with translation.override(settings.LANGUAGE_CODE):
            try:
                user = find_user(ctx.params.get("user"))
                with acting_as(user, source="cli"):
                    return super().invoke(ctx)
            except DomainError as error:
                show_problems(error.problems)
                ctx.exit(EXIT_BAD_INPUT)
            except DatabaseError:
                if not needs_migrate():
                    raise
                message = gettext("The database is not set up yet: run “tinhgon migrate” first.")
                show_problems([Problem("not_migrated", message)])
                ctx.exit(1)


def needs_migrate() -> bool:
    """Whether the database lacks migrations (tables missing on a first run)."""
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return False


@click.group(
    cls=TinhgonGroup,
    help=_(
        "A temporal registry of Vietnam's political apparatus.\n\n"
        "REF names a unit: an internal id (“id:12” or “#12”) or an official code valid on the "
        "date given (“06712”, “code:06712”). Dates are written YYYY-MM-DD."
    ),
)
@click.option(
    "--user",
    metavar="USERNAME",
    help=_(
        "Act as this user, with the user's roles and scopes (default: the system, which may "
        "do everything, source “cli”)."
    ),
)
def cli(user: str | None) -> None:
    """The options are read in TinhgonGroup.invoke, which wraps every command."""


for command in (
    units.tree,
    units.history,
    units.code,
    units.search,
    changes.lineage,
    changes.diff,
    events.event,
    adminunits.admin_units,
    address.address,
    operations.migrate,
    operations.demo,
    operations.serve,
    operations.manage,
    accounts.user,
    *people.COMMANDS,
    *staffing.COMMANDS,
    party.party,
    *indicators.COMMANDS,
    *backup.COMMANDS,
    *interchange.COMMANDS,
    *reports.COMMANDS,
    *targets.COMMANDS,
    *popolo.COMMANDS,
    *plans.COMMANDS,
    *synth.COMMANDS,
):
    cli.add_command(command)
