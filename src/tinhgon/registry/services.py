"""Writes to the registry. Each is one transaction that checks the invariants and writes its
change records; a refused write leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from tinhgon.accounts.access import current_access, require
from tinhgon.accounts.roles import Action
from tinhgon.audit.context import current_actor
from tinhgon.audit.services import change_record, change_records_bulk
from tinhgon.core.errors import DomainError, Problem, at_position, raise_if
from tinhgon.core.locking import update_if_unchanged
from tinhgon.core.text import fold
from tinhgon.core.validity import valid_on

from .eventspec import SINGLE_UNIT_KINDS, CodeSpec, DocumentSpec, EventSpec, NewUnitSpec
from .invariants import check_units
from .models import Event, EventUnit, LegalDocument, Unit, UnitCode, UnitRelation, UnitVersion
from .problems import problem
from .provinces import keys_refresh
from .queries import unit_label, unit_resolve, version_at, versions_at

VERSION_FIELDS = ("name", "kind", "subtype", "parent_id", "territory_id", "attributes")


def version_snapshot(version: UnitVersion) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(version, name) for name in VERSION_FIELDS}
    data.update(
        unit_id=version.unit_id,
        valid_from=version.valid_from.isoformat(),
        valid_to=version.valid_to.isoformat() if version.valid_to else None,
    )
    return data


def _require_placing(unit_ids: list[int]) -> None:
    """Registering units under `unit_ids` needs the right there; at the top (no parent), the
    right over the whole system."""
    if unit_ids:
        require(Action.RECORD_EVENTS, unit_ids)
    else:
        current_access().require_everywhere(Action.RECORD_EVENTS)


# ---------------------------------------------------------------------------- documents


def document_register(*, spec: DocumentSpec, field: str = "documents") -> LegalDocument:
    """The recorded document with this number and issuer, created if new. A document recorded
    with other details is refused rather than silently changed."""
    require(Action.RECORD_EVENTS)
    existing = LegalDocument.objects.filter(number=spec.number, issuer=spec.issuer).first()
    wanted = {
        "kind": spec.kind,
        "signed_on": spec.signed_on,
        "effective_on": spec.effective_on,
        "title": spec.title,
    }
    if existing is not None:
        differing = [
            name
            for name, value in wanted.items()
            if value not in (None, "") and getattr(existing, name) != value
        ]
        if differing:
            raise DomainError(
                problem(
                    "document_conflict",
                    field,
                    number=spec.number,
                    issuer=spec.issuer,
                    fields=", ".join(differing),
                )
            )
        return existing
    assert spec.signed_on is not None
    document = LegalDocument(
        number=spec.number,
        issuer=spec.issuer,
        kind=spec.kind,
        signed_on=spec.signed_on,
        effective_on=spec.effective_on,
        title=spec.title,
        url=spec.url,
        status=spec.status,
    )
    document.save()
    change_record(
        obj=document,
        action="create",
        before=None,
        after={
            **wanted,
            "signed_on": str(spec.signed_on),
            "effective_on": str(spec.effective_on),
            "number": spec.number,
            "issuer": spec.issuer,
            "status": spec.status,
        },
    )
    return document


DOCUMENT_EDITABLE = ("title", "url", "status", "effective_on")


def document_snapshot(document: LegalDocument) -> dict[str, Any]:
    return {
        "number": document.number,
        "issuer": document.issuer,
        "signed_on": document.signed_on.isoformat(),
        "effective_on": document.effective_on.isoformat() if document.effective_on else None,
        "title": document.title,
        "url": document.url,
        "status": document.status,
    }


@transaction.atomic
def document_update(
    *, document: LegalDocument, revision: int, changes: dict[str, Any]
) -> LegalDocument:
    """Correct a document's title, source address, source status or effective date, as of the
    revision the editor saw. Needs the right to record events over every unit of every event
    the document is the basis of (editing it changes what they cite)."""
    units = EventUnit.objects.filter(event__documents=document).values_list("unit_id", flat=True)
    unit_ids = set(units)
    if unit_ids:
        require(Action.RECORD_EVENTS, unit_ids)
    else:
        current_access().require_everywhere(Action.RECORD_EVENTS)
    unknown = sorted(set(changes) - set(DOCUMENT_EDITABLE))
    if unknown:
        raise DomainError(problem("document_field_not_editable", unknown[0], field_name=unknown[0]))
    effective = changes.get("effective_on", document.effective_on)
    if effective is not None and effective < document.signed_on:
        raise DomainError(
            problem(
                "document_effective_before_signed",
                "effective_on",
                effective=effective,
                signed=document.signed_on,
            )
        )
    before = document_snapshot(document)
    updated = update_if_unchanged(LegalDocument, document.pk, revision, changes, document_snapshot)
    updated.save(update_fields=["search_text"])  # save() folds the new title into it
    change_record(obj=updated, action="update", before=before, after=document_snapshot(updated))
    return updated


# ---------------------------------------------------------------------------- units


@transaction.atomic
def unit_register(
    *,
    spec: NewUnitSpec,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    basis: str = "",
) -> Unit:
    """Record a unit as it existed over [valid_from, valid_to) without an event: the baseline
    of units that predate the records (e.g. communes that existed before 2015)."""
    if valid_to is not None and valid_to <= valid_from:
        raise DomainError(problem("interval_reversed", "valid_to", start=valid_from, end=valid_to))
    parent = unit_resolve(spec.parent, valid_from, field="parent") if spec.parent else None
    territory = (
        unit_resolve(spec.territory, valid_from, field="territory") if spec.territory else None
    )
    _require_placing([u.pk for u in (parent, territory) if u is not None])
    unit = Unit.objects.create()
    version = UnitVersion.objects.create(
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
        name=spec.name,
        kind=spec.kind,
        subtype=spec.subtype,
        parent=parent,
        territory=territory,
        attributes=spec.attributes,
    )
    _add_codes(unit, spec.codes, valid_from, valid_to)
    raise_if(check_units({unit.pk}))
    keys_refresh([unit.pk])
    change_record(
        obj=version, action="create", before=None, after=version_snapshot(version), basis=basis
    )
    current_access().forget()
    return unit


def _add_codes(
    unit: Unit, codes: list[CodeSpec], valid_from: dt.date, valid_to: dt.date | None
) -> None:
    for code in codes:
        UnitCode.objects.create(
            unit=unit, scheme=code.scheme, code=code.code, valid_from=valid_from, valid_to=valid_to
        )


# ---------------------------------------------------------------------------- events


@dataclass
class _Resolved:
    """The units an event names, looked up at the right dates before anything is written."""

    inputs: list[tuple[Unit, UnitVersion]]
    outputs: list[tuple[Unit | None, UnitVersion | None, dict[str, Any]]]

    def unit_ids(self) -> set[int]:
        """Every unit the event touches or places a new unit under: all must be in scope."""
        ids = {unit.pk for unit, _ in self.inputs}
        for unit, _, refs in self.outputs:
            if unit is not None:
                ids.add(unit.pk)
            ids.update(refs[name] for name in ("parent_id", "territory_id") if refs.get(name))
        return ids


@transaction.atomic
def event_apply(*, spec: EventSpec) -> Event:
    """Record a restructuring event and apply it: close the versions it ends or changes and
    open the new ones, all on its effective date, or nothing at all."""
    event, touched = _record(spec)
    raise_if(check_units(touched))
    keys_refresh(touched)  # the units below those it touched may change province too
    current_access().forget()  # the event may have placed new units in the user's scope
    return event


@transaction.atomic
def events_apply(
    *, specs: list[EventSpec], progress: Callable[[int, int], None] | None = None
) -> list[Event]:
    """Apply several events in order, all or nothing. The invariants are checked once, after
    the last: the events of one day may pass through states no single one could (a province
    consolidated before its districts end). A refusal names the event's position."""
    events: list[Event] = []
    touched: set[int] = set()
    for index, spec in enumerate(specs):
        try:
            event, units = _record(spec)
        except DomainError as error:
            if len(specs) == 1:
                raise
            raise DomainError(at_position(index, error.problems)) from None
        events.append(event)
        touched |= units
        if progress is not None:
            progress(index + 1, len(specs))
    raise_if(check_units(touched))
    keys_refresh(touched)
    current_access().forget()
    return events


