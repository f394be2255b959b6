"""Party pages: an organization at a date, a member's record, admissions with their rates and
the confirmations due, the statistics table and its .xlsx, the admission pipeline, the size
rules — each figure checked against records made here through the party services, as the
administrator sees them and as a read-only viewer does (counts, no names)."""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from tests.party.helpers import D, admit, build_world
from tests.people.helpers import person
from tinhgon.accounts.models import Grant
from tinhgon.audit.models import ChangeRecord
from tinhgon.core.dates import today
from tinhgon.party import services as s
from tinhgon.party.rules import age_in_years

pytestmark = pytest.mark.django_db

ON = "31/01/2025"


@pytest.fixture
def w() -> SimpleNamespace:
    """The city party committee of tests/party/helpers with seven members on 31/01/2025:

    Chi bộ khu 1: Trần Văn A (2015, official), Lê Thị C (10/02/2024, probationary)
    Chi bộ khu 2: Phạm Văn B (2016, official; moved here from khu 1 on 01/01/2020),
                  Đỗ Văn D (2018, official), Vũ Văn E (01/03/2024, probationary),
                  Hoàng Văn G (10/01/2025, probationary)
    Chi bộ Trường THPT T (grassroots cell): Ngô Thị F (2019, official)
    """
    world = build_world()
    world.a = admit(world.cell_1, D(2015, 3, 1), name="Trần Văn A", confirm=True)
    world.b = admit(world.cell_1, D(2016, 5, 10), name="Phạm Văn B", confirm=True)
    s.member_transfer(member=world.b.pk, to_unit=world.cell_2.pk, on=D(2020, 1, 1), decision="5-QĐ")
    world.c = admit(world.cell_1, D(2024, 2, 10), name="Lê Thị C", gender="female")
    world.d = admit(world.cell_2, D(2018, 1, 15), name="Đỗ Văn D", confirm=True)
    world.e = admit(world.cell_2, D(2024, 3, 1), name="Vũ Văn E")
    world.g = admit(world.cell_2, D(2025, 1, 10), name="Hoàng Văn G")
    world.f = admit(world.school, D(2019, 6, 1), name="Ngô Thị F", gender="female", confirm=True)
    s.congress_record(unit=world.city_party.pk, held_on=D(2020, 10, 15), ordinal=22)
    s.ratings_record(rows=[s.RatingRow(year=2019, member_id=world.a.pk, grade="good")])
    s.admission_target_set(unit=world.ward_party.pk, year=2025, number=3)
    s.admission_target_set(unit=world.school.pk, year=2025, number=1)
    h = person("Bùi Văn H", birth_date=D(2000, 1, 1))
    i = person("Đinh Thị I", gender="female", birth_date=D(2001, 1, 1))
    s.candidate_add(person=h.pk, cell=world.cell_1.pk, stage="dossier", expected_on=D(2025, 6, 1))
    s.candidate_add(person=i.pk, cell=world.school.pk, stage="training")
    return world


