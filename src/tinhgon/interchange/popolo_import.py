"""Popolo JSON into the registry: organizations, posts, persons and memberships, through the
registry's and people's services, in one transaction (all or nothing). Every problem found is
reported at once with its JSON path (`$.memberships[3].person_id`) and a Vietnamese reason.

How Popolo maps onto the registry (docs/developer/interchange-popolo.md):
- an organization becomes a unit (`unit_register`) of the kind its classification names
  (a tinhgon kind, or one of CLASSIFICATION_KINDS), over the run of its `parent_history` with its
  current parent, else from its founding date (or its first membership) to its dissolution: one
  version (earlier parents would need events with a legal basis);
- a membership with an `area_id` and no post (a deputy elected in a constituency) belongs to a
  unit made for that constituency under its organization; the area is matched by name to the
  province of that name on `areas_on` (the constituency's province), kept in the unit's
  attributes (`area_unit`, `area_on`) for `delegates`;
- a membership without a post gets a multi-holder post of its role in its unit;
- party memberships (role `party_member`, no post) are not imported: party life starts with an
  admission (`tinhgon party admit`); they are counted as skipped;
- dates: the membership's, else those of its `legislative_period_id` event. A year alone is its
  first day as a start and its last day as an end; end dates are the last day held.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tinhgon.core.errors import DomainError, Problem, raise_if
from tinhgon.core.text import fold, nfc
from tinhgon.people.kinds import Gender, Manner, PostType
from tinhgon.people.services import (
    HoldingRow,
    PersonRow,
    PostRow,
    holdings_start_bulk,
    persons_register_bulk,
    posts_create_bulk,
)
from tinhgon.registry.eventspec import NewUnitSpec
from tinhgon.registry.kinds import UnitKind
from tinhgon.registry.models import UnitVersion
from tinhgon.registry.problems import show_date
from tinhgon.registry.services import unit_register

# Popolo classifications that are not tinhgon kinds. A legislature is an elected body: the
# nearest kind is the People's Council (the local elected body); the unit keeps the Popolo
# classification in its attributes.
CLASSIFICATION_KINDS = {
    "legislature": UnitKind.PEOPLES_COUNCIL,
    "council": UnitKind.PEOPLES_COUNCIL,
    "executive": UnitKind.PEOPLES_COMMITTEE,
    "party": UnitKind.PARTY_COMMITTEE,
    "committee": UnitKind.PARTY_BOARD,
}
PARTY_MEMBER = "party_member"  # the role of party memberships in tinhgon's export
ELECTED_BODIES = {"legislature", "council", UnitKind.PEOPLES_COUNCIL}
# Former or variant spellings of province names (folded) -> the name the registry uses.
PROVINCE_ALIASES = {
    "dac lak": "dak lak",  # an older spelling of Đắk Lắk
    "thua thien hue": "hue",  # Thừa Thiên Huế became Thành phố Huế on 2025-01-01
}
# The services' field names as Popolo names them, for the paths of their problems.
POPOLO_FIELDS = {
    "post": "post_id",
    "person": "person_id",
    "valid_from": "start_date",
    "valid_to": "end_date",
    "full_name": "name",
    "post_type": "role",
    "title": "label",
}
# The fields that name another object (or the object itself): they must be text.
REFERENCES = (
    "id",
    "person_id",
    "organization_id",
    "post_id",
    "area_id",
    "parent_id",
    "territory_id",
    "legislative_period_id",
)
PARTIAL_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")


@dataclass
class ImportResult:
    organizations: int = 0
    constituencies: int = 0
    posts: int = 0
    persons: int = 0
    memberships: int = 0
    skipped: list[str] = field(default_factory=list)  # ids of organizations nothing refers to
    party_memberships_skipped: int = 0
    # posts and memberships ended early because their organization's recorded period ends
    clipped: int = 0
    dry_run: bool = False


class _Problems:
    """One problem per place: the first found says what is wrong there (a date that is not
    a date is not also reported as missing)."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.places: set[str] = set()

    def add(self, path: str, code: str, message: str) -> None:
        if path not in self.places:
            self.places.add(path)
            self.items.append(Problem(code, message, path))


