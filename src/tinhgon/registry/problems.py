"""Building Problems from the message table, with dates in the way people read them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tinhgon.core.errors import Problem

from .kinds import EventKind
from .messages import MESSAGES


def show_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def problem(code: str, field: str = "", /, **params: Any) -> Problem:
    shown = {k: show_date(v) if isinstance(v, dt.date) else v for k, v in params.items()}
    if shown.get("kind") in EventKind.values:
        shown["kind"] = EventKind(shown["kind"]).label
    return Problem(code=code, message=str(MESSAGES[code]) % shown, field=field)
