"""The pages "Trước và sau 01/07/2025": the national summary and a province's communes with their
predecessors and successors, filters, the flow diagram and the legal basis.

Quảng Ninh (22) and Điện Biên (11, whose resolution is from a secondary source) are loaded from
the package once for the module; expected values come from the package's files, the resolutions
table or published facts."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client

from tests.adminunits.package_facts import (
    SUBTYPE,
    districts_of,
    new_of,
    old_of,
    package,
    resolution,
)
from tests.registry.helpers import D
from tinhgon.adminunits.loader import load_admin_units
from tinhgon.registry.models import LegalDocument
from tinhgon.registry.queries import unit_resolve

BEFORE, AFTER = D(2025, 6, 30), D(2025, 7, 1)
MONG_CAI_1 = {
    "Phường Trần Phú",
    "Phường Hải Hòa",
    "Xã Hải Xuân",
    "Phường Bình Ngọc",
    "Phường Trà Cổ",
}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        load_admin_units(provinces=["22", "11"])
        yield
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    match = re.search(rf'<section[^>]*id="{anchor}".*?</section>', html, re.S)
    assert match, anchor
    return match.group(0)


def rows(html: str) -> dict[str, str]:
    """The rows of a transition table by the name of their first cell."""
    found = {}
    for row in re.findall(r"<tr id=\"(?:new|old)-\d+\".*?</tr>", html, re.S):
        name = re.search(r"<td><a [^>]*>([^<]+)</a>", row)
        assert name
        found[name.group(1)] = row
    return found


def linked_names(row: str) -> set[str]:
    cell = row.split("</td>", 1)[1]
    return set(re.findall(r'<a href="/units/\d+/\?on=[^"]+">([^<]+)</a>', cell))


def province_url(code: str, on) -> str:  # type: ignore[no-untyped-def]
    return f"/admin-units/provinces/{unit_resolve(f'code:{code}', on).pk}/"


# ---------------------------------------------------------------------------- summary


def test_the_nav_leads_to_the_summary_with_counts_on_both_days(client, loaded):
    home = page(client, "/")
    assert '<a href="/admin-units/">Trước và sau 01/07/2025</a>' in home
    html = page(client, "/admin-units/")
    assert "<h1>Đơn vị hành chính trước và sau 01/07/2025</h1>" in html
    counts = section(html, "counts")

    def cells(kind: str, subtype: str = "") -> tuple[str, str]:
        match = re.search(
            rf'data-kind="{kind}" data-subtype="{subtype}">.*?<td class="num before">(\d+)</td>'
            r'\s*<td class="num after">(\d+)</td>',
            counts,
            re.S,
        )
        assert match, (kind, subtype)
        return match.group(1), match.group(2)

    assert cells("province") == ("2", "2")
    assert cells("district") == (str(len(districts_of("22") | districts_of("11"))), "0")
    old = Counter(SUBTYPE[package()["old"][c][2]] for c in old_of("22") | old_of("11"))
    new = Counter(SUBTYPE[package()["new"][c][2]] for c in new_of("22") | new_of("11"))
    assert cells("commune") == (str(sum(old.values())), str(sum(new.values())))
    for subtype in ("ward", "rural_commune", "township", "special_zone"):
        assert cells("commune", subtype) == (str(old[subtype]), str(new[subtype]))
    assert ">30/06/2025</th>" in counts and ">01/07/2025</th>" in counts
    assert "2025-07-01" not in html


def test_the_summary_lists_the_provinces_of_each_side_with_their_resolution(client, loaded):
    html = page(client, "/admin-units/")
    new = section(html, "new-provinces")
    quang_ninh = province_url("22", AFTER)
    assert f'<a href="{quang_ninh}?on=01/07/2025">Tỉnh Quảng Ninh</a>' in new
    assert f'<a href="{province_url("11", AFTER)}?on=01/07/2025">Tỉnh Điện Biên</a>' in new
    dien_bien = resolution("Tỉnh Điện Biên")
    assert dien_bien["status"] == "S"
    assert re.search(
        re.escape(dien_bien["resolution_number"]) + r'</a> <span class="badge secondary">'
        r"nguồn thứ cấp</span>",
        new,
    )
    assert "1679/NQ-UBTVQH15</a>," not in new and "1679/NQ-UBTVQH15</a> <span" not in new
    old = section(html, "old-provinces")
    assert f'<a href="{quang_ninh}?on=30/06/2025">Tỉnh Quảng Ninh</a>' in old


def test_the_chooser_goes_to_the_province_on_the_side_chosen(client, loaded):
    unit = unit_resolve("code:22", AFTER)
    response = client.get(f"/admin-units/pick/?province={unit.pk}&side=before")
    assert response.status_code == 302
    assert response["Location"] == f"/admin-units/provinces/{unit.pk}/?on=30/06/2025"
    assert client.get("/admin-units/pick/?province=x")["Location"] == "/admin-units/"


# ---------------------------------------------------------------------------- a province


def test_each_new_commune_with_its_predecessors(client, loaded):
    html = page(client, province_url("22", AFTER) + "?on=01/07/2025")
    assert "<h1>Tỉnh Quảng Ninh</h1>" in html
    assert "Tỉnh sau khi sắp xếp (từ ngày 01/07/2025)." in html
    new = rows(section(html, "new-units"))
    assert set(new) == {package()["new"][c][1] for c in new_of("22")}
    assert linked_names(new["Phường Móng Cái 1"]) == MONG_CAI_1
    assert '<span class="code">06712</span>' in new["Phường Móng Cái 1"]
    assert "toàn bộ" in new["Phường Móng Cái 1"]
    assert "Phường Hòa Lạc đã nhập vào từ ngày 01/11/2024" in new["Phường Móng Cái 1"]
    summary = (
        f"{len(old_of('22'))} xã, phường, thị trấn đến hết ngày 30/06/2025 → "
        f"{len(new_of('22'))} xã, phường, đặc khu từ ngày 01/07/2025"
    )
    assert summary in html


def test_each_old_commune_with_its_successors_and_the_part_that_holds_the_centre(client, loaded):
    html = page(client, province_url("22", BEFORE) + "?on=30/06/2025")
    assert "Tỉnh như trước khi sắp xếp (đến hết ngày 30/06/2025)." in html
    old = rows(section(html, "old-units"))
    assert set(old) == {package()["old"][c][1] for c in old_of("22")}
    quang_long = old["Xã Quảng Long"]
    expected = {
        (package()["new"][new][1], centre)
        for name_code, new, share, centre in package()["flows"]
        if package()["old"].get(name_code, ("", ""))[1] == "Xã Quảng Long" and share == "part"
    }
    assert linked_names(quang_long) == {name for name, _c in expected}
    (centre,) = [name for name, c in expected if c]
    items = re.findall(r"<li.*?</li>", quang_long, re.S)
    with_mark = [i for i in items if "có trung tâm hành chính cũ" in i]
    assert len(with_mark) == 1 and f">{centre}</a>" in with_mark[0]
    assert "một phần" in quang_long and "bị chia" in quang_long


def test_the_legal_basis_and_its_verification_mark(client, loaded):
    html = page(client, province_url("22", AFTER) + "?on=01/07/2025")
    basis = section(html, "legal-basis")
    assert ">1679/NQ-UBTVQH15</a>" in basis and "badge" not in basis
    assert "ký ngày 16/06/2025" in basis
    dien_bien = section(page(client, province_url("11", AFTER)), "legal-basis")
    assert '<span class="badge secondary"' in dien_bien and "nguồn thứ cấp" in dien_bien
    LegalDocument.objects.filter(number="1679/NQ-UBTVQH15").update(status="U")
    marked = section(page(client, province_url("22", AFTER)), "legal-basis")
    assert '<span class="badge unverified"' in marked and "chưa xác minh" in marked


def test_the_diagram_draws_a_line_per_flow_parts_dashed(client, loaded):
    html = page(client, province_url("22", AFTER) + "?on=01/07/2025")
    svg = section(html, "diagram")
    flows = [f for f in package()["flows"] if f[1] in new_of("22")]
    paths = re.findall(r'<path class="flow( part)?( centre)?"', svg)
    assert len(paths) == len(flows)
    assert sum(1 for part, _c in paths if part) == sum(1 for f in flows if f[2] == "part")
    assert sum(1 for _p, centre in paths if centre) == sum(1 for f in flows if f[3])
    assert svg.count('<g class="old') == len(old_of("22"))
    assert svg.count('<g class="group"') == len(new_of("22"))
    assert "Đến hết 30/06/2025" in svg and "Từ 01/07/2025" in svg
    assert 'class="flows-scroll"' in svg


# ---------------------------------------------------------------------------- filters


def test_filter_by_kind_divided_and_text_without_diacritics(client, loaded):
    base = province_url("22", AFTER) + "?on=01/07/2025"
    zones = page(client, base + "&kind=special_zone")
    assert set(rows(section(zones, "new-units"))) == {"Đặc khu Vân Đồn", "Đặc khu Cô Tô"}
    assert '<option value="special_zone" selected>đặc khu</option>' in zones
    assert f"Đang hiển thị: 2/{len(new_of('22'))} đơn vị mới" in zones
    found = page(client, base + "&text=hoa+lac")
    assert set(rows(section(found, "new-units"))) == {"Phường Móng Cái 1"}
    assert set(rows(section(found, "old-units"))) == {"Phường Trần Phú"}
    divided = page(client, base + "&divided=1")
    parts = {f[1] for f in package()["flows"] if f[1] in new_of("22") and f[2] == "part"}
    assert set(rows(section(divided, "new-units"))) == {package()["new"][c][1] for c in parts}
    assert 'name="divided" value="1" checked' in divided
    nothing = page(client, base + "&text=zzzz")
    assert "Không có đơn vị nào phù hợp với điều kiện lọc." in nothing


def test_bad_input_gives_a_page_in_vietnamese(client, loaded):
    html = page(client, province_url("22", AFTER) + "?kind=district", status=400)
    assert "không phải là lựa chọn hợp lệ" in html
    commune = unit_resolve("code:06712", AFTER)
    missing = page(client, f"/admin-units/provinces/{commune.pk}/", status=404)
    assert "không phải là tỉnh, thành phố vào ngày 30/06/2025 hay ngày 01/07/2025" in missing
    page(client, "/admin-units/provinces/999999/", status=404)


def test_the_province_page_does_not_query_per_commune(
    client, loaded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(60):
        page(client, province_url("22", AFTER) + "?on=01/07/2025")
