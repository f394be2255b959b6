"""Building Problems from the message table, with dates as people read them (dd/mm/yyyy)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tinhgon.core.errors import Problem
from tinhgon.registry.problems import show_date

from .messages import MESSAGES


def problem(code: str, field: str = "", /, **params: Any) -> Problem:
    shown = {k: show_date(v) if isinstance(v, dt.date) else v for k, v in params.items()}
    return Problem(code=code, message=str(MESSAGES[code]) % shown, field=field)