def _record(spec: EventSpec) -> tuple[Event, set[int]]:
    """Write one event and its changes; return it and the units whose invariants to check."""
    day = spec.effective_on
    documents = [
        document_register(spec=doc, field=f"documents[{i}]") for i, doc in enumerate(spec.documents)
    ]
    resolved = _resolve(spec)
    require(Action.RECORD_EVENTS, resolved.unit_ids())

    event = Event.objects.create(
        kind=spec.kind,
        effective_on=day,
        title=spec.title,
        note=spec.note,
        recorded_by=current_actor().user,
    )
    event.documents.set(documents)
    basis = ", ".join(d.number for d in documents)
    touched: set[int] = set()
    audit: list[tuple[UnitVersion, dict[str, Any] | None]] = []

    links: list[EventUnit] = []
    ending: list[UnitVersion] = []
    for (unit, version), item in zip(resolved.inputs, spec.inputs, strict=True):
        touched.add(unit.pk)
        if item.ends and version.valid_to is None:
            audit.append((version, version_snapshot(version)))
            ending.append(version)
        links.append(
            EventUnit(
                event=event,
                unit=unit,
                role="input",
                share=item.share,
                ends=item.ends,
                attributes=item.attributes,
            )
        )
    _close_all(ending, event)

    for (target, current, changes), out in zip(resolved.outputs, spec.outputs, strict=True):
        if out.new is not None:
            target = _create_unit(out.new, changes, day, event)
            audit.append((target.versions.get(), None))
        elif changes:
            assert target is not None and current is not None
            audit.append((current, version_snapshot(current)))
            _close(current, event)
            new_codes = changes.pop("codes", None)
            fields = {name: getattr(current, name) for name in VERSION_FIELDS}
            opened = UnitVersion.objects.create(
                unit=target, valid_from=day, opened_by=event, **{**fields, **changes}
            )
            audit.append((opened, None))
            if new_codes is not None:
                UnitCode.objects.filter(unit=target, valid_to__isnull=True).update(valid_to=day)
                _add_codes(target, new_codes, day, None)
        assert target is not None
        touched.add(target.pk)
        links.append(
            EventUnit(
                event=event,
                unit=target,
                role="output",
                share=out.share,
                is_new=out.new is not None,
                attributes=out.attributes,
            )
        )
    EventUnit.objects.bulk_create(links)

    if spec.children_follow:
        successor = next(link.unit_id for link in links if link.role == "output")
        ended = [
            unit.pk
            for (unit, _), item in zip(resolved.inputs, spec.inputs, strict=True)
            if item.ends
        ]
        audit += _move_children(ended, successor, event)
        touched.add(successor)

    change_record(
        obj=event,
        action="create",
        before=None,
        after={"kind": spec.kind, "effective_on": day.isoformat(), "title": spec.title},
        basis=basis,
    )
    # The instances carry what was written (closing sets valid_to on them), so no re-read.
    change_records_bulk(
        changes=[(version, before, version_snapshot(version)) for version, before in audit],
        basis=basis,
        message=str(event),
    )
    return event, touched


