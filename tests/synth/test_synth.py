"""`synthesize` at scale 0.01: deterministic, near its targets, valid under the registry's
invariants, and readable by the registry's queries.

Expected sizes are read here from the package's own files with sqlite3 (not through the
generator's reader) or follow from the issue's national figures times the scale.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from tinhgon.core.errors import DomainError
from tinhgon.party import queries as party_queries
from tinhgon.party import stats
from tinhgon.party.models import Attachment, Member
from tinhgon.registry import queries
from tinhgon.registry.invariants import check_units
from tinhgon.registry.models import Unit, UnitCode, UnitVersion
from tinhgon.synth.country import synthesize
from tinhgon.synth.digest import digest

SCALE, SEED = 0.01, 7
ON = dt.date(2025, 12, 31)
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def package_rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
    spec = importlib.util.find_spec("vietnamadminunits")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"
    db = sqlite3.connect(path)
    try:
        return list(db.execute(sql))
    finally:
        db.close()


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Generated twice from the same seed (emptied in between); the second run stays."""
    with django_db_blocker.unblock():
        first = synthesize(scale=SCALE, seed=SEED)
        first_digest = digest()
        call_command("flush", interactive=False, verbosity=0)
        second = synthesize(scale=SCALE, seed=SEED)
        yield first, first_digest, second, digest()
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def official_on(day: dt.date) -> int:
    valid = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    return Attachment.objects.filter(valid, kind="official").count()


def test_same_seed_same_rows(generated):  # type: ignore[no-untyped-def]
    first, first_digest, second, second_digest = generated
    assert first_digest == second_digest
    assert first_digest["rows"]["party.Member"] > 0
    assert first.members == second.members
    assert first.provinces == second.provinces


def test_a_whole_new_province_with_its_lineage(generated):  # type: ignore[no-untyped-def]
    result = generated[2]
    # 1 % of 3,321 communes is 33; the smallest new province, Lai Châu (code 12), has 38.
    smallest = package_rows(
        "SELECT provinceCode, COUNT(*) FROM admin_units GROUP BY 1 ORDER BY 2 LIMIT 1"
    )[0]
    assert result.provinces == [smallest[0]] == ["12"]
    communes = UnitVersion.objects.as_of(AFTER).filter(kind="commune").count()
    assert communes == smallest[1] == result.communes
    legacy = package_rows(
        "SELECT COUNT(*) FROM admin_units_legacy WHERE provinceCode = '12' AND wardCode IS NOT NULL"
    )[0][0]
    assert UnitVersion.objects.as_of(BEFORE).filter(kind="commune").count() == legacy
    # Every legacy commune leads somewhere on 2025-07-01.
    for version in UnitVersion.objects.as_of(BEFORE).filter(kind="commune"):
        assert queries.lineage(version.unit, BEFORE, AFTER), version.name


