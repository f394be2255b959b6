"""Writes about party members and organizations. Each is one transaction: it checks access
(EDIT_PARTY in the organizations it writes in), refuses bad input with every problem at once
(DomainError, Vietnamese messages naming the record and the rule), writes, and records the
change in the audit trail. A refused write leaves nothing behind.

The bulk writes (`members_admit`, `members_confirm`, `ratings_record`) are what the demo and
the imports use; the single ones are a list of one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tinhgon.accounts.access import current_access, require
from tinhgon.accounts.roles import Action
from tinhgon.audit.services import (
    Change,
    change_record,
    change_records_bulk,
    change_records_staged,
)
from tinhgon.core import bulk, staging
from tinhgon.core.errors import NotFound, Problem, raise_if, row_prefix
from tinhgon.core.memo import remembered
from tinhgon.core.text import nfc
from tinhgon.people.access import seen
from tinhgon.people.invariants import chunks, unit_versions, version_on
from tinhgon.people.labels import choice_label, person_label
from tinhgon.people.models import Person, Term
from tinhgon.people.services import (
    PERSON_AUDIT_SQL,
    PersonRow,
    person_stage_columns,
    persons_checked,
    persons_insert_staged,
)
from tinhgon.registry.models import UnitVersion
from tinhgon.registry.provinces import unit_keys

from .kinds import MEMBER_KINDS, PARTY_KINDS, AttachmentKind, EndReason, Grade, Occupation, Stage
from .models import (
    NEW_MEMBER_REPR_SQL,
    AdmissionAgeRule,
    AdmissionCandidate,
    AdmissionTarget,
    Attachment,
    Congress,
    Member,
    Rating,
    RatingScale,
)
from .problems import problem
from .rules import age_in_years, probation_end, rules_by_date

EDIT = Action.EDIT_PARTY


# ---------------------------------------------------------------------------- looking up


def _ref_id(ref: Any) -> int | None:
    if hasattr(ref, "pk"):
        return int(ref.pk)
    text = str(ref).strip().removeprefix("id:").removeprefix("#")
    return int(text) if text.isdigit() else None


def member_of(ref: Member | int | str, field: str = "member") -> Member:
    """A membership by instance or id; "not found" outside the user's scope."""
    mid = _ref_id(ref)
    member = (
        Member.objects.select_related("person").filter(pk=mid).first() if mid is not None else None
    )
    if member is None or not _member_visible(member):
        raise NotFound(problem("member_not_found", field, ref=ref if mid is None else mid))
    return member


def _member_visible(member: Member) -> bool:
    access = current_access()
    units = {member.admitted_in_id} | set(
        Attachment.objects.filter(member=member).values_list("unit_id", flat=True)
    )
    return any(access.covers(u) for u in units)


def home_units(members: Iterable[Member]) -> dict[int, int]:
    """Where each member takes part officially now (their open official attachment), or the
    cell that admitted them: whose board keeps their record."""
    found = {m.pk: m.admitted_in_id for m in members}
    for chunk in chunks(found):
        found.update(
            Attachment.objects.filter(
                member_id__in=chunk, kind=AttachmentKind.OFFICIAL, valid_to__isnull=True
            ).values_list("member_id", "unit_id")
        )
    return found


def _versions(unit_ids: Iterable[int]) -> dict[int, list[UnitVersion]]:
    return _versions_of(frozenset(unit_ids))


# Remembered: an import's chunks ask about the same cells (interchange.importing). Their
# answers are read, never changed.
@remembered
def _versions_of(unit_ids: frozenset[int]) -> dict[int, list[UnitVersion]]:
    return unit_versions(unit_ids)


@remembered
def _keys_of(unit_ids: frozenset[int]) -> dict[int, int | None]:
    return unit_keys(unit_ids)


def _unit_name(versions: dict[int, list[UnitVersion]], unit_id: int, on: dt.date) -> str:
    history = versions.get(unit_id, [])
    version = version_on(history, on) or (history[-1] if history else None)
    return f"“{version.name}” (#{unit_id})" if version else f"#{unit_id}"


def _org_problems(
    versions: dict[int, list[UnitVersion]],
    unit_id: int,
    on: dt.date,
    field: str,
    kinds: frozenset[str] = MEMBER_KINDS,
) -> list[Problem]:
    history = versions.get(unit_id)
    if not history:
        return [problem("unit_not_found", field, ref=unit_id)]
    version = version_on(history, on)
    name = _unit_name(versions, unit_id, on)
    if version is None:
        return [problem("org_not_alive", field, unit=name, date=on)]
    if version.kind not in kinds:
        code = "not_party_unit" if kinds is MEMBER_KINDS else "not_party_org"
        return [problem(code, field, unit=name, kind=version.get_kind_display())]
    return []


