"""The data of the PyPI package `vietnamadminunits`, read from its files without importing it
(its code needs GPL-licensed unidecode, which this project does not install).

Legacy units are the state on 2025-06-30 (63 provinces, 696 districts, 10,035 communes and five
island districts without communes); new units the state from 2025-07-01 (34 provinces, 3,321
communes, wards and special zones). The 2025 mapping says, for each new commune, which old
communes went into it whole, and for each divided old commune, which new ones took its parts
and which of them is the default (where its centre went).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sqlite3
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

PACKAGE = "vietnamadminunits"
PACKAGE_VERSION = "1.0.4"

# The legacy lists are the state on this day; the new units exist from the next.
LAST_LEGACY_DAY = dt.date(2025, 6, 30)
REFORM_DAY = dt.date(2025, 7, 1)


def data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # finds the package without running its code
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The package {PACKAGE}=={PACKAGE_VERSION} is not installed.")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # "Tỉnh Quảng Ninh", "Thành phố Hà Nội"
    key: str  # the package's key, "tinhquangninh"

    @property
    def subtype(self) -> str:
        return "municipality" if self.name.startswith("Thành phố") else "province"


@dataclass(frozen=True)
class District:
    code: str
    name: str
    kind_name: str  # Huyện, Quận, Thị xã, Thành phố
    province_code: str
    key: str  # "tinhquangninh_thanhphomongcai"

    @property
    def subtype(self) -> str:
        return DISTRICT_SUBTYPES[self.kind_name]


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    kind_name: str  # Phường, Xã, Thị trấn, Đặc khu
    province_code: str
    district_code: str  # empty for the new units
    # legacy: "tinhquangninh_thanhphomongcai_phuongtranphu"; new: "tinhquangninh_phuongmongcai1"
    key: str
    former_names: tuple[str, ...] = ()  # folded names the package keeps as aliases

    @property
    def subtype(self) -> str:
        return COMMUNE_SUBTYPES[self.kind_name]


DISTRICT_SUBTYPES = {
    "Huyện": "rural_district",
    "Quận": "urban_district",
    "Thị xã": "town",
    "Thành phố": "provincial_city",
}
COMMUNE_SUBTYPES = {
    "Phường": "ward",
    "Xã": "rural_commune",
    "Thị trấn": "township",
    "Đặc khu": "special_zone",
}


@dataclass(frozen=True)
class Part:
    """A divided old commune's part going to a new one."""

    old_key: str
    holds_former_centre: bool


@dataclass
class Reform:
    """For each new commune (by key): old communes that went in whole, and divided ones."""

    whole: dict[str, list[str]] = field(default_factory=dict)
    parts: dict[str, list[Part]] = field(default_factory=dict)
    # new province key -> old province keys
    provinces: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Dataset:
    legacy_provinces: dict[str, Province]
    districts: dict[str, District]
    legacy_communes: dict[str, Commune]  # by key
    # Island districts with no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo).
    districts_without_communes: list[District]
    new_provinces: dict[str, Province]
    new_communes: dict[str, Commune]  # by key
    reform: Reform


def _rows(db: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    db.row_factory = sqlite3.Row
    return list(db.execute(sql))


@cache
def load_dataset() -> Dataset:
    folder = data_dir()
    db = sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True)
    try:
        legacy = _rows(db, "SELECT * FROM admin_units_legacy")
        new = _rows(db, "SELECT * FROM admin_units")
    finally:
        db.close()
    legacy_provinces: dict[str, Province] = {}
    districts: dict[str, District] = {}
    communes: dict[str, Commune] = {}
    bare: list[District] = []
    for row in legacy:
        province = Province(row["provinceCode"], row["province"], row["provinceKey"])
        legacy_provinces.setdefault(province.code, province)
        district = District(
            code=row["districtCode"],
            name=row["district"],
            kind_name=row["districtType"],
            province_code=province.code,
            key=f"{row['provinceKey']}_{row['districtKey']}",
        )
        districts.setdefault(district.code, district)
        if not row["wardCode"]:
            bare.append(district)
            continue
        aliases = json.loads(row["wardAlias"]) if row["wardAlias"] else []
        commune = Commune(
            code=row["wardCode"],
            name=row["ward"],
            kind_name=row["wardType"],
            province_code=province.code,
            district_code=district.code,
            key=f"{district.key}_{row['wardKey']}",
            former_names=tuple(dict.fromkeys(aliases)),
        )
        communes[commune.key] = commune
    new_provinces: dict[str, Province] = {}
    new_communes: dict[str, Commune] = {}
    for row in new:
        province = Province(row["provinceCode"], row["province"], row["provinceKey"])
        new_provinces.setdefault(province.code, province)
        commune = Commune(
            code=row["wardCode"],
            name=row["ward"],
            kind_name=row["wardType"],
            province_code=province.code,
            district_code="",
            key=f"{row['provinceKey']}_{row['wardKey']}",
        )
        new_communes[commune.key] = commune
    return Dataset(
        legacy_provinces=legacy_provinces,
        districts=districts,
        legacy_communes=communes,
        districts_without_communes=bare,
        new_provinces=new_provinces,
        new_communes=new_communes,
        reform=_reform(folder / "converter_2025.json"),
    )


def _reform(path: Path) -> Reform:
    data = json.loads(path.read_text(encoding="utf-8"))
    reform = Reform(provinces=dict(data["DICT_PROVINCE"]))
    for province_key, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            reform.whole[f"{province_key}_{ward_key}"] = list(old_keys)
    for province_key, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            for target in targets:
                new_key = f"{province_key}_{target['newWardKey']}"
                reform.parts.setdefault(new_key, []).append(
                    Part(old_key, bool(target["isDefaultNewWard"]))
                )
    return reform
