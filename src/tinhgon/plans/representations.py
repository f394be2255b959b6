"""Plan results as plain JSON-ready data, the one shape shared by the API and `--json` in the
CLI: dates as YYYY-MM-DD; persons as people.representations gives them (personal fields only
where the user may see them)."""

from __future__ import annotations

from typing import Any

from tinhgon.people.representations import data as people_data


def data(value: Any) -> Any:
    """Any plans query result (dataclasses, lists, dates…) as JSON-ready data."""
    return people_data(value)
