"""bench/load.py's preparation on a generated apparatus: the benchmark account reads everything
and writes nothing, its password changes each run, and the sampled ids are of the right kinds."""

import datetime as dt
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tinhgon.accounts.access import access_for
from tinhgon.accounts.models import Grant
from tinhgon.accounts.roles import Action
from tinhgon.registry.models import UnitVersion
from tinhgon.synth.country import synthesize

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import load

ON = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        synthesize(scale=0.01, seed=7)
        yield
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def _kinds(ids: list[int]) -> set[str]:
    return set(UnitVersion.objects.as_of(ON).filter(unit_id__in=ids).values_list("kind", flat=True))


def test_account_reads_everything_and_writes_nothing(generated) -> None:  # type: ignore[no-untyped-def]
    load.prepare(ON, seed=1, password="first-Password-1")
    account = get_user_model().objects.get(username=load.USERNAME)
    assert account.check_password("first-Password-1")
    access = access_for(account)
    for action in (Action.VIEW, Action.VIEW_PERSONAL, Action.VIEW_PARTY):
        access.require_everywhere(action)  # raises when refused
    for action in (Action.RECORD_EVENTS, Action.EDIT_PERSONNEL, Action.EDIT_PARTY):
        assert not access.may(action)
    # A second run: a new password, the old one gone, no second grant.
    load.prepare(ON, seed=1, password="second-Password-2")
    account.refresh_from_db()
    assert account.check_password("second-Password-2")
    assert not account.check_password("first-Password-1")
    assert Grant.objects.filter(user=account).count() == 1


def test_samples_are_of_their_kind_and_seeded(generated) -> None:  # type: ignore[no-untyped-def]
    plan = load.prepare(ON, seed=1, password="first-Password-1")
    valid = UnitVersion.objects.as_of(ON)
    for key, kind in (("provinces", "province"), ("communes", "commune"), ("villages", "village")):
        assert _kinds(plan[key]) == {kind}
        expected = min(load.SAMPLE[key], valid.filter(kind=kind).count())
        assert len(set(plan[key])) == expected
    # Lai Châu's party committee: one per sampled province, a party committee over it.
    assert len(plan["party"]) == len(plan["provinces"])
    parties = valid.filter(unit_id__in=plan["party"])
    assert {v.kind for v in parties} == {"party_committee"}
    assert {v.territory_id for v in parties} == set(plan["provinces"])
    assert load.prepare(ON, seed=1, password="first-Password-1") == plan
