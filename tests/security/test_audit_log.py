"""The audit log page: who, when, from where, what changed, filtered by user, object, unit
and date; a scoped auditor reads only the records of their units."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tinhgon.audit.context import acting_as
from tinhgon.core.dates import today as local_today
from tinhgon.registry.services import document_update

from .world import SECRET, World, build


@pytest.fixture
def world(db: Any) -> World:
    world = build()
    with acting_as(world.users["home_affairs"], source="web", remote_addr="10.0.0.7"):
        document_update(document=world.document_a, revision=1, changes={"title": "Trích yếu mới"})
    return world


def page(world: World, role: str, query: str = "") -> str:
    browser = Client()
    browser.force_login(world.users[role])
    response = browser.get(f"/audit/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_change_shows_who_when_from_where_and_what(world):
    shown = page(world, "auditor", "?user=home_affairs")
    assert "Số bản ghi tìm thấy: 1" in shown
    assert "10.0.0.7" in shown and "cập nhật" in shown
    assert "<del></del> → Trích yếu mới" in shown  # the title went from empty to the new one
    assert SECRET not in shown


def test_filters_by_object_unit_and_date(world):
    today = local_today().strftime("%d/%m/%Y")
    by_object = page(world, "admin", f"?type=registry.LegalDocument&object={world.document_a.pk}")
    assert "Số bản ghi tìm thấy: 2" in by_object  # created, then corrected
    by_unit = page(world, "admin", f"?unit={world.ward_b.pk}")
    assert SECRET in by_unit and "Trần Phú" not in by_unit
    assert "Số bản ghi tìm thấy: 0" in page(world, "admin", "?to=01/01/2000")
    assert "Số bản ghi tìm thấy: 0" not in page(world, "admin", f"?from={today}")


def test_a_scoped_auditor_reads_only_their_units(world):
    everything = page(world, "admin")
    assert SECRET in everything
    scoped = page(world, "auditor")
    assert SECRET not in scoped and "Trần Phú" in scoped
    # Asking for the other scope's unit by number gives nothing, not its records.
    assert "Số bản ghi tìm thấy: 0" in page(world, "auditor", f"?unit={world.ward_b.pk}")


def test_a_bad_filter_is_explained(world):
    browser = Client()
    browser.force_login(world.users["admin"])
    response = browser.get("/audit/?unit=abc&from=31/02/2024")
    assert response.status_code == 400
    assert "số hiệu" in response.content.decode()
