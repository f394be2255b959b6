"""An event described as data (a YAML or JSON file, an API body), checked before anything runs.

The format is documented in docs/developer/event-files.md. Parsing reports every problem at once,
each naming its field ("outputs[0].new.kind").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tinhgon.core.dates import parse_iso
from tinhgon.core.errors import DomainError, Problem
from tinhgon.core.text import nfc

from .kinds import CodeScheme, DocumentKind, EventKind, Share, SourceStatus, UnitKind
from .problems import problem

SINGLE_UNIT_KINDS = {EventKind.TRANSFER, EventKind.RENAME, EventKind.RECLASSIFY}


@dataclass
class DocumentSpec:
    number: str
    issuer: str
    kind: str = DocumentKind.OTHER
    signed_on: dt.date | None = None
    effective_on: dt.date | None = None
    title: str = ""
    url: str = ""
    status: str = SourceStatus.UNVERIFIED


@dataclass
class CodeSpec:
    scheme: str
    code: str


@dataclass
class NewUnitSpec:
    name: str
    kind: str
    subtype: str = ""
    parent: str | None = None
    territory: str | None = None
    codes: list[CodeSpec] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)


UNSET: Any = object()


@dataclass
class ChangesSpec:
    """What changes on an existing unit from the event's date; UNSET fields stay as they were."""

    name: Any = UNSET
    kind: Any = UNSET
    subtype: Any = UNSET
    parent: Any = UNSET
    territory: Any = UNSET
    attributes: Any = UNSET
    codes: Any = UNSET  # a list of CodeSpec: the unit's codes from the event's date

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not UNSET}


@dataclass
class InputSpec:
    unit: str
    share: str = Share.WHOLE
    ends: bool = True
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class OutputSpec:
    unit: str | None = None
    new: NewUnitSpec | None = None
    changes: ChangesSpec | None = None
    share: str = Share.WHOLE
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class EventSpec:
    kind: str
    effective_on: dt.date
    title: str = ""
    note: str = ""
    documents: list[DocumentSpec] = field(default_factory=list)
    inputs: list[InputSpec] = field(default_factory=list)
    outputs: list[OutputSpec] = field(default_factory=list)
    # Units under an ending input move under the single unit coming out (villages follow their
    # commune into the new one). Default: yes for merge and consolidate.
    children_follow: bool = False


# Per kind: whether inputs end, default shares, and how many units go in and come out.
@dataclass(frozen=True)
class KindRule:
    inputs: tuple[int, int | None]
    outputs: tuple[int, int | None]
    inputs_end: bool | None  # None: the file decides (split may keep the unit going)
    output_new: bool | None  # True: outputs are new units; False: existing; None: either
    input_share: str = Share.WHOLE
    output_share: str = Share.WHOLE
    changes: tuple[str, ...] = ()  # at least one of these must change (single-unit kinds)
    outputs_may_change: bool = False


KIND_RULES: dict[str, KindRule] = {
    EventKind.ESTABLISH: KindRule((0, 0), (1, None), None, True),
    EventKind.DISSOLVE: KindRule((1, None), (0, None), True, False, output_share=Share.PART),
    EventKind.MERGE: KindRule((1, None), (1, 1), True, False, outputs_may_change=True),
    EventKind.CONSOLIDATE: KindRule((2, None), (1, 1), True, True),
    EventKind.SPLIT: KindRule((1, 1), (1, None), None, None, output_share=Share.PART),
    EventKind.BOUNDARY_CHANGE: KindRule(
        (1, None), (1, None), False, False, Share.PART, Share.PART, outputs_may_change=True
    ),
    EventKind.TRANSFER: KindRule((1, 1), (1, 1), False, False, changes=("parent",)),
    EventKind.RENAME: KindRule((1, 1), (1, 1), False, False, changes=("name",)),
    EventKind.RECLASSIFY: KindRule(
        (1, 1), (1, 1), False, False, changes=("kind", "subtype", "name")
    ),
}