def _move_children(
    parent_ids: list[int], successor_id: int, event: Event
) -> list[tuple[UnitVersion, dict[str, Any] | None]]:
    """Give the children of units that end a new version under the successor from the event's
    date. Returns (version, before) pairs for the audit trail."""
    day = event.effective_on
    moved: list[tuple[UnitVersion, dict[str, Any] | None]] = []
    for child in UnitVersion.objects.filter(parent_id__in=parent_ids).filter(valid_on(day)):
        if child.valid_to is not None or child.valid_from == day:
            continue  # it already changes later or was made today: left for the checks to judge
        moved.append((child, version_snapshot(child)))
        _close(child, event)
        fields = {name: getattr(child, name) for name in VERSION_FIELDS}
        opened = UnitVersion.objects.create(
            unit_id=child.unit_id,
            valid_from=day,
            opened_by=event,
            **{**fields, "parent_id": successor_id},
        )
        moved.append((opened, None))
    return moved


def _close_all(versions: list[UnitVersion], event: Event) -> None:
    """End units: close their versions, codes and relations on the event's date."""
    if not versions:
        return
    day = event.effective_on
    for version in versions:
        version.valid_to, version.closed_by = day, event
    UnitVersion.objects.filter(pk__in=[v.pk for v in versions]).update(
        valid_to=day, closed_by=event
    )
    unit_ids = [v.unit_id for v in versions]
    UnitCode.objects.filter(unit_id__in=unit_ids, valid_to__isnull=True).update(valid_to=day)
    UnitRelation.objects.filter(source_id__in=unit_ids, valid_to__isnull=True).update(valid_to=day)


