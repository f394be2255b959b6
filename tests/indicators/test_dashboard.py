"""The dashboard on the Móng Cái demo: the page with each target's status, its chart data as
a JSON block drawn by a static script (nothing inline), links to the records behind each
figure; the API (conforming to the OpenAPI schema) and the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.staticfiles import finders

from tests.api.schema import conforms, openapi_document
from tinhgon.cli import cli

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return openapi_document()


def test_the_page_shows_each_target_with_its_status_and_chart_data(demo, client):
    response = client.get("/dashboard/?scope=194&on=31/12/2020")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bảng điều khiển: chỉ tiêu và kết quả thực hiện" in html
    assert 'class="status status-met">đạt</span>' in html
    assert 'class="status status-behind">chậm tiến độ</span>' in html
    assert ">5,1%</a>" in html  # the term's admission rate, linked to its records
    assert "/indicators/admission_rate/?scope=id%3A" in html and "explain=1" in html
    block = re.search(
        r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert block
    data = json.loads(block.group(1))
    rate = next(d for d in data if d["target"]["code"] == "party-2015-2020-admission-rate")
    assert rate["status"] == "met" and len(rate["series"]) == 5
    assert [f'id="chart-{i}"' in html for i in range(len(data))] == [True] * len(data)
    # nothing inline: every script is a file of the site or a data block
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert " style=" not in html and "<style" not in html
    assert "/static/web/dashboard.js" in html
    assert "/static/web/vendor/echarts/echarts.min.js" in html


def test_the_scripts_are_shipped_with_the_app_and_its_licence():
    assert finders.find("web/dashboard.js")
    assert finders.find("web/vendor/echarts/echarts.min.js")
    licence = finders.find("web/vendor/echarts/LICENSE")
    assert licence and "Apache License" in Path(licence).read_text(encoding="utf-8")


def test_the_nav_links_to_the_dashboard(demo, client):
    assert "Bảng điều khiển</a>" in client.get("/dashboard/").content.decode()


def test_a_unit_that_does_not_exist_is_said(demo, client):
    response = client.get("/dashboard/?scope=99999&on=31/12/2020")
    assert response.status_code == 404


def test_the_api_lists_schemes_and_evaluates_them(demo, client, openapi):
    schemes = client.get("/api/schemes/")
    assert schemes.status_code == 200
    conforms(openapi, "/api/schemes/", "get", 200, schemes.json())
    codes = {s["code"]: s for s in schemes.json()}
    assert codes["kl40-2022"]["targets"][0]["comparison"] == "reduce_by_at_least"
    response = client.get("/api/dashboard/?scope=194&on=2020-12-31")
    assert response.status_code == 200, response.content
    conforms(openapi, "/api/dashboard/", "get", 200, response.json())
    found = {e["target"]["code"]: e for e in response.json()}
    assert found["party-2015-2020-admission-rate"]["status"] == "met"
    assert found["nq39-payroll"]["status"] == "met"
    missing = client.get("/api/dashboard/?on=2020-12-31")
    assert missing.status_code == 400


def test_the_cli(demo):
    result = CliRunner().invoke(
        cli, ["targets", "--scope", "194", "--on", "2020-12-31"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "[đạt] party-2015-2020-admission-rate" in result.output
    assert "đạt được 5,1%, chỉ tiêu 5%" in result.output
    as_json = CliRunner().invoke(
        cli, ["targets", "--scope", "194", "--on", "2020-12-31", "--json"], catch_exceptions=False
    )
    assert {e["status"] for e in json.loads(as_json.output)} >= {"met", "behind"}