class _Reader:
    """Collects problems while reading a nested mapping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, field: str, **params: Any) -> None:
        self.problems.append(problem(code, field, **params))

    def mapping(self, value: Any, field: str, allowed: set[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add("not_a_mapping", field, value=value)
            return None
        for key in value:
            if key not in allowed:
                self.add("unknown_field", f"{field}.{key}" if field else str(key), value=key)
        return value

    def text(self, data: dict[str, Any], key: str, field: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add("required", f"{field}{key}")
            return ""
        return nfc(str(value))

    def choice(
        self, data: dict[str, Any], key: str, field: str, choices: Any, default: str | None = None
    ) -> str:
        value = data.get(key, default)
        if value is None:
            self.add("required", f"{field}{key}")
            return ""
        if value not in choices.values:
            self.add(
                "invalid_choice", f"{field}{key}", value=value, choices=", ".join(choices.values)
            )
        return str(value)

    def date(self, data: dict[str, Any], key: str, field: str, required: bool) -> dt.date | None:
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.add("required", f"{field}{key}")
            return None
        try:
            return parse_iso(value, f"{field}{key}")
        except DomainError as error:
            self.problems.extend(error.problems)
            return None

    def items(self, data: dict[str, Any], key: str, field: str) -> list[Any]:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.add("not_a_list", f"{field}{key}")
            return []
        return value


def _ref(value: Any) -> str:
    return nfc(str(value)) if value is not None else ""


def parse_document_spec(data: Any, field: str = "document.") -> DocumentSpec:
    """Read one document described as in an event file; raise DomainError listing every
    problem found."""
    r = _Reader()
    found = _document(r, data, field)
    if r.problems or found is None:
        raise DomainError(r.problems)
    return found


def parse_event_spec(data: Any) -> EventSpec:
    """Read an event description; raise DomainError listing every problem found."""
    r = _Reader()
    top = r.mapping(
        data,
        "",
        {
            "kind",
            "effective_on",
            "title",
            "note",
            "documents",
            "inputs",
            "outputs",
            "unit",
            "changes",
            "children_follow",
        },
    )
    if top is None:
        raise DomainError(r.problems)
    kind = r.choice(top, "kind", "", EventKind)
    effective_on = r.date(top, "effective_on", "", required=True)
    rule = KIND_RULES.get(kind)
    spec = EventSpec(
        kind=kind,
        effective_on=effective_on or dt.date.min,
        title=nfc(str(top.get("title") or "")),
        note=str(top.get("note") or ""),
    )
    for i, doc in enumerate(r.items(top, "documents", "")):
        parsed = _document(r, doc, f"documents[{i}].")
        if parsed:
            spec.documents.append(parsed)
    if not spec.documents and "documents" not in [p.field for p in r.problems]:
        r.add("document_required", "documents")

    # Single-unit kinds may be written as `unit:` + `changes:`.
    if "unit" in top or "changes" in top:
        if kind not in SINGLE_UNIT_KINDS:
            r.add("unknown_field", "unit", value="unit")
        else:
            top = {
                **top,
                "inputs": [{"unit": top.get("unit")}],
                "outputs": [{"unit": top.get("unit"), "changes": top.get("changes") or {}}],
            }
    if rule is not None:
        for i, item in enumerate(r.items(top, "inputs", "")):
            parsed_in = _input(r, item, f"inputs[{i}].", rule, kind)
            if parsed_in:
                spec.inputs.append(parsed_in)
        for i, item in enumerate(r.items(top, "outputs", "")):
            parsed_out = _output(r, item, f"outputs[{i}].", rule, kind)
            if parsed_out:
                spec.outputs.append(parsed_out)
        _check_counts(r, spec, rule)
    follow = top.get("children_follow", kind in (EventKind.MERGE, EventKind.CONSOLIDATE))
    if not isinstance(follow, bool):
        r.add("invalid_value", "children_follow", value=follow, reason="true / false")
    elif follow and len(spec.outputs) != 1:
        r.add("children_follow_one_output", "children_follow")
    spec.children_follow = bool(follow)
    if r.problems:
        raise DomainError(r.problems)
    return spec


def _document(r: _Reader, data: Any, field: str) -> DocumentSpec | None:
    allowed = {"number", "issuer", "kind", "signed_on", "effective_on", "title", "url", "status"}
    doc = r.mapping(data, field.rstrip("."), allowed)
    if doc is None:
        return None
    spec = DocumentSpec(
        number=r.text(doc, "number", field),
        issuer=r.text(doc, "issuer", field),
        kind=r.choice(doc, "kind", field, DocumentKind, DocumentKind.OTHER),
        signed_on=r.date(doc, "signed_on", field, required=True),
        effective_on=r.date(doc, "effective_on", field, required=False),
        title=r.text(doc, "title", field, required=False),
        url=r.text(doc, "url", field, required=False),
        status=r.choice(doc, "status", field, SourceStatus, SourceStatus.UNVERIFIED),
    )
    if spec.signed_on and spec.effective_on and spec.effective_on < spec.signed_on:
        r.add(
            "document_effective_before_signed",
            f"{field}effective_on",
            effective=spec.effective_on,
            signed=spec.signed_on,
        )
    return spec


def _input(r: _Reader, data: Any, field: str, rule: KindRule, kind: str) -> InputSpec | None:
    item = r.mapping(data, field.rstrip("."), {"unit", "share", "ends", "attributes"})
    if item is None:
        return None
    unit = r.text(item, "unit", field)
    ends = item.get("ends")
    # A unit that goes on after a split keeps only part of itself.
    default_share = Share.PART if kind == EventKind.SPLIT and ends is False else rule.input_share
    share = r.choice(item, "share", field, Share, default_share)
    if ends is None:
        ends = rule.inputs_end if rule.inputs_end is not None else True
    elif not isinstance(ends, bool):
        r.add("invalid_value", f"{field}ends", value=ends, reason="true / false")
        ends = bool(ends)
    elif rule.inputs_end is True and not ends:
        r.add("must_end", f"{field}ends", kind=kind)
    elif rule.inputs_end is False and ends:
        r.add("must_continue", f"{field}ends", kind=kind)
    attributes = _attributes(r, item.get("attributes"), f"{field}attributes")
    return InputSpec(unit=unit, share=share, ends=ends, attributes=attributes)


def _output(r: _Reader, data: Any, field: str, rule: KindRule, kind: str) -> OutputSpec | None:
    item = r.mapping(data, field.rstrip("."), {"unit", "new", "changes", "share", "attributes"})
    if item is None:
        return None
    share = r.choice(item, "share", field, Share, rule.output_share)
    has_unit, has_new = item.get("unit") is not None, item.get("new") is not None
    if has_unit == has_new:
        r.add("output_new_or_unit", field.rstrip("."))
        return None
    if has_new and rule.output_new is False:
        r.add("output_must_exist", f"{field}new", kind=kind)
    if has_unit and rule.output_new is True:
        r.add("output_must_be_new", f"{field}unit", kind=kind)
    out = OutputSpec(
        share=share, attributes=_attributes(r, item.get("attributes"), f"{field}attributes")
    )
    if has_new:
        out.new = _new_unit(r, item["new"], f"{field}new.")
    else:
        out.unit = _ref(item["unit"])
    if "changes" in item:
        if has_new or not (rule.changes or rule.outputs_may_change):
            r.add("changes_not_allowed", f"{field}changes", kind=kind)
        else:
            out.changes = _changes(r, item["changes"], f"{field}changes.")
    if rule.changes:
        given = out.changes.given() if out.changes else {}
        if not any(name in given for name in rule.changes):
            r.add("changes_required", f"{field}changes", kind=kind, fields=", ".join(rule.changes))
    return out


def _new_unit(r: _Reader, data: Any, field: str) -> NewUnitSpec | None:
    allowed = {"name", "kind", "subtype", "parent", "territory", "codes", "attributes"}
    item = r.mapping(data, field.rstrip("."), allowed)
    if item is None:
        return None
    spec = NewUnitSpec(
        name=r.text(item, "name", field),
        kind=r.choice(item, "kind", field, UnitKind),
        subtype=r.text(item, "subtype", field, required=False),
        parent=_ref(item["parent"]) if item.get("parent") is not None else None,
        territory=_ref(item["territory"]) if item.get("territory") is not None else None,
        attributes=_attributes(r, item.get("attributes"), f"{field}attributes"),
    )
    spec.codes = _codes(r, item, field)
    return spec


def _codes(r: _Reader, item: dict[str, Any], field: str) -> list[CodeSpec]:
    codes = []
    for i, code in enumerate(r.items(item, "codes", field)):
        code_field = f"{field}codes[{i}]."
        entry = r.mapping(code, code_field.rstrip("."), {"scheme", "code"})
        if entry is not None:
            scheme = r.choice(entry, "scheme", code_field, CodeScheme, CodeScheme.ADMINISTRATIVE)
            codes.append(CodeSpec(scheme=scheme, code=r.text(entry, "code", code_field)))
    return codes


def _changes(r: _Reader, data: Any, field: str) -> ChangesSpec:
    allowed = {"name", "kind", "subtype", "parent", "territory", "attributes", "codes"}
    item = r.mapping(data, field.rstrip("."), allowed) or {}
    changes = ChangesSpec()
    if "codes" in item:
        changes.codes = _codes(r, item, field)
    if "name" in item:
        changes.name = r.text(item, "name", field)
    if "kind" in item:
        changes.kind = r.choice(item, "kind", field, UnitKind)
    if "subtype" in item:
        changes.subtype = nfc(str(item["subtype"] or ""))
    if "parent" in item:
        changes.parent = _ref(item["parent"]) if item["parent"] is not None else None
    if "territory" in item:
        changes.territory = _ref(item["territory"]) if item["territory"] is not None else None
    if "attributes" in item:
        changes.attributes = _attributes(r, item["attributes"], f"{field}attributes")
    return changes


def _attributes(r: _Reader, value: Any, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        r.add("not_a_mapping", field, value=value)
        return {}
    return value


def _check_counts(r: _Reader, spec: EventSpec, rule: KindRule) -> None:
    for role, items, (low, high), code in (
        ("inputs", spec.inputs, rule.inputs, "input_count"),
        ("outputs", spec.outputs, rule.outputs, "output_count"),
    ):
        if len(items) < low or (high is not None and len(items) > high):
            expected = str(low) if low == high else (f"{low}–{high}" if high else f"≥ {low}")
            r.add(code, role, kind=spec.kind, expected=expected, count=len(items))
