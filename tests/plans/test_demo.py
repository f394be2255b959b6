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
    consolidations = [
        p
        for p in plan.events.all()
        if p.spec["kind"] == "consolidate" and p.spec["outputs"][0]["new"]["kind"] == "commune"
    ]
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
    assert ("Đảng ủy phường Ka Long", "Đảng ủy phường Móng Cái 2") in flows
    assert found.problems == []


@pytest.mark.django_db
def test_its_impact_carries_the_members_and_the_staff(plan):
    found = q.impact(plan)
    for table in ("party", "staffing"):
        before = {r.key: r.value for r in getattr(found.before, table)}
        after = {r.key: r.value for r in getattr(found.after, table)}
        count = "members" if table == "party" else "headcount"
        assert before[count] > 0 and after[count] == before[count]
    before = {r.key: r.value for r in found.before.party}
    after = {r.key: r.value for r in found.after.party}
    # the 16 commune committees become 6; the city's committee ends, the province's stays
    assert after["org:grassroots_party_committee"] == before["org:grassroots_party_committee"] - 10
    assert (before["org:party_committee"], after["org:party_committee"]) == (2, 1)
    assert after["org:party_cell"] == before["org:party_cell"]
