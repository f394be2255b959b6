"""The indicator pages: the catalogue, a figure with its records, bad input said on a page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_catalogue_page(demo, client):
    page = client.get("/indicators/").content.decode()
    assert "Tỷ lệ kết nạp đảng viên" in page and "theo kỳ" in page


def test_admissions_908_with_the_members_behind_it(demo, client):
    page = client.get(
        "/indicators/admissions/?scope=194&from=01/01/2015&to=31/12/2019&explain=1"
    ).content.decode()
    assert "<strong>908</strong>" in page
    assert "Các bản ghi tạo nên số liệu: 908" in page


def test_the_admission_rate_with_a_comma(demo, client):
    page = client.get("/indicators/admission_rate/?scope=194&from=01/01/2015&to=31/12/2019")
    assert "<strong>5,1%</strong>" in page.content.decode()


def test_bad_input_is_said_on_a_page(demo, client):
    unknown = client.get("/indicators/nothing/")
    assert unknown.status_code == 400 and "Không có chỉ tiêu nào" in unknown.content.decode()
    wrong = client.get("/indicators/admissions/?scope=194&from=31/12/2019&to=01/01/2015")
    assert wrong.status_code == 400 and "trước khi bắt đầu" in wrong.content.decode()
    date = client.get("/indicators/party_organizations/?scope=194&on=32/13/2024")
    assert date.status_code == 400
