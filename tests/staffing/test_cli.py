"""`tinhgon staffing` and `tinhgon reductions`: Vietnamese text, JSON, refusals."""

import json

import pytest
from click.testing import CliRunner

from tinhgon.cli import cli
from tinhgon.staffing import services as s

from .helpers import D, build_world, staff

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def w():
    world = build_world()
    world.a_staff = staff(world.committee_a, 3, world.commune)
    world.office = staff(world.home_affairs, 4, world.commune)
    s.quota_set(
        unit=world.home_affairs,
        category="civil_servant",
        number=3,
        document=world.document,
        year=2016,
    )
    s.reduction_record(
        person=world.office[0], on=D(2017, 1, 1), form="severance", case="nd108-a6-1a"
    )
    s.reduction_record(
        person=world.a_staff[0], on=D(2017, 2, 1), form="early_retirement", case="nd108-a6-1b"
    )
    return world


def test_staffing_in_vietnamese(w):
    result = run("staffing", "9000", "--on", "2016-06-30")
    assert result.exit_code == 0, result.output
    assert "Biên chế của Thành phố T ngày 2016-06-30: có mặt 7, được giao 3" in result.output
    assert "công chức" in result.output and "dôi dư" in result.output
    assert "Theo đơn vị:" in result.output


def test_staffing_json(w):
    result = run("staffing", "90001", "--on", "2016-06-30", "--json", "--list")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["headcount"] == 3 and body["on"] == "2016-06-30"
    assert len(body["employees"]) == 3


def test_reductions_with_sector_filter_and_json(w):
    result = run("reductions", "9000", "--from", "2015-01-01", "--to", "2020-12-31")
    assert result.exit_code == 0, result.output
    assert (
        "Tinh giản biên chế của Thành phố T từ 2015-01-01 đến 2020-12-31: 2 người" in result.output
    )
    assert "xã, phường, thị trấn: 1" in result.output
    assert "108/2014/NĐ-CP: 2" in result.output
    filtered = run(
        "reductions",
        "9000",
        "--from",
        "2015-01-01",
        "--to",
        "2020-12-31",
        "--sector",
        "commune",
        "--json",
    )
    body = json.loads(filtered.output)
    assert body["total"] == 1 and body["sectors"] == ["commune"]
    assert body["rows"][0]["basis"] == "108/2014/NĐ-CP"


def test_unknown_unit_is_refused(w):
    result = run("staffing", "99999", "--on", "2016-06-30")
    assert result.exit_code == 2
    assert "Không có đơn vị" in result.output or "Không có đơn vị" in (result.stderr or "")
