"""The demo's plan: Móng Cái's 2025 restructuring, approved by Resolution 1679/NQ-UBTVQH15,
its proposals the recorded events of 01/07/2025; its impact read from the records."""

import datetime as dt

import pytest

from tinhgon.plans import queries as q
from tinhgon.plans.models import Plan
from tinhgon.registry.models import Event

D = dt.date


@pytest.fixture(scope="module")
def plan(demo):
    return Plan.objects.get()


@pytest.mark.django_db
def test_the_plan_documents_the_recorded_events(plan):
    assert plan.status == "approved" and plan.document.number == "1679/NQ-UBTVQH15"
    recorded = set(Event.objects.filter(effective_on=D(2025, 7, 1)).values_list("id", flat=True))
    assert {p.applied_id for p in plan.events.all()} == recorded
    consolidations = [p for p in plan.events.all() if p.spec["kind"] == "consolidate"]
    # the 6 new communes and wards of the resolution
    names = sorted(p.spec["outputs"][0]["new"]["name"] for p in consolidations)
    assert names == sorted(
        [
            "Phường Móng Cái 1",
            "Phường Móng Cái 2",
            "Phường Móng Cái 3",
            "Xã Hải Ninh",
            "Xã Hải Sơn",
            "Xã Vĩnh Thực",
        ]
    )
    # 16 communes and wards go in (Hòa Lạc was merged into Trần Phú in 2024)
    assert sum(len(p.spec["inputs"]) for p in consolidations) == 16


@pytest.mark.django_db
def test_its_impact_on_the_communes_and_the_district(plan):
    found = q.impact(plan)
    before = {r.key: r.value for r in found.before.units}
    after = {r.key: r.value for r in found.after.units}
    assert (before["commune"], after["commune"]) == (16, 6)
    assert (before["district"], after.get("district", 0)) == (1, 0)
    flows = {(f.source.name, f.target.name) for f in found.flows}
    assert ("Phường Ka Long", "Phường Móng Cái 2") in flows
    assert found.problems == []