def _close(version: UnitVersion, event: Event) -> None:
    version.valid_to = event.effective_on
    version.closed_by = event
    version.save(update_fields=["valid_to", "closed_by"])


def _create_unit(spec: NewUnitSpec, refs: dict[str, Any], day: dt.date, event: Event) -> Unit:
    unit = Unit.objects.create()
    UnitVersion.objects.create(
        unit=unit,
        valid_from=day,
        opened_by=event,
        name=spec.name,
        kind=spec.kind,
        subtype=spec.subtype,
        attributes=spec.attributes,
        **refs,
    )
    _add_codes(unit, spec.codes, day, None)
    return unit


def _resolve(spec: EventSpec) -> _Resolved:
    """Look every unit up: those going in on the day before, parents on the day itself.

    A unit divided among several new units goes in (in part) to each of the same-day events
    that create them; the first of them ends it, the others find it already ending that day.
    """
    day = spec.effective_on
    before = day - dt.timedelta(days=1)
    problems: list[Problem] = []
    resolved = _Resolved(inputs=[], outputs=[])
    seen: set[int] = set()
    # Units named by internal id are read in two queries for the whole event.
    named = [item.unit for item in spec.inputs] + [out.unit or "" for out in spec.outputs]
    ids = {int(r[3:]) for r in named if r.startswith("id:") and r[3:].isdigit()}
    known = {before: versions_at(ids, before), day: versions_at(ids, day)}

    def version_on(unit: Unit, on: dt.date) -> UnitVersion | None:
        if unit.pk in ids:
            return known[on].get(unit.pk)
        return version_at(unit, on)

    def lookup(ref: str, on: dt.date, field: str) -> Unit | None:
        if ref.startswith("id:") and ref[3:].isdigit():
            unit_id = int(ref[3:])
            if unit_id in known[before] or unit_id in known[day]:
                return Unit(pk=unit_id)  # it exists: no need to read it
        try:
            return unit_resolve(ref, on, field=field)
        except DomainError as error:
            problems.extend(error.problems)
            return None

    def current(
        unit: Unit, field: str, ends_or_changes: bool, divided: bool = False
    ) -> UnitVersion | None:
        version = version_on(unit, before)
        if version is None:
            problems.append(
                problem("unit_not_valid_before", field, unit=unit_label(unit), date=before)
            )
            return None
        if ends_or_changes and version.valid_to is not None and version.valid_to != day:
            problems.append(
                problem(
                    "unit_has_later_changes",
                    field,
                    unit=unit_label(unit, before),
                    date=version.valid_to,
                )
            )
        elif ends_or_changes and version.valid_to == day and not divided:
            problems.append(
                problem("unit_has_later_changes", field, unit=unit_label(unit, before), date=day)
            )
        if not ends_or_changes and version_on(unit, day) is None:
            problems.append(problem("unit_not_valid_on", field, unit=unit_label(unit), date=day))
        return version

    for i, item in enumerate(spec.inputs):
        field = f"inputs[{i}].unit"
        unit = lookup(item.unit, before, field)
        if unit is None:
            continue
        if unit.pk in seen:
            problems.append(problem("duplicate_unit", field, unit=unit_label(unit, before)))
        seen.add(unit.pk)
        version = current(unit, field, item.ends, divided=item.share == "part")
        if version is not None:
            resolved.inputs.append((unit, version))

    for i, out in enumerate(spec.outputs):
        field = f"outputs[{i}]"
        refs: dict[str, Any] = {}
        changes = out.changes.given() if out.changes else {}
        source = out.new.__dict__ if out.new else changes
        for name in ("parent", "territory"):
            ref = source.get(name)
            if ref:
                target = lookup(ref, day, f"{field}.{'new.' if out.new else 'changes.'}{name}")
                refs[f"{name}_id"] = target.pk if target else None
            elif name in changes:
                refs[f"{name}_id"] = None
        if out.new is not None:
            resolved.outputs.append((None, None, refs))
            continue
        assert out.unit is not None
        unit = lookup(out.unit, before, f"{field}.unit")
        if unit is None:
            continue
        version = current(unit, f"{field}.unit", bool(changes))
        values = {k: v for k, v in changes.items() if k not in ("parent", "territory")}
        resolved.outputs.append((unit, version, {**values, **refs}))
    # Compared once resolved: "06712" and "id:4" may name the same unit.
    single = spec.kind in SINGLE_UNIT_KINDS and resolved.inputs and resolved.outputs
    if single and resolved.inputs[0][0] != resolved.outputs[0][0]:
        problems.append(problem("same_unit_required", "outputs[0].unit", kind=spec.kind))
    raise_if(problems)
    return resolved


