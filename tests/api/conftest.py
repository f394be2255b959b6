"""A small Móng Cái built through the real services, API clients, and the OpenAPI schema."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.registry.helpers import D, apply, ref, register
from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Role

from .schema import openapi_document

NQ_1679 = {
    "number": "1679/NQ-UBTVQH15",
    "issuer": "Ủy ban Thường vụ Quốc hội",
    "kind": "resolution",
    "signed_on": "2025-06-16",
    "title": "Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh",
}


@pytest.fixture
def world(db: Any) -> SimpleNamespace:
    """Quảng Ninh (22) > Móng Cái (193) > two wards; Hải Hòa becomes a ward in 2013, and on
    2025-07-01 both are consolidated into Móng Cái 1, which takes over Trần Phú's code 06712."""
    province = register("Tỉnh Quảng Ninh", "province", codes=["22"])
    city = register("Thành phố Móng Cái", "district", parent=province, codes=["193"])
    tran_phu = register("Phường Trần Phú", "commune", parent=city, codes=["06712"], subtype="ward")
    hai_hoa = register("Xã Hải Hòa", "commune", parent=city, codes=["06715"], subtype="rural")
    reclassify = apply(
        "reclassify",
        "2013-01-01",
        unit=ref(hai_hoa),
        changes={"subtype": "ward", "name": "Phường Hải Hòa"},
    )
    consolidate = apply(
        "consolidate",
        "2025-07-01",
        inputs=[tran_phu, hai_hoa],
        outputs=[
            {
                "new": {
                    "name": "Phường Móng Cái 1",
                    "kind": "commune",
                    "subtype": "ward",
                    "parent": ref(city),
                    "codes": [{"scheme": "gso", "code": "06712"}],
                }
            }
        ],
        documents=[NQ_1679],
    )
    mong_cai_1 = consolidate.participants.get(role="output").unit
    return SimpleNamespace(
        province=province,
        city=city,
        tran_phu=tran_phu,
        hai_hoa=hai_hoa,
        mong_cai_1=mong_cai_1,
        reclassify=reclassify,
        consolidate=consolidate,
        before=D(2020, 1, 1),
        after=D(2026, 1, 1),
    )


@pytest.fixture
def client(admin_user: User) -> APIClient:
    """An API client signed in as an administrator (sees everything)."""
    api = APIClient()
    api.force_authenticate(admin_user)
    return api


def token_client(user: User) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.fixture
def recorder(db: Any) -> User:
    """A home-affairs officer of the whole system: records events."""
    user = User.objects.create_user("lan.nguyen", password="x")
    Grant.objects.create(user=user, role=Role.HOME_AFFAIRS, unit=None)
    return user


@pytest.fixture
def reader(db: Any) -> User:
    """A read-only viewer of the whole system."""
    user = User.objects.create_user("minh.tran", password="x")
    Grant.objects.create(user=user, role=Role.VIEWER, unit=None)
    return user


@pytest.fixture(scope="session")
def openapi() -> dict[str, Any]:
    return openapi_document()
