"""The plan pages: list and create, the editor's merger form, approve without and with a
document, the impact page with its tables and flow diagram, the compare page."""

import json

import pytest

from tinhgon.audit.services import access_record
from tinhgon.jobs.models import Job
from tinhgon.plans import services as s
from tinhgon.plans.models import Plan
from tinhgon.registry.models import Event

from .helpers import BASE, EFFECTIVE, build_world, merger_events, real_state, ref

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


@pytest.fixture
def plan(w):
    plan = s.plan_create(
        name="Phương án AB", scope=w.province, base_on=BASE, effective_on=EFFECTIVE
    )
    for spec in merger_events(w)[1:]:
        s.plan_propose(plan=plan, spec=spec)
    return plan


def test_the_list_and_a_new_plan(client, w):
    page = client.get("/plans/")
    assert page.status_code == 200 and "Tạo phương án" in page.content.decode()
    bad = client.post(
        "/plans/",
        {"name": "X", "scope": "90", "base_on": "01/01/1999", "effective_on": "01/03/2026"},
    )
    assert bad.status_code == 400 and "01/01/1999" in bad.content.decode()
    made = client.post(
        "/plans/",
        {
            "name": "Phương án mới",
            "scope": "90",
            "base_on": "01/01/2026",
            "effective_on": "01/03/2026",
        },
    )
    assert made.status_code == 302
    assert Plan.objects.get().name == "Phương án mới"


def test_the_editor_merges_units_and_moves_their_staff(client, plan, w):
    before = real_state()
    answer = client.post(
        f"/plans/{plan.pk}/",
        {
            "action": "merger",
            "kind": "merge",
            "units": ref(w.committees[1]),
            "successor": ref(w.committees[0]),
            "title": "Sáp nhập UBND B vào UBND A",
            "carry": "on",
        },
    )
    assert answer.status_code == 302
    proposal = plan.events.order_by("position").last()
    assert proposal.spec["outputs"] == [{"unit": ref(w.committees[0])}] and proposal.carry
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Sáp nhập UBND B vào UBND A" in page
    assert real_state() == before


def test_approve_from_the_editor(client, plan):
    events = Event.objects.count()
    refused = client.post(f"/plans/{plan.pk}/", {"action": "approve"})
    assert refused.status_code == 400 and Event.objects.count() == events
    assert "văn bản quyết định" in refused.content.decode()
    done = client.post(
        f"/plans/{plan.pk}/",
        {
            "action": "approve",
            "number": "15/NQ-HĐND",
            "issuer": "HĐND tỉnh P",
            "signed_on": "10/02/2026",
        },
    )
    assert done.status_code == 302
    assert Event.objects.count() == events + 3


def test_the_impact_page_and_its_diagram(client, plan, w):
    page = client.get(f"/plans/{plan.pk}/impact/")
    assert page.status_code == 200 and "found" not in page.context  # not computed yet
    assert "Tính tác động" in page.content.decode()
    started = client.post(f"/plans/{plan.pk}/impact/")
    assert started.status_code == 302
    job = Job.objects.get(kind="plan-impact")
    assert started["Location"] == f"/jobs/{job.pk}/"
    # the records without the plan, each proposal, the records with it
    assert job.status == Job.Status.DONE and job.done == job.total == len(merger_events(w)) + 1
    progress = client.get(started["Location"]).content.decode()
    assert f"/plans/{plan.pk}/impact/?job={job.pk}" in progress  # the way back to the impact
    status = client.get(f"/jobs/{job.pk}/status/").json()  # web/jobs.js follows "result"
    assert status["result"] == f"/plans/{plan.pk}/impact/?job={job.pk}"
    page = client.get(f"/plans/{plan.pk}/impact/")  # the kept impact, nothing changed since
    assert page.status_code == 200 and page.context["job"] == job
    body = page.content.decode()
    assert "Phường AB" in body and "01/03/2026" in body
    data = page.context["flows"]
    names = {n["name"].split(" #")[0] for n in data["nodes"]}
    assert {"Phường A", "Phường B", "Phường AB"} <= names
    assert len(data["links"]) == 5  # B1 → A1; A, B → AB; the two ward party committees → AB
    assert json.loads(json.dumps(data)) == data
    assert "plan-flows-data" in body
    communes = next(t for t in page.context["tables"] if t["key"] == "units")["rows"]
    commune = next(r for r in communes if r["label"] == "đơn vị hành chính cấp xã")
    assert (commune["before"], commune["after"], commune["change"]) == (3, 2, -1)


def test_a_kept_impact_is_not_shown_once_the_plan_changed(client, plan, w):
    client.post(f"/plans/{plan.pk}/impact/")
    job = Job.objects.get(kind="plan-impact")
    access_record(obj=w.members[0], action="read")  # reading personal data changes nothing
    assert client.get(f"/plans/{plan.pk}/impact/").context["job"] == job
    s.plan_event_remove(plan=plan, position=1)
    page = client.get(f"/plans/{plan.pk}/impact/")
    assert "found" not in page.context  # to compute again
    asked = client.get(f"/plans/{plan.pk}/impact/?job={job.pk}")  # an old one, asked for
    assert asked.status_code == 200 and asked.context["job"] == job
    other = s.plan_create(name="Khác", scope=w.province, base_on=BASE, effective_on=EFFECTIVE)
    assert client.get(f"/plans/{other.pk}/impact/?job={job.pk}").status_code == 404


def test_the_compare_page(client, plan, w):
    other = s.plan_create(
        name="Phương án khác", scope=w.province, base_on=BASE, effective_on=EFFECTIVE
    )
    page = client.get(f"/plans/compare/?a={plan.pk}&b={other.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Phương án khác" in body and "Phương án AB" in body
    assert client.get("/plans/compare/").status_code == 200
