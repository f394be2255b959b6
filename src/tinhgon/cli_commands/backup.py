"""`tinhgon backup FILE` and `tinhgon restore FILE`: the whole database to a file and back
(tinhgon.interchange.backup), with a progress bar on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import DomainError
from tinhgon.interchange import backup as interchange

from .output import EXIT_BAD_INPUT, show_problems

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


@contextmanager
def progress_bar(label: str) -> Iterator[interchange.Progress]:
    """A progress callback drawing a bar on stderr once the total is known."""
    with ExitStack() as stack:
        bar: ProgressBar[int] | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                shown = click.progressbar(length=total, label=label, file=sys.stderr)
                bar = stack.enter_context(shown)
            bar.update(done - bar.pos)

        yield progress


@click.command(
    help=gettext_lazy(
        "Write every record (units, events, people, party, staffing, the change log, the "
        "accounts) to FILE, a gzip-compressed JSON Lines file. FILE holds password hashes: "
        "keep it safe."
    )
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    with progress_bar(_("Backing up")) as progress:
        result = interchange.backup(file, progress)
    click.echo(
        _("Backed up %(total)d records of %(models)d tables to %(path)s.")
        % {"total": result.total, "models": len(result.counts), "path": result.path}
    )


@click.command(
    help=gettext_lazy(
        "Restore every record of the backup FILE into this database, which must be new "
        "(migrated with “tinhgon migrate”, no account, no record) and at the same migration "
        "state. All or nothing."
    )
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, file: Path) -> None:
    try:
        with progress_bar(_("Restoring")) as progress:
            result = interchange.restore(file, progress)
    except DomainError as error:
        heading = _("Error: %(path)s was not restored; nothing was written.") % {"path": file}
        show_problems(error.problems, heading)
        ctx.exit(EXIT_BAD_INPUT)
    click.echo(
        _("Restored %(total)d records of %(models)d tables from %(path)s (backup of %(date)s).")
        % {
            "total": result.total,
            "models": len(result.counts),
            "path": result.path,
            "date": result.created_at,
        }
    )


COMMANDS = (backup, restore)
