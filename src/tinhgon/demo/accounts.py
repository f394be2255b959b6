"""The demo's accounts: one per role, scoped as an office in Móng Cái would be. They share
one password, meant for a laptop trying the demo; a server never loads the demo."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role

# Known on purpose: the demo runs on a laptop for trying the system (documented in README).
DEMO_PASSWORD = os.environ.get("TINHGON_DEMO_PASSWORD", "mongcai-demo-2025")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    scope_key: str | None  # a key of the demo's units; None: the whole system


DEMO_ACCOUNTS = [
    DemoAccount("quantri", "Quản trị hệ thống", Role.ADMIN, None),
    DemoAccount("bantochuc", "Cán bộ Ban Tổ chức Thành ủy", Role.ORG_BOARD, "mong_cai"),
    DemoAccount("noivu", "Cán bộ Phòng Nội vụ", Role.HOME_AFFAIRS, "mong_cai"),
    DemoAccount("xahaison", "Cán bộ xã Hải Sơn", Role.COMMUNE, "hai_son"),
    DemoAccount("nguoixem", "Người xem", Role.VIEWER, "mong_cai"),
    DemoAccount("kiemtra", "Cán bộ kiểm tra", Role.AUDITOR, "mong_cai"),
]


def create_demo_accounts(keys: dict[str, int]) -> list[DemoAccount]:
    """Create the accounts that do not exist yet, with their grants."""
    users = get_user_model()
    created = []
    for account in DEMO_ACCOUNTS:
        if users.objects.filter(username=account.username).exists():
            continue
        admin = account.role == Role.ADMIN
        user = users(
            username=account.username,
            first_name=account.full_name,
            is_staff=admin,
            is_superuser=admin,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        unit_id = keys[account.scope_key] if account.scope_key else None
        Grant.objects.create(user=user, role=account.role, unit_id=unit_id)
        created.append(account)
    return created