@transaction.atomic
def relation_add(
    *, source: Unit, target: Unit, kind: str, valid_from: dt.date, basis: str = ""
) -> UnitRelation:
    """Record that `source` relates to `target` from a date (e.g. an office serves a union)."""
    require(Action.RECORD_EVENTS, [source.pk, target.pk])
    relation = UnitRelation.objects.create(
        source=source, target=target, kind=kind, valid_from=valid_from
    )
    problems = [
        problem("unit_not_valid_on", "target", unit=unit_label(u), date=valid_from)
        for u in (source, target)
        if version_at(u, valid_from) is None
    ]
    raise_if(problems)
    change_record(
        obj=relation,
        action="create",
        before=None,
        after={
            "source": source.pk,
            "target": target.pk,
            "kind": kind,
            "valid_from": str(valid_from),
        },
        basis=basis,
    )
    return relation


@dataclass
class UnitRow:
    """One unit of a bulk registration. Its parent is an earlier row (`parent_key`) or a unit
    already recorded (`parent_id`)."""

    key: str
    name: str
    kind: str
    subtype: str = ""
    parent_key: str | None = None
    parent_id: int | None = None
    codes: list[CodeSpec] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def units_register_bulk(
    *, rows: list[UnitRow], valid_from: dt.date, basis: str = ""
) -> dict[str, int]:
    """Record many units that predate the records at once (what `unit_register` does for one),
    with set-based checks. Returns each row's key with its unit id."""
    _require_placing([row.parent_id for row in rows if row.parent_id is not None])
    if any(row.parent_id is None and row.parent_key is None for row in rows):
        _require_placing([])
    ids: dict[str, int] = {}
    units = Unit.objects.bulk_create([Unit() for _ in rows], batch_size=2000)
    versions = []
    for row, unit in zip(rows, units, strict=True):
        parent_id = row.parent_id
        if row.parent_key is not None:
            if row.parent_key not in ids:
                raise DomainError(
                    problem("unit_not_found", "parent", ref=row.parent_key, date=valid_from)
                )
            parent_id = ids[row.parent_key]
        ids[row.key] = unit.pk
        version = UnitVersion(
            unit=unit,
            valid_from=valid_from,
            name=row.name,
            kind=row.kind,
            subtype=row.subtype,
            parent_id=parent_id,
            attributes=row.attributes,
            search_text=fold(row.name)[:255],
        )
        versions.append(version)
    UnitVersion.objects.bulk_create(versions, batch_size=2000)
    UnitCode.objects.bulk_create(
        [
            UnitCode(unit=unit, scheme=c.scheme, code=c.code, valid_from=valid_from)
            for row, unit in zip(rows, units, strict=True)
            for c in row.codes
        ],
        batch_size=2000,
    )
    # Parents come before their children, so no new unit can close a cycle.
    raise_if(check_units(ids.values(), cycles=False))
    keys_refresh(ids.values())
    change_records_bulk(changes=[(v, None, version_snapshot(v)) for v in versions], basis=basis)
    current_access().forget()
    return ids
