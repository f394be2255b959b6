"""API response shapes that tinhgon.registry.representations does not have; built from its
functions so the shared parts stay the same as the CLI's --json."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tinhgon.registry.models import Event, LegalDocument, UnitCode, UnitVersion
from tinhgon.registry.representations import code_data, document_data, iso, version_data


def unit_data(version: UnitVersion, codes: list[UnitCode]) -> dict[str, Any]:
    """A unit as it was on a date: its version then and the codes it had then."""
    return {**version_data(version), "codes": [code_data(c) for c in codes]}


def code_match_data(code: UnitCode, version: UnitVersion | None) -> dict[str, Any]:
    return {
        **code_data(code),
        "unit_id": code.unit_id,
        "unit": version_data(version) if version else None,
    }


def code_lookup_data(code: str, on: dt.date, matches: list[dict[str, Any]]) -> dict[str, Any]:
    return {"code": code, "on": iso(on), "matches": matches}


def event_summary_data(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "effective_on": iso(event.effective_on),
        "title": event.title,
    }


def document_detail_data(document: LegalDocument, events: list[Event]) -> dict[str, Any]:
    return {**document_data(document), "events": [event_summary_data(e) for e in events]}
