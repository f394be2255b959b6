"""Accounts from the command line: create, grant within scope, revoke, list."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role
from tinhgon.audit.models import ChangeRecord


def test_create_grant_list_revoke(invoke, mong_cai):
    created = invoke(
        "user",
        "create",
        "lan",
        "--name",
        "Nguyễn Thị Lan",
        input="matkhau-2025-lan\nmatkhau-2025-lan\n",
    )
    assert created.exit_code == 0, created.output
    lan = get_user_model().objects.get(username="lan")
    assert lan.check_password("matkhau-2025-lan")

    assert invoke("user", "grant", "lan", "commune", "--scope", "06712").exit_code == 0
    grant = Grant.objects.get(user=lan)
    assert (grant.role, grant.unit_id) == (Role.COMMUNE, mong_cai.wards["06712"].pk)
    listed = invoke("user", "list").output
    assert "lan" in listed and "cán bộ cấp xã" in listed and "Trần Phú" in listed

    assert invoke("user", "revoke", "lan", "commune", "--scope", "06712").exit_code == 0
    assert not Grant.objects.filter(user=lan).exists()
    assert set(
        ChangeRecord.objects.filter(object_type="accounts.Grant").values_list("action", flat=True)
    ) == {"create", "delete"}


def test_a_weak_password_is_refused_with_the_reason(invoke, mong_cai):
    result = invoke("user", "create", "minh", input="123\n123\n")
    assert result.exit_code == 2
    assert not get_user_model().objects.filter(username="minh").exists()


def test_an_officer_may_not_grant_outside_their_scope(invoke, mong_cai):
    boss = get_user_model().objects.create_user("truong.phong")
    Grant.objects.create(user=boss, role=Role.ADMIN, unit=mong_cai.wards["06712"])
    get_user_model().objects.create_user("lan")
    refused = invoke("--user", "truong.phong", "user", "grant", "lan", "viewer", "--scope", "06709")
    assert refused.exit_code == 2
    assert not Grant.objects.filter(user__username="lan").exists()
    allowed = invoke("--user", "truong.phong", "user", "grant", "lan", "viewer", "--scope", "06712")
    assert allowed.exit_code == 0
