"""Every page and every API operation, with every role, inside and outside the user's scope:
no read or write crosses the line, and nothing of the other scope leaks into lists, counts,
search or error messages.

The tables below classify every URL pattern and every API operation; a new page or endpoint
fails `test_every_url_pattern_is_classified` until it is added here with its policy.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tinhgon.accounts.roles import ROLE_ACTIONS, Action, Role
from tinhgon.audit.models import ChangeRecord
from tinhgon.registry.models import Event, UnitVersion

from .world import BORN, SECRET, World, build

ROLES = list(Role.values)

# Policies: "scoped" — a record of a unit: inside 200, outside 404 (its existence not told);
# "list" — 200, and nothing of the other scope in it; "reference" — the administrative map,
# public law, 200 for every signed-in user; "audit" — needs the audit right (403 otherwise);
# "login"/"logout" — the sign-in pages; "admin" — Django's admin, staff only; "file" — a blank
# file to download (a spreadsheet template), 200 for every signed-in user.
WEB = {
    "web:home": ("list", {}),
    "web:unit": ("scoped", {"unit_id": "ward"}),
    "web:tree": ("scoped", {"unit_id": "city"}),
    "web:code": ("scoped", {"code": "code"}),
    "web:events": ("list", {}),
    "web:event": ("scoped", {"event_id": "event"}),
    "web:document": ("scoped", {"document_id": "document"}),
    "web:document-edit": ("edit", {"document_id": "document"}),
    "web:search": ("list", {}),
    "web:adminunits": ("reference", {}),
    "web:adminunits-pick": ("reference", {}),
    "web:adminunits-province": ("reference", {"unit_id": "province"}),
    "web:address": ("reference", {}),
    "web:login": ("login", {}),
    "web:logout": ("logout", {}),
    "web:audit": ("audit", {}),
    "web:unit-posts": ("scoped", {"unit_id": "committee"}),
    "web:post": ("scoped", {"post_id": "post"}),
    "web:persons": ("list", {}),
    "web:person": ("person", {"person_id": "person"}),
    "web:coverage": ("scoped", {}),
    "web:unit-staffing": ("scoped", {"unit_id": "city"}),
    "web:reductions": ("scoped", {}),
    "web:party-org": ("scoped", {"unit_id": "committee"}),
    "web:party-member": ("member", {"member_id": "member"}),
    "web:party-member-confirm": ("post", {"member_id": "member"}),
    "web:party-admissions": ("scoped", {}),
    "web:party-statistics": ("scoped", {}),
    "web:party-pipeline": ("scoped", {}),
    "web:party-structure": ("scoped", {}),
    "web:indicators": ("list", {}),
    "web:indicator": ("scoped", {"key": "indicator"}),
    "web:dashboard": ("scoped", {}),
    # Reports start a job for a scope; a job is its user's own: see
    # test_reports_and_jobs_stay_with_their_user_and_scope.
    "web:report-de-an-25": ("report", {}),
    "web:report-party-statistics": ("report", {}),
    "web:jobs": ("job", {}),
    "web:job": ("job", {"job_id": "job"}),
    "web:job-status": ("job", {"job_id": "job"}),
    "web:job-file": ("job", {"job_id": "job"}),
    # the import page and the templates show no record; the import's writes go through the
    # services, which check the user's rights (tests/interchange/test_web.py)
    "web:import": ("reference", {}),
    "web:import-template": ("file", {}),
    "web:plans": ("list", {}),
    "web:plan": ("edit", {"plan_id": "plan"}),
    "web:plan-impact": ("scoped", {"plan_id": "plan"}),
    "web:plans-compare": ("scoped", {}),
}
LIST_SHOWS = {
    "web:indicators": "Tỷ lệ kết nạp đảng viên",
    "web:home": "Móng Cái",
    "web:search": "Trần Phú",
    "web:events": "Trần Phú",
    "web:persons": "Nguyễn Thị An",
    "web:plans": "Phương án sắp xếp phường Trần Phú",
}
# Query strings that make pages show the most (search for what both scopes share); {city}
# is city A inside the scope, city B outside.
WEB_QUERY = {
    "web:search": "?q=phuong",
    "web:persons": "?q=thi",
    "web:unit-posts": "?on=01/01/2021",
    "web:post": "?on=01/01/2021",
    "web:coverage": "?on=01/01/2021&policy=commune-secretary-committee-chair&scope={city}",
    "web:reductions": "?scope={city}&from=01/01/2015&to=31/12/2021",
    "web:party-org": "?on=01/01/2021",
    "web:party-admissions": "?scope={city}&from=01/01/2012&to=31/12/2021",
    "web:party-statistics": "?scope={committee}&on=01/01/2021",
    "web:party-pipeline": "?scope={city}&year=2021",
    "web:party-structure": "?scope={city}&on=01/01/2021",
    "web:indicator": "?scope={city}&on=01/01/2021&explain=1",
    "web:dashboard": "?scope={city}&on=01/01/2021",
    "web:plans-compare": "?a={plan}&b={plan}",
}
SEES_PARTY = {r for r, actions in ROLE_ACTIONS.items() if Action.VIEW_PARTY in actions}
SEES_PERSONS = {r for r, actions in ROLE_ACTIONS.items() if Action.VIEW_PERSONAL in actions}


SEES_PERSONS |= {r for r, actions in ROLE_ACTIONS.items() if Action.EDIT_PERSONNEL in actions}
BORN_SHOWN = BORN.strftime("%d/%m/%Y")

API = {
    "/api/units/": ("list", "?q=phuong"),
    "/api/units/{ref}/": ("scoped", "ward"),
    "/api/units/{ref}/tree/": ("scoped", "city"),
    "/api/units/{ref}/history/": ("scoped", "ward"),
    "/api/units/{ref}/lineage/": ("scoped", "ward"),
    "/api/units/{ref}/diff/": ("scoped", "city"),
    "/api/codes/{code}/": ("scoped", "code"),
    "/api/events/": ("list", ""),
    "/api/events/{id}/": ("scoped", "event"),
    "/api/documents/": ("list", ""),
    "/api/documents/{id}/": ("scoped", "document"),
    "/api/admin-units/provinces/": ("reference", ""),
    "/api/admin-units/provinces/{ref}/transition/": ("reference", "province"),
    "/api/admin-units/summary/": ("reference", ""),
    "/api/address/convert/": (
        "reference",
        "?address=phuong+tran+phu+moi,+thanh+pho+mong+cai,+quang+ninh",
    ),
    "/api/address/reverse/": ("reference", "?unit=06712"),
    "/api/units/{ref}/posts/": ("scoped", "committee"),
    "/api/posts/{id}/": ("scoped", "post"),
    "/api/persons/": ("list", "?q=thi"),
    "/api/persons/{id}/": ("person", "person"),
    "/api/policies/": ("list", ""),
    "/api/coverage/": ("scoped", "?on=2021-01-01&policy=cell-secretary-village-head&scope={city}"),
    "/api/coverage/projection/": (
        "scoped",
        "?on=2021-01-01&to=2022-01-01&policy=cell-secretary-village-head&scope={city}",
    ),
    "/api/non-local/": ("scoped", "?on=2021-01-01&scope={city}"),
    "/api/units/{ref}/staffing/": ("scoped", "city"),
    "/api/reductions/": ("scoped", "?scope={city}&from=2015-01-01&to=2021-12-31"),
    "/api/units/{ref}/staffing/targets/": ("scoped", "city"),
    "/api/party/organizations/{ref}/": ("scoped", "committee"),
    "/api/party/counts/": ("scoped", "?scope={city}&on=2021-01-01"),
    "/api/party/structure/": ("scoped", "?scope={city}&on=2021-01-01"),
    "/api/party/statistics/": ("scoped", "?scope={committee}&on=2021-01-01"),
    "/api/party/admissions/": ("scoped", "?scope={city}&from=2012-01-01&to=2021-12-31"),
    "/api/party/admission-rates/": ("scoped", "?scope={city}&from_year=2012&to_year=2021"),
    "/api/party/term-admissions/": (
        "scoped",
        "?scope={city}&term=party-2020-2025&until=2021-12-31",
    ),
    "/api/party/confirmations-due/": ("scoped", "?scope={city}&from=2013-01-01&to=2013-12-31"),
    "/api/party/ratings/": ("scoped", "?scope={city}&year=2021"),
    "/api/party/pipeline/": ("scoped", "?scope={city}&year=2021"),
    "/api/party/members/": ("list", "?scope={city}&on=2021-01-01&q=thi"),
    "/api/party/members/{id}/": ("member", "member"),
    "/api/indicators/": ("list", ""),
    "/api/indicators/{key}/": ("scoped", "?scope={city}&on=2021-01-01&explain=1"),
    "/api/schemes/": ("list", ""),
    "/api/jobs/{id}/": ("job", "job"),
    "/api/jobs/{id}/file/": ("job", "job"),
    "/api/dashboard/": ("scoped", "?scope={city}&on=2021-01-01"),
    "/api/export/popolo/": ("scoped", "?scope={city}&on=2021-01-01"),
    "/api/export/org/": ("scoped", "?scope={city}&on=2021-01-01"),
    "/api/plans/": ("list", ""),
    "/api/plans/compare/": ("scoped", "?a={plan}&b={plan}"),
    "/api/plans/{id}/": ("scoped", "plan"),
    "/api/plans/{id}/impact/": ("scoped", "plan"),
    "/api/plans/{id}/checks/": ("scoped", "plan"),
}
# Writes, each tried for every role inside and outside the scope below.
API_WRITES = {
    ("/api/events/", "post"),
    ("/api/documents/{id}/", "patch"),
    ("/api/party/members/", "post"),
    ("/api/party/members/{id}/confirm/", "post"),
    ("/api/party/members/{id}/transfer/", "post"),
    ("/api/party/members/{id}/end/", "post"),
    ("/api/party/ratings/", "post"),
    ("/api/party/congresses/", "post"),
    ("/api/reports/{kind}/", "post"),
    ("/api/plans/", "post"),
    ("/api/plans/{id}/events/", "post"),
    ("/api/plans/{id}/events/{position}/", "put"),
    ("/api/plans/{id}/events/{position}/", "delete"),
    ("/api/plans/{id}/impact/", "post"),
    ("/api/plans/{id}/submit/", "post"),
    ("/api/plans/{id}/approve/", "post"),
    ("/api/plans/{id}/reject/", "post"),
}
API_PARAMS = {
    "/api/units/{ref}/lineage/": "?on=2019-06-01&to=2021-01-01",
    "/api/units/{ref}/diff/": "?from=2019-01-01&to=2021-01-01",
    "/api/codes/{code}/": "?on=2019-06-01",
}


def objects(world: World, inside: bool) -> dict[str, str]:
    ward, city = (world.ward_a, world.city_a) if inside else (world.ward_b, world.city_b)
    event, document = (
        (world.event_a, world.document_a) if inside else (world.event_b, world.document_b)
    )
    return {
        "ward": str(ward.pk),
        "city": str(city.pk),
        "code": "06712" if inside else "07000",
        "event": str(event.pk),
        "document": str(document.pk),
        "province": str(world.province.pk),
        "committee": str((world.post_a if inside else world.post_b).unit_id),
        "post": str((world.post_a if inside else world.post_b).pk),
        "person": str((world.person_a if inside else world.person_b).pk),
        "member": str((world.member_a if inside else world.member_b).pk),
        "indicator": "units_by_kind",
        "job": "00000000-0000-4000-8000-000000000000",  # anybody's: sign-in comes first
        "plan": str((world.plan_a if inside else world.plan_b).pk),
    }


def patterns(resolver: URLResolver | None = None, prefix: str = "") -> list[tuple[str, str]]:
    """(namespaced name, route) of every named URL pattern of the site."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += patterns(entry, space)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{prefix}{entry.name}", str(entry.pattern)))
    return found