def _person_name(member: Member) -> str:
    return person_label(member.person.full_name, member.person_id)


def _member_audit(member: Member) -> dict[str, Any]:
    return _member_audit_values(vars(member))


def _member_audit_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """`_member_audit` of a member's field values (by attname)."""

    def day(key: str) -> str | None:
        return values[key].isoformat() if values[key] else None

    return {
        "person": values["person_id"],
        "admitted_on": day("admitted_on"),
        "admitted_in": values["admitted_in_id"],
        "admission_decision": values["admission_decision"],
        "considered_on": day("considered_on"),
        "occupation": values["occupation"],
        "card_number": values["card_number"],
        "confirmed_on": day("confirmed_on"),
        "ended_on": day("ended_on"),
        "end_reason": values["end_reason"],
    }


def _attachment_audit(attachment: Attachment) -> dict[str, Any]:
    return _attachment_audit_values(vars(attachment))


def _attachment_audit_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """`_attachment_audit` of an attachment's field values (by attname)."""
    return {
        "member": values["member_id"],
        "unit": values["unit_id"],
        "kind": values["kind"],
        "valid_from": values["valid_from"].isoformat(),
        "valid_to": values["valid_to"].isoformat() if values["valid_to"] else None,
        "decision": values["decision"],
    }


def _running_problem(member: Member, on: dt.date, field: str) -> list[Problem]:
    """A problem if the membership does not run on `on`."""
    name = _person_name(member)
    if on < member.admitted_on:
        return [
            problem(
                "not_yet_member",
                field,
                member=member.pk,
                person=name,
                start=member.admitted_on,
                date=on,
            )
        ]
    if member.ended_on is not None and on >= member.ended_on:
        return [
            problem(
                "member_ended",
                field,
                member=member.pk,
                person=name,
                end=member.ended_on,
                reason=choice_label(EndReason, member.end_reason),
                date=on,
            )
        ]
    return []


def _bump(member: Member) -> None:
    Member.objects.filter(pk=member.pk).update(revision=F("revision") + 1)
    member.revision += 1


# ---------------------------------------------------------------------------- admission


@dataclass
class AdmissionRow:
    """One admission: the person, the cell that admits, the date in the admission decision and
    the day the cell considered it (the same day if not given).

    `in_cell_from` records a member admitted before the records begin: the admission keeps its
    true date, and the member is attached to the cell (which must exist then) from that day,
    the first of the records, instead of from the admission."""

    person_id: int
    cell_id: int
    admitted_on: dt.date
    considered_on: dt.date | None = None
    decision: str = ""
    occupation: str = ""
    card_number: str = ""
    in_cell_from: dt.date | None = None


def member_admit(**fields: Any) -> Member:
    """Admit one person (the fields of AdmissionRow)."""
    return members_admit(rows=[AdmissionRow(**fields)])[0]


@transaction.atomic
def members_admit(*, rows: Sequence[AdmissionRow]) -> list[Member]:
    """Admit members: each starts probation in the cell on the admission date."""
    require(EDIT, {r.cell_id for r in rows})
    persons = _persons({r.person_id for r in rows})
    # A person the user may not see is "not found": their name stays out of the messages.
    shown = _visible_persons(set(persons))
    persons = {pid: p for pid, p in persons.items() if pid in shown}
    existing = _memberships({r.person_id for r in rows})
    problems = _admission_problems(rows, persons)
    seen_persons: set[int] = set()
    for index, row in enumerate(rows):
        person = persons.get(row.person_id)
        if person is None:
            continue
        prefix = row_prefix(index, len(rows) > 1)
        name = person_label(person.full_name, person.pk)
        if row.person_id in seen_persons:
            problems.append(problem("admitted_twice_in_batch", prefix + "person", person=name))
        seen_persons.add(row.person_id)
        for other in existing.get(row.person_id, []):
            if other.ended_on is not None and other.ended_on <= row.admitted_on:
                continue
            code = "already_member" if other.admitted_on <= row.admitted_on else "member_later"
            problems.append(
                problem(
                    code,
                    prefix + "admitted_on",
                    person=name,
                    date=row.admitted_on,
                    member=other.pk,
                    start=other.admitted_on,
                )
            )
    raise_if(problems)
    members = bulk.create(
        [
            Member(
                person_id=r.person_id,
                admitted_on=r.admitted_on,
                admitted_in_id=r.cell_id,
                admission_decision=nfc(r.decision)[:100],
                considered_on=r.considered_on or r.admitted_on,
                occupation=r.occupation,
                card_number=nfc(r.card_number)[:30],
            )
            for r in rows
        ]
    )
    provinces = unit_keys(r.cell_id for r in rows)
    attachments = bulk.create(
        [
            Attachment(
                member=m,
                unit_id=m.admitted_in_id,
                province_id=provinces[m.admitted_in_id],
                kind=AttachmentKind.OFFICIAL,
                valid_from=r.in_cell_from or m.admitted_on,
                decision=m.admission_decision,
            )
            for m, r in zip(members, rows, strict=True)
        ]
    )
    change_records_bulk(
        changes=[(m, None, _member_audit(m)) for m in members]
        + [(a, None, _attachment_audit(a)) for a in attachments]
    )
    _candidates_admitted(members)
    return members