def test_party_near_the_scaled_targets(generated):  # type: ignore[no-untyped-def]
    result = generated[2]
    members = round(SCALE * 5_600_000)
    assert official_on(ON) == members == result.members.counted
    kinds = dict(
        UnitVersion.objects.as_of(ON)
        .filter(kind__in=["party_committee", "grassroots_party_committee", "party_cell"])
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    assert kinds["grassroots_party_committee"] == 38  # one per commune
    assert kinds["party_committee"] == 2  # the party's root and the province's committee
    # Cells of 3 to 60 members, about 20 on average (270,000 for 5.6 million members).
    assert members / 30 < kinds["party_cell"] < members / 14
    women = Member.objects.filter(person__gender="female", ended_on__isnull=True).count()
    assert 0.35 < women / members < 0.41
    years = Counter(
        Member.objects.filter(admitted_on__year__gte=2015).values_list(
            "admitted_on__year", flat=True
        )
    )
    # Admissions in each of the ten years, none piled up (2025: the probationary as well).
    assert set(range(2015, 2026)) <= set(years)
    per_year = sorted(years[y] for y in range(2015, 2025))
    assert per_year[-1] < 2 * per_year[len(per_year) // 2]


def test_every_unit_valid_under_the_invariants(generated):  # type: ignore[no-untyped-def]
    ids = list(Unit.objects.values_list("id", flat=True))
    assert len(ids) > 2_000
    problems = [p for i in range(0, len(ids), 500) for p in check_units(ids[i : i + 500])]
    assert problems == []
    # Each party committee's territory is the administrative unit it serves.
    province = UnitCode.objects.as_of(ON).get(scheme="gso", code="12").unit_id
    committee = UnitVersion.objects.as_of(ON).get(kind="party_committee", territory_id=province)
    assert committee.name == "Đảng bộ tỉnh Lai Châu"


def test_registry_queries_on_the_result(generated):  # type: ignore[no-untyped-def]
    province = Unit.objects.get(pk=UnitCode.objects.as_of(ON).get(code="12").unit_id)
    top = queries.tree(province, ON)
    kinds = Counter(child.version.kind for child in top.children)
    assert kinds == {
        "commune": 38,
        "peoples_council": 1,
        "peoples_committee": 1,
        "fatherland_front": 1,
    }
    villages = sum(1 for c in top.children for v in c.children if v.version.kind == "village")
    assert villages == UnitVersion.objects.as_of(ON).filter(kind="village").count()
    root = Unit.objects.get(versions__name="Đảng Cộng sản Việt Nam")
    table = stats.statistics(root, ON)
    assert table.totals[0] == official_on(ON)
    assert len(table.rows) == 1  # one province
    assert party_queries.org_counts(province, ON).members == official_on(ON)


def test_refused_on_a_database_with_units_or_a_bad_scale(generated):  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as refused:
        synthesize(scale=0, seed=SEED)
    assert {p.code for p in refused.value.problems} == {"bad_scale", "not_empty"}
    assert "0" in refused.value.problems[0].message


def test_village_head_coverage_equals_a_direct_count(generated):  # type: ignore[no-untyped-def]
    from tinhgon.people import queries as people_queries
    from tinhgon.people.models import Holding

    result = generated[2]
    villages = UnitVersion.objects.as_of(ON).filter(kind="village")
    assert result.villages == villages.count()
    # Tens of thousands nationally: about a quarter as many villages as party cells.
    assert 0.15 < villages.count() / result.party_cells < 0.4
    heads = dict(
        Holding.objects.as_of(ON)
        .filter(post__post_type="village_head")
        .values_list("unit_id", "person_id")
    )
    village_of = dict(
        UnitVersion.objects.as_of(ON)
        .filter(kind="party_cell", territory__isnull=False)
        .values_list("unit_id", "territory_id")
    )
    secretaries = {
        village_of[unit]: person
        for unit, person in Holding.objects.as_of(ON)
        .filter(post__post_type="secretary")
        .values_list("unit_id", "person_id")
        if unit in village_of
    }
    same = sum(
        1 for v in villages if v.unit_id in heads and heads[v.unit_id] == secretaries[v.unit_id]
    )
    province = Unit.objects.get(pk=UnitCode.objects.as_of(ON).get(code="12").unit_id)
    coverage = people_queries.coverage("cell-secretary-village-head", province, ON)
    assert (coverage.complying, coverage.total) == (same, villages.count())
    assert 0.75 < same / villages.count() < 0.95  # most villages follow the policy
    # Every cell secretary is an official member attached to that cell on the day.
    for holding in Holding.objects.as_of(ON).filter(post__post_type="secretary")[:200]:
        member = Member.objects.get(person_id=holding.person_id)
        assert member.confirmed_on is not None and member.ended_on is None
        if UnitVersion.objects.as_of(ON).get(unit_id=holding.unit_id).kind == "party_cell":
            assert (
                Attachment.objects.as_of(ON)
                .filter(member=member, unit_id=holding.unit_id, kind="official")
                .exists()
            )


def test_public_employment_near_the_target(generated):  # type: ignore[no-untyped-def]
    from tinhgon.staffing import queries as staffing_queries
    from tinhgon.staffing.models import Employment

    result = generated[2]
    jobs = Employment.objects.as_of(ON)
    assert jobs.count() == round(SCALE * 2_500_000) == result.employment.employments
    # Party members in public service are employed first: some jobs are theirs, not all.
    by_members = jobs.filter(person__memberships__isnull=False).count()
    assert by_members == result.employment.members
    assert 0.2 < by_members / jobs.count() < 0.9
    # Every employing unit is valid on the day (the employment inside its unit's life).
    valid = set(UnitVersion.objects.as_of(ON).values_list("unit_id", flat=True))
    assert set(jobs.values_list("unit_id", flat=True)) <= valid
    province = Unit.objects.get(pk=UnitCode.objects.as_of(ON).get(code="12").unit_id)
    assert sum(staffing_queries.headcount(province, ON).values()) == jobs.count()
