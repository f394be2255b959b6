"""The demo reproduces what Móng Cái reported (shared/domain/mong-cai.md), from its records."""

import datetime as dt

import pytest

from tinhgon.demo.loader import load_demo
from tinhgon.registry import queries as q
from tinhgon.registry.models import Event

D = dt.date


pytestmark = pytest.mark.django_db


def city() -> object:
    return q.unit_resolve("194", D(2015, 1, 1))


def test_the_term_2015_2020_has_the_reported_reductions(demo):
    groups = {g.group: g for g in q.diff(city(), D(2015, 1, 1), D(2020, 12, 31)).by_group()}
    # "giảm 07 cơ quan, đơn vị, 02 thôn - khu phố, 04 trường và 29 điểm trường" (2020 report)
    assert groups["agency"].change == -7
    assert groups["village"].change == -2
    assert groups["school"].change == -4
    assert groups["school_site"].change == -29


def test_seventeen_communes_and_wards_until_hoa_lac_merged(demo):
    def communes(on: dt.date) -> list[str]:
        return [v.name for v in q.subtree_versions(city(), on) if v.kind == "commune"]

    assert len(communes(D(2020, 1, 1))) == 17
    assert sum(n.startswith("Phường") for n in communes(D(2020, 1, 1))) == 8
    assert len(communes(D(2024, 11, 1))) == 16
    assert "Phường Hòa Lạc" not in communes(D(2024, 11, 1))


def test_organization_board_became_organization_home_affairs_and_back(demo):
    board = q.unit_resolve(f"id:{demo.keys['organization_board']}", D(2015, 1, 1))
    forward = q.lineage(board, D(2015, 1, 1), D(2020, 1, 1))
    assert [(e.version.name, e.share) for e in forward] == [
        ("Ban Tổ chức - Nội vụ thành phố Móng Cái", "whole")
    ]
    joint = forward[0].version.unit
    back = {e.version.name for e in q.lineage(joint, D(2020, 1, 1), D(2015, 1, 1))}
    assert back == {"Ban Tổ chức Thành ủy Móng Cái", "Phòng Nội vụ"}
    event = forward[0].path[0].event
    assert event.kind == "consolidate" and event.documents.exists()


def test_inspection_committee_and_inspectorate_were_consolidated(demo):
    inspectorate = q.unit_resolve(f"id:{demo.keys['inspectorate']}", D(2015, 1, 1))
    [result] = q.lineage(inspectorate, D(2015, 1, 1), D(2020, 1, 1))
    assert "Ủy ban Kiểm tra - Thanh tra" in result.version.name


def test_code_06712_is_tran_phu_then_mong_cai_1(demo):
    assert q.unit_resolve("06712", D(2025, 6, 30)).versions.last().name == "Phường Trần Phú"
    assert q.version_at(q.unit_resolve("06712", D(2025, 7, 1)), D(2025, 7, 1)).name == (
        "Phường Móng Cái 1"
    )


def test_old_communes_trace_to_the_six_new_units_of_2025(demo):
    targets = set()
    for version in q.subtree_versions(city(), D(2020, 1, 1)):
        if version.kind == "commune":
            [entry] = q.lineage(version.unit, D(2020, 1, 1), D(2025, 7, 1))
            targets.add(entry.version.name)
    assert targets == {
        "Phường Móng Cái 1",
        "Phường Móng Cái 2",
        "Phường Móng Cái 3",
        "Xã Hải Ninh",
        "Xã Hải Sơn",
        "Xã Vĩnh Thực",
    }
    new_ward = q.unit_resolve("06712", D(2025, 7, 1))
    origins = {e.version.name for e in q.lineage(new_ward, D(2025, 7, 1), D(2020, 1, 1))}
    assert origins == {
        "Phường Trần Phú",
        "Phường Hòa Lạc",
        "Phường Hải Hòa",
        "Xã Hải Xuân",
        "Phường Bình Ngọc",
        "Phường Trà Cổ",
    }


def test_the_district_level_ends_on_2025_07_01(demo):
    assert q.version_at(city(), D(2025, 6, 30)) is not None
    assert q.version_at(city(), D(2025, 7, 1)) is None
    # Villages followed their communes into the new units.
    new_ward = q.unit_resolve("06712", D(2025, 7, 1))
    assert sum(n.version.kind == "village" for n in q.tree(new_ward, D(2025, 7, 1)).walk()) > 0


def test_every_event_cites_a_document_and_loading_twice_changes_nothing(demo):
    assert not Event.objects.filter(documents__isnull=True).exists()
    count = Event.objects.count()
    assert load_demo().loaded is False
    assert Event.objects.count() == count
