"""Writes about schemes and targets. Each is one transaction: it checks access (recording
documents, nationally for a national scheme, in the scope unit otherwise), refuses bad input
with every problem at once (DomainError, Vietnamese messages naming the row and the field),
writes, and records the change in the audit trail. A refused write leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from tinhgon.accounts.access import current_access
from tinhgon.accounts.roles import Action
from tinhgon.audit.services import change_record
from tinhgon.core.errors import Problem, raise_if
from tinhgon.registry.kinds import SourceStatus

from .catalogue import CATALOGUE
from .models import Comparison, Measure, Scheme, SchemeKind, Target
from .problems import problem

EDIT = Action.RECORD_EVENTS
SCHEME_FIELDS: tuple[str, ...] = ("code", "name", "kind", "basis", "document", "scope")
SCHEME_FIELDS += ("status", "valid_from", "valid_to")
TARGET_FIELDS: tuple[str, ...] = ("scheme", "code", "name", "indicator", "params", "figure")
TARGET_FIELDS += ("measure", "scope", "comparison", "value", "base_on", "due_on")
TARGET_FIELDS += ("period_from", "period_to", "status")


def _audit(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    data = model_to_dict(obj, fields=list(fields))
    return {
        k: v.isoformat() if isinstance(v, dt.date) else str(v) if isinstance(v, Decimal) else v
        for k, v in data.items()
    }


def _require(scope_id: int | None) -> None:
    access = current_access()
    if scope_id is None:
        access.require_everywhere(EDIT)
    else:
        access.require(EDIT, [scope_id])


def _choice(code: str, name: str, choices: type[Any], value: str, field: str) -> list[Problem]:
    if value in choices.values:
        return []
    return [problem(name, field, code=code, value=value, choices=", ".join(choices.values))]


def _check_scheme(scheme: Scheme) -> list[Problem]:
    code = scheme.code or "?"
    problems: list[Problem] = []
    for name in ("code", "name", "valid_from"):
        if not getattr(scheme, name):
            problems.append(problem("scheme_required", name, code=code, field=name))
    problems += _choice(code, "scheme_kind", SchemeKind, scheme.kind, "kind")
    problems += _choice(code, "scheme_status", SourceStatus, scheme.status, "status")
    if scheme.valid_from and scheme.valid_to and scheme.valid_to <= scheme.valid_from:
        problems.append(
            problem(
                "scheme_period", "valid_to", code=code, start=scheme.valid_from, end=scheme.valid_to
            )
        )
    if Scheme.objects.filter(code=scheme.code).exclude(pk=scheme.pk).exists():
        problems.append(problem("scheme_code_taken", "code", code=code))
    return problems


def _check_target(target: Target) -> list[Problem]:
    code = target.code or "?"
    problems: list[Problem] = []
    for name in ("code", "name", "indicator"):
        if not getattr(target, name):
            problems.append(problem("target_required", name, code=code, field=name))
    problems += _choice(code, "target_comparison", Comparison, target.comparison, "comparison")
    problems += _choice(code, "target_measure", Measure, target.measure, "measure")
    problems += _choice(code, "target_status", SourceStatus, target.status, "status")
    try:
        target.value = Decimal(str(target.value))
        if not target.value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        problems.append(problem("target_value", "value", code=code, value=target.value))
        target.value = None  # type: ignore[assignment]
    found = CATALOGUE.get(target.indicator)
    if target.indicator and found is None:
        problems.append(
            problem(
                "target_indicator",
                "indicator",
                code=code,
                key=target.indicator,
                keys=", ".join(sorted(CATALOGUE)),
            )
        )
    if not isinstance(target.params, dict):
        target.params = {}
    if found is not None:
        for param in sorted(set(target.params) - set(found.params)):
            problems.append(
                problem(
                    "target_param",
                    "params",
                    code=code,
                    key=found.key,
                    param=param,
                    params=", ".join(found.params) or "—",
                )
            )
        reduce = target.comparison == Comparison.REDUCE_BY_AT_LEAST
        if found.period:
            if reduce:
                problems.append(
                    problem("target_reduce_period", "comparison", code=code, key=found.key)
                )
            for name in ("period_from", "period_to"):
                if getattr(target, name) is None:
                    problems.append(problem("target_required", name, code=code, field=name))
        else:
            needed = ("base_on", "due_on") if reduce else ("due_on",)
            for name in needed:
                if getattr(target, name) is None:
                    problems.append(problem("target_required", name, code=code, field=name))
        if reduce and target.value is not None and not 0 < target.value <= 1:
            problems.append(problem("target_reduce_rate", "value", code=code, value=target.value))
    if target.base_on and target.due_on and target.due_on <= target.base_on:
        problems.append(
            problem(
                "target_due_before_base",
                "due_on",
                code=code,
                due=target.due_on,
                base=target.base_on,
            )
        )
    if target.period_from and target.period_to and target.period_to < target.period_from:
        problems.append(
            problem(
                "target_period_reversed",
                "period_to",
                code=code,
                start=target.period_from,
                end=target.period_to,
            )
        )
    if Target.objects.filter(code=target.code).exclude(pk=target.pk).exists():
        problems.append(problem("target_code_taken", "code", code=code))
    return problems


@transaction.atomic
def scheme_save(scheme: Scheme | None = None, **fields: Any) -> Scheme:
    """Create a scheme, or change one (`scheme`) with the fields given."""
    before = _audit(scheme, SCHEME_FIELDS) if scheme and scheme.pk else None
    row = scheme or Scheme(status=SourceStatus.UNVERIFIED)
    if before is not None:
        _require(row.scope_id)
    for name, value in fields.items():
        if name not in SCHEME_FIELDS:
            raise TypeError(name)
        setattr(row, name, value)
    _require(row.scope_id)
    raise_if(_check_scheme(row))
    row.save()
    change_record(
        obj=row,
        action="update" if before else "create",
        before=before,
        after=_audit(row, SCHEME_FIELDS),
    )
    return row


@transaction.atomic
def target_save(target: Target | None = None, **fields: Any) -> Target:
    """Create a target, or change one (`target`) with the fields given."""
    before = _audit(target, TARGET_FIELDS) if target and target.pk else None
    row = target or Target(status=SourceStatus.UNVERIFIED, measure=Measure.VALUE, params={})
    if before is not None:
        _require(row.scope_id or row.scheme.scope_id)
    for name, value in fields.items():
        if name not in TARGET_FIELDS:
            raise TypeError(name)
        setattr(row, name, value)
    _require(row.scope_id or row.scheme.scope_id)
    raise_if(_check_target(row))
    row.save()
    change_record(
        obj=row,
        action="update" if before else "create",
        before=before,
        after=_audit(row, TARGET_FIELDS),
    )
    return row