def signed_in(world: World, role: str) -> Client:
    browser = Client()
    browser.force_login(world.users[role])
    return browser


def api_as(world: World, role: str) -> APIClient:
    api = APIClient()
    api.force_authenticate(world.users[role])
    return api


def web_url(name: str, inside: bool, world: World) -> str:
    from django.urls import reverse

    _policy, kwargs = WEB[name]
    values = objects(world, inside)
    url = reverse(name, kwargs={k: values[v] for k, v in kwargs.items()})
    return url + WEB_QUERY.get(name, "").format(**values)


def api_url(path: str, inside: bool, world: World) -> str:
    _policy, arg = API[path]
    url = path.replace("{key}", "units_by_kind")  # an indicator listing the units it counts
    if "{" in url:
        value = objects(world, inside)[arg]
        url = path.replace("{ref}", value).replace("{code}", value).replace("{id}", value)
    query = API_PARAMS.get(path, "")
    if arg.startswith("?"):
        query = arg.format(**objects(world, inside))
    return url + query


@pytest.fixture
def world(db: Any) -> World:
    return build()


# ---------------------------------------------------------------------------- coverage


def test_every_url_pattern_is_classified(world, openapi_paths):
    site = {name for name, _route in patterns() if name.startswith("web:")}
    assert site == set(WEB), "classify new pages in WEB"
    operations = {(p, m) for p, methods in openapi_paths.items() for m in methods}
    reads = {(p, "get") for p in API}
    assert operations == reads | API_WRITES, "classify new API operations in API or API_WRITES"


