"""The tree page stays bounded: a level past the node budget is left to the units' own trees."""

from __future__ import annotations

import datetime as dt

import pytest

from tinhgon.registry import outline as outline_module
from tinhgon.registry import queries
from tinhgon.registry.eventspec import NewUnitSpec
from tinhgon.registry.services import unit_register

from .sample import BASE, Sample
from .test_pages import page

pytestmark = pytest.mark.django_db


def villages(sample: Sample, count: int) -> None:
    for number in range(count):
        spec = NewUnitSpec(
            name=f"Tổ {number:02d}", kind="village", parent=f"id:{sample.ka_long.pk}"
        )
        unit_register(spec=spec, valid_from=BASE)


def test_a_level_past_the_budget_shows_counts_and_links(client, sample: Sample, monkeypatch):
    villages(sample, 30)
    url = f"/units/{sample.city.pk}/tree/?on=01/01/2015&depth=all"
    whole = page(client, url)
    assert "Tổ 29" in whole and "tree-cut" not in whole  # the default budget holds it all
    wards = whole.count('class="node g-')  # nodes shown with every level
    monkeypatch.setattr(outline_module, "NODE_LIMIT", 12)
    html = page(client, url)
    assert "Tổ 00" not in html  # the wards' level does not fit in 12 nodes
    assert "Số đơn vị ở cấp dưới không hiển thị ở đây" in html
    # Phường Ka Long shows its 30 villages (and whatever else is under it) as a count, with a
    # link to its own tree.
    assert f'href="/units/{sample.ka_long.pk}/tree/?on=01/01/2015"' in html
    assert html.count('class="node g-') < wards


def test_a_first_level_past_the_budget_is_cut(client, sample: Sample, monkeypatch):
    villages(sample, 30)
    monkeypatch.setattr(outline_module, "NODE_LIMIT", 10)
    html = page(client, f"/units/{sample.ka_long.pk}/tree/?on=01/01/2015")
    before = len(queries.tree(sample.ka_long, dt.date(2015, 1, 1), 1).children) - 30
    assert "Tổ 29" not in html  # the last by kind and name
    assert html.count('class="node g-') == 1 + 10  # the root and ten under it
    assert f"Trang này chỉ hiển thị 10 trong số {30 + before} đơn vị trực thuộc" in html