def text(response) -> str:
    """The page's text without tags and with single spaces, to read figures in it."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body)


def viewer(w: SimpleNamespace) -> Client:
    user = User.objects.create_user("nguoi.xem", password="x")
    Grant.objects.create(user=user, role="viewer", unit=w.city)
    browser = Client()
    browser.force_login(user)
    return browser


def table_rows(html: str, css: str) -> list[list[str]]:
    """The cells of the body rows of the first table with class `css`, as text."""
    found = re.search(rf'<table class="[^"]*\b{css}\b[^"]*">(.*?)</table>', html, re.S)
    assert found, css
    body = re.search(r"<tbody>(.*?)</tbody>", found.group(1), re.S)
    assert body, css
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


# ---------------------------------------------------------------------------- organization


def test_the_organization_page_counts_its_organizations_and_members(client, w):
    page = client.get(f"/party/org/{w.city_party.pk}/?on={ON}")
    assert page.status_code == 200
    html, shown = page.content.decode(), text(page)
    assert "Đảng bộ thành phố T" in shown and "31/01/2025" in shown
    counts = dict((r[0], r[1]) for r in table_rows(html, "counts"))
    assert list(counts.values())[:6] == ["2", "2", "7", "4", "3", "1"]
    # The organizations directly under it, with everything under each: the ward's committee
    # counts its two cells; the party board is no party organization.
    assert table_rows(html, "children") == [
        ["Chi bộ Trường THPT T", "chi bộ cơ sở", "1", "1"],
        ["Đảng ủy phường A", "đảng bộ cơ sở", "6", "3"],
    ]
    assert f'href="/party/org/{w.ward_party.pk}/?on=31/01/2025"' in html
    # Members by name, each a link to the member's record.
    for name in ("Trần Văn A", "Phạm Văn B", "Lê Thị C", "Hoàng Văn G", "Ngô Thị F"):
        assert name in shown
    assert f"/party/member/{w.a.pk}/" in html
    # Congresses; confirmations due in the next 60 days: Lê Thị C on 10/02/2025, Vũ Văn E on
    # 01/03/2025.
    assert "15/10/2020" in shown
    due = table_rows(html, "due")
    assert [(r[0], r[3]) for r in due] == [("Lê Thị C", "10/02/2025"), ("Vũ Văn E", "01/03/2025")]
    # The size rules it breaks, in Vietnamese.
    problems = table_rows(html, "structure-problems")
    assert len(problems) == 4
    assert any(r[0] == "Đảng ủy phường A" for r in problems)


def test_the_unit_page_of_a_party_organization_links_to_its_party_page(client, w):
    page = client.get(f"/units/{w.ward_party.pk}/?on={ON}").content.decode()
    assert f"/party/org/{w.ward_party.pk}/" in page
    other = client.get(f"/units/{w.commune.pk}/?on={ON}").content.decode()
    assert "/party/org/" not in other


def test_an_organization_page_for_a_unit_that_is_no_party_organization_is_not_found(client, w):
    page = client.get(f"/party/org/{w.commune.pk}/?on={ON}")
    assert page.status_code == 404
    assert "không phải là tổ chức đảng" in text(page) or "tổ chức đảng" in text(page)


def test_a_viewer_sees_the_counts_but_not_the_members(w):
    page = viewer(w).get(f"/party/org/{w.city_party.pk}/?on={ON}")
    assert page.status_code == 200
    shown = text(page)
    counts = [r[1] for r in table_rows(page.content.decode(), "counts")]
    assert counts[:5] == ["2", "2", "7", "4", "3"]
    for name in ("Trần Văn A", "Phạm Văn B", "Lê Thị C", "Vũ Văn E", "Ngô Thị F"):
        assert name not in shown
    assert "/party/member/" not in page.content.decode()
    # The member record is not found for a role without party details.
    assert viewer_get(w, f"/party/member/{w.a.pk}/").status_code == 404
    # The admissions: the figures, no names.
    admissions = viewer_get(w, "/party/admissions/?scope=9000&from=01/01/2024&to=31/03/2025")
    assert admissions.status_code == 200
    assert re.search(r'id="admitted"[^>]*>\s*<strong>3</strong>', admissions.content.decode())
    assert "Lê Thị C" not in text(admissions)
    assert "/party/member/" not in admissions.content.decode()


def viewer_get(w: SimpleNamespace, url: str):
    browser = Client()
    browser.force_login(User.objects.get(username="nguoi.xem"))
    return browser.get(url)


# ---------------------------------------------------------------------------- member


def test_the_member_page_shows_admission_probation_party_age_attachments_and_ratings(client, w):
    reads = ChangeRecord.objects.filter(action="read").count()
    page = client.get(f"/party/member/{w.b.pk}/")
    assert page.status_code == 200
    assert ChangeRecord.objects.filter(action="read").count() == reads + 1  # the read is logged
    shown = text(page)
    assert "Phạm Văn B" in shown
    assert "10/05/2016" in shown  # admitted
    assert "10/05/2017" in shown  # probation ended, official from
    years = age_in_years(D(2016, 5, 10), today())
    assert f"{years} năm" in shown
    attachments = table_rows(page.content.decode(), "attachments")
    assert [(r[0], r[2], r[3]) for r in attachments] == [
        ("Chi bộ khu 1", "10/05/2016", "31/12/2019"),
        ("Chi bộ khu 2", "01/01/2020", "—"),
    ]
    rated = client.get(f"/party/member/{w.a.pk}/").content.decode()
    assert table_rows(rated, "ratings")[0][0] == "2019"


def test_an_unknown_member_is_not_found_in_vietnamese(client, w):
    page = client.get("/party/member/999999/")
    assert page.status_code == 404
    assert "Không" in text(page)


# ---------------------------------------------------------------------------- admissions


def test_admissions_of_a_period_with_yearly_rates_and_confirmations_due(client, w):
    page = client.get("/party/admissions/?scope=9000&from=01/01/2024&to=31/03/2025")
    assert page.status_code == 200
    html, shown = page.content.decode(), text(page)
    assert re.search(r'id="admitted"[^>]*>\s*<strong>3</strong>', html)
    # 2024: 2 admitted over 4 members on 01/01/2024; 2025: 1 over 6 on 01/01/2025.
    rates = table_rows(html, "rates")
    assert rates == [["2024", "2", "4", "50%"], ["2025", "1", "6", "16,7%"]]
    assert "33,3%" in shown  # the average of the two yearly rates
    due = table_rows(html, "due")
    assert [(r[0], r[3]) for r in due] == [("Lê Thị C", "10/02/2025"), ("Vũ Văn E", "01/03/2025")]
    listed = table_rows(html, "members")
    assert [r[1] for r in listed] == ["Lê Thị C", "Vũ Văn E", "Hoàng Văn G"]


def test_a_reversed_period_is_said_on_the_page(client, w):
    page = client.get("/party/admissions/?scope=9000&from=01/01/2025&to=01/01/2024")
    assert page.status_code == 400
    shown = text(page)
    assert "Kỳ kết thúc (01/01/2024) trước khi bắt đầu (01/01/2025)." in shown
    assert 'id="from"' in page.content.decode()  # the form is there to correct it


def test_a_bad_date_and_an_unknown_scope_are_said_on_the_page(client, w):
    bad = client.get("/party/admissions/?scope=9000&from=31/02/2024")
    assert bad.status_code == 400
    assert "“31/02/2024” không phải là ngày hợp lệ" in text(bad)
    unknown = client.get(f"/party/statistics/?scope=77777&on={ON}")
    assert unknown.status_code == 404
    assert "77777" in text(unknown) and 'id="scope"' in unknown.content.decode()


# ---------------------------------------------------------------------------- statistics


def test_the_statistics_table_has_a_row_per_organization_and_the_totals(client, w):
    page = client.get(f"/party/statistics/?scope=9000&on={ON}")
    assert page.status_code == 200
    html = page.content.decode()
    rows = table_rows(html, "stats-table")
    assert [r[0] for r in rows] == ["Chi bộ Trường THPT T", "Đảng ủy phường A"]
    # members, official, probationary, male, female
    assert [r[1:6] for r in rows] == [["1", "1", "0", "0", "1"], ["6", "3", "3", "5", "1"]]
    totals = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)
    assert totals
    cells = re.findall(r"<td>(\d+)</td>", totals.group(1))
    assert cells[:5] == ["7", "4", "3", "5", "2"]
    # Grouped column headers: the breakdown over its columns.
    assert re.search(r'colspan="2" scope="colgroup" class="group">Giới tính</th>', html)
    assert "format=xlsx" in html


def test_the_statistics_table_downloads_as_xlsx_with_sum_formulas(client, w):
    response = client.get(f"/party/statistics/?scope=9000&on={ON}&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert "Đảng bộ thành phố T" in sheet["A1"].value
    assert "31/01/2025" in sheet["A2"].value
    assert sheet.freeze_panes == "B6"
    assert sheet["A6"].value == "Chi bộ Trường THPT T"
    assert sheet["A7"].value == "Đảng ủy phường A"
    assert [sheet.cell(6, c).value for c in range(2, 5)] == [1, 1, 0]
    assert [sheet.cell(7, c).value for c in range(2, 5)] == [6, 3, 3]
    # The totals are formulas over the rows above them.
    assert sheet["B8"].value == "=SUM(B6:B7)"
    assert all(
        str(sheet.cell(8, c).value).startswith("=SUM(") for c in range(2, sheet.max_column + 1)
    )
    # Two header rows: the breakdown (merged over its columns), then the columns.
    assert sheet["E4"].value == "Giới tính"
    assert "E4:F4" in {str(r) for r in sheet.merged_cells.ranges}
    assert (sheet["E5"].value, sheet["F5"].value) == ("Nam", "Nữ")
    assert sheet["A6"].font.name == "Times New Roman"
    assert sheet.column_dimensions["A"].width >= 24


def test_the_statistics_page_opens_on_the_organization_of_the_users_grant(w):
    user = User.objects.create_user("ban.to.chuc", password="x")
    Grant.objects.create(user=user, role="org_board", unit=w.city)
    browser = Client()
    browser.force_login(user)
    page = browser.get(f"/party/statistics/?on={ON}")
    assert page.status_code == 200
    assert [r[0] for r in table_rows(page.content.decode(), "stats-table")] == [
        "Chi bộ Trường THPT T",
        "Đảng ủy phường A",
    ]


def test_without_a_scope_the_administrator_is_asked_for_one(client, w):
    page = client.get("/party/statistics/")
    assert page.status_code == 200
    assert 'id="scope"' in page.content.decode()
    assert "stats-table" not in page.content.decode()


def test_a_viewer_sees_the_statistics_table(w):
    page = viewer(w).get(f"/party/statistics/?scope=9000&on={ON}")
    assert page.status_code == 200
    assert [r[1] for r in table_rows(page.content.decode(), "stats-table")] == ["1", "6"]


# ---------------------------------------------------------------------------- pipeline


def test_the_pipeline_counts_open_candidates_and_targets_against_admissions(client, w):
    page = client.get("/party/pipeline/?scope=9000&year=2025")
    assert page.status_code == 200
    html, shown = page.content.decode(), text(page)
    assert re.search(r'id="against-target"[^>]*>\s*<strong>1</strong>', html)
    assert "4" in re.search(r'id="against-target"(.*?)</p>', html, re.S).group(1)
    assert table_rows(html, "targets") == [
        ["Chi bộ Trường THPT T", "1", "0", "1"],
        ["Đảng ủy phường A", "3", "1", "2"],
    ]
    assert "Bùi Văn H" in shown and "Đinh Thị I" in shown


def test_a_bad_year_is_said_on_the_page(client, w):
    page = client.get("/party/pipeline/?scope=9000&year=20x5")
    assert page.status_code == 400
    assert "“20x5”" in text(page)


# ---------------------------------------------------------------------------- structure


def test_the_structure_page_lists_cell_sizes_and_the_rules_broken(client, w):
    page = client.get(f"/party/structure/?scope=9000&on={ON}")
    assert page.status_code == 200
    html = page.content.decode()
    sizes = table_rows(html, "sizes")
    assert sizes[0] == ["0-2", "3"]
    problems = table_rows(html, "structure-problems")
    assert {r[0] for r in problems} == {
        "Chi bộ khu 1",
        "Chi bộ khu 2",
        "Chi bộ Trường THPT T",
        "Đảng ủy phường A",
    }
    assert any("Điều lệ Đảng" in r[4] or "Điều 21" in r[4] for r in problems)


def test_the_menu_links_to_the_party_pages(client, w):
    assert "/party/statistics/" in client.get("/").content.decode()


def test_a_probationary_member_is_confirmed_from_the_member_page(client, w):
    page = client.get(f"/party/member/{w.c.pk}/").content.decode()
    assert 'action="/party/member/' in page and "Công nhận đảng viên chính thức" in page
    early = client.post(f"/party/member/{w.c.pk}/confirm/", {"decided_on": "01/02/2025"})
    assert early.status_code == 400
    assert "10/02/2025" in early.content.decode()  # the end of probation, in the message
    w.c.refresh_from_db()
    assert w.c.confirmed_on is None
    bad = client.post(f"/party/member/{w.c.pk}/confirm/", {"decided_on": "31/02/2025"})
    assert bad.status_code == 400
    done = client.post(
        f"/party/member/{w.c.pk}/confirm/", {"decided_on": "20/02/2025", "decision": "9-QĐ/ĐU"}
    )
    assert done.status_code == 302
    w.c.refresh_from_db()
    assert (w.c.confirmed_on, w.c.confirmation_decision) == (D(2025, 2, 10), "9-QĐ/ĐU")
    assert (
        "Công nhận đảng viên chính thức"
        not in client.get(f"/party/member/{w.c.pk}/").content.decode()
    )


def test_confirming_needs_the_right_to_record_party_records(w):
    viewer = User.objects.create_user("xem.dang", password="x")
    Grant.objects.create(user=viewer, role="auditor", unit=None)
    browser = Client()
    browser.force_login(viewer)
    page = browser.get(f"/party/member/{w.c.pk}/").content.decode()
    assert "Công nhận đảng viên chính thức" not in page
    refused = browser.post(f"/party/member/{w.c.pk}/confirm/", {"decided_on": "20/02/2025"})
    assert refused.status_code == 403
    w.c.refresh_from_db()
    assert w.c.confirmed_on is None
    assert browser.get(f"/party/member/{w.c.pk}/confirm/").status_code == 405
