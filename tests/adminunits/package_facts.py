"""Facts from the package vietnamadminunits and the resolutions table, read here with sqlite3,
json and csv (not through the project's reader), as the expected values of the tests."""

from __future__ import annotations

import csv
import importlib.util
import json
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

# The table of the 34 resolutions (a copy of ../shared/data/adminunits-2025-resolutions.csv).
RESOLUTIONS = Path(__file__).resolve().parents[2] / "src/tinhgon/adminunits/resolutions.csv"
SUBTYPE = {
    "Phường": "ward",
    "Xã": "rural_commune",
    "Thị trấn": "township",
    "Đặc khu": "special_zone",
}


def _data() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
    db = sqlite3.connect(_data() / "dataset.db")
    try:
        return list(db.execute(sql))
    finally:
        db.close()


@cache
def package() -> dict[str, Any]:
    """codes and names of both sides, and every flow as (old code, new code, share, centre)."""
    legacy = _rows(
        "SELECT provinceCode, provinceKey, districtKey, COALESCE(wardKey, ''), "
        "COALESCE(wardCode, districtCode), COALESCE(ward, district), COALESCE(wardType, '') "
        "FROM admin_units_legacy"
    )
    new = _rows(
        "SELECT provinceCode, provinceKey, wardKey, wardCode, ward, wardType FROM admin_units"
    )
    old_code = {f"{pk}_{dk}_{wk}": code for _p, pk, dk, wk, code, _n, _t in legacy}
    new_code = {f"{pk}_{wk}": code for _p, pk, wk, code, _n, _t in new}
    mapping = json.loads((_data() / "converter_2025.json").read_text("utf-8"))
    flows = set()
    for province, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            for old in olds:
                flows.add((old_code[old], new_code[f"{province}_{ward}"], "whole", None))
    for province, olds in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for t in targets:
                target = new_code[f"{province}_{t['newWardKey']}"]
                flows.add((old_code[old], target, "part", bool(t["isDefaultNewWard"])))
    return {
        "old": {code: (p, name, kind) for p, _pk, _dk, _wk, code, name, kind in legacy},
        "new": {code: (p, name, kind) for p, _pk, _wk, code, name, kind in new},
        "flows": flows,
    }


@cache
def old_of(province: str) -> frozenset[str]:
    """The codes of the legacy communes (and island districts) of an old province."""
    return frozenset(c for c, (p, _n, _k) in package()["old"].items() if p == province)


@cache
def new_of(province: str) -> frozenset[str]:
    """The codes of the communes of a new province."""
    return frozenset(c for c, (p, _n, _k) in package()["new"].items() if p == province)


@cache
def districts_of(province: str) -> frozenset[str]:
    sql = "SELECT DISTINCT districtCode, provinceCode FROM admin_units_legacy"
    return frozenset(d for d, p in _rows(sql) if p == province)


def resolution(province_name: str) -> dict[str, str]:
    with RESOLUTIONS.open(encoding="utf-8") as f:
        return next(r for r in csv.DictReader(f) if r["province_after_2025"] == province_name)