def _admission_problems(
    rows: Sequence[AdmissionRow], persons: Mapping[int, Admittee | Person]
) -> list[Problem]:
    """What is wrong with each admission on its own: the person (among `persons`, those the
    user may see), the cell on the day, the dates, the age rule, the occupation."""
    many = len(rows) > 1
    problems: list[Problem] = []
    versions = _versions([r.cell_id for r in rows])
    rule_on = rules_by_date(AdmissionAgeRule)
    occupations = frozenset(Occupation.values)
    for index, row in enumerate(rows):
        prefix = row_prefix(index, many)
        person = persons.get(row.person_id)
        if row.occupation and row.occupation not in occupations:
            problems.append(
                problem(
                    "invalid_choice",
                    prefix + "occupation",
                    value=row.occupation,
                    choices=", ".join(Occupation.values),
                )
            )
        if person is None:
            problems.append(problem("person_not_found", prefix + "person", ref=row.person_id))
            continue
        name = person_label(person.full_name, person.pk)
        in_cell = row.in_cell_from or row.admitted_on
        problems += _org_problems(versions, row.cell_id, in_cell, prefix + "cell")
        if in_cell < row.admitted_on:
            problems.append(
                problem(
                    "interval_reversed",
                    prefix + "in_cell_from",
                    start=row.admitted_on,
                    end=in_cell,
                )
            )
        considered = row.considered_on or row.admitted_on
        if considered > row.admitted_on:
            problems.append(
                problem(
                    "considered_after_admission",
                    prefix + "considered_on",
                    considered=considered,
                    date=row.admitted_on,
                )
            )
        problems += _age_problems(person, name, considered, prefix + "considered_on", rule_on)
    return problems


class Admittee(NamedTuple):
    """What the admission checks read of a person (a Person, or one being recorded)."""

    pk: int
    full_name: str
    birth_date: dt.date | None


@dataclass
class NewMemberRow:
    """A member not yet recorded as a person (a sheet of members admitted before the records):
    the person's fields and the admission's."""

    person: PersonRow
    admission: AdmissionRow  # its person_id is not read


@transaction.atomic
def members_register(*, rows: Sequence[NewMemberRow]) -> int:
    """Record new persons and admit them at once: the rows `persons_register_bulk` then
    `members_admit` write, after the same checks, with one change record a member instead of
    their three (the person, the member, the attachment: all three's values in the one). The
    persons are new, so they hold no other membership and no candidacy. Returns how many
    members were recorded."""
    batch = members_register_checked(rows=rows)
    batch.run()
    return len(batch.rows)


