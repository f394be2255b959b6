import pytest

from tests.party.helpers import D, admit, build_world
from tinhgon.party import queries as q
from tinhgon.party.stats import statistics

pytestmark = pytest.mark.django_db


def test_smoke():
    w = build_world()
    a = admit(w.cell_1, D(2019, 3, 1), confirm=True)
    admit(w.cell_2, D(2020, 3, 1), name="Lê Thị Bình", gender="female")
    admit(w.school, D(2020, 4, 1), name="Trần Văn C")
    counts = q.org_counts(w.city_party, D(2020, 6, 1))
    print(counts)
    print(q.admissions(w.city_party, D(2019, 1, 1), D(2020, 12, 31)))
    print(q.admission_rates(w.city_party, 2019, 2020))
    print(q.confirmations_due(w.city_party, D(2021, 1, 1), D(2021, 12, 31)))
    print(q.structure_check(w.city_party, D(2020, 6, 1)))
    print(q.organization(w.ward_party, D(2020, 6, 1)))
    print(q.member_record(a.pk))
    t = statistics(w.city, D(2020, 6, 1))
    print(t.rows, t.totals)
    assert counts.members == 3
