"""Short ways to build registry records in tests, through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tinhgon.registry.eventspec import CodeSpec, NewUnitSpec, parse_event_spec
from tinhgon.registry.models import Event, Unit
from tinhgon.registry.services import event_apply, unit_register

D = dt.date
START = D(2010, 1, 1)
DOC = {
    "number": "1/QĐ-TEST",
    "issuer": "Test issuer",
    "kind": "decision",
    "signed_on": "2000-01-01",
}


def register(
    name: str,
    kind: str = "specialized_office",
    parent: Unit | None = None,
    start: dt.date = START,
    end: dt.date | None = None,
    codes: list[str] | None = None,
    subtype: str = "",
) -> Unit:
    return unit_register(
        spec=NewUnitSpec(
            name=name,
            kind=kind,
            subtype=subtype,
            parent=f"id:{parent.pk}" if parent else None,
            codes=[CodeSpec("gso", c) for c in codes or []],
        ),
        valid_from=start,
        valid_to=end,
    )


def ref(unit: Unit) -> str:
    return f"id:{unit.pk}"


def apply(
    kind: str, on: str, inputs: list[Any] = (), outputs: list[Any] = (), **extra: Any
) -> Event:  # type: ignore[assignment]
    data: dict[str, Any] = {
        "kind": kind,
        "effective_on": on,
        "documents": [DOC],
        "inputs": [i if isinstance(i, dict) else {"unit": ref(i)} for i in inputs],
        "outputs": [o if isinstance(o, dict) else {"unit": ref(o)} for o in outputs],
        **extra,
    }
    if not data["inputs"]:
        del data["inputs"]
    if not data["outputs"]:
        del data["outputs"]
    return event_apply(spec=parse_event_spec(data))
