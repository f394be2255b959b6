"""Coverage snapshots on a generated province (tinhgon synth at scale 0.01): for every built-in
policy and both roots, the snapshot's reasons are the live ones place by place, before and after
holdings end and start and members leave (counted in from the audit log)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from tinhgon.audit.context import acting_as
from tinhgon.party import services as party
from tinhgon.party.models import Member
from tinhgon.people import queries as q
from tinhgon.people import services
from tinhgon.people.counting import reasons
from tinhgon.people.coverage_snapshots import coverage_snapshot_build, snapshot_reasons
from tinhgon.people.models import Holding
from tinhgon.registry.models import Unit, UnitVersion
from tinhgon.synth.country import synthesize

ON = dt.date(2025, 12, 31)
DAY = dt.date(2025, 11, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        yield synthesize(scale=0.01, seed=7)
        call_command("flush", interactive=False, verbosity=0)


def roots() -> list[Unit]:
    found = UnitVersion.objects.as_of(ON).filter(parent__isnull=True).order_by("unit_id")
    return [Unit(pk=uid) for uid in found.values_list("unit_id", flat=True)]


def snapshots_are_live(pairs: list[tuple[str, Unit]]) -> dict[str, int]:
    """Every snapshot equals the live count, place by place; the places that comply, by policy
    and root."""
    complying = {}
    for code, scope in pairs:
        policy = q.policy_resolve(code)
        live = reasons(policy, scope, ON)
        assert snapshot_reasons(policy, scope, ON) == live
        count = q.coverage_count(code, scope, ON)
        assert (count.complying, count.total) == (sum(not r for r in live.values()), len(live))
        complying[f"{code}@{scope.pk}"] = count.complying
    return complying


def test_snapshots_follow_the_writes(generated):
    with acting_as(None, source="cli"):
        pairs = [(p.code, scope) for p in q.policies(ON) for scope in roots()]
        assert len(pairs) >= 4
        for code, scope in pairs:
            coverage_snapshot_build(policy=q.policy_resolve(code), scope=scope, on=ON)
        before = snapshots_are_live(pairs)
        assert max(before.values()) > 20
        # Village heads stop; secretaries of other villages head some; holders leave the party.
        heads = list(
            Holding.objects.as_of(ON).filter(post__post_type="village_head").order_by("id")[:12]
        )
        for holding in heads[:8]:
            services.holding_end(holding=holding, valid_to=DAY)
        secretaries = Holding.objects.as_of(ON).filter(post__post_type="secretary")
        for holding, secretary in zip(heads[:4], secretaries.order_by("-id")[:4], strict=True):
            services.holding_start(person=secretary.person_id, post=holding.post, valid_from=DAY)
        for holding in heads[8:]:
            for member in Member.objects.filter(person_id=holding.person_id, ended_on__isnull=True):
                party.member_end(member=member, on=DAY, reason="left")
        after = snapshots_are_live(pairs)
        assert after != before
