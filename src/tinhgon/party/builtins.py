"""The built-in rules of party membership, kept as data (rules.md §2–3): created after every
migrate, only those missing, so that a row a user changed or ended stays so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tinhgon.registry.kinds import SourceStatus as S

D = dt.date

# Admission age: 18 to 60 full years at the cell's consideration. Restated by each regulation
# on the Statute's implementation; the values did not change (rules.md §2).
AGE_RULES: list[dict[str, Any]] = [
    {
        "code": "qd45-2011",
        "basis": "45-QĐ/TW (01/11/2011)",
        "status": S.UNVERIFIED,
        "valid_from": D(2011, 11, 1),
        "valid_to": D(2016, 7, 25),
    },
    {
        "code": "qd29-2016",
        "basis": "29-QĐ/TW (25/7/2016) §1.1",
        "status": S.VERIFIED,
        "valid_from": D(2016, 7, 25),
        "valid_to": D(2021, 7, 30),
    },
    {
        "code": "qd24-2021",
        "basis": "24-QĐ/TW (30/7/2021) §1.1",
        "status": S.VERIFIED,
        "valid_from": D(2021, 7, 30),
        "valid_to": D(2025, 7, 1),
    },
    {
        "code": "qd294-2025",
        "basis": "294-QĐ/TW (26/5/2025), hiệu lực từ 01/7/2025",
        "status": S.VERIFIED,
        "valid_from": D(2025, 7, 1),
        "valid_to": None,
    },
]

STRUCTURE_RULES: list[dict[str, Any]] = [
    {
        "code": "dieu-le-2011",
        "basis": "Điều lệ Đảng (2011) Điều 21, 24",
        "status": S.VERIFIED,
        "min_official": 3,
        "committee_from": 30,
        "cell_committee_from": 9,
        "valid_from": D(2011, 1, 19),
        "valid_to": None,
    }
]

RATING_SCALES: list[dict[str, Any]] = [
    {
        "code": "qd132-2018",
        "basis": "132-QĐ/TW (08/3/2018)",
        "status": S.VERIFIED,
        "scored": False,
        "valid_from": D(2018, 3, 8),
        "valid_to": D(2023, 10, 4),
    },
    {
        "code": "qd124-2023",
        "basis": "124-QĐ/TW (04/10/2023) Điều 12",
        "status": S.VERIFIED,
        "scored": False,
        "valid_from": D(2023, 10, 4),
        "valid_to": D(2025, 8, 30),
    },
    {
        "code": "qd366-2025",
        "basis": "366-QĐ/TW (30/8/2025) Điều 11",
        "status": S.VERIFIED,
        "scored": True,
        "excellent_from": 90,
        "good_from": 70,
        "fulfilled_from": 50,
        "valid_from": D(2025, 8, 30),
        "valid_to": None,
    },
]


def seed_builtins(using: str = "default", **_: Any) -> None:
    from .models import AdmissionAgeRule, RatingScale, StructureRule

    tables: tuple[tuple[Any, list[dict[str, Any]], dict[str, Any]], ...] = (
        (AdmissionAgeRule, AGE_RULES, {"min_age": 18, "max_age": 60}),
        (StructureRule, STRUCTURE_RULES, {}),
        (RatingScale, RATING_SCALES, {}),
    )
    for model, rows, extra in tables:
        known = set(model.objects.using(using).values_list("code", flat=True))
        model.objects.using(using).bulk_create(
            [model(**extra, **row, builtin=True) for row in rows if row["code"] not in known]
        )
