"""The built-in targets (rules.md §1.4, §5; mong-cai.md) evaluated on the Móng Cái demo, the
statuses before and after a due date, no data where nothing is recorded, and the refusals of
the services with nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tinhgon.audit.models import ChangeRecord
from tinhgon.core.errors import DomainError
from tinhgon.indicators import targets as tg
from tinhgon.indicators.builtins import SCHEMES, TARGETS
from tinhgon.indicators.catalogue import CATALOGUE
from tinhgon.indicators.models import Scheme, Target
from tinhgon.indicators.services import scheme_save, target_save
from tinhgon.registry import queries as rq

D = dt.date
pytestmark = pytest.mark.django_db


def city():
    return rq.unit_resolve("194", D(2015, 1, 1))


def by_code(evaluations):
    return {e.target.code: e for e in evaluations}


def test_the_builtins_are_seeded_and_name_indicators_of_the_catalogue():
    assert set(Scheme.objects.values_list("code", flat=True)) == {s["code"] for s in SCHEMES}
    assert set(Target.objects.values_list("code", flat=True)) == {t["code"] for t in TARGETS}
    assert all(t.builtin and t.indicator in CATALOGUE for t in Target.objects.all())


def test_the_admission_rate_of_the_2015_2020_term_is_met(demo):
    # mong-cai.md: 908 admitted in five years, 5.1% a year on average — the target met.
    found = by_code(tg.targets_for(city(), D(2020, 12, 31), with_series=True))
    rate = found["party-2015-2020-admission-rate"]
    assert rate.status == tg.MET
    assert rate.achieved == pytest.approx(0.051, abs=0.0005)
    assert [p.year for p in rate.series] == [2015, 2016, 2017, 2018, 2019]
    assert rate.link["from"] == "01/01/2015" and rate.link["explain"] == "1"


def test_statuses_before_and_after_the_due_date(demo):
    before = by_code(tg.targets_for(city(), D(2018, 6, 30)))
    # the average rate so far is at or above 5%: on track, not yet met
    assert before["party-2015-2020-admission-rate"].status == tg.ON_TRACK
    # 550 employed at the end of 2015, 388 in mid-2018: already more than 10% fewer
    payroll = before["nq39-payroll"]
    assert (payroll.base, payroll.reading, payroll.status) == (550, 388, tg.MET)
    # more public service units than in 2015: below the straight line to −10%
    units = before["nq19-units"]
    assert units.status == tg.BEHIND and units.expected is not None and units.expected > 0
    after = by_code(tg.targets_for(city(), D(2021, 12, 31)))
    assert after["nq39-payroll"].status == tg.MET
    assert after["nq19-units"].status == tg.BEHIND  # missed at the due date
    assert "party-2015-2020-admission-rate" not in after  # its scheme no longer in force
    kl40 = by_code(tg.targets_for(city(), D(2024, 6, 30)))
    assert kl40["kl40-civil-servants"].status == tg.BEHIND
    assert kl40["kl40-civil-servants"].achieved == 0.0


def test_no_data_where_nothing_is_recorded(demo):
    scheme = Scheme.objects.get(code="nq39-2015")
    early = Target.objects.create(
        scheme=scheme,
        code="early",
        name="x",
        indicator="headcount_vs_quota",
        comparison="reduce_by_at_least",
        value=Decimal("0.1"),
        base_on=D(2014, 1, 1),
        due_on=D(2021, 12, 31),
    )
    # no one is recorded as employed in 2014 (the demo's records begin in 2015): no data at
    # the base date, not a zero
    found = tg.evaluate(early, city(), D(2016, 6, 30), with_series=True)
    assert found.status == tg.NO_DATA and found.achieved is None
    assert found.note == "không có số liệu tại ngày gốc"
    assert all(p.value is None for p in found.series)
    before_base = tg.evaluate(Target.objects.get(code="nq39-payroll"), city(), D(2015, 6, 1))
    assert before_base.status == tg.NO_DATA


def good_target(**changes):
    fields = {
        "scheme": Scheme.objects.get(code="kl40-2022"),
        "code": "t1",
        "name": "Giảm 5% công chức",
        "indicator": "headcount_vs_quota",
        "figure": "category:civil_servant",
        "comparison": "reduce_by_at_least",
        "value": "0.05",
        "base_on": D(2021, 12, 31),
        "due_on": D(2026, 12, 31),
    }
    return fields | changes


def test_writing_a_scheme_and_a_target_is_audited():
    records = ChangeRecord.objects.count()
    scheme = scheme_save(code="de-an-25", name="Đề án 25", kind="project", valid_from=D(2019, 1, 1))
    target = target_save(**good_target(scheme=scheme))
    assert target.value == Decimal("0.05") and not target.builtin
    assert ChangeRecord.objects.count() == records + 2
    target_save(target, value="0.06")
    assert ChangeRecord.objects.count() == records + 3
    assert ChangeRecord.objects.order_by("-pk").first().action == "update"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"indicator": "staff"}, "indicator", "không có chỉ số"),
        ({"indicator": "admissions"}, "comparison", "không được dùng"),
        ({"due_on": D(2020, 1, 1)}, "due_on", "không sau ngày gốc"),
        ({"comparison": "more"}, "comparison", "không phải là một trong"),
        ({"params": {"policy": "x"}}, "params", "không có tham số"),
    ],
)
def test_bad_targets_are_refused_with_the_row_and_field_and_nothing_written(changes, field, words):
    count, records = Target.objects.count(), ChangeRecord.objects.count()
    with pytest.raises(DomainError) as refused:
        target_save(**good_target(**changes))
    problems = refused.value.problems
    assert field in [p.field for p in problems]
    message = next(p.message for p in problems if p.field == field)
    assert message.startswith("Chỉ tiêu t1:") and words in message
    assert (Target.objects.count(), ChangeRecord.objects.count()) == (count, records)


def test_a_reversed_scheme_is_refused():
    with pytest.raises(DomainError) as refused:
        scheme_save(
            code="x", name="x", kind="plan", valid_from=D(2020, 1, 1), valid_to=D(2019, 1, 1)
        )
    assert refused.value.problems[0].field == "valid_to"
    assert not Scheme.objects.filter(code="x").exists()