@pytest.fixture
def openapi_paths() -> dict[str, Any]:
    from tests.api.schema import openapi_document

    return openapi_document()["paths"]


# ---------------------------------------------------------------------------- anonymous


def test_anonymous_visitors_are_sent_to_sign_in_and_api_callers_get_401(world):
    for name, (policy, _kwargs) in WEB.items():
        if policy in ("login", "logout"):
            continue
        response = Client().get(web_url(name, True, world))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/login/?next="), name
    for path in API:
        response = APIClient().get(api_url(path, True, world))
        assert response.status_code == 401, path
        assert SECRET not in response.content.decode()


# ---------------------------------------------------------------------------- pages


@pytest.mark.parametrize("role", ROLES)
def test_pages_answer_within_the_role_and_scope(world, role):
    browser = signed_in(world, role)
    everywhere = role == Role.ADMIN
    for name, (policy, _kwargs) in WEB.items():
        if policy in ("login", "logout", "report", "job"):
            continue
        inside = browser.get(web_url(name, True, world))
        if policy == "audit":
            allowed = Action.VIEW_AUDIT in ROLE_ACTIONS[role]
            assert inside.status_code == (200 if allowed else 403), (role, name)
            if allowed and not everywhere:
                assert SECRET not in inside.content.decode(), (role, name)
            continue
        if policy == "person":
            sees = everywhere or role in SEES_PERSONS
            assert inside.status_code == (200 if sees else 404), (role, name)
            outside = browser.get(web_url(name, False, world))
            assert outside.status_code == (200 if everywhere else 404), (role, name)
            assert everywhere or SECRET not in outside.content.decode()
            continue
        if policy == "post":
            # A write from a form: no page behind GET; the POST is checked by the service.
            assert inside.status_code == 405, (role, name)
            may = Action.EDIT_PARTY in ROLE_ACTIONS[role]
            before = party_written()
            tried = browser.post(web_url(name, True, world), {"decided_on": "01/01/2021"})
            # Inside: refused by the rules (already official) or by the rights.
            assert tried.status_code == (400 if may else 403), (role, name, tried.status_code)
            outside = browser.post(web_url(name, False, world), {"decided_on": "01/01/2021"})
            assert outside.status_code in ((400,) if everywhere else (403, 404)), (role, name)
            assert everywhere or SECRET not in outside.content.decode()
            assert party_written() == before
            continue
        if policy == "file":
            # A blank template (no record in it): every signed-in user may download it.
            assert inside.status_code == 200, (role, name)
            continue
        if policy == "member":
            sees = everywhere or role in SEES_PARTY
            assert inside.status_code == (200 if sees else 404), (role, name)
            assert sees or "Nguyễn Thị An" not in inside.content.decode()
            outside = browser.get(web_url(name, False, world))
            assert outside.status_code == (200 if everywhere else 404), (role, name)
            assert everywhere or SECRET not in outside.content.decode()
            continue
        if policy == "edit":
            may = Action.RECORD_EVENTS in ROLE_ACTIONS[role]
            # The form opens for those who may record; the save checks the scope again.
            assert inside.status_code == 200, (role, name)
            assert may or browser.post(web_url(name, True, world), {}).status_code in (400, 403)
            outside = browser.get(web_url(name, False, world))
            assert outside.status_code == (200 if everywhere else 404), (role, name)
            continue
        assert inside.status_code in (200, 302), (role, name, inside.status_code)
        body = inside.content.decode()
        # Persons and their personal data only for the roles that need them.
        sees_persons = everywhere or role in SEES_PERSONS
        assert sees_persons or "Nguyễn Thị An" not in body, (role, name)
        shows_born = everywhere or Action.VIEW_PERSONAL in ROLE_ACTIONS[role]
        assert shows_born or BORN_SHOWN not in body, (role, name)
        if policy == "list" and not everywhere:
            assert SECRET not in body, (role, name)
        if policy == "list" and (name != "web:persons" or sees_persons):
            # What the list shows of the user's own scope: the top of it on the home page.
            own = "Quảng Ninh" if everywhere and name == "web:home" else LIST_SHOWS[name]
            assert own in body, (role, name)
        if policy == "scoped":
            outside = browser.get(web_url(name, False, world))
            expected = 200 if everywhere else 404
            # The code page redirects to the unit it names.
            if name == "web:code" and everywhere:
                expected = 302
            assert outside.status_code == expected, (role, name, outside.status_code)
            if not everywhere:
                assert SECRET not in outside.content.decode(), (role, name)


