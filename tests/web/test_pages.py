"""The pages render what was true at the date asked, in Vietnamese, with dates as dd/mm/yyyy."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tinhgon.registry import queries
from tinhgon.registry.eventspec import CodeSpec, NewUnitSpec
from tinhgon.registry.kinds import CodeScheme, EventKind, KindGroup, Share, UnitKind
from tinhgon.registry.services import unit_register

from .sample import BASE, Sample, bad_date_message, vi

pytestmark = pytest.mark.django_db

CONSOLIDATE, MERGE = vi(EventKind.CONSOLIDATE.label), vi(EventKind.MERGE.label)


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    """The HTML of the <section id="anchor">."""
    match = re.search(rf'<section[^>]*id="{anchor}".*?</section>', html, re.S)
    assert match, anchor
    return match.group(0)


def date_field(html: str) -> str:
    match = re.search(r'<input type="text" id="site-on" name="on" value="([^"]*)"', html)
    assert match
    return match.group(1)


# ---------------------------------------------------------------------------- home


def test_home_lists_the_top_level_units_with_links_into_their_trees(client, sample: Sample):
    html = page(client, "/?on=01/01/2015")
    assert "Tổ chức bộ máy tại ngày 01/01/2015" in html
    assert "Tỉnh Quảng Ninh" in html
    assert f'href="/units/{sample.province.pk}/tree/?on=01/01/2015"' in html
    assert "Thành phố Móng Cái" not in html, "the city has a parent"
    assert date_field(html) == "01/01/2015"


def test_home_of_an_empty_registry_says_how_to_load_the_demo(client):
    html = page(client, "/")
    assert "Chưa có dữ liệu" in html
    assert "tinhgon demo load" in html


def test_home_before_the_records_begin(client, sample: Sample):
    html = page(client, "/?on=31/12/2009")
    assert "Không có đơn vị nào vào ngày 31/12/2009" in html


# ---------------------------------------------------------------------------- tree


def test_tree_shows_the_apparatus_as_of_the_date(client, sample: Sample):
    url = f"/units/{sample.city.pk}/tree/"
    before = page(client, url + "?on=01/01/2015")
    after = page(client, url + "?on=01/01/2020")
    for name in ("Ban Tổ chức Thành ủy", "Phòng Nội vụ", "Khu 2", "Phường Hòa Lạc"):
        assert name in before
    assert "Ban Tổ chức - Nội vụ" not in before
    assert "Cơ quan Tổ chức - Nội vụ" in after
    for name in ("Ban Tổ chức Thành ủy", "Phòng Nội vụ", "Khu 2"):
        assert name not in after
    assert "Phường Hòa Lạc" not in page(client, url + "?on=01/11/2024")


def test_tree_nodes_show_kind_label_and_codes_and_link_at_the_date(client, sample: Sample):
    html = page(client, f"/units/{sample.city.pk}/tree/?on=01/01/2015")
    assert f'<span class="code" title="{vi(CodeScheme.ADMINISTRATIVE.label)}">06709</span>' in html
    assert f'href="/units/{sample.ka_long.pk}/?on=01/01/2015">Phường Ka Long</a>' in html
    assert f'<span class="kind">{vi(UnitKind.COMMUNE.label)}</span>' in html
    assert "số đơn vị trực thuộc tại ngày 01/01/2015: 11" in html


def test_tree_accepts_iso_dates_and_shows_them_as_dd_mm_yyyy(client, sample: Sample):
    html = page(client, f"/units/{sample.city.pk}/tree/?on=2015-01-01")
    assert date_field(html) == "01/01/2015"
    assert f'href="/units/{sample.ka_long.pk}/?on=01/01/2015"' in html
    assert "2015-01-01" not in html


def test_tree_depth_limits_the_levels(client, sample: Sample):
    url = f"/units/{sample.city.pk}/tree/?on=01/01/2015"
    assert "Khu 1" not in page(client, url + "&depth=1")
    assert "Khu 1" in page(client, url + "&depth=all")
    html = page(client, url + "&depth=0", status=400)
    assert "không phải là số cấp hợp lệ" in html


def test_tree_as_an_organization_chart(client, sample: Sample):
    html = page(client, f"/units/{sample.city.pk}/tree/?on=01/01/2015&view=chart")
    assert 'class="orgchart"' in html
    assert html.count('class="box ') == 12  # the city and the 11 units under it
    assert 'class="stack"' in html, "Ka Long's villages hang in a column"
    assert 'aria-current="page">Sơ đồ tổ chức<' in html


def test_tree_page_does_not_query_per_node(client, sample: Sample, django_assert_max_num_queries):
    for number in range(40):
        unit_register(
            spec=NewUnitSpec(
                name=f"Tổ dân phố {number}",
                kind="village",
                parent=f"id:{sample.ka_long.pk}",
                codes=[CodeSpec("other", f"T{number}")],
            ),
            valid_from=BASE,
        )
    with django_assert_max_num_queries(10):
        html = page(client, f"/units/{sample.city.pk}/tree/?on=01/01/2015&depth=all")
    assert "Tổ dân phố 39" in html and "T39" in html


def test_tree_of_a_unit_that_does_not_exist_then_is_not_found(client, sample: Sample):
    html = page(client, f"/units/{sample.joint_board.pk}/tree/?on=01/01/2015", status=404)
    assert "“Cơ quan Tổ chức - Nội vụ”" in html  # named by its latest name
    assert "01/01/2015" in html


# ---------------------------------------------------------------------------- unit


def test_unit_page_shows_its_versions_codes_and_events(client, sample: Sample):
    html = page(client, f"/units/{sample.joint_board.pk}/?on=01/01/2021")
    assert "<h1>Cơ quan Tổ chức - Nội vụ</h1>" in html
    versions = section(html, "versions")
    assert "Ban Tổ chức - Nội vụ Thành ủy" in versions
    assert "01/07/2018 – 31/12/2019" in versions
    assert "01/01/2020 – nay" in versions
    assert (
        f'href="/events/{sample.consolidation.pk}/?on=01/01/2021">{CONSOLIDATE} 01/07/2018<'
        in versions
    )
    events = section(html, "events")
    assert "Hợp nhất Ban Tổ chức Thành ủy và Phòng Nội vụ" in events
    assert "1874-QĐ/TU" in events
    assert "Thành phố Móng Cái" in html  # it belongs to the city


def test_unit_page_codes_with_their_validity(client, sample: Sample):
    html = page(client, f"/units/{sample.tran_phu.pk}/?on=01/01/2020")
    codes = section(html, "codes")
    assert "06712" in codes and "01/01/2010 – 30/06/2025" in codes


def test_unit_page_lineage_both_ways(client, sample: Sample):
    board = page(client, f"/units/{sample.board.pk}/?on=01/01/2015")
    became = section(board, "became")
    assert "Cơ quan Tổ chức - Nội vụ" in became
    assert vi(Share.WHOLE.label) in became
    assert f"{CONSOLIDATE} 01/07/2018" in became

    joint = page(client, f"/units/{sample.joint_board.pk}/?on=01/01/2021&back_to=01/01/2016")
    formed = section(joint, "formed-from")
    assert "Ban Tổ chức Thành ủy" in formed and "Phòng Nội vụ" in formed
    assert 'value="01/01/2016"' in formed


def test_lineage_follows_several_events(client, sample: Sample):
    html = page(client, f"/units/{sample.hoa_lac.pk}/?on=01/01/2020&forward_to=01/08/2025")
    became = section(html, "became")
    assert f'href="/units/{sample.mong_cai_1.pk}/?on=01/08/2025">Phường Móng Cái 1<' in became
    assert re.search(
        rf"{MERGE} 01/11/2024</a> <span class=\"arrow\">→</span> <a[^>]*>{CONSOLIDATE} 01/07/2025",
        became,
    )


def test_lineage_target_on_the_wrong_side_is_refused_in_place(client, sample: Sample):
    html = page(client, f"/units/{sample.board.pk}/?on=01/01/2015&forward_to=01/01/2014")
    assert "Ngày cần tra cứu không được trước ngày 01/01/2015" in section(html, "became")
    bad = page(client, f"/units/{sample.board.pk}/?on=01/01/2015&back_to=hôm qua", status=400)
    assert bad_date_message("hôm qua") in section(bad, "formed-from")


def test_unit_page_diff_counts_by_group_and_kind(client, sample: Sample, monkeypatch):
    calls = []
    real = queries.diff

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "diff", spy)
    url = f"/units/{sample.city.pk}/?on=01/01/2015&diff_from=01/01/2015&diff_to=31/12/2020"
    diff = section(page(client, url), "diff")
    assert len(calls) == 1 and calls[0][1:] == (BASE.replace(2015), BASE.replace(2020, 12, 31))
    assert "Từ 01/01/2015 đến 31/12/2020" in diff
    agencies, villages = vi(KindGroup.AGENCY.label), vi(KindGroup.VILLAGE.label)
    assert f"giảm 2 {agencies}" in diff
    assert f"giảm 1 {villages}" in diff
    row = re.search(rf"{agencies}</th><td>(\d+)</td><td>(\d+)</td><td[^>]*>([^<]+)</td>", diff)
    assert row and row.groups() == ("4", "2", "−2")
    ended = re.search(r'<ul class="plain ended-list">(.*?)</ul>', diff, re.S)
    assert ended and "Phòng Nội vụ" in ended.group(1) and "Khu 2" in ended.group(1)


def test_unit_page_without_diff_parameters_does_not_compute_it(client, sample, monkeypatch):
    monkeypatch.setattr(queries, "diff", lambda *a: pytest.fail("diff computed"))
    html = page(client, f"/units/{sample.city.pk}/")
    assert 'name="diff_from" value="01/01/2015"' in html


def test_unit_that_does_not_exist_on_the_date_is_shown_as_it_last_was(client, sample: Sample):
    html = page(client, f"/units/{sample.board.pk}/?on=01/01/2020")
    assert "Đơn vị này không tồn tại vào ngày 01/01/2020" in html
    assert "30/06/2018" in html
    assert "<h1>Ban Tổ chức Thành ủy</h1>" in html


def test_code_redirects_to_the_unit_holding_it_on_the_date(client, sample: Sample):
    response = client.get("/code/06712/?on=01/01/2020")
    assert response.status_code == 302
    assert response["Location"] == f"/units/{sample.tran_phu.pk}/?on=01/01/2020"
    response = client.get("/code/06712/?on=2025-07-01")
    assert response["Location"] == f"/units/{sample.mong_cai_1.pk}/?on=01/07/2025"
    html = page(client, "/code/99999/?on=01/01/2020", status=404)
    assert "Không có đơn vị nào mang mã “99999” vào ngày 01/01/2020" in html


# ---------------------------------------------------------------------------- events


def test_event_page_shows_kind_documents_and_units(client, sample: Sample):
    html = page(client, f"/events/{sample.consolidation.pk}/")
    assert '<h1><span class="event-kind">Hợp nhất</span> · hiệu lực từ 01/07/2018</h1>' in html
    assert "Hợp nhất Ban Tổ chức Thành ủy và Phòng Nội vụ" in html
    assert "Thí điểm theo Đề án 25." in html
    documents = section(html, "documents")
    assert "1874-QĐ/TU" in documents and "Tỉnh ủy Quảng Ninh" in documents
    assert "20/06/2018" in documents and "01/07/2018" in documents
    assert "chưa xác minh" in documents
    inputs, outputs = section(html, "inputs"), section(html, "outputs")
    assert "Ban Tổ chức Thành ủy" in inputs and "Phòng Nội vụ" in inputs
    assert inputs.count("chấm dứt") == 2 and vi(Share.WHOLE.label) in inputs
    assert f'href="/units/{sample.board.pk}/?on=30/06/2018"' in inputs
    assert "Ban Tổ chức - Nội vụ Thành ủy" in outputs and "đơn vị mới" in outputs


def test_verified_documents_carry_no_warning(client, sample: Sample):
    documents = section(page(client, f"/events/{sample.village_merge.pk}/"), "documents")
    assert "210/NQ-HĐND" in documents
    assert "chưa xác minh" not in documents
    assert 'href="https://example.invalid/210-nq-hdnd"' in documents


def test_event_list_filters_by_kind_and_date(client, sample: Sample):
    everything = page(client, "/events/")
    assert "Số sự kiện: 6" in everything
    consolidations = page(client, "/events/?kind=consolidate")
    assert "Số sự kiện: 3" in consolidations
    in_2018 = page(client, "/events/?kind=consolidate&from=01/01/2018&to=31/12/2018")
    assert "Số sự kiện: 2" in in_2018 and "Thành lập phường Móng Cái 1" not in in_2018
    assert 'value="01/01/2018"' in in_2018
    assert "không phải là lựa chọn hợp lệ" in page(client, "/events/?kind=explode", status=400)
    assert bad_date_message("2018") in page(client, "/events/?from=2018", status=400)


def test_document_page_lists_its_events(client, sample: Sample):
    document = sample.consolidation.documents.get()
    html = page(client, f"/documents/{document.pk}/")
    assert "1874-QĐ/TU" in html and "chưa xác minh" in html
    events = section(html, "events")
    assert events.count('href="/events/') == 3
    assert "Đổi tên Ban Tổ chức - Nội vụ" in events


# ---------------------------------------------------------------------------- search


def test_search_without_diacritics(client, sample: Sample):
    html = page(client, "/search/?q=mong+cai")
    assert "Thành phố Móng Cái" in html and "Phường Móng Cái 1" in html
    html = page(client, "/search/?q=hoa+lac&on=01/01/2025")
    assert "Phường Hòa Lạc" in html
    assert "01/01/2010 – 31/10/2024" in html
    assert f'href="/units/{sample.hoa_lac.pk}/?on=31/10/2024"' in html


def test_search_limited_to_the_date(client, sample: Sample):
    html = page(client, "/search/?q=hoa+lac&on=01/01/2025&scope=on")
    assert "Phường Hòa Lạc" not in html
    assert "Không tìm thấy" in html


def test_search_by_code_at_the_date(client, sample: Sample):
    html = page(client, "/search/?q=06712&on=01/01/2020")
    assert "Mã 06712 tại ngày 01/01/2020" in html
    assert "Phường Trần Phú" in html


# ---------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "url", ["/", "/units/{city}/", "/units/{city}/tree/", "/search/?q=x", "/events/"]
)
def test_a_bad_date_gives_a_400_page_in_vietnamese(client, sample: Sample, url):
    joiner = "&" if "?" in url else "?"
    html = page(client, url.format(city=sample.city.pk) + joiner + "on=31/02/2020", status=400)
    assert "Không thể hiển thị trang này" in html
    assert bad_date_message("31/02/2020") in html
    assert "Ngày viết theo dạng dd/mm/yyyy" in html
    assert date_field(html) == "31/02/2020", "what was typed stays in the field"


@pytest.mark.parametrize(
    "url", ["/units/999999/", "/units/999999/tree/", "/events/999999/", "/documents/999999/"]
)
def test_an_unknown_id_gives_a_404_page_in_vietnamese(client, sample: Sample, url):
    html = page(client, url, status=404)
    assert "Không tìm thấy" in html
    assert "999999" in html


def test_an_unknown_address_gives_the_404_page_in_vietnamese(client, db):
    html = page(client, "/no/such/page/", status=404)
    assert "Không có trang nào ở địa chỉ này" in html


def test_links_carry_the_date_through_the_pages(client, sample: Sample):
    html = page(client, f"/units/{sample.city.pk}/?on=01/01/2015")
    assert 'href="/events/?on=01/01/2015"' in html  # the menu
    assert f'href="/units/{sample.city.pk}/tree/?on=01/01/2015"' in html
    assert '<input type="hidden" name="on" value="01/01/2015">' in html  # the search box
