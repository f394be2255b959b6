"""The page "Chuyển đổi địa chỉ": the form, the old unit and the new ones with their lineage,
the candidates of an ambiguous or unknown address with links, the reverse form."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.adminunits.test_address_world import World, build_world
from tinhgon.registry.kinds import EventKind, Share

from .sample import bad_date_message, vi

pytestmark = pytest.mark.django_db

URL = "/address/"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def page(client: Client, status: int = 200, **params: str) -> str:
    url = f"{URL}?{urlencode(params)}" if params else URL
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def section(text: str, anchor: str) -> str:
    match = re.search(rf'<section id="{anchor}">.*?</section>', text, re.S)
    assert match, anchor
    return match.group(0)


def links(text: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', text)]


def test_the_page_is_in_the_menu_and_shows_both_forms(client, world):
    home = client.get("/").content.decode()
    assert '<a href="/address/">Chuyển đổi địa chỉ</a>' in home
    text = page(client)
    assert "<h1>Chuyển đổi địa chỉ</h1>" in text
    assert 'id="address" name="address"' in text
    assert 'id="date" name="date" value="30/06/2025"' in text
    assert 'id="new_date" name="new_date" value="01/07/2025"' in text
    assert 'class="summary"' not in text


def test_an_address_shows_the_old_unit_the_new_one_and_the_way_between(client, world):
    text = section(
        page(client, address="12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"), "convert"
    )
    assert "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh nay là Phường Móng Cái 1" in text
    assert "Đơn vị cũ vào ngày 30/06/2025" in text
    assert "Đơn vị mới vào ngày 01/07/2025" in text
    hrefs = links(text)
    assert f"/units/{world.old('06712').pk}/?on=30/06/2025" in hrefs
    assert f"/units/{world.old('194').pk}/?on=30/06/2025" in hrefs
    assert f"/units/{world.new('06712').pk}/?on=01/07/2025" in hrefs
    assert any(h.startswith("/events/") for h in hrefs), "the event of the lineage is linked"
    assert f"{vi(EventKind.CONSOLIDATE.label)} 01/07/2025" in text
    assert vi(Share.WHOLE.label) in text
    assert "Địa chỉ mới: <strong>12 Lê Lợi, Phường Móng Cái 1, Tỉnh Quảng Ninh</strong>" in text
    assert 'value="12 Lê Lợi, P. Trần Phú, TP. Móng Cái, Quảng Ninh"' in text


def test_a_divided_commune_shows_every_part_and_marks_the_centre(client, world):
    text = section(page(client, address="Xã Quảng Nghĩa, Móng Cái, Quảng Ninh"), "convert")
    rows = re.findall(r"<tr>\s*<td><a[^>]*>([^<]+)</a>.*?</tr>", text, re.S)
    assert rows == ["Phường Móng Cái 2", "Xã Hải Ninh"]
    assert text.count(vi(Share.PART.label)) >= 2
    assert text.count("có trung tâm hành chính cũ") >= 1
    assert "Địa chỉ mới:" not in text
    assert "Đơn vị cũ đã được chia" in text


def test_an_ambiguous_address_lists_the_candidates_with_links(client, world):
    text = section(page(client, address="ba to, ba to, quang ngai"), "convert")
    assert "khớp với 2 đơn vị vào ngày 30/06/2025" in text
    assert "Có thể là:" in text
    candidates = re.findall(r'<a class="candidate" href="([^"]+)">([^<]+)</a>', text)
    assert [name for _h, name in candidates] == [
        "Thị trấn Ba Tơ, Huyện Ba Tơ, Tỉnh Quảng Ngãi",
        "Xã Ba Tô, Huyện Ba Tơ, Tỉnh Quảng Ngãi",
    ]
    # Following a candidate converts that unit, and nothing else.
    chosen = client.get(html.unescape(candidates[1][0])).content.decode()
    result = section(chosen, "convert")
    assert "Xã Ba Tô, Huyện Ba Tơ, Tỉnh Quảng Ngãi nay là Xã Ba Tơ, Tỉnh Quảng Ngãi" in result


def test_an_unknown_address_says_so_with_similar_names(client, world):
    text = section(page(client, address="Xã Hòa Lạc, Móng Cái, Quảng Ninh"), "convert")
    assert "Không có xã, phường, thị trấn nào tên “Xã Hòa Lạc”" in text
    assert "Các tên gần giống:" in text
    assert "Phường Trần Phú, Thành phố Móng Cái, Tỉnh Quảng Ninh" in text
    assert 'class="summary"' not in text


def test_the_date_of_the_old_address_is_dd_mm_yyyy(client, world):
    text = section(
        page(client, address="Phường Hòa Lạc, Móng Cái, Quảng Ninh", date="01/06/2024"), "convert"
    )
    assert "Đơn vị cũ vào ngày 01/06/2024" in text
    assert "Phường Hòa Lạc, Thành phố Móng Cái, Tỉnh Quảng Ninh nay là Phường Móng Cái 1" in text
    assert f"{vi(EventKind.MERGE.label)} 01/11/2024" in text
    bad = page(client, 400, address="Trần Phú, Quảng Ninh", date="31/02/2025")
    assert bad_date_message("31/02/2025") in html.unescape(section(bad, "convert"))
    assert 'class="summary"' not in bad


def test_the_reverse_form_lists_the_old_units(client, world):
    text = section(page(client, unit="Xã Hải Ninh", province="Quảng Ninh"), "reverse")
    assert "Xã Hải Ninh, Tỉnh Quảng Ninh được hình thành từ 2 đơn vị" in text
    rows = re.findall(r"<tr>\s*<td><a[^>]*>([^<]+)</a>.*?</tr>", text, re.S)
    assert rows == [
        "Xã Hải Tiến, Thành phố Móng Cái, Tỉnh Quảng Ninh",
        "Xã Quảng Nghĩa, Thành phố Móng Cái, Tỉnh Quảng Ninh",
    ]
    assert "có trung tâm hành chính của đơn vị này" in text
    assert f"/units/{world.old('06739').pk}/?on=30/06/2025" in links(text)


def test_the_reverse_of_something_ambiguous_lists_candidates(client, world):
    text = section(page(client, unit="Phường 1", new_date="30/06/2025"), "reverse")
    assert "khớp với 3 đơn vị" in text
    assert len(re.findall(r'<a class="candidate"', text)) == 3
