"""The built-in rules of staffing, as data with validity (rules.md §1): the decrees of staff
reduction and the cases they list, the targets on headcount, and how long a surplus after a
merger may last. Each row carries its source status (V verified, S secondary, U unverified);
dates marked U are defaults to check against the official text, not facts.

They are written after every `migrate` (and test flush) by `seed_builtins`, only where
missing: a row a user ended stays ended.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connections
from django.utils.translation import gettext_noop

from tinhgon.registry.kinds import SourceStatus as S

from .kinds import Category, Subject

D = dt.date

# code, number, title, amends, status, valid_from, valid_to
BASES: list[dict[str, Any]] = [
    {
        "code": "nd108-2014",
        "number": "108/2014/NĐ-CP",
        "title": "Về chính sách tinh giản biên chế",
        "status": S.SECONDARY,  # signed 20/11/2014 [V]; in force 15/01/2015 [U]
        "valid_from": D(2015, 1, 15),
        "valid_to": D(2023, 7, 20),
    },
    {
        "code": "nd113-2018",
        "number": "113/2018/NĐ-CP",
        "title": "Sửa đổi, bổ sung một số điều của Nghị định 108/2014/NĐ-CP",
        "amends": "nd108-2014",
        "status": S.UNVERIFIED,  # signed 31/8/2018; in force 15/10/2018 [U]
        "valid_from": D(2018, 10, 15),
        "valid_to": D(2023, 7, 20),
    },
    {
        "code": "nd143-2020",
        "number": "143/2020/NĐ-CP",
        "title": "Sửa đổi, bổ sung một số điều của Nghị định 108/2014/NĐ-CP và 113/2018/NĐ-CP",
        "amends": "nd108-2014",
        "status": S.UNVERIFIED,  # signed 10/12/2020; in force 31/01/2021 [U]
        "valid_from": D(2021, 1, 31),
        "valid_to": D(2023, 7, 20),
    },
    {
        "code": "nd29-2023",
        "number": "29/2023/NĐ-CP",
        "title": "Quy định về tinh giản biên chế",
        "status": S.VERIFIED,
        "valid_from": D(2023, 7, 20),
        "valid_to": D(2025, 6, 16),
    },
    {
        "code": "nd154-2025",
        "number": "154/2025/NĐ-CP",
        "title": "Quy định về tinh giản biên chế",
        "status": S.VERIFIED,  # policies until 31/12/2030
        "valid_from": D(2025, 6, 16),
        "valid_to": D(2031, 1, 1),
    },
    {
        "code": "nd178-2024",
        "number": "178/2024/NĐ-CP",
        "title": "Chính sách, chế độ đối với cán bộ, công chức, viên chức, người lao động và "
        "lực lượng vũ trang trong thực hiện sắp xếp tổ chức bộ máy",
        "status": S.SECONDARY,  # end 31/8/2025 per KL 183-KL/TW [S]
        "valid_from": D(2025, 1, 1),
        "valid_to": D(2025, 9, 1),
        # CV 6383/BNV-TCBC (13/8/2025) [S]: decided before 1/8/2025, leaving by 31/12/2025.
        "grace_decided_before": D(2025, 8, 1),
        "grace_until": D(2025, 12, 31),
    },
    {
        "code": "nd67-2025",
        "number": "67/2025/NĐ-CP",
        "title": "Sửa đổi, bổ sung một số điều của Nghị định 178/2024/NĐ-CP",
        "amends": "nd178-2024",
        "status": S.SECONDARY,
        "valid_from": D(2025, 3, 15),
        "valid_to": D(2025, 9, 1),
    },
    {
        "code": "nd26-2015",
        "number": "26/2015/NĐ-CP",
        "title": "Chế độ, chính sách đối với cán bộ không đủ điều kiện về tuổi tái cử, tái bổ "
        "nhiệm",
        "status": S.UNVERIFIED,  # signed 9/3/2015 [V]; in force from signing [U]
        "valid_from": D(2015, 3, 9),
        "valid_to": D(2025, 1, 1),
    },
    {
        "code": "nd177-2024",
        "number": "177/2024/NĐ-CP",
        "title": "Chế độ, chính sách đối với cán bộ không đủ điều kiện về tuổi tái cử, tái bổ "
        "nhiệm",
        "status": S.UNVERIFIED,  # signed 31/12/2024; in force 1/1/2025 [U]
        "valid_from": D(2025, 1, 1),
        "valid_to": None,
    },
]

# basis code → [(case code, article, name, status)]; a case holds while its decree holds.
CASES: dict[str, list[tuple[str, str, str, str]]] = {
    "nd108-2014": [
        (
            "nd108-a6-1a",
            "Điều 6 khoản 1 điểm a",
            gettext_noop("surplus from reorganizing the apparatus or personnel"),
            S.UNVERIFIED,
        ),
        (
            "nd108-a6-1b",
            "Điều 6 khoản 1 điểm b",
            gettext_noop("surplus from restructuring staff by job position"),
            S.UNVERIFIED,
        ),
        (
            "nd108-a6-1c",
            "Điều 6 khoản 1 điểm c",
            gettext_noop("not meeting the qualification standard of the job position"),
            S.UNVERIFIED,
        ),
        (
            "nd108-a6-1d",
            "Điều 6 khoản 1 điểm d",
            gettext_noop(
                "rated as having completed tasks with limited capacity or not completed tasks"
            ),
            S.UNVERIFIED,
        ),
    ],
    "nd113-2018": [
        (
            "nd113-a1-1",
            "Điều 1 khoản 1 (sửa đổi Điều 6 Nghị định 108/2014)",
            gettext_noop("surplus from reorganizing the apparatus or personnel, as amended"),
            S.UNVERIFIED,
        ),
        (
            "nd113-a1-1d",
            "Điều 1 khoản 1 điểm d (sửa đổi Điều 6 Nghị định 108/2014)",
            gettext_noop("rated as not completing tasks, as amended"),
            S.UNVERIFIED,
        ),
    ],
    "nd143-2020": [
        (
            "nd143-a1",
            "Điều 1 (sửa đổi Điều 6 Nghị định 108/2014)",
            gettext_noop("cases of reduction, as amended in 2020"),
            S.UNVERIFIED,
        ),
    ],
    "nd29-2023": [
        (
            "nd29-a2-1a",
            "Điều 2 khoản 1 điểm a",
            gettext_noop(
                "surplus from reviewing and rearranging the apparatus or personnel, or from a "
                "public service unit moving to autonomy"
            ),
            S.VERIFIED,
        ),
        (
            "nd29-a2-1b",
            "Điều 2 khoản 1 điểm b",
            gettext_noop("surplus from merging district or commune units"),
            S.VERIFIED,
        ),
        (
            "nd29-a2-1c",
            "Điều 2 khoản 1 điểm c",
            gettext_noop("surplus from restructuring by job position"),
            S.VERIFIED,
        ),
        (
            "nd29-a2-1d",
            "Điều 2 khoản 1 điểm d",
            gettext_noop("not meeting the qualification standard of the job position"),
            S.VERIFIED,
        ),
        (
            "nd29-a2-1dd",
            "Điều 2 khoản 1 điểm đ",
            gettext_noop(
                "one year completed and one year not completed tasks in the two years before"
            ),
            S.VERIFIED,
        ),
    ],
    "nd154-2025": [
        (
            "nd154-a2-1",
            "Điều 2 khoản 1",
            gettext_noop(
                "cadres, civil servants and public employees made surplus or not meeting the job "
                "position"
            ),
            S.VERIFIED,
        ),
        (
            "nd154-a2-2",
            "Điều 2 khoản 2",
            gettext_noop(
                "indefinite-term contract staff in professional work of public service units made "
                "surplus"
            ),
            S.VERIFIED,
        ),
        (
            "nd154-a2-3",
            "Điều 2 khoản 3",
            gettext_noop("indefinite-term contract staff in support or service work made surplus"),
            S.VERIFIED,
        ),
        (
            "nd154-a2-4",
            "Điều 2 khoản 4",
            gettext_noop(
                "non-dedicated commune staff stopping work when the two-level local government "
                "starts"
            ),
            S.VERIFIED,
        ),
        (
            "nd154-a2-5",
            "Điều 2 khoản 5",
            gettext_noop("non-dedicated staff of villages and residential groups made surplus"),
            S.SECONDARY,
        ),
    ],
    "nd178-2024": [
        (
            "nd178-a2-1a",
            "Điều 2 khoản 1 điểm a",
            gettext_noop(
                "directly affected by restructuring the apparatus or administrative units"
            ),
            S.VERIFIED,
        ),
        (
            "nd178-a2-1b",
            "Điều 2 khoản 1 điểm b",
            gettext_noop(
                "not directly affected but required to streamline, with at least 5 years to "
                "retirement"
            ),
            S.VERIFIED,
        ),
        (
            "nd178-a2-1d",
            "Điều 2 khoản 1 điểm d",
            gettext_noop("cadres not old enough for re-election or with little time left"),
            S.VERIFIED,
        ),
    ],
    "nd67-2025": [
        (
            "nd67-a1",
            "Điều 1 (sửa đổi Điều 2 Nghị định 178/2024)",
            gettext_noop("subjects of Decree 178/2024 as amended in 2025"),
            S.VERIFIED,
        ),
    ],
    "nd26-2015": [
        (
            "nd26-a2",
            "Điều 2",
            gettext_noop("cadres not old enough for re-election or re-appointment"),
            S.VERIFIED,
        ),
    ],
    "nd177-2024": [
        (
            "nd177-a2",
            "Điều 2 khoản 1–4",
            gettext_noop("cadres not re-elected or re-appointed"),
            S.VERIFIED,
        ),
    ],
}

TARGETS: list[dict[str, Any]] = [
    {
        "code": "nq39-2015-2021",
        "name": gettext_noop("at least 10% fewer staff paid from the budget by 2021 than in 2015"),
        "base_on": D(2015, 12, 31),
        "due_on": D(2021, 12, 31),
        "rate": Decimal("0.10"),
        "categories": [],
        "basis": "39-NQ/TW (17/4/2015), 18-NQ/TW (2017)",
        "status": S.SECONDARY,
        "valid_from": D(2015, 4, 17),
        "valid_to": D(2022, 1, 1),
    },
    {
        "code": "kl40-civil-servants",
        "name": gettext_noop("at least 5% fewer civil servants in 2026 than in 2021"),
        "base_on": D(2021, 12, 31),
        "due_on": D(2026, 12, 31),
        "rate": Decimal("0.05"),
        "categories": [Category.CIVIL_SERVANT],
        "basis": "40-KL/TW (18/7/2022)",
        "status": S.UNVERIFIED,
        "valid_from": D(2022, 7, 18),
        "valid_to": D(2027, 1, 1),
    },
    {
        "code": "kl40-public-employees",
        "name": gettext_noop(
            "at least 10% fewer public employees paid from the budget in 2026 than in 2021"
        ),
        "base_on": D(2021, 12, 31),
        "due_on": D(2026, 12, 31),
        "rate": Decimal("0.10"),
        "categories": [Category.PUBLIC_EMPLOYEE],
        "basis": "40-KL/TW (18/7/2022)",
        "status": S.UNVERIFIED,
        "valid_from": D(2022, 7, 18),
        "valid_to": D(2027, 1, 1),
    },
]

SURPLUS_RULES: list[dict[str, Any]] = [
    {
        "code": "cv09-2025-staff",
        "subject": Subject.STAFF,
        "years": 5,
        "basis": "09/CV-BCĐ (Bộ Nội vụ, 2025)",
        "status": S.VERIFIED,  # the rule [V]; its start date [U]
        "valid_from": D(2025, 6, 1),
        "valid_to": None,
    },
    {
        "code": "ct45-2025-deputies",
        "subject": Subject.DEPUTIES,
        "years": 5,
        "basis": "45-CT/TW (14/4/2025)",
        "status": S.VERIFIED,
        "valid_from": D(2025, 4, 14),
        "valid_to": D(2026, 1, 1),
    },
    {
        "code": "nd370-2025-deputies",
        "subject": Subject.DEPUTIES,
        "years": 5,
        "basis": "370/2025/NĐ-CP",
        "status": S.VERIFIED,
        "valid_from": D(2026, 1, 1),
        "valid_to": None,
    },
]


def seed_builtins(using: str = "default", **kwargs: Any) -> None:
    """Write the built-in rows that are missing (post_migrate handler; safe to call again)."""
    from .models import ReductionBasis, ReductionCase, StaffingTarget, SurplusRule

    try:
        tables = set(connections[using].introspection.table_names())
    except DatabaseError:
        return
    needed = {m._meta.db_table for m in (ReductionBasis, ReductionCase, SurplusRule)}
    if not needed <= tables:
        return  # the app's migrations are not applied (e.g. migrating backwards)

    def missing(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        codes = set(model.objects.using(using).values_list("code", flat=True))
        return [row for row in rows if row["code"] not in codes]

    for row in missing(ReductionBasis, BASES):
        fields = dict(row)
        amends = fields.pop("amends", None)
        basis = ReductionBasis(**fields, builtin=True)
        if amends:
            basis.amends = ReductionBasis.objects.using(using).get(code=amends)
        basis.save(using=using)
    bases = {b.code: b for b in ReductionBasis.objects.using(using).all()}
    known = set(ReductionCase.objects.using(using).values_list("code", flat=True))
    ReductionCase.objects.using(using).bulk_create(
        [
            ReductionCase(
                basis=bases[basis_code],
                code=code,
                article=article,
                name=name,
                status=status,
                valid_from=bases[basis_code].valid_from,
                valid_to=bases[basis_code].valid_to,
                builtin=True,
            )
            for basis_code, cases in CASES.items()
            if basis_code in bases
            for code, article, name, status in cases
            if code not in known
        ]
    )
    StaffingTarget.objects.using(using).bulk_create(
        [StaffingTarget(**row, builtin=True) for row in missing(StaffingTarget, TARGETS)]
    )
    SurplusRule.objects.using(using).bulk_create(
        [SurplusRule(**row, builtin=True) for row in missing(SurplusRule, SURPLUS_RULES)]
    )
