"""Query results as plain JSON-ready data, the one shape shared by the API and `--json` in the
CLI. Dates are YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .kinds import KIND_GROUP
from .models import Event, EventUnit, LegalDocument, UnitCode, UnitVersion
from .queries import Diff, History, KindChange, LineageEntry, TreeNode


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def code_data(code: UnitCode) -> dict[str, Any]:
    return {
        "scheme": code.scheme,
        "code": code.code,
        "valid_from": iso(code.valid_from),
        "valid_to": iso(code.valid_to),
    }


def version_data(version: UnitVersion) -> dict[str, Any]:
    return {
        "unit_id": version.unit_id,
        "name": version.name,
        "kind": version.kind,
        "kind_group": KIND_GROUP.get(version.kind, ""),
        "subtype": version.subtype,
        "parent_id": version.parent_id,
        "territory_id": version.territory_id,
        "attributes": version.attributes,
        "valid_from": iso(version.valid_from),
        "valid_to": iso(version.valid_to),
        "opened_by_event_id": version.opened_by_id,
        "closed_by_event_id": version.closed_by_id,
    }


def tree_data(node: TreeNode) -> dict[str, Any]:
    return {
        **version_data(node.version),
        "codes": [code_data(c) for c in node.codes],
        "children": [tree_data(child) for child in node.children],
    }


def document_data(document: LegalDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "number": document.number,
        "kind": document.kind,
        "issuer": document.issuer,
        "signed_on": iso(document.signed_on),
        "effective_on": iso(document.effective_on),
        "title": document.title,
        "url": document.url,
        "status": document.status,
        "revision": document.revision,
    }


def participant_data(link: EventUnit) -> dict[str, Any]:
    return {
        "unit_id": link.unit_id,
        "role": link.role,
        "share": link.share,
        "ends": link.ends,
        "is_new": link.is_new,
        "attributes": link.attributes,
    }


def event_data(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "effective_on": iso(event.effective_on),
        "title": event.title,
        "note": event.note,
        "documents": [document_data(d) for d in event.documents.all()],
        "participants": [participant_data(p) for p in event.participants.all()],
    }


def history_data(record: History) -> dict[str, Any]:
    return {
        "unit_id": record.unit.pk,
        "versions": [version_data(v) for v in record.versions],
        "codes": [code_data(c) for c in record.codes],
        "events": [
            {**participant_data(link), "event": event_data(link.event)} for link in record.events
        ],
    }


def lineage_data(entries: list[LineageEntry]) -> list[dict[str, Any]]:
    return [
        {
            "unit_id": entry.unit_id,
            "share": entry.share,
            "version": version_data(entry.version) if entry.version else None,
            "path": [
                {
                    "event_id": step.event.pk,
                    "kind": step.event.kind,
                    "effective_on": iso(step.event.effective_on),
                    "title": step.event.title,
                    "share": step.share,
                    "attributes": step.attributes,
                }
                for step in entry.path
            ],
        }
        for entry in entries
    ]


def _change_row(row: KindChange, key: str, value: str) -> dict[str, Any]:
    return {
        key: value,
        "before": row.before,
        "after": row.after,
        "change": row.change,
        "ended": row.ended,
        "started": row.started,
        "continued": row.continued,
    }


def diff_data(result: Diff) -> dict[str, Any]:
    return {
        "unit_id": result.root.pk,
        "from": iso(result.date_from),
        "to": iso(result.date_to),
        "by_kind": [_change_row(r, "kind", r.kind) for r in result.by_kind],
        "by_group": [_change_row(r, "group", r.group) for r in result.by_group()],
        "ended": [version_data(v) for v in result.ended],
        "started": [version_data(v) for v in result.started],
    }
