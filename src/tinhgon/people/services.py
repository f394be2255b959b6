"""Writes about people and posts. Each is one transaction: it checks access (EDIT_PERSONNEL in
the units it writes in), refuses bad input with every problem at once (DomainError, Vietnamese
messages), checks the invariants (people/invariants.py), writes, and records the change in the
audit trail. A refused write leaves nothing behind.

Personal fields (date of birth, ethnicity, home commune) are not written to the audit trail in
clear: the records say that they are set or changed, not to what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import F, Field
from django.utils import timezone

from tinhgon.accounts.access import current_access, require
from tinhgon.accounts.roles import Action
from tinhgon.audit.services import (
    change_record,
    change_records_bulk,
    change_records_created,
)
from tinhgon.core import bulk, staging
from tinhgon.core.dates import parse_iso, today
from tinhgon.core.errors import Conflict, DomainError, NotFound, Problem, raise_if, row_prefix
from tinhgon.core.text import fold, nfc
from tinhgon.registry.kinds import SourceStatus, UnitKind
from tinhgon.registry.models import LegalDocument, Unit, UnitVersion

from .access import seen
from .invariants import (
    Catalogue,
    check_holdings,
    check_posts,
    chunks,
    unit_versions,
    version_on,
)
from .kinds import (
    SHARE_METRICS,
    TRACK_BY_KIND,
    DeputyMode,
    Education,
    EndReason,
    Ethnicity,
    Gender,
    Manner,
    Metric,
    PostFunction,
    PostType,
    RelatedBy,
)
from .labels import choice_label, person_label, post_label
from .models import (
    Candidate,
    CompositionTarget,
    DeputyRule,
    Holding,
    Person,
    Post,
    SuccessionPool,
    Term,
    UnificationPolicy,
    person_repr,
)
from .problems import problem

EDIT = Action.EDIT_PERSONNEL
REDACTED = "***"
PERSON_FIELDS = ("full_name", "birth_date", "gender", "ethnicity", "home_commune", "education")
EARLIEST_BIRTH = dt.date(1900, 1, 1)


_VALUES: dict[type[Any], frozenset[str]] = {}


def _values(choices: type[Any]) -> frozenset[str]:
    """The codes of a choices class, once: `.values` builds a new list at every call."""
    if choices not in _VALUES:
        _VALUES[choices] = frozenset(choices.values)
    return _VALUES[choices]


def _choice(choices: type[Any], value: str, field: str, *, blank: bool = False) -> list[Problem]:
    if (blank and value == "") or value in _values(choices):
        return []
    return [
        problem("invalid_choice", field, value=value, choices=", ".join(choices.values)),
    ]


def _id(value: Any) -> int | None:
    if value is None:
        return None
    return value.pk if hasattr(value, "pk") else int(value)


# ---------------------------------------------------------------------------- looking up


def person_of(ref: Person | int | str, field: str = "person") -> Person:
    """A person by instance or id, as stored now; "not found" if the user may not see them."""
    pid = _ref_id(ref)
    person = Person.objects.filter(pk=pid).first() if pid is not None else None
    if person is None or person.pk not in seen([person.pk]).persons:
        raise NotFound(problem("person_not_found", field, ref=ref if pid is None else pid))
    return person


def post_of(ref: Post | int | str, field: str = "post") -> Post:
    pid = _ref_id(ref)
    post = Post.objects.filter(pk=pid).first() if pid is not None else None
    if post is None or not current_access().covers(post.unit_id):
        raise NotFound(problem("post_not_found", field, ref=ref if pid is None else pid))
    return post


def holding_of(ref: Holding | int | str, field: str = "holding") -> Holding:
    hid = _ref_id(ref)
    holding = (
        Holding.objects.select_related("post").filter(pk=hid).first() if hid is not None else None
    )
    if holding is None or not current_access().covers(holding.unit_id):
        raise NotFound(problem("holding_not_found", field, ref=ref if hid is None else hid))
    return holding


def term_of(ref: Term | str, field: str = "term") -> Term:
    if isinstance(ref, Term):
        return ref
    term = Term.objects.filter(code=str(ref).strip()).first()
    if term is None:
        raise NotFound(problem("term_not_found", field, ref=ref))
    return term


def _ref_id(ref: Any) -> int | None:
    if hasattr(ref, "pk"):
        return int(ref.pk)
    text = str(ref).strip()
    for prefix in ("id:", "#"):
        text = text.removeprefix(prefix)
    return int(text) if text.isdigit() else None


# ---------------------------------------------------------------------------- persons


@dataclass
class PersonRow:
    """One person of a bulk registration."""

    full_name: str
    gender: str
    birth_date: dt.date | None = None
    ethnicity: str = ""
    home_commune_id: int | None = None
    education: str = ""


def _person_audit(person: Person) -> dict[str, Any]:
    """What the audit trail keeps of a person: the personal fields only as set or not."""
    return _person_audit_values(vars(person))


def _person_audit_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """`_person_audit` of a person's field values (by attname)."""
    return {
        "full_name": values["full_name"],
        "gender": values["gender"],
        "education": values["education"],
        "revision": values["revision"],
        "birth_date": REDACTED if values["birth_date"] else None,
        "ethnicity": REDACTED if values["ethnicity"] else None,
        "home_commune": REDACTED if values["home_commune_id"] else None,
    }