def _partial(value: Any, end: bool) -> dt.date | None:
    """A Popolo date ("2011", "2011-05", "2011-05-22", or a date-time): a year or month alone
    is its first day, or its last day as an end. None when it is no date."""
    text = str(value or "").strip()[:10]
    found = PARTIAL_DATE.match(text)
    if not found:
        return None
    year, month, day = found.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day))
        if month:
            first = dt.date(int(year), int(month), 1)
            following = (first + dt.timedelta(days=32)).replace(day=1)
            return following - dt.timedelta(days=1) if end else first
        return dt.date(int(year), 12, 31) if end else dt.date(int(year), 1, 1)
    except ValueError:
        return None


def _key(name: str) -> str:
    """A province name folded, without "Tỉnh"/"Thành phố"/"TP", hyphens and spaces."""
    text = fold(name).replace("-", " ")
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        text = text.removeprefix(prefix)
    text = " ".join(text.split())
    return PROVINCE_ALIASES.get(text, text).replace(" ", "")


def _provinces(on: dt.date) -> dict[str, list[UnitVersion]]:
    found: dict[str, list[UnitVersion]] = defaultdict(list)
    for version in UnitVersion.objects.as_of(on).filter(kind=UnitKind.PROVINCE):
        found[_key(version.name)].append(version)
    return found


