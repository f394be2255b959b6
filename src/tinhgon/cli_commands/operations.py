"""Running the installation: `migrate`, `demo load`, `serve`, `manage`."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

import click
from django.core.management import ManagementUtility, call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tinhgon.core.errors import DomainError, Problem

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


@click.command(help=gettext_lazy("Create or update the database tables."))
def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    click.echo(_("The database is up to date."))


@click.group(help=gettext_lazy("The Móng Cái demonstration data."))
def demo() -> None:
    """Only groups its subcommands."""


@demo.command("load", help=gettext_lazy("Load the demonstration data into the database."))
def demo_load() -> None:
    from tinhgon.demo.loader import load_demo

    with ExitStack() as stack:
        bar: ProgressBar[int] | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                shown = click.progressbar(length=total, label=_("Loading"), file=sys.stderr)
                bar = stack.enter_context(shown)
            bar.update(done - bar.pos)

        result = load_demo(progress)
    click.echo(result.summary())


@click.command(
    help=gettext_lazy("Serve the web application and the API with waitress (static files too).")
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(host: str, port: int) -> None:
    from waitress import create_server

    call_command("collectstatic", interactive=False, verbosity=0)
    # Only now: WhiteNoise lists the static files once, when the application is built.
    from tinhgon.wsgi import application

    shown = f"[{host}]" if ":" in host else host
    try:
        server = create_server(application, host=host, port=port)
    except OSError as error:  # the address is taken, or not this machine's
        message = _("Cannot listen on %(address)s:%(port)s: %(reason)s.") % {
            "address": shown, "port": port, "reason": error.strerror or error
        }  # fmt: skip
        raise DomainError(Problem("cannot_listen", message, "--port")) from None
    click.echo(_("Serving on http://%(address)s:%(port)s/ (Ctrl+C stops).") % {
        "address": shown, "port": port
    })  # fmt: skip
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@click.command(
    help=gettext_lazy("Run one of Django's management commands, e.g. “manage createsuperuser”."),
    context_settings={"ignore_unknown_options": True, "help_option_names": []},
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    prog = "tinhgon manage"
    utility = ManagementUtility([prog, *args])
    if not args or args[0] in ("help", "--help", "-h"):
        if len(args) > 1:
            utility.fetch_command(args[1]).print_help(prog, args[1])
        else:
            click.echo(utility.main_help_text())
        return
    # Run the command as `django-admin` would, without setting Django up a second time.
    utility.fetch_command(args[0]).run_from_argv([prog, *args])
