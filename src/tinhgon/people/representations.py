"""Query results as plain JSON-ready data, the one shape shared by the API and `--json` in the
CLI: dates as YYYY-MM-DD, rates as numbers. A person's personal fields appear only when the
user may see them (`personal_shown`); otherwise the keys are left out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from .queries import PersonRef

PERSONAL_KEYS = ("birth_date", "ethnicity", "home_commune")


def data(value: Any) -> Any:
    """Any query result (dataclasses, lists, dates…) as JSON-ready data."""
    if isinstance(value, PersonRef):
        fields = {f.name: data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if not value.personal_shown:
            for key in PERSONAL_KEYS:
                fields.pop(key, None)
        return fields
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: data(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(getattr(type(value), "vacant", None), property):
            fields["vacant"] = getattr(value, "vacant")  # noqa: B009 (PostRow's property)
        return fields
    if isinstance(value, dict):
        return {str(k): data(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [data(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