@pytest.mark.parametrize("role", ROLES)
def test_api_reads_answer_within_the_role_and_scope(world, role):
    api = api_as(world, role)
    everywhere = role == Role.ADMIN
    for path, (policy, _arg) in API.items():
        if policy == "job":
            continue
        inside = api.get(api_url(path, True, world))
        if policy in ("person", "member"):
            sees = everywhere or role in (SEES_PERSONS if policy == "person" else SEES_PARTY)
            assert inside.status_code == (200 if sees else 404), (role, path)
            outside = api.get(api_url(path, False, world))
            assert outside.status_code == (200 if everywhere else 404), (role, path)
            continue
        assert inside.status_code == 200, (role, path, inside.content[:300])
        body = inside.content.decode()
        sees_persons = everywhere or role in SEES_PERSONS
        assert sees_persons or "Nguyễn Thị An" not in body, (role, path)
        shows_born = everywhere or Action.VIEW_PERSONAL in ROLE_ACTIONS[role]
        assert shows_born or BORN.isoformat() not in body, (role, path)
        if policy == "list" and not everywhere:
            assert SECRET not in inside.content.decode(), (role, path)
        if policy == "scoped":
            outside = api.get(api_url(path, False, world))
            assert outside.status_code == (200 if everywhere else 404), (role, path)
            if not everywhere:
                assert SECRET not in outside.content.decode(), (role, path)


