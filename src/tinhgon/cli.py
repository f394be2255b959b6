"""The `tinhgon` command: reads and writes the registry from a terminal.

This module does not need Django until `main()` sets it up; the command group itself lives in
`tinhgon.cli_commands.root` and is reachable here as `tinhgon.cli.cli` (imported on first use,
e.g. by tests, which run with Django already set up).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any


def main(argv: Sequence[str] | None = None) -> None:
    """The `tinhgon` entry point: set Django up (unless it already is) and run the command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tinhgon.settings.development")
    import django
    from django.apps import apps
    from django.conf import settings
    from django.utils import translation

    if not apps.ready:
        django.setup()
    translation.activate(settings.LANGUAGE_CODE)
    from tinhgon.cli_commands.root import cli

    cli.main(args=list(argv) if argv is not None else None, prog_name="tinhgon")


def __getattr__(name: str) -> Any:
    if name == "cli":
        from tinhgon.cli_commands.root import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