def members_register_checked(*, rows: Sequence[NewMemberRow]) -> staging.Batch:
    """The checks of `members_register` (refused with every problem; nothing written but the
    ids it reserves), and its writes as a batch (core/staging.py: the rows go once into a
    stage, the database fills every table from it) for the caller to run: an import checks
    the next rows while the batch is written."""
    require(EDIT, {r.admission.cell_id for r in rows})
    persons = persons_checked(rows=[r.person for r in rows])
    count = len(persons)
    person_ids, member_ids, attachment_ids = staging.reserve_ids(count, Person, Member, Attachment)
    admissions = [r.admission for r in rows]
    for admission, pk in zip(admissions, person_ids, strict=True):
        admission.person_id = pk  # a new member's row names no person: it is set here
    admittees = {
        pk: Admittee(pk, v["full_name"], v["birth_date"])
        for pk, v in zip(person_ids, persons, strict=True)
    }
    raise_if(_admission_problems(admissions, admittees))
    person_fields = list(person_stage_columns())[1:]  # after the id
    provinces = _keys_of(frozenset(a.cell_id for a in admissions))
    stage = [
        (person_id, *(v[c] for c in person_fields), member_id, attachment_id, a.cell_id,
         a.admitted_on, nfc(a.decision)[:100], a.considered_on or a.admitted_on, a.occupation,
         nfc(a.card_number)[:30], a.in_cell_from or a.admitted_on, provinces[a.cell_id])
        for person_id, member_id, attachment_id, v, a in zip(
            person_ids, member_ids, attachment_ids, persons, admissions, strict=True
        )
    ]  # fmt: skip
    now = timezone.now()
    batch = staging.Batch(_member_stage_columns(), stage)
    persons_insert_staged(batch, now=now)
    batch.insert_from(
        Member,
        {"id": "member_id", "person_id": "person_id", "admitted_on": "admitted_on",
         "admitted_in_id": "cell_id", "admission_decision": "decision",
         "considered_on": "considered_on", "occupation": "occupation",
         "card_number": "card_number"},
        now=now,
    )  # fmt: skip
    batch.insert_from(
        Attachment,
        {"id": "attachment_id", "member_id": "member_id", "unit_id": "cell_id",
         "kind": ("%s", [AttachmentKind.OFFICIAL.value]), "valid_from": "in_cell_from",
         "decision": "decision", "province_id": "province_id"},
        now=now,
    )  # fmt: skip
    # One change record a row, filed under the member: `_member_audit_values`, then the
    # person's (`_person_audit_values`) and the attachment's (`_attachment_audit_values`) under
    # "person." and "attachment.", without the empty values (a new member is not confirmed,
    # has not ended, its attachment is open). Three records a row, each with every key, made
    # them half of a big import's time and bytes (docs/developer/interchange.md).
    change_records_staged(
        batch, label=Member._meta.label, object_id="member_id", object_repr=NEW_MEMBER_REPR_SQL,
        unit="cell_id",
        after={"person": "person_id", "admitted_on": "admitted_on", "admitted_in": "cell_id",
               "admission_decision": "decision", "considered_on": "considered_on",
               "occupation": "occupation", "card_number": "card_number",
               **{f"person.{key}": sql for key, sql in PERSON_AUDIT_SQL.items()},
               "attachment": "attachment_id", "attachment.unit": "cell_id",
               "attachment.kind": f"'{AttachmentKind.OFFICIAL.value}'",
               "attachment.valid_from": "in_cell_from", "attachment.decision": "decision"},
        omit_empty={"admission_decision", "occupation", "card_number", "person.education",
                    "person.birth_date", "person.ethnicity", "person.home_commune",
                    "attachment.decision"},
    )  # fmt: skip
    return batch


def _member_stage_columns() -> dict[str, Any]:
    """The stage of `members_register`: ids, the person's columns, the admission's."""
    member = {f.attname: f for f in Member._meta.concrete_fields}
    return {
        **person_stage_columns(),
        "member_id": member["id"],
        "attachment_id": Attachment._meta.pk,
        "cell_id": member["admitted_in_id"],
        "admitted_on": member["admitted_on"],
        "decision": member["admission_decision"],
        "considered_on": member["considered_on"],
        "occupation": member["occupation"],
        "card_number": member["card_number"],
        "in_cell_from": Attachment._meta.get_field("valid_from"),
        "province_id": Attachment._meta.get_field("province"),
    }


def _persons(person_ids: set[int]) -> dict[int, Person]:
    found: dict[int, Person] = {}
    for chunk in chunks(person_ids):
        found.update(
            (p.pk, p) for p in Person.objects.filter(pk__in=chunk).only("full_name", "birth_date")
        )
    return found


def _visible_persons(person_ids: set[int]) -> set[int]:
    """The persons the user may see: as people shows them (home commune, posts), or as members
    of a party organization in the user's scope."""
    found = set(seen(person_ids).persons)
    view = current_access().units("view")
    rest = person_ids - found
    if view is None:
        return person_ids
    for chunk in chunks(rest):
        for pid, unit_id in Attachment.objects.filter(member__person_id__in=chunk).values_list(
            "member__person_id", "unit_id"
        ):
            if unit_id in view:
                found.add(pid)
    return found


def _memberships(person_ids: set[int]) -> dict[int, list[Member]]:
    found: dict[int, list[Member]] = defaultdict(list)
    for chunk in chunks(person_ids):
        for member in Member.objects.filter(person_id__in=chunk):
            found[member.person_id].append(member)
    return found