@pytest.mark.parametrize("role", ROLES)
def test_counts_leave_the_other_scope_out(world, role):
    api = api_as(world, role)
    expected_events = 2 if role == Role.ADMIN else 1
    assert len(api.get("/api/events/").json()["results"]) == expected_events
    assert len(api.get("/api/documents/").json()["results"]) == expected_events
    # The web list states how many it found.
    page = signed_in(world, role).get("/events/").content.decode()
    assert f"Số sự kiện: {expected_events}" in page


# ---------------------------------------------------------------------------- writes


def rename(unit_id: int, name: str) -> dict[str, Any]:
    return {
        "kind": "rename",
        "effective_on": "2024-01-01",
        "unit": f"id:{unit_id}",
        "changes": {"name": name},
        "documents": [
            {
                "number": "5/QĐ-UBND",
                "issuer": "UBND tỉnh",
                "kind": "decision",
                "signed_on": "2023-12-01",
            }
        ],
    }


def written() -> tuple[int, int, int]:
    return Event.objects.count(), UnitVersion.objects.count(), ChangeRecord.objects.count()


@pytest.mark.parametrize("role", ROLES)
def test_writes_stay_inside_the_role_and_scope(world, role):
    api = api_as(world, role)
    may_record = Action.RECORD_EVENTS in ROLE_ACTIONS[role]
    everywhere = role == Role.ADMIN

    before = written()
    outside = api.post("/api/events/", rename(world.ward_b.pk, "Phường X"), format="json")
    if everywhere:
        assert outside.status_code == 201
    else:
        assert outside.status_code in (403, 404), outside.content
        assert SECRET not in outside.content.decode()
        assert written() == before

    before = written()
    inside = api.post("/api/events/", rename(world.ward_a.pk, "Phường Y"), format="json")
    assert inside.status_code == (201 if may_record else 403), (role, inside.content)
    if not may_record:
        assert written() == before


