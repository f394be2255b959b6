"""The demo's restructuring plan: Móng Cái in 2025.

The demo records the real 2025 events (demo/reform.py: Resolution 1679/NQ-UBTVQH15, the 16
communes and wards into 6 new units with their People's Councils, People's Committees and party
committees; the district level ending on 01/07/2025: the city's offices and boards into the new
units with their staff, its schools, public service units and party organizations passed on, the
rest dissolved). The plan is therefore an APPROVED one
that documents them: drafted on 01/04/2025, effective 01/07/2025, decided by the resolution,
its proposals linked to the recorded events. Its impact page reads the records of 30/06/2025
against those of 01/07/2025. (A draft alternative on the same date could not be simulated:
the real events already end those units that day.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tinhgon.plans.services import plan_create, plan_note_add, plan_record_decided
from tinhgon.registry.models import Event, LegalDocument, Unit

EFFECTIVE = dt.date(2025, 7, 1)
BASE = dt.date(2025, 4, 1)


def load_plans(keys: dict[str, int], data: dict[str, Any]) -> dict[str, int]:
    resolution = data["documents"]["communes_2025"]
    document = LegalDocument.objects.get(number=resolution["number"], issuer=resolution["issuer"])
    plan = plan_create(
        name="Phương án sắp xếp đơn vị hành chính cấp xã và bộ máy thành phố Móng Cái năm 2025",
        scope=Unit.objects.get(pk=keys["quang_ninh"]),
        base_on=BASE,
        effective_on=EFFECTIVE,
        note=(
            "16 xã, phường của thành phố Móng Cái sắp xếp thành 6 đơn vị hành chính cấp xã "
            "mới; kết thúc hoạt động của chính quyền và tổ chức đảng cấp huyện."
        ),
    )
    plan_note_add(
        plan=plan,
        text="Đề án sắp xếp đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025 (minh họa)",
        reference=resolution["number"],
    )
    events = list(Event.objects.filter(effective_on=EFFECTIVE).order_by("id"))
    plan_record_decided(plan=plan, events=events, document=document)
    return {"plan": plan.pk}
