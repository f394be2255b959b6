"""`tinhgon indicator` and `tinhgon indicators` on the demo: the figures, --json, --explain,
and refusals as Vietnamese messages with exit code 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tinhgon.cli import cli

pytestmark = pytest.mark.django_db


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
