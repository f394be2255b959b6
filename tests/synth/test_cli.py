"""`tinhgon synth` from the command line: a summary in Vietnamese, refusals as exit status 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tinhgon.cli import cli
from tinhgon.party.models import Member

pytestmark = pytest.mark.django_db


def test_generates_and_summarises() -> None:
    result = CliRunner().invoke(cli, ["synth", "--scale", "0.01", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo" in result.output and "56000" in result.output
    assert Member.objects.filter(ended_on__isnull=True).count() == 56_000


def test_bad_scale_is_refused_in_vietnamese() -> None:
    result = CliRunner().invoke(cli, ["synth", "--scale", "1.5"])
    assert result.exit_code == 2
    assert "Tỷ lệ 1.5" in result.output
    assert not Member.objects.exists()


def test_json_gives_counts_and_seconds() -> None:
    result = CliRunner().invoke(cli, ["synth", "--scale", "0.01", "--seed", "3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    assert data["members"]["counted"] == 56_000
    assert data["employment"]["employments"] == 25_000
    assert set(data["seconds"]) == {
        "admin_units",
        "units",
        "party_reform",
        "members",
        "posts",
        "employment",
        "province_keys",
    }


def test_an_unknown_province_is_refused() -> None:
    result = CliRunner().invoke(cli, ["synth", "--province", "63"])
    assert result.exit_code == 2
    assert "Tỉnh 63" in result.output
    assert not Member.objects.exists()
