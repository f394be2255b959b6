"""The indicator catalogue on the Móng Cái demo, loaded once for this module: every indicator
answers the reported figures (shared/domain/mong-cai.md) from the records and explains itself
with the records behind the figure; the same through the CLI, the API (conforming to the
OpenAPI schema) and the pages; what cannot be counted is refused with a Vietnamese message."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from tests.api.schema import conforms, openapi_document
from tinhgon.cli import cli
from tinhgon.core.errors import DomainError, NotFound
from tinhgon.indicators.catalogue import CATALOGUE, compute
from tinhgon.registry import queries as rq

D = dt.date
pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------- catalogue
def city():
    return rq.unit_resolve("194", D(2015, 1, 1))


def figures(result) -> dict[str, object]:
    return {f.key: f.value for f in result.figures}


def test_the_catalogue_names_every_indicator_of_the_issue():
    assert set(CATALOGUE) == {
        "units_by_kind",
        "units_fewer",
        "consolidations",
        "unification_coverage",
        "non_local_leaders",
        "headcount_vs_quota",
        "reductions",
        "admissions",
        "admission_rate",
        "party_organizations",
        "public_service_autonomy",
    }


def test_units_fewer_in_the_2015_2020_term(demo):
    # "giảm 07 cơ quan, đơn vị, 02 thôn - khu phố, 04 trường và 29 điểm trường"
    result = compute(
        "units_fewer", city(), date_from=D(2015, 1, 1), date_to=D(2020, 12, 31), explain=True
    )
    found = figures(result)
    assert (found["group:agency"], found["group:village"]) == (7, 2)
    assert (found["group:school"], found["group:school_site"]) == (4, 29)
    ended = [e for e in result.evidence if e.detail == "đã kết thúc"]
    assert len(ended) >= 7 + 2 + 4 + 29


def test_consolidations_with_their_documents(demo):
    result = compute(
        "consolidations", city(), date_from=D(2015, 1, 1), date_to=D(2020, 12, 31), explain=True
    )
    assert result.value == len(result.evidence) > 0
    assert any("QĐ/TU" in e.detail for e in result.evidence)


def test_coverage_and_non_local_17_of_17(demo):
    on = D(2020, 6, 30)
    coverage = compute(
        "unification_coverage",
        city(),
        on=on,
        params={"policy": "commune-secretary-committee-chair"},
        explain=True,
    )
    [figure] = coverage.figures
    assert (figure.value, figure.total, figure.rate) == (17, 17, 1.0)
    assert len(coverage.evidence) == 17
    non_local = compute("non_local_leaders", city(), on=on)
    assert (non_local.figures[0].value, non_local.figures[0].total) == (17, 17)


def test_reductions_156_and_264(demo):
    subset = compute(
        "reductions",
        city(),
        date_from=D(2015, 1, 1),
        date_to=D(2020, 12, 31),
        params={"sector": "party,state,commune"},
        explain=True,
    )
    assert subset.value == 156 and len(subset.evidence) == 156
    assert (
        compute("reductions", city(), date_from=D(2015, 1, 1), date_to=D(2019, 6, 30)).value == 264
    )


def test_admissions_908_at_5_1_percent_and_857(demo):
    first = {"date_from": D(2015, 1, 1), "date_to": D(2019, 12, 31)}
    assert compute("admissions", city(), **first).value == 908
    rate = compute("admission_rate", city(), **first)
    assert round(rate.value * 100, 1) == 5.1
    assert [f.key for f in rate.figures] == [f"year:{y}" for y in range(2015, 2020)]
    since = compute(
        "admissions", city(), date_from=D(2020, 7, 1), date_to=D(2024, 10, 9), explain=True
    )
    assert since.value == 857 == len(since.evidence)


def test_party_organizations_36_and_263(demo):
    found = figures(compute("party_organizations", city(), on=D(2024, 10, 9)))
    assert (found["grassroots"], found["cells_under_committees"]) == (36, 263)


def test_shared_office_headcount(demo):
    from tinhgon.registry.models import UnitVersion

    office = UnitVersion.objects.as_of(D(2018, 12, 31)).get(kind="shared_advisory_office").unit
    result = compute("headcount_vs_quota", office, on=D(2018, 12, 31))
    assert result.value >= 21  # its apparatus: the office and what is located in it


def test_public_service_autonomy_counts_what_is_not_recorded(demo):
    result = compute("public_service_autonomy", city(), on=D(2020, 1, 1), explain=True)
    found = figures(result)
    assert result.value == len(result.evidence) > 0
    assert found["not_recorded"] + sum(found[f"level:{n}"] for n in "1234") == result.value


def test_units_by_kind_add_up(demo):
    result = compute("units_by_kind", city(), on=D(2015, 1, 1))
    groups = sum(f.value for f in result.figures if f.key.startswith("group:"))
    kinds = sum(f.value for f in result.figures if f.key.startswith("kind:"))
    assert groups == kinds == result.value


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda s: compute("nothing", s, on=D(2020, 1, 1)), "unknown_indicator"),
        (lambda s: compute("admissions", s, on=D(2020, 1, 1)), "needs_period"),
        (
            lambda s: compute(
                "party_organizations", s, date_from=D(2020, 1, 1), date_to=D(2021, 1, 1)
            ),
            "needs_date",
        ),
        (
            lambda s: compute("admissions", s, date_from=D(2021, 1, 1), date_to=D(2020, 1, 1)),
            "period_reversed",
        ),
        (lambda s: compute("unification_coverage", s, on=D(2020, 1, 1)), "param_required"),
        (
            lambda s: compute(
                "admissions",
                s,
                date_from=D(2020, 1, 1),
                date_to=D(2021, 1, 1),
                params={"colour": "red"},
            ),
            "unknown_param",
        ),
        (
            lambda s: compute("admissions", s, date_from=D(1990, 1, 1), date_to=D(1995, 1, 1)),
            "scope_not_in_period",
        ),
    ],
)
def test_bad_requests_are_refused_in_vietnamese(demo, call, code):
    with pytest.raises(DomainError) as caught:
        call(city())
    assert caught.value.codes == [code]
    assert any(c in str(caught.value) for c in "ăâđêôơưạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựỳỷ")


def test_a_scope_that_did_not_exist_on_the_date_is_not_found(demo):
    with pytest.raises(NotFound):
        compute("party_organizations", city(), on=D(2026, 1, 1))


# ---------------------------------------------------------------------------- api
@pytest.fixture(scope="module")
def openapi():
    return openapi_document()


def test_the_catalogue(demo, client, openapi):
    response = client.get("/api/indicators/")
    assert response.status_code == 200
    conforms(openapi, "/api/indicators/", "get", 200, response.json())
    keys = {i["key"]: i for i in response.json()}
    assert keys["admissions"]["period"] is True and keys["unification_coverage"]["params"] == [
        "policy"
    ]


def test_party_organizations_on_the_2024_report_date(demo, client, openapi):
    response = client.get("/api/indicators/party_organizations/?scope=194&on=2024-10-09")
    assert response.status_code == 200, response.content
    body = response.json()
    conforms(openapi, "/api/indicators/{key}/", "get", 200, body)
    figures = {f["key"]: f["value"] for f in body["figures"]}
    assert (figures["grassroots"], figures["cells_under_committees"]) == (36, 263)


def test_coverage_with_the_places_behind_it(demo, client, openapi):
    response = client.get(
        "/api/indicators/unification_coverage/?scope=194&on=2020-06-30"
        "&policy=commune-secretary-committee-chair&explain=true"
    )
    body = response.json()
    conforms(openapi, "/api/indicators/{key}/", "get", 200, body)
    assert (body["figures"][0]["value"], body["figures"][0]["total"]) == (17, 17)
    assert len(body["evidence"]) == 17 and body["explained"] is True


def test_refusals(demo, client, openapi):
    period = client.get("/api/indicators/admissions/?scope=194&on=2020-01-01")
    assert period.status_code == 400
    conforms(openapi, "/api/indicators/{key}/", "get", 400, period.json())
    assert "tính theo kỳ" in period.json()["errors"][0]["message"]
    unknown = client.get("/api/indicators/nothing/?scope=194&on=2020-01-01")
    assert unknown.status_code == 400
    assert "Không có chỉ tiêu nào" in unknown.json()["errors"][0]["message"]


# ---------------------------------------------------------------------------- cli
def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_list_names_every_indicator(demo):
    result = run("indicators")
    assert result.exit_code == 0
    assert "admission_rate: tỷ lệ kết nạp đảng viên" in result.output


def test_the_admission_rate_of_the_2015_2020_term(demo):
    result = run(
        "indicator",
        "admission_rate",
        "--scope",
        "194",
        "--from",
        "2015-01-01",
        "--to",
        "2019-12-31",
    )
    assert result.exit_code == 0, result.output
    assert ": 5,1% (Thành phố Móng Cái" in result.output
    assert "2015: 174/3260 (5,3%)" in result.output


def test_json_and_explain(demo):
    result = run(
        "indicator",
        "reductions",
        "--scope",
        "194",
        "--from",
        "2015-01-01",
        "--to",
        "2020-12-31",
        "--param",
        "sector=party,state,commune",
        "--explain",
        "--json",
    )
    found = json.loads(result.output)
    assert found["value"] == 156 and found["explained"] is True
    assert len(found["evidence"]) == 156
    assert {e["kind"] for e in found["evidence"]} == {"reduction"}


def test_refusals_are_vietnamese_with_exit_code_2(demo):
    wrong = run("indicator", "admissions", "--scope", "194", "--on", "2020-01-01")
    assert wrong.exit_code == 2 and "tính theo kỳ" in wrong.output
    unknown = run("indicator", "nothing", "--scope", "194", "--on", "2020-01-01")
    assert unknown.exit_code == 2 and "Không có chỉ tiêu nào mang mã" in unknown.output
    syntax = run(
        "indicator",
        "unification_coverage",
        "--scope",
        "194",
        "--on",
        "2020-01-01",
        "--param",
        "policy",
    )
    assert syntax.exit_code == 2 and "NAME=VALUE" in syntax.output


# ---------------------------------------------------------------------------- web
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
