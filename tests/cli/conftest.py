"""Running `tinhgon` in-process, on a small Móng Cái built through the real services."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.registry.helpers import register
from tinhgon.audit.models import ChangeRecord
from tinhgon.cli import cli
from tinhgon.registry.models import Event, Unit, UnitVersion

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "examples" / "events"
VIETNAMESE = re.compile("[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")

Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """`invoke("tree", "194", input=None)`: run the command group, exceptions kept for
    inspection (a traceback would show up as result.exception)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input)

    return run


@dataclass
class MongCai:
    province: Unit
    city: Unit
    wards: dict[str, Unit]
    village: Unit


WARDS = {
    "06709": ("Phường Ka Long", "ward"),
    "06712": ("Phường Trần Phú", "ward"),
    "06715": ("Phường Ninh Dương", "ward"),
    "06718": ("Phường Hòa Lạc", "ward"),
    "06730": ("Xã Hải Đông", "rural_commune"),
    "06736": ("Phường Hải Yên", "ward"),
    "06748": ("Xã Vạn Ninh", "rural_commune"),
}


@pytest.fixture
def mong_cai(db: None) -> MongCai:
    """The units the example event files in docs/examples/events name, from 2010."""
    province = register("Tỉnh Quảng Ninh", "province", codes=["22"])
    city = register("Thành phố Móng Cái", "district", parent=province, codes=["194"])
    wards = {
        code: register(name, "commune", parent=city, codes=[code], subtype=subtype)
        for code, (name, subtype) in WARDS.items()
    }
    village = register("Khu 1", "village", parent=wards["06709"])
    return MongCai(province, city, wards, village)


@dataclass
class Counts:
    events: int
    versions: int
    records: int


def counts() -> Counts:
    """What a refused or dry-run command must leave as it was."""
    return Counts(Event.objects.count(), UnitVersion.objects.count(), ChangeRecord.objects.count())


def assert_refused(result: Result, *fields: str) -> str:
    """Exit status 2, no traceback, a Vietnamese message naming each field; returns stderr."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert "Lỗi" in result.stderr, result.stderr
    assert VIETNAMESE.search(result.stderr), result.stderr
    for field in fields:
        assert f"  {field}: " in result.stderr, (field, result.stderr)
    return result.stderr