class _Importer:
    def __init__(self, document: Any, areas_on: dt.date | None):
        self.doc = document
        self.areas_on = areas_on
        self.problems = _Problems()
        self.result = ImportResult()
        self.units: dict[str, int] = {}  # popolo organization id -> unit id
        self.kinds: dict[str, str] = {}
        self.periods: dict[str, tuple[dt.date | None, dt.date | None]] = {}
        self.provinces: dict[dt.date, dict[str, list[UnitVersion]]] = {}
        self.ends: dict[int, dt.date | None] = {}  # unit id -> its recorded valid_to

    # ------------------------------------------------------------------ reading
    def _list(self, name: str) -> list[dict[str, Any]]:
        value = self.doc.get(name, [])
        if not isinstance(value, list):
            self.problems.add(f"$.{name}", "not_a_list", _("Expected a list."))
            return []
        items = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                items.append(self._texts(item, f"$.{name}[{index}]"))
            else:
                self.problems.add(f"$.{name}[{index}]", "not_an_object", _("Expected an object."))
                items.append({})
        return items

    def _texts(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        """The item with its references checked to be text (a list or a number is refused
        here, and dropped so that nothing later trips over it)."""
        wrong = [k for k in REFERENCES if item.get(k) is not None and not isinstance(item[k], str)]
        for key in wrong:
            message = _("Expected text, not “%(value)s”.") % {"value": json.dumps(item[key])}
            self.problems.add(f"{path}.{key}", "not_text", message)
        return {k: v for k, v in item.items() if k not in wrong}

    def _by_id(self, name: str, items: list[dict[str, Any]]) -> dict[str, int]:
        found: dict[str, int] = {}
        for index, item in enumerate(items):
            key = item.get("id")
            if not isinstance(key, str) or not key:
                self.problems.add(f"$.{name}[{index}].id", "required", _("An id is required."))
            elif key in found:
                message = _("The id “%(id)s” is used twice.") % {"id": key}
                self.problems.add(f"$.{name}[{index}].id", "duplicate_id", message)
            else:
                found[key] = index
        return found

    def _date(self, item: dict[str, Any], path: str, name: str, end: bool) -> dt.date | None:
        value = item.get(name)
        if value in (None, ""):
            return None
        day = _partial(value, end)
        if day is None:
            message = _("“%(value)s” is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD).")
            self.problems.add(f"{path}.{name}", "invalid_date", message % {"value": value})
        return day

    # ------------------------------------------------------------------ the run
    def run(self) -> ImportResult:
        if not isinstance(self.doc, dict):
            raise DomainError(Problem("not_an_object", _("Expected a JSON object."), "$"))
        organizations = self._list("organizations")
        persons = self._list("persons")
        posts = self._list("posts")
        memberships = self._list("memberships")
        events = self._list("events")
        areas = self._list("areas")
        org_index = self._by_id("organizations", organizations)
        person_index = self._by_id("persons", persons)
        post_index = self._by_id("posts", posts)
        area_index = self._by_id("areas", areas)
        for index, event in enumerate(events):
            path = f"$.events[{index}]"
            if isinstance(event.get("id"), str):
                self.periods[event["id"]] = (
                    self._date(event, path, "start_date", False),
                    self._date(event, path, "end_date", True),
                )
        spans = self._membership_spans(memberships, org_index, person_index, post_index)
        raise_if(self.problems.items)
        self._organizations(organizations, org_index, posts, memberships, spans)
        raise_if(self.problems.items)
        # From here on every stage runs even if an earlier one found problems, so that all
        # of them are reported together; the transaction is rolled back anyway.
        post_ids = self._posts(posts, post_index)
        person_ids = self._persons(persons)
        self._memberships(memberships, spans, areas, area_index, post_ids, person_ids)
        raise_if(self.problems.items)
        return self.result

    def _membership_spans(
        self,
        memberships: list[dict[str, Any]],
        orgs: dict[str, int],
        persons: dict[str, int],
        posts: dict[str, int],
    ) -> list[tuple[dt.date, dt.date | None]]:
        """Each membership's [start, end] (end inclusive), checking its references."""
        spans = []
        for index, item in enumerate(memberships):
            path = f"$.memberships[{index}]"
            for name, known in (("person_id", persons), ("organization_id", orgs)):
                value = item.get(name)
                if value not in known:
                    message = (
                        _("“%(value)s” names nothing in the file.") % {"value": value}
                        if value
                        else _("This field is required.")
                    )
                    self.problems.add(f"{path}.{name}", "unknown_reference", message)
            if item.get("post_id") is not None and item["post_id"] not in posts:
                message = _("“%(value)s” names nothing in the file.") % {"value": item["post_id"]}
                self.problems.add(f"{path}.post_id", "unknown_reference", message)
            start = self._date(item, path, "start_date", False)
            end = self._date(item, path, "end_date", True)
            period = item.get("legislative_period_id")
            if period is not None and period not in self.periods:
                message = _("“%(value)s” names no event in the file.") % {"value": period}
                self.problems.add(f"{path}.legislative_period_id", "unknown_reference", message)
            elif period is not None:
                start = start or self.periods[period][0]
                end = end or self.periods[period][1]
            if start is None:
                message = _("No start date: give start_date or a legislative period with one.")
                self.problems.add(f"{path}.start_date", "required", message)
                start = dt.date.min
            elif end is not None and end < start:
                message = _("The end (%(end)s) is before the start (%(start)s).") % {
                    "end": show_date(end),
                    "start": show_date(start),
                }
                self.problems.add(f"{path}.end_date", "interval_reversed", message)
            spans.append((start, end))
        return spans

    def _organizations(
        self,
        items: list[dict[str, Any]],
        index: dict[str, int],
        posts: list[dict[str, Any]],
        memberships: list[dict[str, Any]],
        spans: list[tuple[dt.date, dt.date | None]],
    ) -> None:
        """Register the organizations something refers to, parents first."""
        first_use: dict[str, dt.date] = {}
        for item, (start, _end) in zip(memberships, spans, strict=True):
            key = item.get("organization_id")
            if isinstance(key, str):
                first_use[key] = min(start, first_use.get(key, start))
        for post_index, item in enumerate(posts):
            day = self._date(item, f"$.posts[{post_index}]", "start_date", False)
            key = item.get("organization_id")
            if isinstance(key, str) and day is not None:
                first_use[key] = min(day, first_use.get(key, day))
        # What something refers to, or whose start is known; and the parents of those.
        dated = {
            k
            for k, i in index.items()
            if items[i].get("founding_date") or items[i].get("parent_history")
        }
        wanted = {k for k in first_use if k in index} | dated
        frontier = list(wanted)
        while frontier:
            item = items[index[frontier.pop()]]
            for parent in (item.get("parent_id"), item.get("territory_id")):
                if isinstance(parent, str) and parent in index and parent not in wanted:
                    wanted.add(parent)
                    frontier.append(parent)
        self.result.skipped = sorted(set(index) - wanted)
        done: set[str] = set()
        visiting: set[str] = set()

        def register(key: str) -> None:
            if key in done:
                return
            position = index[key]
            path = f"$.organizations[{position}]"
            item = items[position]
            if key in visiting:
                message = _("The parents of “%(id)s” form a cycle.") % {"id": key}
                self.problems.add(f"{path}.parent_id", "parent_cycle", message)
                done.add(key)
                return
            visiting.add(key)
            parent = item.get("parent_id")
            if parent is not None and parent not in index:
                message = _("“%(value)s” names nothing in the file.") % {"value": parent}
                self.problems.add(f"{path}.parent_id", "unknown_reference", message)
                parent = None
            if parent is not None:
                register(parent)
            territory = item.get("territory_id")
            if isinstance(territory, str) and territory in index and territory not in visiting:
                register(territory)
            self._register(key, item, path, parent, first_use)
            visiting.discard(key)
            done.add(key)

        for key in sorted(wanted, key=lambda k: index[k]):
            register(key)

    def _register(
        self,
        key: str,
        item: dict[str, Any],
        path: str,
        parent: str | None,
        first_use: dict[str, dt.date],
    ) -> None:
        classification = str(item.get("classification") or "")
        kind = (
            classification
            if classification in UnitKind.values
            else CLASSIFICATION_KINDS.get(classification)
        )
        name = nfc(str(item.get("name") or ""))
        if not name:
            self.problems.add(f"{path}.name", "required", _("A name is required."))
        if kind is None:
            message = _("“%(value)s” is not a classification tinhgon knows (%(known)s).") % {
                "value": classification,
                "known": ", ".join([*CLASSIFICATION_KINDS, *UnitKind.values]),
            }
            self.problems.add(f"{path}.classification", "unknown_classification", message)
        start, end = self._span(item, path, first_use.get(key))
        if self.problems.items or kind is None or start is None:
            return
        spec = NewUnitSpec(
            name=name,
            kind=kind,
            parent=f"id:{self.units[parent]}" if parent in self.units else None,
            territory=(
                f"id:{self.units[item['territory_id']]}"
                if item.get("territory_id") in self.units
                else None
            ),
            attributes={"popolo_id": key, "popolo_classification": classification},
        )
        valid_to = end + dt.timedelta(days=1) if end else None
        unit = self._call(path, unit_register, spec=spec, valid_from=start, valid_to=valid_to)
        if unit is not None:
            self.units[key] = unit.pk
            self.ends[unit.pk] = valid_to
            self.kinds[key] = classification
            self.result.organizations += 1

    def _span(
        self, item: dict[str, Any], path: str, first_use: dt.date | None
    ) -> tuple[dt.date | None, dt.date | None]:
        """The period an organization is recorded over (one version, under its parent): the
        run of its `parent_history` with that parent, if there is one; else from its founding
        date (or its first membership) to its dissolution date."""
        history = item.get("parent_history")
        runs = [
            (index, run)
            for index, run in enumerate(history if isinstance(history, list) else [])
            if isinstance(run, dict)
        ]
        parent = item.get("parent_id")
        if parent is not None:  # without one (a scope's root), its whole history
            runs = [(i, run) for i, run in runs if run.get("parent_id") == parent][-1:]
        if runs:
            (first, opening), (last, closing) = runs[0], runs[-1]
            return self._date(
                opening, f"{path}.parent_history[{first}]", "start_date", False
            ), self._date(closing, f"{path}.parent_history[{last}]", "end_date", True)
        start = self._date(item, path, "founding_date", False) or first_use
        if start is None:
            message = _("No date to start from: give founding_date or a membership with dates.")
            self.problems.add(f"{path}.founding_date", "required", message)
        return start, self._date(item, path, "dissolution_date", True)

    def _clip(self, unit_id: int, end: dt.date | None) -> dt.date | None:
        """The valid_to of a post or membership ending on `end` (None: open) in a unit: no
        later than the unit's recorded end (an organization is recorded over the period with
        its current parent; after that it may go on elsewhere)."""
        valid_to = end + dt.timedelta(days=1) if end else None
        limit = self.ends.get(unit_id)
        if limit is not None and (valid_to is None or valid_to > limit):
            self.result.clipped += 1
            return limit
        return valid_to

    def _call(self, path: str, service: Any, **kwargs: Any) -> Any:
        """Run a service, its problems placed under `path`."""
        try:
            return service(**kwargs)
        except DomainError as error:
            for p in error.problems:
                self.problems.add(f"{path}.{p.field}" if p.field else path, p.code, p.message)
            return None

    def _posts(self, items: list[dict[str, Any]], index: dict[str, int]) -> dict[str, int]:
        rows, keys = [], []
        for position, item in enumerate(items):
            path = f"$.posts[{position}]"
            org = item.get("organization_id")
            if org not in self.units:
                message = _("“%(value)s” names no organization in the file.") % {"value": org}
                self.problems.add(f"{path}.organization_id", "unknown_reference", message)
                continue
            start = self._date(item, path, "start_date", False)
            if start is None:
                self.problems.add(f"{path}.start_date", "required", _("This field is required."))
                continue
            end = self._date(item, path, "end_date", True)
            role = str(item.get("role") or "")
            rows.append(
                PostRow(
                    unit_id=self.units[org],
                    post_type=role if role in PostType.values else PostType.MEMBER,
                    valid_from=start,
                    valid_to=self._clip(self.units[org], end),
                    title=str(item.get("label") or ""),
                )
            )
            keys.append(item["id"])
        created = self._bulk("$.posts", posts_create_bulk, rows, [index[k] for k in keys]) or []
        self.result.posts += len(created)
        return {key: post.pk for key, post in zip(keys, created, strict=False)}

    def _bulk(self, path: str, service: Any, rows: list[Any], positions: list[int]) -> Any:
        """A bulk service, each row's problems placed at its item's path."""
        if not rows:
            return []
        try:
            return service(rows=rows)
        except DomainError as error:
            for p in error.problems:
                found = re.match(r"^\[(\d+)\]\.?(.*)$", p.field)
                if found:
                    where = f"{path}[{positions[int(found.group(1))]}]"
                    name = POPOLO_FIELDS.get(found.group(2), found.group(2))
                    self.problems.add(f"{where}.{name}".rstrip("."), p.code, p.message)
                else:
                    self.problems.add(f"{path}.{p.field}" if p.field else path, p.code, p.message)
            return None

    def _persons(self, items: list[dict[str, Any]]) -> dict[str, int]:
        rows = []
        known = len(self.problems.items)
        for position, item in enumerate(items):
            path = f"$.persons[{position}]"
            gender = str(item.get("gender") or "").lower()
            if gender not in Gender.values:
                message = _("“%(value)s” is not a gender tinhgon records (male, female).")
                self.problems.add(f"{path}.gender", "invalid_gender", message % {"value": gender})
            # A year or month of birth alone is not recorded: tinhgon keeps whole dates.
            born = str(item.get("birth_date") or "")
            birth = self._date(item, path, "birth_date", False) if len(born) >= 10 else None
            name = str(item.get("name") or "")
            rows.append(PersonRow(full_name=name, gender=gender, birth_date=birth))
        if len(self.problems.items) > known:
            return {}
        created = self._bulk("$.persons", persons_register_bulk, rows, list(range(len(rows))))
        self.result.persons += len(created or [])
        return {item["id"]: p.pk for item, p in zip(items, created or [], strict=False)}

    def _memberships(
        self,
        items: list[dict[str, Any]],
        spans: list[tuple[dt.date, dt.date | None]],
        areas: list[dict[str, Any]],
        area_index: dict[str, int],
        post_ids: dict[str, int],
        person_ids: dict[str, int],
    ) -> None:
        seats: dict[tuple[str, str | None, str], int] = {}
        rows, positions = [], []
        for position, (item, (start, end)) in enumerate(zip(items, spans, strict=True)):
            path = f"$.memberships[{position}]"
            org = item["organization_id"]
            if item.get("role") == PARTY_MEMBER and not item.get("post_id"):
                # Party life is recorded by admission (tinhgon party admit), not from a file.
                self.result.party_memberships_skipped += 1
                continue
            post = post_ids.get(item.get("post_id") or "")
            if post is None:
                area = item.get("area_id")
                if area is not None and area not in area_index:
                    message = _("“%(value)s” names no area in the file.") % {"value": area}
                    self.problems.add(f"{path}.area_id", "unknown_reference", message)
                    continue
                role = str(item.get("role") or PostType.MEMBER)
                seat = (org, area, role)
                if seat not in seats:
                    found = self._seat(path, org, area and areas[area_index[area]], role, start)
                    if found is None:
                        continue
                    seats[seat] = found
                post = seats[seat]
            if item["person_id"] not in person_ids:
                continue  # the persons were refused: their problems are reported
            rows.append(
                HoldingRow(
                    person_id=person_ids[item["person_id"]],
                    post_id=post,
                    valid_from=start,
                    valid_to=self._clip(self.units[org], end),
                    manner=Manner.ELECTED
                    if self.kinds.get(org) in ELECTED_BODIES
                    else Manner.APPOINTED,
                    note=f"popolo:{item.get('id') or position}",
                )
            )
            positions.append(position)
        raise_if(self.problems.items)
        created = self._bulk("$.memberships", holdings_start_bulk, rows, positions)
        self.result.memberships += len(created or [])

    def _seat(
        self, path: str, org: str, area: dict[str, Any] | None, role: str, start: dt.date
    ) -> int | None:
        """The multi-holder post of `role` for memberships without a post: in the unit of the
        constituency `area` under `org`, or in `org` itself."""
        unit_id = self.units[org]
        if area:
            unit_id_or_none = self._constituency(path, org, area, start)
            if unit_id_or_none is None:
                return None
            unit_id = unit_id_or_none
        version = UnitVersion.objects.filter(unit_id=unit_id).order_by("valid_from").first()
        assert version is not None
        title = _("Deputy") if self.kinds.get(org) in ELECTED_BODIES else ""
        created = self._call(
            path,
            posts_create_bulk,
            rows=[
                PostRow(
                    unit_id=unit_id,
                    post_type=role if role in PostType.values else PostType.MEMBER,
                    valid_from=version.valid_from,
                    valid_to=version.valid_to,
                    title=title,
                    single_holder=False,
                )
            ],
        )
        if not created:
            return None
        self.result.posts += 1
        return int(created[0].pk)

    def _constituency(
        self, path: str, org: str, area: dict[str, Any], start: dt.date
    ) -> int | None:
        """The unit of constituency `area` under `org` (made on first use), tied to the
        province of the area's name on `areas_on` (default: the membership's start)."""
        on = self.areas_on or start
        name = nfc(str(area.get("name") or ""))
        if on not in self.provinces:
            self.provinces[on] = _provinces(on)
        matches = self.provinces[on].get(_key(name), [])
        if len(matches) != 1:
            message = _("No province is named “%(name)s” on %(date)s.") % {
                "name": name,
                "date": show_date(on),
            }
            if matches:
                message = _("Several provinces are named “%(name)s” on %(date)s.") % {
                    "name": name,
                    "date": show_date(on),
                }
            self.problems.add(f"{path}.area_id", "area_not_found", message)
            return None
        parent = UnitVersion.objects.filter(unit_id=self.units[org]).order_by("valid_from").first()
        assert parent is not None
        spec = NewUnitSpec(
            name=f"{parent.name} — {name}",
            kind=parent.kind,
            parent=f"id:{self.units[org]}",
            attributes={
                "popolo_id": area.get("id"),
                "popolo_classification": str(area.get("type") or "constituency"),
                "area_name": name,
                "area_unit": matches[0].unit_id,
                "area_on": on.isoformat(),
            },
        )
        unit = self._call(
            path, unit_register, spec=spec, valid_from=parent.valid_from, valid_to=parent.valid_to
        )
        if unit is None:
            return None
        self.result.constituencies += 1
        return int(unit.pk)


class _DryRun(Exception):
    pass


def popolo_import(
    document: Any, *, areas_on: dt.date | None = None, dry_run: bool = False
) -> ImportResult:
    """Import a Popolo document (parsed JSON). All or nothing: a DomainError lists every
    problem with its JSON path; `dry_run` checks and counts everything, then writes nothing."""
    importer = _Importer(document, areas_on)
    try:
        with transaction.atomic():
            result = importer.run()
            if dry_run:
                result.dry_run = True
                raise _DryRun
    except _DryRun:
        pass
    return importer.result
