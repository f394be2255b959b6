"""Printing: labels in Vietnamese, unit lines, periods, tables, JSON and problems."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

import click
from django.db import models
from django.utils.translation import gettext as _

from tinhgon.core.errors import Problem
from tinhgon.registry.kinds import EventKind, KindGroup, Share, UnitKind
from tinhgon.registry.models import Event, UnitCode, UnitVersion

# Refused input (also click's status for usage errors); 1 stays for unexpected failures.
EXIT_BAD_INPUT = 2


def label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a choice, or the raw value if it is not one."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def kind_label(kind: str) -> str:
    return label(UnitKind, kind)


def group_label(group: str) -> str:
    return label(KindGroup, group)


def share_label(share: str) -> str:
    return label(Share, share)


def event_kind_label(kind: str) -> str:
    return label(EventKind, kind)


def show_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def period(valid_from: dt.date, valid_to: dt.date | None) -> str:
    """The days a fact holds, both ends included: "2010-01-01 → 2015-12-31" or "… → present"."""
    end = _("present") if valid_to is None else (valid_to - dt.timedelta(days=1)).isoformat()
    return f"{valid_from.isoformat()} → {end}"


def code_text(codes: Iterable[UnitCode]) -> str:
    return ", ".join(f"{c.scheme}:{c.code}" for c in codes)


def unit_line(version: UnitVersion, codes: Iterable[UnitCode] = ()) -> str:
    """ "Phường Ka Long (xã) [gso:06709] #12"."""
    shown = code_text(codes)
    return (
        f"{version.name} ({kind_label(version.kind)})"
        + (f" [{shown}]" if shown else "")
        + f" #{version.unit_id}"
    )


def event_line(event: Event) -> str:
    """One line for an event, e.g. `2018-07-01 hợp nhất: Title #3`."""
    title = f": {event.title}" if event.title else ""
    return f"{show_date(event.effective_on)} {event_kind_label(event.kind)}{title} #{event.pk}"


def heading(text: str) -> None:
    click.secho(text, bold=True)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Columns padded to their widest cell; the first is left-aligned, the others right."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        first = row[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        click.echo("  ".join([first, *rest]).rstrip())


def signed(number: int) -> str:
    return f"+{number}" if number > 0 else str(number)


def show_problems(problems: Sequence[Problem], heading_text: str | None = None) -> None:
    """Every problem on stderr, each with the field or row it is about."""
    click.secho(heading_text or _("Error:"), fg="red", bold=True, err=True)
    for problem in problems:
        where = f"{problem.field}: " if problem.field else ""
        click.echo(f"  {where}{problem.message}", err=True)