def _age_problems(
    person: Admittee | Person,
    name: str,
    on: dt.date,
    field: str,
    rule_on: Callable[[dt.date], AdmissionAgeRule | None],
) -> list[Problem]:
    rule = rule_on(on)
    if rule is None:  # no rule recorded for that date (admissions before 2011): nothing to apply
        return []
    label = rule.basis or rule.code
    if person.birth_date is None:
        return [
            problem(
                "birth_date_unknown",
                field,
                person=name,
                rule=label,
                min=rule.min_age,
                max=rule.max_age,
            )
        ]
    age = age_in_years(person.birth_date, on)
    if rule.min_age <= age <= rule.max_age:
        return []
    return [
        problem(
            "age_outside_rule",
            field,
            person=name,
            age=age,
            date=on,
            rule=label,
            min=rule.min_age,
            max=rule.max_age,
        )
    ]


def _candidates_admitted(members: Sequence[Member]) -> None:
    """Close the open pipeline records of the persons admitted."""
    by_person = {m.person_id: m for m in members}
    open_stages = [Stage.TRAINING, Stage.DOSSIER, Stage.APPRAISED]
    for chunk in chunks(by_person):
        for candidate in AdmissionCandidate.objects.filter(
            person_id__in=chunk, stage__in=open_stages
        ):
            member = by_person[candidate.person_id]
            before = {"stage": candidate.stage, "member": None}
            candidate.stage, candidate.member = Stage.ADMITTED, member
            candidate.save(update_fields=["stage", "member"])
            change_record(
                obj=candidate,
                action="update",
                before=before,
                after={"stage": candidate.stage, "member": member.pk},
            )


# ---------------------------------------------------------------------------- confirmation


@dataclass
class ConfirmationRow:
    """The confirmation of a probationary member, decided on a day after the probation."""

    member_id: int
    decided_on: dt.date
    decision: str = ""


def member_confirm(**fields: Any) -> Member:
    return members_confirm(rows=[ConfirmationRow(**fields)])[0]


@transaction.atomic
def members_confirm(*, rows: Sequence[ConfirmationRow]) -> list[Member]:
    """Confirm members: official from the day their 12 months of probation end, however late
    the decision (Party Statute Art. 5; QĐ 24 §4.2)."""
    many = len(rows) > 1
    members = {
        m.pk: m
        for chunk in chunks(r.member_id for r in rows)
        for m in Member.objects.select_related("person").filter(pk__in=chunk)
    }
    require(EDIT, home_units(members.values()).values())
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        field = row_prefix(index, many) + "decided_on"
        member = members.get(row.member_id)
        if member is None:
            problems.append(
                problem("member_not_found", row_prefix(index, many) + "member", ref=row.member_id)
            )
            continue
        name = _person_name(member)
        end = probation_end(member.admitted_on)
        if member.confirmed_on is not None:
            problems.append(
                problem(
                    "already_confirmed",
                    field,
                    member=member.pk,
                    person=name,
                    confirmed=member.confirmed_on,
                )
            )
        elif row.decided_on < end:
            problems.append(
                problem(
                    "confirmed_early",
                    field,
                    member=member.pk,
                    person=name,
                    start=member.admitted_on,
                    end=end,
                    date=row.decided_on,
                )
            )
        elif member.ended_on is not None and member.ended_on <= end:
            problems += _running_problem(member, end, field)
    raise_if(problems)
    changed: list[Change] = []
    confirmed = []
    for row in rows:
        member = members[row.member_id]
        before = _member_audit(member)
        member.confirmed_on = probation_end(member.admitted_on)
        member.confirmation_decision = nfc(row.decision)[:100]
        member.revision += 1
        changed.append((member, before, _member_audit(member)))
        confirmed.append(member)
    for member in confirmed:  # one UPDATE each: bulk_update's CASE is slower for thousands
        Member.objects.filter(pk=member.pk).update(
            confirmed_on=member.confirmed_on,
            confirmation_decision=member.confirmation_decision,
            revision=member.revision,
        )
    change_records_bulk(changes=changed)
    return confirmed


# ---------------------------------------------------------------------------- end, transfer