def _communes(unit_ids: Iterable[int]) -> set[int]:
    """Those of `unit_ids` that are or were a commune."""
    ids = {u for u in unit_ids if u is not None}
    if not ids:
        return set()
    return set(
        UnitVersion.objects.filter(unit_id__in=ids, kind=UnitKind.COMMUNE).values_list(
            "unit_id", flat=True
        )
    )


def _checked_person_fields(
    values: dict[str, Any],
    prefix: str = "",
    communes: set[int] | None = None,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """Clean and check a person's fields; raise with every problem. (Between the read and the
    write of `person_update`.)"""
    problems: list[Problem] = []
    cleaned = dict(values)
    name = nfc(str(values.get("full_name") or ""))
    if not name:
        problems.append(problem("required", prefix + "full_name"))
    cleaned["full_name"] = name[:200]
    problems += _choice(Gender, values.get("gender") or "", prefix + "gender")
    problems += _choice(Ethnicity, values.get("ethnicity") or "", prefix + "ethnicity", blank=True)
    problems += _choice(Education, values.get("education") or "", prefix + "education", blank=True)
    cleaned["ethnicity"] = values.get("ethnicity") or ""
    cleaned["education"] = values.get("education") or ""
    born = values.get("birth_date") or None
    if isinstance(born, str):
        born = parse_iso(born, prefix + "birth_date")  # a form or an API sends text
    cleaned["birth_date"] = born
    if born is not None:
        if born > (on or today()):
            problems.append(problem("birth_date_future", prefix + "birth_date"))
        elif born < EARLIEST_BIRTH:
            problems.append(problem("birth_date_too_early", prefix + "birth_date"))
    home = values.get("home_commune_id")
    if home is not None:
        known = communes if communes is not None else _communes([home])
        if home not in known:
            from tinhgon.registry.queries import unit_label

            problems.append(
                problem("home_commune_not_commune", prefix + "home_commune", unit=unit_label(home))
            )
    raise_if(problems)
    return cleaned


def _require_for_person(unit_ids: Iterable[int | None], person_id: int | None = None) -> None:
    """Persons are written in their home commune; one without (or between) home communes in
    the units of their posts; otherwise wherever the user keeps personnel records."""
    units = {u for u in unit_ids if u is not None}
    if not units and person_id is not None:
        units = set(Holding.objects.filter(person_id=person_id).values_list("unit_id", flat=True))
    if units:
        require(EDIT, units)
    else:
        require(EDIT)


def person_register(
    *,
    full_name: str,
    gender: str,
    birth_date: dt.date | None = None,
    ethnicity: str = "",
    home_commune: Unit | int | None = None,
    education: str = "",
) -> Person:
    """Record a person."""
    row = PersonRow(
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        ethnicity=ethnicity,
        home_commune_id=_id(home_commune),
        education=education,
    )
    return _register_persons([row], many=False)[0]


def persons_register_bulk(*, rows: Sequence[PersonRow]) -> list[Person]:
    """Record many persons at once, with the same checks as `person_register`."""
    return _register_persons(rows, many=True)


@transaction.atomic
def _register_persons(rows: Sequence[PersonRow], many: bool) -> list[Person]:
    ids, values = _write_persons(rows, many)
    return [Person(id=pk, **fields) for pk, fields in zip(ids, values, strict=True)]


_PERSON_COLUMNS = ("full_name", "birth_date", "gender", "ethnicity", "home_commune_id",
                   "education", "search_text", "revision")  # fmt: skip


@transaction.atomic
def _write_persons(rows: Sequence[PersonRow], many: bool) -> tuple[list[int], list[dict[str, Any]]]:
    """Check and insert the persons as plain values; their ids and field values."""
    persons = persons_checked(rows=rows, many=many)
    now = timezone.now()
    ids = bulk.insert(
        Person, _PERSON_COLUMNS, [tuple(v[c] for c in _PERSON_COLUMNS) for v in persons],
        ids=True, now=now,
    )  # fmt: skip
    for values in persons:
        values["created_at"] = now
    change_records_created(
        label=Person._meta.label,
        created=[
            (pk, person_repr(v["full_name"], pk), v["home_commune_id"], _person_audit_values(v))
            for pk, v in zip(ids, persons, strict=True)
        ],
    )
    return ids, persons


def person_stage_columns() -> dict[str, Field[Any, Any]]:
    """The columns a stage (core/staging.py) holds for `persons_insert_staged`: the person's
    reserved id and the values of `persons_checked`."""
    fields = {f.attname: f for f in Person._meta.concrete_fields}
    return {"person_id": fields["id"], **{c: fields[c] for c in _PERSON_COLUMNS}}


def persons_insert_staged(batch: staging.Batch, *, now: dt.datetime) -> None:
    """Add to `batch` the insert of its persons: the rows `_write_persons` writes for the same
    values. Their change records are the caller's: an imported member's one record names the
    person's values (`PERSON_AUDIT_SQL`)."""
    batch.insert_from(Person, {"id": "person_id", **{c: c for c in _PERSON_COLUMNS}}, now=now)


_HIDDEN = f"'{REDACTED}'"
# `_person_audit_values` in SQL, over the columns of `person_stage_columns`
PERSON_AUDIT_SQL = {
    "full_name": "full_name",
    "gender": "gender",
    "education": "education",
    "revision": "revision",
    "birth_date": f"CASE WHEN birth_date IS NULL THEN NULL ELSE {_HIDDEN} END",
    "ethnicity": f"CASE WHEN ethnicity = '' THEN NULL ELSE {_HIDDEN} END",
    "home_commune": f"CASE WHEN home_commune_id IS NULL THEN NULL ELSE {_HIDDEN} END",
}


def persons_checked(*, rows: Sequence[PersonRow], many: bool = True) -> list[dict[str, Any]]:
    """The persons' field values (by attname; `search_text` and `revision` too) as
    `persons_register_bulk` would write them, after its checks (refused with every problem)
    and the user's right to record them: for a service writing them itself."""
    homes = {r.home_commune_id for r in rows if r.home_commune_id is not None}
    if homes:
        require(EDIT, homes)
    if any(r.home_commune_id is None for r in rows):
        require(EDIT)
    communes = _communes(homes)
    persons: list[dict[str, Any]] = []
    problems: list[Problem] = []
    revision = Person._meta.get_field("revision").get_default()
    day = today()  # once: a million rows may be checked
    for index, row in enumerate(rows):
        try:
            values = _checked_person_fields(row.__dict__, row_prefix(index, many), communes, day)
        except DomainError as error:
            problems += error.problems
            continue
        values["search_text"] = fold(values["full_name"])[:200]
        values["revision"] = revision
        persons.append(values)
    raise_if(problems)
    return persons


def _person_values(person: Person) -> dict[str, Any]:
    """A person's fields for a Conflict, as far as the user may see them."""
    data: dict[str, Any] = {
        "id": person.pk,
        "full_name": person.full_name,
        "gender": person.gender,
        "education": person.education,
        "revision": person.revision,
    }
    if person.pk in seen([person.pk]).personal:
        data.update(
            birth_date=person.birth_date.isoformat() if person.birth_date else None,
            ethnicity=person.ethnicity,
            home_commune_id=person.home_commune_id,
        )
    return data


def _conflict(person: Person, expected: int, attempted: dict[str, Any]) -> Conflict:
    shown = _person_values(person)
    wanted = {**shown, **{k: v for k, v in attempted.items() if k in shown}, "revision": expected}
    if isinstance(wanted.get("birth_date"), dt.date):
        wanted["birth_date"] = wanted["birth_date"].isoformat()
    return Conflict(
        problem(
            "conflict",
            "revision",
            person=person_label(person.full_name, person.pk),
            found=person.revision,
            expected=expected,
        ),
        current=shown,
        attempted=wanted,
    )


@transaction.atomic
def person_update(*, person: Person | int, revision: int, changes: Mapping[str, Any]) -> Person:
    """Change a person's fields, given the revision the editor started from.

    The write is a conditional UPDATE … WHERE id = ? AND revision = ?: if someone else saved
    in between, no row changes and `Conflict` is raised with both versions; nothing is
    written. `changes` maps field names (PERSON_FIELDS) to new values; `home_commune` is a
    Unit, an id or None.
    """
    current = person_of(person)
    unknown = [k for k in changes if k not in PERSON_FIELDS]
    raise_if(
        [problem("invalid_value", k, value=k, reason=", ".join(PERSON_FIELDS)) for k in unknown]
    )
    if not changes:
        raise DomainError(problem("nothing_to_change"))
    wanted = {k: v for k, v in changes.items() if k != "home_commune"}
    if "home_commune" in changes:
        wanted["home_commune_id"] = _id(changes["home_commune"])
    _require_for_person([current.home_commune_id, wanted.get("home_commune_id")], current.pk)
    if current.revision != revision:
        raise _conflict(current, revision, wanted)
    stored = {
        name: getattr(current, name)
        for name in (
            "full_name",
            "birth_date",
            "gender",
            "ethnicity",
            "home_commune_id",
            "education",
        )
    }
    values = _checked_person_fields({**stored, **wanted})
    fields = {k: values[k] for k in stored if values[k] != stored[k]}
    if not fields:
        raise DomainError(problem("nothing_to_change"))
    if "full_name" in fields:
        fields["search_text"] = fold(fields["full_name"])[:200]
    changed = Person.objects.filter(pk=current.pk, revision=revision).update(
        **fields, revision=F("revision") + 1
    )
    if changed == 0:
        raise _conflict(Person.objects.get(pk=current.pk), revision, wanted)
    updated = Person.objects.get(pk=current.pk)
    change_record(
        obj=updated,
        action="update",
        before=_person_audit(current),
        after={
            **_person_audit(updated),
            "changed": sorted(k for k in fields if k != "search_text"),
        },
    )
    return updated


# ---------------------------------------------------------------------------- posts


@dataclass
class PostRow:
    """One post of a bulk creation. `single_holder` None: as the catalogue says."""

    unit_id: int
    post_type: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    function: str = ""
    title: str = ""
    single_holder: bool | None = None


def _post_audit(post: Post) -> dict[str, Any]:
    return {
        "unit_id": post.unit_id,
        "post_type": post.post_type,
        "function": post.function,
        "title": post.title,
        "single_holder": post.single_holder,
        "valid_from": post.valid_from.isoformat(),
        "valid_to": post.valid_to.isoformat() if post.valid_to else None,
    }


def post_create(
    *,
    unit: Unit | int,
    post_type: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    function: str = "",
    title: str = "",
    single_holder: bool | None = None,
) -> Post:
    """Open a post (a seat) in a unit over [valid_from, valid_to)."""
    row = PostRow(
        unit_id=_id(unit),  # type: ignore[arg-type]
        post_type=post_type,
        valid_from=valid_from,
        valid_to=valid_to,
        function=function,
        title=title,
        single_holder=single_holder,
    )
    return _create_posts([row], many=False)[0]


def posts_create_bulk(*, rows: Sequence[PostRow]) -> list[Post]:
    return _create_posts(rows, many=True)


@transaction.atomic
def _create_posts(rows: Sequence[PostRow], many: bool) -> list[Post]:
    require(EDIT, {r.unit_id for r in rows})
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        prefix = row_prefix(index, many)
        problems += _choice(PostType, row.post_type, prefix + "post_type")
        problems += _choice(PostFunction, row.function, prefix + "function", blank=True)
    raise_if(problems)
    versions = unit_versions(r.unit_id for r in rows)
    catalogue = Catalogue()
    posts = []
    for row in rows:
        single = row.single_holder
        if single is None:
            version = version_on(versions.get(row.unit_id, []), row.valid_from)
            entry = (
                catalogue.entry(version.kind, row.post_type, row.valid_from) if version else None
            )
            single = entry.single_holder if entry is not None else True
        posts.append(
            Post(
                unit_id=row.unit_id,
                post_type=row.post_type,
                function=row.function,
                title=nfc(row.title)[:200],
                single_holder=single,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )
        )
    raise_if(check_posts(posts, [row_prefix(i, many) for i in range(len(posts))]))
    created = Post.objects.bulk_create(posts, batch_size=2000)
    change_records_bulk(changes=[(p, None, _post_audit(p)) for p in created])
    return created


@transaction.atomic
def post_end(*, post: Post | int, valid_to: dt.date) -> Post:
    """Close a post from `valid_to` (its first day without it). Its holdings must end by then."""
    target = post_of(post)
    require(EDIT, [target.unit_id])
    before = _post_audit(target)
    target.valid_to = valid_to
    problems = check_posts([target])
    holdings = list(Holding.objects.filter(post=target))
    for holding in holdings:
        holding.post = target
    problems += check_holdings(holdings) if holdings else []
    raise_if(problems)
    target.save(update_fields=["valid_to"])
    change_record(obj=target, action="update", before=before, after=_post_audit(target))
    return target


# ---------------------------------------------------------------------------- holdings


@dataclass
class HoldingRow:
    """One holding of a bulk start. `planned` None: planned if it starts after today."""

    person_id: int
    post_id: int
    valid_from: dt.date
    valid_to: dt.date | None = None
    manner: str = Manner.APPOINTED
    document_id: int | None = None
    planned: bool | None = None
    note: str = ""
    end_reason: str = ""


def _holding_audit(holding: Holding) -> dict[str, Any]:
    return {
        "person_id": holding.person_id,
        "post_id": holding.post_id,
        "unit_id": holding.unit_id,
        "manner": holding.manner,
        "document_id": holding.document_id,
        "planned": holding.planned,
        "term_id": holding.term_id,
        "end_reason": holding.end_reason,
        "valid_from": holding.valid_from.isoformat(),
        "valid_to": holding.valid_to.isoformat() if holding.valid_to else None,
    }


def _terms_for(holdings: Sequence[Holding], versions: dict[int, list[UnitVersion]]) -> None:
    """Set each holding's term: the term of its post's track in which it starts."""
    terms = list(Term.objects.all())
    for holding in holdings:
        version = version_on(versions.get(holding.unit_id, []), holding.valid_from)
        track = TRACK_BY_KIND.get(version.kind) if version else None
        holding.term = next(
            (t for t in terms if t.track == track and t.holds_on(holding.valid_from)), None
        )


def holding_start(
    *,
    person: Person | int,
    post: Post | int,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    manner: str = Manner.APPOINTED,
    document: LegalDocument | None = None,
    planned: bool | None = None,
    note: str = "",
) -> Holding:
    """A person starts holding a post (appointed, elected, assigned or acting)."""
    row = HoldingRow(
        person_id=_ref_id(person) or 0,
        post_id=_ref_id(post) or 0,
        valid_from=valid_from,
        valid_to=valid_to,
        manner=manner,
        document_id=document.pk if document is not None else None,
        planned=planned,
        note=note,
    )
    return _start_holdings([row], many=False)[0]


def holdings_start_bulk(*, rows: Sequence[HoldingRow]) -> list[Holding]:
    """Start many holdings at once, with the same checks as `holding_start`."""
    return _start_holdings(rows, many=True)


@transaction.atomic
def _start_holdings(rows: Sequence[HoldingRow], many: bool) -> list[Holding]:
    posts = {
        p.pk: p
        for chunk in chunks(r.post_id for r in rows)
        for p in Post.objects.filter(pk__in=chunk)
    }
    access = current_access()
    problems: list[Problem] = []
    for index, row in enumerate(rows):
        post = posts.get(row.post_id)
        if post is None or not access.covers(post.unit_id):
            problems.append(
                problem("post_not_found", row_prefix(index, many) + "post", ref=row.post_id)
            )
    if problems:
        raise NotFound(problems)
    require(EDIT, {p.unit_id for p in posts.values()})
    person_ids = {r.person_id for r in rows}
    existing = {
        pk
        for chunk in chunks(person_ids)
        for pk in Person.objects.filter(pk__in=chunk).values_list("pk", flat=True)
    }
    visible = seen(existing).persons
    for index, row in enumerate(rows):
        prefix = row_prefix(index, many)
        if row.person_id not in visible:
            problems.append(problem("person_not_found", prefix + "person", ref=row.person_id))
        problems += _choice(Manner, row.manner, prefix + "manner")
        problems += _choice(EndReason, row.end_reason, prefix + "end_reason", blank=True)
    raise_if(problems)
    day = today()
    holdings = [
        Holding(
            person_id=row.person_id,
            post=posts[row.post_id],
            unit_id=posts[row.post_id].unit_id,
            exclusive=posts[row.post_id].single_holder,
            manner=row.manner,
            document_id=row.document_id,
            planned=row.planned if row.planned is not None else row.valid_from > day,
            note=row.note[:500],
            end_reason=row.end_reason,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        for row in rows
    ]
    raise_if(check_holdings(holdings, [row_prefix(i, many) for i in range(len(holdings))]))
    _terms_for(holdings, unit_versions(h.unit_id for h in holdings))
    created = Holding.objects.bulk_create(holdings, batch_size=2000)
    change_records_bulk(changes=[(h, None, _holding_audit(h)) for h in created])
    return created


@transaction.atomic
def holding_end(
    *, holding: Holding | int, valid_to: dt.date, reason: str = "", note: str | None = None
) -> Holding:
    """End a holding from `valid_to` (the first day the person no longer holds the post), or
    bring forward an end already recorded."""
    target = holding_of(holding)
    require(EDIT, [target.unit_id])
    raise_if(_choice(EndReason, reason, "reason", blank=True))
    if target.valid_to is not None and valid_to > target.valid_to:
        raise DomainError(
            problem("holding_ended", "valid_to", holding=target.pk, date=target.valid_to)
        )
    before = _holding_audit(target)
    target.valid_to = valid_to
    target.end_reason = reason or target.end_reason
    if note is not None:
        target.note = note[:500]
    raise_if(check_holdings([target], ["valid_to"]))
    target.save(update_fields=["valid_to", "end_reason", "note"])
    change_record(obj=target, action="update", before=before, after=_holding_audit(target))
    return target


@transaction.atomic
def person_transfer(
    *,
    holding: Holding | int,
    to_post: Post | int,
    on: dt.date,
    manner: str = Manner.APPOINTED,
    document: LegalDocument | None = None,
    valid_to: dt.date | None = None,
    reason: str = EndReason.TRANSFERRED,
    planned: bool | None = None,
    note: str = "",
) -> tuple[Holding, Holding]:
    """Transfer or rotate a person: end one holding on `on` and start another the same day,
    both or neither."""
    old = holding_of(holding)
    new_post = post_of(to_post, "to_post")
    if new_post.pk == old.post_id:
        raise DomainError(problem("same_post", "to_post"))
    ended = holding_end(holding=old, valid_to=on, reason=reason)
    started = holding_start(
        person=old.person_id,
        post=new_post,
        valid_from=on,
        valid_to=valid_to,
        manner=manner,
        document=document,
        planned=planned,
        note=note,
    )
    return ended, started


person_rotate = person_transfer


# ---------------------------------------------------------------------------- policies and rules


def _require_rules(owner_unit_id: int | None = None) -> None:
    if owner_unit_id is not None:
        require(EDIT, [owner_unit_id])
    else:
        current_access().require_everywhere(EDIT)


def _code_free(model: Any, code: str, field: str = "code") -> list[Problem]:
    if not code.strip():
        return [problem("required", field)]
    if model.objects.filter(code=code).exists():
        return [problem("code_taken", field, code=code)]
    return []


@transaction.atomic
def policy_define(
    *,
    code: str,
    name: str,
    lead_unit_kind: str,
    lead_post_type: str,
    related_by: str,
    related_unit_kind: str,
    related_post_type: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    lead_place_kind: str = "",
    lead_function: str = "",
    related_function: str = "",
    requires_official_member: bool = False,
    basis: str = "",
    status: str = SourceStatus.UNVERIFIED,
    owner_unit: Unit | int | None = None,
) -> UnificationPolicy:
    """Define a unification policy: the holder of the lead post also holds the related post."""
    owner = _id(owner_unit)
    _require_rules(owner)
    problems = _code_free(UnificationPolicy, code)
    if not nfc(name):
        problems.append(problem("required", "name"))
    problems += _choice(UnitKind, lead_unit_kind, "lead_unit_kind")
    problems += _choice(UnitKind, related_unit_kind, "related_unit_kind")
    problems += _choice(UnitKind, lead_place_kind, "lead_place_kind", blank=True)
    problems += _choice(PostType, lead_post_type, "lead_post_type")
    problems += _choice(PostType, related_post_type, "related_post_type")
    problems += _choice(PostFunction, lead_function, "lead_function", blank=True)
    problems += _choice(PostFunction, related_function, "related_function", blank=True)
    problems += _choice(RelatedBy, related_by, "related_by")
    problems += _choice(SourceStatus, status, "status")
    if valid_to is not None and valid_to <= valid_from:
        problems.append(problem("interval_reversed", "valid_to", start=valid_from, end=valid_to))
    raise_if(problems)
    catalogue = Catalogue()
    for kind, post_type, field in (
        (lead_unit_kind, lead_post_type, "lead_post_type"),
        (related_unit_kind, related_post_type, "related_post_type"),
    ):
        if not catalogue.has(kind, post_type, valid_from):
            problems.append(
                problem(
                    "kind_not_in_catalogue",
                    field,
                    kind=choice_label(UnitKind, kind),
                    post=post_label(post_type),
                    date=valid_from,
                )
            )
    raise_if(problems)
    policy = UnificationPolicy.objects.create(
        code=code.strip(),
        name=nfc(name)[:300],
        lead_unit_kind=lead_unit_kind,
        lead_place_kind=lead_place_kind,
        lead_post_type=lead_post_type,
        lead_function=lead_function,
        related_by=related_by,
        related_unit_kind=related_unit_kind,
        related_post_type=related_post_type,
        related_function=related_function,
        requires_official_member=requires_official_member,
        basis=basis[:300],
        status=status,
        owner_unit_id=owner,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    change_record(
        obj=policy,
        action="create",
        before=None,
        after={
            "code": policy.code,
            "name": policy.name,
            "lead": [lead_unit_kind, lead_place_kind, lead_post_type, lead_function],
            "related": [related_by, related_unit_kind, related_post_type, related_function],
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat() if valid_to else None,
        },
        basis=basis,
    )
    return policy


@transaction.atomic
def deputy_rule_define(
    *,
    code: str,
    unit_kind: str,
    post_type: str,
    mode: str,
    number: Decimal | int,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    place_kind: str = "",
    basis: str = "",
    status: str = SourceStatus.UNVERIFIED,
    merged_bonus: int = 0,
) -> DeputyRule:
    """Record a deputy cap (rules.md §6) with its validity; `merged_bonus`: one more deputy per
    unit merged beyond the first, up to this many."""
    _require_rules()
    problems = _code_free(DeputyRule, code)
    problems += _choice(UnitKind, unit_kind, "unit_kind")
    problems += _choice(UnitKind, place_kind, "place_kind", blank=True)
    problems += _choice(PostType, post_type, "post_type")
    problems += _choice(DeputyMode, mode, "mode")
    problems += _choice(SourceStatus, status, "status")
    value = _decimal(number, "number", problems)
    if value is not None and value <= 0:
        problems.append(problem("number_not_positive", "number"))
    if valid_to is not None and valid_to <= valid_from:
        problems.append(problem("interval_reversed", "valid_to", start=valid_from, end=valid_to))
    raise_if(problems)
    assert value is not None
    rule = DeputyRule.objects.create(
        code=code.strip(),
        unit_kind=unit_kind,
        place_kind=place_kind,
        post_type=post_type,
        mode=mode,
        number=value,
        merged_bonus=max(0, merged_bonus),
        basis=basis[:200],
        status=status,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    change_record(
        obj=rule,
        action="create",
        before=None,
        after={
            "code": rule.code,
            "unit_kind": unit_kind,
            "post_type": post_type,
            "mode": mode,
            "number": str(value),
            "merged_bonus": max(0, merged_bonus),
            "valid_from": valid_from.isoformat(),
        },
        basis=basis,
    )
    return rule


def _decimal(value: Any, field: str, problems: list[Problem]) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        problems.append(problem("invalid_value", field, value=value, reason="number"))
        return None


@transaction.atomic
def target_define(
    *,
    code: str,
    metric: str,
    value: Decimal | float | int,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    term: Term | str | None = None,
    basis: str = "",
    status: str = SourceStatus.UNVERIFIED,
) -> CompositionTarget:
    """Record a composition target of succession planning."""
    _require_rules()
    problems = _code_free(CompositionTarget, code)
    problems += _choice(Metric, metric, "metric")
    problems += _choice(SourceStatus, status, "status")
    number = _decimal(value, "value", problems)
    if number is not None and metric in SHARE_METRICS and not (0 <= number <= 1):
        problems.append(problem("share_out_of_range", "value", value=number))
    elif number is not None and metric not in SHARE_METRICS and number <= 0:
        problems.append(problem("number_not_positive", "value"))
    if valid_to is not None and valid_to <= valid_from:
        problems.append(problem("interval_reversed", "valid_to", start=valid_from, end=valid_to))
    raise_if(problems)
    assert number is not None
    target = CompositionTarget.objects.create(
        code=code.strip(),
        metric=metric,
        value=number,
        term=term_of(term) if term is not None else None,
        basis=basis[:200],
        status=status,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    change_record(
        obj=target,
        action="create",
        before=None,
        after={
            "code": target.code,
            "metric": metric,
            "value": str(number),
            "term_id": target.term_id,
            "valid_from": valid_from.isoformat(),
        },
        basis=basis,
    )
    return target


# ---------------------------------------------------------------------------- succession planning


@transaction.atomic
def candidate_add(
    *, term: Term | str, post: Post | int, person: Person | int, note: str = ""
) -> Candidate:
    """Put a person in the pool of candidates for a post in a term (created if new)."""
    the_term = term_of(term)
    the_post = post_of(post)
    require(EDIT, [the_post.unit_id])
    the_person = person_of(person)
    kind = (
        UnitVersion.objects.filter(unit_id=the_post.unit_id)
        .order_by("-valid_from")
        .values_list("kind", flat=True)
        .first()
    )
    track = TRACK_BY_KIND.get(kind or "")
    if track is not None and track != the_term.track:
        from .labels import track_label

        raise DomainError(
            problem(
                "post_track_mismatch",
                "term",
                term=the_term.name,
                track=track_label(the_term.track),
                post=post_label(the_post.post_type, the_post.function, the_post.title),
                post_track=track_label(track),
            )
        )
    pool, made = SuccessionPool.objects.get_or_create(
        term=the_term, post=the_post, defaults={"unit_id": the_post.unit_id}
    )
    if made:
        change_record(
            obj=pool,
            action="create",
            before=None,
            after={"term_id": the_term.pk, "post_id": the_post.pk},
        )
    if Candidate.objects.filter(pool=pool, person=the_person).exists():
        raise DomainError(
            problem(
                "candidate_exists",
                "person",
                person=person_label(the_person.full_name, the_person.pk),
            )
        )
    candidate = Candidate.objects.create(
        pool=pool, person=the_person, unit_id=the_post.unit_id, note=note[:300]
    )
    change_record(
        obj=candidate,
        action="create",
        before=None,
        after={"pool_id": pool.pk, "person_id": the_person.pk},
    )
    return candidate


@transaction.atomic
def candidate_remove(*, candidate: Candidate | int) -> None:
    cid = _ref_id(candidate)
    target = Candidate.objects.filter(pk=cid).first() if cid is not None else None
    if target is None or not current_access().covers(target.unit_id):
        raise NotFound(problem("person_not_found", "candidate", ref=_ref_id(candidate)))
    require(EDIT, [target.unit_id])
    change_record(
        obj=target,
        action="delete",
        before={"pool_id": target.pool_id, "person_id": target.person_id},
        after=None,
    )
    target.delete()


__all__ = [
    "PERSON_FIELDS",
    "HoldingRow",
    "PersonRow",
    "PostRow",
    "candidate_add",
    "candidate_remove",
    "deputy_rule_define",
    "holding_end",
    "holding_of",
    "holding_start",
    "holdings_start_bulk",
    "person_of",
    "person_register",
    "person_rotate",
    "person_transfer",
    "person_update",
    "persons_checked",
    "persons_insert_staged",
    "persons_register_bulk",
    "policy_define",
    "post_create",
    "post_end",
    "post_of",
    "posts_create_bulk",
    "target_define",
    "term_of",
]