@pytest.mark.parametrize("role", [r for r in ROLES if r != Role.ADMIN])
def test_a_new_unit_cannot_be_placed_under_a_unit_outside_the_scope(world, role):
    api = api_as(world, role)
    before = written()
    event = {
        "kind": "establish",
        "effective_on": "2024-01-01",
        "outputs": [
            {"new": {"name": "Phường Z", "kind": "commune", "parent": f"id:{world.city_b.pk}"}}
        ],
        "documents": rename(world.ward_a.pk, "")["documents"],
    }
    response = api.post("/api/events/", event, format="json")
    # Refused like a parent that does not exist: the whole body is checked, then rejected.
    assert response.status_code in (400, 403, 404)
    if response.status_code != 403:
        assert [e["code"] for e in response.json()["errors"]] == ["unit_not_found"]
    assert written() == before
    assert SECRET not in response.content.decode()


def test_the_audit_log_cannot_be_changed_through_any_interface(world):
    admin = signed_in(world, Role.ADMIN)
    record = ChangeRecord.objects.first()
    assert record is not None
    for url in (
        f"/admin/audit/changerecord/{record.pk}/change/",
        f"/admin/audit/changerecord/{record.pk}/delete/",
    ):
        response = admin.post(url, {"post": "yes", "message": "sửa"})
        assert response.status_code == 403, url
    assert admin.post("/audit/", {"message": "x"}).status_code == 405
    assert ChangeRecord.objects.get(pk=record.pk).message == record.message
    assert json.dumps(ChangeRecord.objects.get(pk=record.pk).after) == json.dumps(record.after)


@pytest.mark.parametrize("role", ROLES)
def test_document_edits_stay_inside_the_role_and_scope(world, role):
    api = api_as(world, role)
    may_record = Action.RECORD_EVENTS in ROLE_ACTIONS[role]
    everywhere = role == Role.ADMIN
    edit = {"revision": 1, "title": "Tiêu đề mới"}

    outside = api.patch(f"/api/documents/{world.document_b.pk}/", edit, format="json")
    # A role that may not edit at all hears so before anything is looked up.
    expected = 200 if everywhere else 404 if may_record else 403
    assert outside.status_code == expected, (role, outside.content)
    assert everywhere or SECRET not in outside.content.decode()

    before = written()
    inside = api.patch(f"/api/documents/{world.document_a.pk}/", edit, format="json")
    assert inside.status_code == (200 if may_record else 403), (role, inside.content)
    if not may_record:
        assert written() == before