@transaction.atomic
def member_end(*, member: Member | int, on: dt.date, reason: str, decision: str = "") -> Member:
    """End a membership on `on` (struck off, left, expelled, deceased, or not confirmed after
    probation), with every attachment still open."""
    member = member_of(member)
    require(EDIT, home_units([member]).values())
    problems: list[Problem] = []
    if reason not in EndReason.values:
        problems.append(
            problem("invalid_choice", "reason", value=reason, choices=", ".join(EndReason.values))
        )
    problems += _running_problem(member, on, "on")
    if on == member.admitted_on:
        problems.append(problem("interval_reversed", "on", start=member.admitted_on, end=on))
    if (
        not problems
        and reason == EndReason.NOT_CONFIRMED
        and member.confirmed_on is not None
        and member.confirmed_on <= on
    ):
        problems.append(
            problem(
                "not_probationary", "reason", member=member.pk, person=_person_name(member), date=on
            )
        )
    raise_if(problems)
    before = _member_audit(member)
    member.ended_on, member.end_reason = on, reason
    if member.confirmed_on is not None and member.confirmed_on >= on:
        member.confirmed_on = None  # ended before the probation ran out
    member.save(update_fields=["ended_on", "end_reason", "confirmed_on"])
    _bump(member)
    change_record(
        obj=member, action="update", before=before, after=_member_audit(member), basis=decision
    )
    for attachment in Attachment.objects.filter(member=member).overlapping(on, None):
        _close(attachment, on)
    return member


def _close(attachment: Attachment, on: dt.date) -> None:
    before = _attachment_audit(attachment)
    if attachment.valid_from >= on:
        attachment.delete()
        change_record(obj=attachment, action="delete", before=before, after=None)
        return
    attachment.valid_to = on
    attachment.save(update_fields=["valid_to"])
    change_record(
        obj=attachment, action="update", before=before, after=_attachment_audit(attachment)
    )


@transaction.atomic
def member_transfer(
    *,
    member: Member | int,
    to_unit: int,
    on: dt.date,
    kind: str = AttachmentKind.OFFICIAL,
    until: dt.date | None = None,
    decision: str = "",
) -> Attachment:
    """Move a member's party life to another organization from `on`: officially (the old
    attachment ends, the new one counts), or temporarily until a date (the host does not count
    the member; the home organization still does)."""
    member = member_of(member)
    current = (
        Attachment.objects.as_of(on).filter(member=member, kind=AttachmentKind.OFFICIAL).first()
    )
    require(EDIT, {to_unit} | ({current.unit_id} if current else set()))
    name = _person_name(member)
    problems: list[Problem] = []
    if kind not in AttachmentKind.values:
        problems.append(
            problem("invalid_choice", "kind", value=kind, choices=", ".join(AttachmentKind.values))
        )
    problems += _running_problem(member, on, "on")
    versions = _versions([to_unit] + ([current.unit_id] if current else []))
    problems += _org_problems(versions, to_unit, on, "to_unit")
    if kind == AttachmentKind.TEMPORARY:
        if until is None:
            problems.append(problem("temporary_needs_end", "until"))
        elif until <= on:
            problems.append(problem("interval_reversed", "until", start=on, end=until))
        elif not problems:
            problems += _org_problems(versions, to_unit, until - dt.timedelta(days=1), "until")
    elif current is None and not problems:
        problems.append(problem("no_attachment", "on", member=member.pk, person=name, date=on))
    elif current is not None and current.unit_id == to_unit:
        problems.append(
            problem(
                "same_organization",
                "to_unit",
                member=member.pk,
                person=name,
                unit=_unit_name(versions, to_unit, on),
            )
        )
    elif current is not None and current.valid_from >= on:
        problems.append(
            problem(
                "transfer_same_day",
                "on",
                member=member.pk,
                person=name,
                unit=_unit_name(versions, current.unit_id, on),
                start=current.valid_from,
            )
        )
    raise_if(problems)
    if kind == AttachmentKind.OFFICIAL and current is not None:
        end = current.valid_to
        _close(current, on)
    else:
        end = until
    attachment = Attachment.objects.create(
        member=member,
        unit_id=to_unit,
        province_id=unit_keys([to_unit])[to_unit],
        kind=kind,
        valid_from=on,
        valid_to=end if kind == AttachmentKind.TEMPORARY else _official_end(member, end),
        decision=nfc(decision)[:100],
    )
    change_record(
        obj=attachment,
        action="create",
        before=None,
        after=_attachment_audit(attachment),
        basis=decision,
    )
    _bump(member)
    return attachment


def _official_end(member: Member, current_end: dt.date | None) -> dt.date | None:
    """A new official attachment runs as long as the old one would have: to the membership's
    end, or open."""
    return member.ended_on if member.ended_on is not None else current_end


# ---------------------------------------------------------------------------- organizations


