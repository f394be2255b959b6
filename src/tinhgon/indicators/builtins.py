"""The built-in schemes and targets (rules.md §1.4, §5; mong-cai.md), as data. Each row carries
its source status (V verified, S secondary, U unverified); dates marked U are defaults to check
against the official text, not facts.

Which indicator measures each target:

- a headcount cut (NQ 39 / NQ 18, NQ 19, KL 40) is the net change of the people employed —
  `headcount_vs_quota` (its headline value or a category's figure) at the base date and at the
  due date, compared as `reduce_by_at_least`. The `reductions` indicator counts the people who
  left under a reduction decree; it is evidence, not the target: the resolutions set the
  payroll itself (hiring counts against it).
- fewer public service units (NQ 19) is `units_by_kind`, figure `kind:public_service_unit`.
- the party admission rate of a term is `admission_rate` over the term's years.
- non-local commune secretaries (CT 45) is the rate of `non_local_leaders`.

They are written after every `migrate` (and test flush) by `seed_builtins`, only where
missing: a row a user changed or ended stays so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connections

from tinhgon.registry.kinds import SourceStatus as S

D = dt.date

SCHEMES: list[dict[str, Any]] = [
    {
        "code": "nq39-2015",
        "name": "Tinh giản biên chế và cơ cấu lại đội ngũ cán bộ, công chức, viên chức",
        "kind": "resolution",
        "basis": "39-NQ/TW (17/4/2015); 18-NQ/TW (25/10/2017)",
        "status": S.SECONDARY,
        "valid_from": D(2015, 4, 17),
        "valid_to": D(2022, 1, 1),
    },
    {
        "code": "nq19-2017",
        "name": "Tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả "
        "hoạt động của các đơn vị sự nghiệp công lập",
        "kind": "resolution",
        "basis": "19-NQ/TW (25/10/2017)",
        "status": S.VERIFIED,
        "valid_from": D(2017, 10, 25),
        "valid_to": D(2022, 1, 1),
    },
    {
        "code": "kl40-2022",
        "name": "Nâng cao hiệu quả công tác quản lý biên chế của hệ thống chính trị "
        "giai đoạn 2022–2026",
        "kind": "conclusion",
        "basis": "40-KL/TW (18/7/2022)",
        "status": S.UNVERIFIED,
        "valid_from": D(2022, 7, 18),
        "valid_to": D(2027, 1, 1),
    },
    {
        "code": "party-term-2015-2020",
        "name": "Nghị quyết đại hội đảng bộ nhiệm kỳ 2015–2020 (chỉ tiêu kết nạp đảng viên)",
        "kind": "resolution",
        "basis": "Nghị quyết đại hội đảng bộ thành phố Móng Cái nhiệm kỳ 2015–2020 (mong-cai.md)",
        "status": S.UNVERIFIED,
        "valid_from": D(2015, 1, 1),
        "valid_to": D(2021, 1, 1),
    },
    {
        "code": "ct45-2025",
        "name": "Đại hội đảng bộ các cấp tiến tới Đại hội XIV: bí thư không là người địa phương",
        "kind": "directive",
        "basis": "45-CT/TW (14/4/2025)",
        "status": S.SECONDARY,
        "valid_from": D(2025, 4, 14),
        "valid_to": D(2031, 1, 1),
    },
]

TARGETS: list[dict[str, Any]] = [
    {
        "scheme": "nq39-2015",
        "code": "nq39-payroll",
        "name": "Giảm ít nhất 10% biên chế hưởng lương từ ngân sách năm 2021 so với năm 2015",
        "indicator": "headcount_vs_quota",
        "comparison": "reduce_by_at_least",
        "value": Decimal("0.10"),
        "base_on": D(2015, 12, 31),
        "due_on": D(2021, 12, 31),
        "status": S.SECONDARY,
    },
    {
        "scheme": "nq19-2017",
        "code": "nq19-units",
        "name": "Giảm ít nhất 10% đơn vị sự nghiệp công lập năm 2021 so với năm 2015",
        "indicator": "units_by_kind",
        "figure": "kind:public_service_unit",
        "comparison": "reduce_by_at_least",
        "value": Decimal("0.10"),
        "base_on": D(2015, 12, 31),
        "due_on": D(2021, 12, 31),
        "status": S.VERIFIED,
    },
    {
        "scheme": "nq19-2017",
        "code": "nq19-public-employees",
        "name": "Giảm ít nhất 10% viên chức hưởng lương từ ngân sách năm 2021 so với năm 2015",
        "indicator": "headcount_vs_quota",
        "figure": "category:public_employee",
        "comparison": "reduce_by_at_least",
        "value": Decimal("0.10"),
        "base_on": D(2015, 12, 31),
        "due_on": D(2021, 12, 31),
        "status": S.VERIFIED,
    },
    {
        "scheme": "kl40-2022",
        "code": "kl40-civil-servants",
        "name": "Giảm ít nhất 5% biên chế công chức năm 2026 so với năm 2021",
        "indicator": "headcount_vs_quota",
        "figure": "category:civil_servant",
        "comparison": "reduce_by_at_least",
        "value": Decimal("0.05"),
        "base_on": D(2021, 12, 31),
        "due_on": D(2026, 12, 31),
        "status": S.UNVERIFIED,
    },
    {
        "scheme": "kl40-2022",
        "code": "kl40-public-employees",
        "name": "Giảm ít nhất 10% viên chức hưởng lương từ ngân sách năm 2026 so với năm 2021",
        "indicator": "headcount_vs_quota",
        "figure": "category:public_employee",
        "comparison": "reduce_by_at_least",
        "value": Decimal("0.10"),
        "base_on": D(2021, 12, 31),
        "due_on": D(2026, 12, 31),
        "status": S.UNVERIFIED,
    },
    {
        "scheme": "party-term-2015-2020",
        "code": "party-2015-2020-admission-rate",
        "name": "Kết nạp đảng viên mới bình quân ít nhất 5% tổng số đảng viên mỗi năm",
        "indicator": "admission_rate",
        "comparison": "at_least",
        "value": Decimal("0.05"),
        "period_from": D(2015, 1, 1),
        "period_to": D(2019, 12, 31),
        "status": S.UNVERIFIED,
    },
    {
        "scheme": "ct45-2025",
        "code": "ct45-non-local-commune-secretaries",
        "name": "100% bí thư đảng ủy cấp xã không là người địa phương",
        "indicator": "non_local_leaders",
        "figure": "non_local",
        "measure": "rate",
        "comparison": "at_least",
        "value": Decimal("1"),
        "base_on": D(2025, 4, 14),
        "due_on": D(2030, 12, 31),
        "status": S.SECONDARY,
    },
]


def seed_builtins(using: str = "default", **kwargs: Any) -> None:
    """Write the built-in rows that are missing (post_migrate handler; safe to call again)."""
    from .models import Scheme, Target

    try:
        tables = set(connections[using].introspection.table_names())
    except DatabaseError:
        return
    if not {Scheme._meta.db_table, Target._meta.db_table} <= tables:
        return  # the app's migrations are not applied (e.g. migrating backwards)
    codes = set(Scheme.objects.using(using).values_list("code", flat=True))
    Scheme.objects.using(using).bulk_create(
        [Scheme(**row, builtin=True) for row in SCHEMES if row["code"] not in codes]
    )
    schemes = {s.code: s for s in Scheme.objects.using(using).all()}
    codes = set(Target.objects.using(using).values_list("code", flat=True))
    Target.objects.using(using).bulk_create(
        [
            Target(**{**row, "scheme": schemes[row["scheme"]]}, builtin=True)
            for row in TARGETS
            if row["code"] not in codes and row["scheme"] in schemes
        ]
    )
