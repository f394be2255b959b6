"""Retirement age, eligibility by age for a term (45-CT/TW), succession pools and targets."""

import pytest

from tinhgon.accounts.roles import Role
from tinhgon.core.errors import DomainError
from tinhgon.people import queries as q
from tinhgon.people import services as s
from tinhgon.people.models import Term
from tinhgon.people.rules import eligibility, months_between, retirement_date

from .helpers import D, as_user, build_world, person, refused

TERM = "party-2025-2030"


@pytest.mark.parametrize(
    ("born", "gender", "retires"),
    [
        # Decree 135/2020/NĐ-CP, appendix I: men born 1961-01…1961-09 retire at 60y3m, born
        # 1961-10…1962-06 at 60y6m, from 1966-04 at 62; women born 1966-01…1966-08 at 55y4m,
        # 1966-09…1967-04 at 55y8m, from 1980-05 at 60. Retirement: the day after the month.
        (D(1960, 6, 15), "male", D(2020, 7, 1)),
        (D(1961, 3, 10), "male", D(2021, 7, 1)),
        (D(1961, 10, 10), "male", D(2022, 5, 1)),
        (D(1962, 6, 1), "male", D(2023, 1, 1)),
        (D(1966, 4, 20), "male", D(2028, 5, 1)),
        (D(1966, 8, 31), "female", D(2022, 1, 1)),
        (D(1966, 9, 15), "female", D(2022, 6, 1)),
        (D(1980, 5, 2), "female", D(2040, 6, 1)),
    ],
)
def test_retirement_dates_follow_the_labour_code_schedule(born, gender, retires):
    assert retirement_date(born, gender) == retires


def test_months_between():
    assert months_between(D(2025, 7, 1), D(2029, 7, 1)) == 48
    assert months_between(D(2025, 7, 15), D(2029, 7, 1)) == 47
    assert months_between(D(2025, 7, 1), D(2025, 6, 1)) == -1


@pytest.mark.django_db
def test_eligibility_by_age_at_the_terms_reference_date():
    w = build_world()
    term = Term.objects.get(code=TERM)
    # Retires 2029-07-01: 48 months after the commune reference date (2025-07-01).
    near = person("Lê Thị Hoa", "female", w.commune, birth_date=D(1971, 6, 5))
    check = eligibility(near, w.secretary, term, "grassroots_party_committee", "commune")
    assert (check.rule, check.reference_date, check.months_left) == (
        "ct45-commune",
        D(2025, 7, 1),
        48,
    )
    assert check.first_time and check.eligible is False and check.months_required == 60
    # Standing again (she held a post of the committee when the term began): 48 months do.
    s.holding_start(person=near, post=w.deputy, valid_from=D(2020, 7, 1))
    again = eligibility(near, w.secretary, term, "grassroots_party_committee", "commune")
    assert not again.first_time and again.eligible is True
    unknown = person("Ngô Văn Khoa", home=w.commune)
    assert eligibility(
        unknown, w.secretary, term, "grassroots_party_committee", "commune"
    ).note == ("birth_date_unknown")
    other_term = Term.objects.get(code="party-2020-2025")
    assert eligibility(
        near, w.secretary, other_term, "grassroots_party_committee", "commune"
    ).note == ("no_rule")


@pytest.fixture
def plan(db):
    w = build_world()
    w.young = person("Trần Thị Lan", "female", w.commune, birth_date=D(1990, 1, 1))
    w.minority = person(
        "Triệu Văn Mẩy", "male", w.commune, birth_date=D(1978, 5, 5), ethnicity="dao"
    )
    w.senior = person(
        "Nguyễn Văn Phát", "male", w.commune, birth_date=D(1966, 1, 1), ethnicity="kinh"
    )
    for candidate in (w.young, w.minority, w.senior):
        s.candidate_add(term=TERM, post=w.secretary, person=candidate)
    s.candidate_add(term=TERM, post=w.deputy, person=w.young)
    return w


@pytest.mark.django_db
def test_succession_pools_are_checked_against_the_targets(plan):
    s.target_define(
        code="minority-2025",
        metric="minority_share",
        value="0.5",
        valid_from=D(2020, 1, 1),
        term=TERM,
    )
    report = q.succession(TERM, plan.city)
    assert (report.candidates, report.women, report.under_40, report.minorities) == (3, 1, 1, 1)
    checks = {c.metric: c for c in report.checks}
    assert checks["women_share"].actual == 0.3333 and checks["women_share"].ok
    assert checks["under_40_share"].ok
    assert checks["minority_share"].target == 0.5 and checks["minority_share"].ok is False
    secretary, deputy = report.pools
    assert [c.person.full_name for c in secretary.candidates] == [
        "Trần Thị Lan",
        "Triệu Văn Mẩy",
        "Nguyễn Văn Phát",
    ]
    per_post = {c.metric: c.ok for c in deputy.checks}
    assert per_post == {"min_per_post": False, "max_per_post": True}
    ages = {c.person.full_name: c.eligibility.eligible for c in secretary.candidates}
    # Born 1966: retires in 2028, too soon for a first time on the committee in 2025.
    assert ages == {"Trần Thị Lan": True, "Triệu Văn Mẩy": True, "Nguyễn Văn Phát": False}
    assert report.eligible == 2


@pytest.mark.django_db
def test_a_person_planned_for_too_many_posts_is_flagged(plan):
    for target in (plan.chair, plan.vice, plan.council_chair):
        with pytest.raises(DomainError) as caught:
            s.candidate_add(term=TERM, post=target, person=plan.young)
        assert "post_track_mismatch" in caught.value.codes
    chair_term = s.term_of("party-2025-2030")
    extra = [
        s.post_create(unit=plan.party, post_type=t, valid_from=D(2010, 1, 1))
        for t in ("standing_committee_member", "committee_member")
    ]
    for target in extra:
        s.candidate_add(term=chair_term, post=target, person=plan.young)
    report = q.succession(TERM, plan.city)
    flagged = [c for c in report.checks if c.metric == "max_posts_per_person"]
    assert [(c.subject, c.actual) for c in flagged] == [("Trần Thị Lan", 4.0)]


@pytest.mark.django_db
def test_candidates_once_per_pool_and_viewers_see_only_counts(plan):
    refused(
        "candidate_exists", s.candidate_add, term=TERM, post=plan.secretary, person=plan.minority
    )
    with as_user("nguoixem", Role.VIEWER, plan.city):
        report = q.succession(TERM, plan.city)
    assert report.candidates == 3 and not report.persons_shown
    row = report.pools[0].candidates[0]
    assert row.person is None and row.age is None and row.eligibility is None


@pytest.mark.django_db
def test_a_candidate_can_be_taken_out_of_a_pool(plan):
    from tinhgon.people.models import Candidate

    candidate = Candidate.objects.get(person=plan.senior)
    s.candidate_remove(candidate=candidate)
    assert q.succession(TERM, plan.city).candidates == 2