@transaction.atomic
def congress_record(
    *,
    unit: int,
    held_on: dt.date,
    ordinal: int | None = None,
    term: str = "",
    note: str = "",
) -> Congress:
    """Record a congress of a party organization (opening its term)."""
    require(EDIT, [unit])
    versions = _versions([unit])
    problems = _org_problems(versions, unit, held_on, "unit", PARTY_KINDS)
    term_row = None
    if term:
        term_row = Term.objects.filter(code=term.strip()).first()
        if term_row is None:
            problems.append(problem("term_not_found", "term", ref=term))
    if Congress.objects.filter(unit_id=unit, held_on=held_on).exists():
        problems.append(
            problem(
                "congress_twice", "held_on", unit=_unit_name(versions, unit, held_on), date=held_on
            )
        )
    raise_if(problems)
    congress = Congress.objects.create(
        unit_id=unit, held_on=held_on, ordinal=ordinal, term=term_row, note=nfc(note)[:300]
    )
    change_record(
        obj=congress,
        action="create",
        before=None,
        after={
            "unit": unit,
            "held_on": held_on.isoformat(),
            "ordinal": ordinal,
            "term": term_row.code if term_row else None,
            "note": congress.note,
        },
    )
    return congress


@transaction.atomic
def admission_target_set(
    *, unit: int, year: int, number: int, document: int | None = None
) -> AdmissionTarget:
    """Set (or change) how many members an organization plans to admit in a year."""
    require(EDIT, [unit])
    versions = _versions([unit])
    day = dt.date(year, 12, 31)
    problems = _org_problems(versions, unit, day, "unit", PARTY_KINDS)
    if number < 0:
        problems.append(problem("target_negative", "number"))
    raise_if(problems)
    target = AdmissionTarget.objects.filter(unit_id=unit, year=year).first()
    before = {"number": target.number} if target else None
    if target is None:
        target = AdmissionTarget(unit_id=unit, year=year)
    target.number, target.document_id = number, document
    target.save()
    change_record(
        obj=target,
        action="update" if before else "create",
        before=before,
        after={"unit": unit, "year": year, "number": number},
    )
    return target


@transaction.atomic
def candidate_add(
    *,
    person: int,
    cell: int,
    stage: str = Stage.TRAINING,
    trained_on: dt.date | None = None,
    appraised_on: dt.date | None = None,
    expected_on: dt.date | None = None,
    note: str = "",
) -> AdmissionCandidate:
    """Put a person in a cell's admission pipeline."""
    require(EDIT, [cell])
    problems: list[Problem] = []
    if stage not in (Stage.TRAINING, Stage.DOSSIER, Stage.APPRAISED):
        choices = ", ".join((Stage.TRAINING, Stage.DOSSIER, Stage.APPRAISED))
        problems.append(problem("invalid_choice", "stage", value=stage, choices=choices))
    if not Person.objects.filter(pk=person).exists():
        problems.append(problem("person_not_found", "person", ref=person))
    day = expected_on or trained_on or appraised_on
    if day is not None:
        problems += _org_problems(_versions([cell]), cell, day, "cell")
    raise_if(problems)
    candidate = AdmissionCandidate.objects.create(
        person_id=person,
        unit_id=cell,
        stage=stage,
        trained_on=trained_on,
        appraised_on=appraised_on,
        expected_on=expected_on,
        note=nfc(note)[:300],
    )
    change_record(
        obj=candidate,
        action="create",
        before=None,
        after={
            "person": person,
            "unit": cell,
            "stage": stage,
            "expected_on": expected_on.isoformat() if expected_on else None,
        },
    )
    return candidate


# ---------------------------------------------------------------------------- ratings


@dataclass
class RatingRow:
    """The rating of a member or of an organization for a year: a grade, or (on the 100-point
    scale) a score that gives the grade."""

    year: int
    member_id: int | None = None
    unit_id: int | None = None
    grade: str = ""
    score: int | None = None
    rated_on: dt.date | None = None  # the end of the year if not given


def ratings_record(*, rows: Sequence[RatingRow]) -> list[Rating]:
    return _record_ratings(rows)