@pytest.mark.parametrize("role", [Role.HOME_AFFAIRS, Role.COMMUNE])
def test_a_unit_established_in_scope_is_seen_in_the_same_request(world, role):
    """The scope is computed once per request; a unit the request itself creates is in it."""
    event = {
        "kind": "establish",
        "effective_on": "2024-01-01",
        "outputs": [
            {"new": {"name": "Khu phố Mới", "kind": "village", "parent": f"id:{world.ward_a.pk}"}}
        ],
        "documents": rename(world.ward_a.pk, "")["documents"],
    }
    response = api_as(world, role).post("/api/events/", event, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["participants"][0]["unit_id"]


def party_written() -> tuple[int, ...]:
    from tinhgon.party.models import Attachment, Member, Rating

    return (
        Member.objects.count(),
        Attachment.objects.count(),
        Rating.objects.count(),
        ChangeRecord.objects.exclude(action="read").count(),
        tuple(Member.objects.order_by("id").values_list("ended_on", "revision")),
    )


@pytest.mark.parametrize("role", ROLES)
def test_party_writes_stay_inside_the_role_and_scope(world, role):
    from tinhgon.people.services import person_register

    api = api_as(world, role)
    may = Action.EDIT_PARTY in ROLE_ACTIONS[role]
    everywhere = role == Role.ADMIN
    newcomer = person_register(
        full_name="Lê Văn Mới", gender="male", birth_date=BORN, home_commune=world.ward_a
    )

    def admit(cell: Any) -> Any:
        body = {"person": newcomer.pk, "cell": f"id:{cell.pk}", "admitted_on": "2022-03-01"}
        return api.post("/api/party/members/", body, format="json")

    before = party_written()
    outside = admit(world.cell_b)
    if everywhere:
        assert outside.status_code == 201
    else:
        assert outside.status_code in (400, 403, 404), outside.content
        assert SECRET not in outside.content.decode()
        assert party_written() == before
    if not everywhere:
        before = party_written()
        inside = admit(world.cell_a)
        assert inside.status_code == (201 if may else 403), (role, inside.content)
        if not may:
            assert party_written() == before

    before = party_written()
    end = {"on": "2022-01-01", "reason": "left"}
    answer = api.post(f"/api/party/members/{world.member_b.pk}/end/", end, format="json")
    assert answer.status_code == (200 if everywhere else 403 if not may else 404), answer.content
    assert everywhere or SECRET not in answer.content.decode()
    if not everywhere:
        assert party_written() == before


# ---------------------------------------------------------------------------- reports, jobs


def a_job(user: Any) -> Any:
    from tinhgon.jobs.models import Job

    return Job.objects.create(
        kind="party-statistics",
        title="Thống kê",
        user=user,
        status=Job.Status.DONE,
        file_name="thong-ke.html",
        content_type="text/html",
        content=b"<p>ok</p>",
    )


@pytest.mark.parametrize("role", ROLES)
def test_reports_and_jobs_stay_with_their_user_and_scope(world, role):
    from tinhgon.jobs.models import Job

    browser, api = signed_in(world, role), api_as(world, role)
    mine, theirs = a_job(world.users[role]), a_job(world.users[next(r for r in ROLES if r != role)])
    # Another's job is not found, except by the system's superuser.
    other = 200 if world.users[role].is_superuser else 404
    for name in ("web:job", "web:job-status", "web:job-file"):
        assert browser.get(reverse(name, args=[mine.pk])).status_code == 200, (role, name)
        assert browser.get(reverse(name, args=[theirs.pk])).status_code == other, (role, name)
    listed = browser.get(reverse("web:jobs")).content.decode()
    assert reverse("web:job", args=[mine.pk]) in listed
    assert reverse("web:job", args=[theirs.pk]) not in listed
    for path in ("/api/jobs/{id}/", "/api/jobs/{id}/file/"):
        assert api.get(path.replace("{id}", str(mine.pk))).status_code == 200, (role, path)
        assert api.get(path.replace("{id}", str(theirs.pk))).status_code == other, (role, path)

    everywhere = role == Role.ADMIN
    for name in ("web:report-de-an-25", "web:report-party-statistics"):
        assert browser.get(reverse(name)).status_code == 200, (role, name)
    before = Job.objects.count()
    inside = browser.post(
        reverse("web:report-party-statistics"), {"scope": f"id:{world.city_a.pk}", "format": "html"}
    )
    assert inside.status_code == 302, (role, inside.status_code)
    started = api.post(
        "/api/reports/party-statistics/",
        {"scope": f"id:{world.city_a.pk}", "format": "html"},
        format="json",
    )
    assert started.status_code == 202, (role, started.content)
    assert Job.objects.count() == before + 2
    outside = browser.post(
        reverse("web:report-party-statistics"), {"scope": f"id:{world.city_b.pk}", "format": "html"}
    )
    refused = api.post(
        "/api/reports/party-statistics/",
        {"scope": f"id:{world.city_b.pk}", "format": "html"},
        format="json",
    )
    if everywhere:
        assert (outside.status_code, refused.status_code) == (302, 202)
    else:
        assert outside.status_code in (400, 404) and refused.status_code == 404, role
        assert SECRET not in outside.content.decode() + refused.content.decode()
        assert Job.objects.count() == before + 2


# ---------------------------------------------------------------------------- plans


@pytest.mark.parametrize("role", ROLES)
def test_plan_event_edits_and_impact_jobs_stay_inside_the_role_and_scope(world, role):
    from tinhgon.jobs.models import Job
    from tinhgon.plans.models import ProposedEvent

    api, browser = api_as(world, role), signed_in(world, role)
    may_record = Action.RECORD_EVENTS in ROLE_ACTIONS[role]
    everywhere = role == Role.ADMIN
    event = {"kind": "rename", "unit": f"id:{world.ward_b.pk}", "changes": {"name": "X"}}
    rename = {"event": event}

    def proposals() -> list[Any]:
        return list(ProposedEvent.objects.order_by("id").values_list("plan_id", "position", "spec"))

    before = proposals()
    outside = f"/api/plans/{world.plan_b.pk}/events/0/"
    for answer in (api.put(outside, rename, format="json"), api.delete(outside)):
        if everywhere:
            assert answer.status_code in (200, 204), (role, answer.content)
            continue
        assert answer.status_code in (403, 404), (role, answer.status_code)
        assert SECRET not in answer.content.decode()
    assert everywhere or proposals() == before
    if not everywhere:
        inside = f"/api/plans/{world.plan_a.pk}/events/0/"
        rename["event"]["unit"] = f"id:{world.ward_a.pk}"
        answer = api.put(inside, rename, format="json")
        assert answer.status_code == (200 if may_record else 403), (role, answer.content)
        assert may_record or proposals() == before

    # The impact is a read: every role may compute it in its own scope, as its own job.
    jobs = Job.objects.count()
    started = api.post(f"/api/plans/{world.plan_a.pk}/impact/")
    assert started.status_code == 202, (role, started.content)
    page = browser.post(reverse("web:plan-impact", args=[world.plan_a.pk]))
    assert page.status_code == 302, (role, page.status_code)
    assert Job.objects.filter(user=world.users[role], kind="plan-impact").count() == 2
    refused = api.post(f"/api/plans/{world.plan_b.pk}/impact/")
    other_page = browser.post(reverse("web:plan-impact", args=[world.plan_b.pk]))
    if everywhere:
        assert (refused.status_code, other_page.status_code) == (202, 302)
    else:
        assert (refused.status_code, other_page.status_code) == (404, 404), role
        assert SECRET not in refused.content.decode() + other_page.content.decode()
        assert Job.objects.count() == jobs + 2
