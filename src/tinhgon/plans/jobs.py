"""A plan's impact as a background job (tinhgon.jobs): at national scale it takes minutes, too
long for a request. The job computes `queries.impact`, reporting progress per proposed event,
and keeps the result as JSON (the API's shape), from which the impact page is drawn."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import DomainError, Problem
from tinhgon.jobs.models import Job
from tinhgon.jobs.runner import Output, Progress, register

from . import queries
from .models import Plan
from .representations import data

IMPACT = "plan-impact"
# Access records (personal data read or exported) change nothing the impact reads.
READS = (ChangeRecord.Action.READ, ChangeRecord.Action.EXPORT)


def _plan(params: Mapping[str, Any]) -> Plan:
    from .services import plan_of

    ref = str(params.get("plan") or "").strip()
    if not ref:
        raise DomainError(Problem("required", _("This field is required."), "plan"))
    return plan_of(ref)


def _check_impact(params: Mapping[str, Any]) -> str:
    plan = _plan(params)
    return _("Impact of plan #%(id)s “%(name)s” on %(date)s") % {
        "id": plan.pk,
        "name": plan.name,
        "date": plan.effective_on.strftime("%d/%m/%Y"),
    }


def _work_impact(params: Mapping[str, Any], progress: Progress) -> Output:
    plan = _plan(params)
    found = queries.impact(plan, progress=progress)
    content = json.dumps(data(found), ensure_ascii=False).encode()
    return Output(f"tac-dong-phuong-an-{plan.pk}.json", "application/json", content)


def impact_job(plan_id: int, user: Any) -> Job | None:
    """The user's last finished impact of the plan, if nothing was written since it began
    (any change record of a write — to the plan or to the records — may change the impact)."""
    done = Job.objects.filter(kind=IMPACT, user=user, status=Job.Status.DONE)
    job = done.filter(params__plan=str(plan_id)).order_by("-created_at").first()
    if job is None:
        return None
    writes = ChangeRecord.objects.filter(at__gte=job.created_at).exclude(action__in=READS)
    return None if writes.exists() else job


def impact_data(job: Job) -> dict[str, Any]:
    """The impact a finished job kept, as the API gives it."""
    found: dict[str, Any] = json.loads(bytes(job.content or b"{}"))
    return found


def register_kinds() -> None:
    register(IMPACT, check=_check_impact, work=_work_impact)