@transaction.atomic
def _record_ratings(rows: Sequence[RatingRow]) -> list[Rating]:
    many = len(rows) > 1
    members = {
        m.pk: m
        for chunk in chunks(r.member_id for r in rows if r.member_id)
        for m in Member.objects.select_related("person").filter(pk__in=chunk)
    }
    require(
        EDIT, {r.unit_id for r in rows if r.unit_id} | set(home_units(members.values()).values())
    )
    versions = _versions([r.unit_id for r in rows if r.unit_id])
    taken = _taken_ratings(rows)
    scale_on = rules_by_date(RatingScale)
    problems: list[Problem] = []
    ratings = []
    for index, row in enumerate(rows):
        prefix = row_prefix(index, many)
        rated_on = row.rated_on or dt.date(row.year, 12, 31)
        found = _rating_problems(row, rated_on, prefix, members, versions, taken, scale_on)
        problems += found
        if found:
            continue
        grade = row.grade
        scale = scale_on(rated_on)
        if scale is not None and scale.scored and row.score is not None:
            grade = scale.grade_of(row.score)
        ratings.append(
            Rating(
                member_id=row.member_id,
                unit_id=row.unit_id,
                year=row.year,
                grade=grade,
                score=row.score,
                rated_on=rated_on,
            )
        )
    raise_if(problems)
    created = Rating.objects.bulk_create(ratings, batch_size=2000)
    change_records_bulk(
        changes=[
            (
                r,
                None,
                {
                    "member": r.member_id,
                    "unit": r.unit_id,
                    "year": r.year,
                    "grade": r.grade,
                    "score": r.score,
                },
            )
            for r in created
        ]
    )
    return created


def _taken_ratings(rows: Sequence[RatingRow]) -> set[tuple[str, int, int]]:
    taken: set[tuple[str, int, int]] = set()
    years = {r.year for r in rows}
    member_ids = [r.member_id for r in rows if r.member_id]
    unit_ids = [r.unit_id for r in rows if r.unit_id]
    for chunk in chunks(member_ids):
        taken |= {
            ("member", m, y)
            for m, y in Rating.objects.filter(member_id__in=chunk, year__in=years).values_list(
                "member_id", "year"
            )
        }
    for chunk in chunks(unit_ids):
        taken |= {
            ("unit", u, y)
            for u, y in Rating.objects.filter(unit_id__in=chunk, year__in=years).values_list(
                "unit_id", "year"
            )
        }
    return taken


def _rating_problems(
    row: RatingRow,
    rated_on: dt.date,
    prefix: str,
    members: dict[int, Member],
    versions: dict[int, list[UnitVersion]],
    taken: set[tuple[str, int, int]],
    scale_on: Callable[[dt.date], RatingScale | None],
) -> list[Problem]:
    problems: list[Problem] = []
    if (row.member_id is None) == (row.unit_id is None):
        return [problem("member_or_unit", prefix + "member")]
    if row.member_id is not None:
        member = members.get(row.member_id)
        if member is None:
            return [problem("member_not_found", prefix + "member", ref=row.member_id)]
        first, last = dt.date(row.year, 1, 1), dt.date(row.year, 12, 31)
        if member.admitted_on > last or (member.ended_on and member.ended_on <= first):
            problems.append(
                problem(
                    "rating_not_member",
                    prefix + "year",
                    member=member.pk,
                    person=_person_name(member),
                    year=row.year,
                )
            )
        key = ("member", row.member_id, row.year)
        subject = f"#{member.pk} ({_person_name(member)})"
    else:
        assert row.unit_id is not None
        problems += _org_problems(
            versions, row.unit_id, dt.date(row.year, 12, 31), prefix + "unit", PARTY_KINDS
        )
        key = ("unit", row.unit_id, row.year)
        subject = _unit_name(versions, row.unit_id, rated_on)
    if key in taken:
        problems.append(problem("rating_twice", prefix + "year", subject=subject, year=row.year))
    taken.add(key)
    problems += _grade_problems(row, rated_on, prefix, scale_on)
    return problems


def _grade_problems(
    row: RatingRow,
    rated_on: dt.date,
    prefix: str,
    scale_on: Callable[[dt.date], RatingScale | None],
) -> list[Problem]:
    scale = scale_on(rated_on)
    if scale is None:
        return [problem("rating_no_scale", prefix + "rated_on", date=rated_on)]
    rule = scale.basis or scale.code
    if row.grade and row.grade not in Grade.values:
        choices = ", ".join(Grade.values)
        return [problem("invalid_choice", prefix + "grade", value=row.grade, choices=choices)]
    if not scale.scored:
        if row.score is not None:
            return [problem("rating_no_score", prefix + "score", date=rated_on, rule=rule)]
        return [] if row.grade else [problem("required", prefix + "grade")]
    if row.score is None:
        return [problem("rating_needs_score", prefix + "score", start=scale.valid_from, rule=rule)]
    if not 0 <= row.score <= 100:
        return [problem("rating_score_range", prefix + "score")]
    expected = scale.grade_of(row.score)
    if row.grade and row.grade != expected:
        return [
            problem(
                "rating_grade_mismatch",
                prefix + "grade",
                score=row.score,
                expected=choice_label(Grade, expected),
                grade=choice_label(Grade, row.grade),
                rule=rule,
            )
        ]
    return []
