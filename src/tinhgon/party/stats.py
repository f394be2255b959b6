"""The party statistics tables: for each organization directly under a scope on a date, its
members (its whole subtree) by the standard breakdowns; rows add up to the totals, and each
breakdown's columns add up to the members.

One SQL statement does the work: a recursive walk maps every organization under the scope to
the row it counts in, and one pass over the official attachments valid on the date sums every
column at once (conditional sums), grouped by row. Ages are compared as birth dates against
thresholds computed here, so the SQL is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection

from tinhgon.accounts.access import current_access
from tinhgon.people.kinds import MAJORITY_ETHNICITY, Education, Gender
from tinhgon.people.queries import UnitRef
from tinhgon.registry.models import Unit

from .kinds import AGE_BANDS, PARTY_KINDS, AttachmentKind, Breakdown, Occupation
from .labels import BREAKDOWN_LABELS
from .queries import party_organization, scope_version, unit_ref, unit_refs
from .rules import add_months


@dataclass
class Column:
    key: str
    group: str  # "" for the totals, else a Breakdown
    label: str


@dataclass
class StatsRow:
    unit: UnitRef
    values: list[int]


@dataclass
class StatisticsTable:
    scope: UnitRef
    organization: UnitRef  # the party organization whose rows these are
    on: dt.date
    columns: list[Column]
    rows: list[StatsRow]
    totals: list[int]


@dataclass(frozen=True)
class ColumnGroup:
    """A run of columns under one header: a breakdown ("gender" over male, female) or, with
    no group, one column of its own whose header spans both header rows."""

    key: str
    label: str
    span: int


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def column_groups(columns: list[Column]) -> list[ColumnGroup]:
    """The columns in runs of the same breakdown, in order; ungrouped columns one by one."""
    labels = dict(Breakdown.choices)
    groups: list[ColumnGroup] = []
    for column in columns:
        if column.group and groups and groups[-1].key == column.group:
            last = groups[-1]
            groups[-1] = ColumnGroup(last.key, last.label, last.span + 1)
        elif column.group:
            groups.append(ColumnGroup(column.group, capfirst(str(labels[column.group])), 1))
        else:
            groups.append(ColumnGroup("", capfirst(column.label), 1))
    return groups


def columns() -> list[Column]:
    def group(name: str, keys: list[str], labels: dict[str, Any]) -> list[Column]:
        return [Column(f"{name}:{k}", name, str(labels.get(k, k))) for k in keys]

    return [
        Column("total", "", str(BREAKDOWN_LABELS["total"])),
        Column("official", "", str(BREAKDOWN_LABELS["official"])),
        Column("probationary", "", str(BREAKDOWN_LABELS["probationary"])),
        *group(Breakdown.GENDER, Gender.values, dict(Gender.choices)),
        *group(Breakdown.MINORITY, ["minority", "majority"], BREAKDOWN_LABELS),
        *group(Breakdown.AGE, [b[0] for b in AGE_BANDS] + ["unknown"], BREAKDOWN_LABELS),
        *group(
            Breakdown.EDUCATION,
            [*Education.values, "unknown"],
            {**dict(Education.choices), **BREAKDOWN_LABELS},
        ),
        *group(
            Breakdown.OCCUPATION,
            [*Occupation.values, "unknown"],
            {**dict(Occupation.choices), **BREAKDOWN_LABELS},
        ),
    ]


def _sums(on: dt.date) -> tuple[list[str], list[Any]]:
    """The SELECT expressions of every column after the first (the count), in column order,
    and their parameters."""
    day = connection.ops.adapt_datefield_value(on)
    exprs: list[str] = []
    params: list[Any] = []

    def when(condition: str, *values: Any) -> None:
        exprs.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
        params.extend(values)

    when("m.confirmed_on IS NOT NULL AND m.confirmed_on <= %s", day)
    when("m.confirmed_on IS NULL OR m.confirmed_on > %s", day)
    for gender in Gender.values:
        when("p.gender = %s", gender)
    when("p.ethnicity <> '' AND p.ethnicity <> %s", MAJORITY_ETHNICITY)
    when("p.ethnicity = '' OR p.ethnicity = %s", MAJORITY_ETHNICITY)
    for _, low, high in AGE_BANDS:
        # age >= low  <=>  born on or before `on` minus `low` years
        oldest = connection.ops.adapt_datefield_value(add_months(on, -12 * low))
        if high is None:
            when("p.birth_date <= %s", oldest)
        else:
            youngest = connection.ops.adapt_datefield_value(add_months(on, -12 * (high + 1)))
            when("p.birth_date <= %s AND p.birth_date > %s", oldest, youngest)
    when("p.birth_date IS NULL")
    for value in Education.values:
        when("p.education = %s", value)
    when("p.education = ''")
    for value in Occupation.values:
        when("m.occupation = %s", value)
    when("m.occupation = ''")
    return exprs, params


# Person, member and attachment tables (asserted by tests/party/test_statistics.py).
FROM_MEMBERS = (
    " FROM party_attachment a"
    " JOIN party_member m ON m.id = a.member_id"
    " JOIN people_person p ON p.id = m.person_id"
)
ATTACHED_ON = " a.kind = %s AND a.valid_from <= %s AND (a.valid_to IS NULL OR a.valid_to > %s)"
VALID_ON = " v.valid_from <= %s AND (v.valid_to IS NULL OR v.valid_to > %s)"


def walk(org_id: int, on: dt.date) -> tuple[str, list[Any]]:
    """The recursive walk mapping every organization under `org_id` on `on` to the row it
    counts in (a CTE named `tree(unit_id, row_id)`), with its parameters."""
    day = connection.ops.adapt_datefield_value(on)
    kinds = sorted(PARTY_KINDS)
    marks = ", ".join(["%s"] * len(kinds))
    sql = (
        "WITH RECURSIVE tree(unit_id, row_id) AS ("  # noqa: S608 (constant fragments)
        " SELECT v.unit_id, v.unit_id FROM registry_unitversion v"
        f" WHERE v.parent_id = %s AND v.kind IN ({marks}) AND{VALID_ON}"
        " UNION ALL"
        " SELECT v.unit_id, t.row_id FROM registry_unitversion v"
        f" JOIN tree t ON v.parent_id = t.unit_id WHERE{VALID_ON})"
    )
    return sql, [org_id, *kinds, day, day, day, day]


def selection(on: dt.date) -> tuple[str, list[Any], list[Any]]:
    """The columns' SELECT list (the count, then the sums) with its parameters, and the
    parameters of ATTACHED_ON (the attachments counted on `on`)."""
    day = connection.ops.adapt_datefield_value(on)
    exprs, sum_params = _sums(on)
    return ", ".join(["COUNT(*)", *exprs]), sum_params, [AttachmentKind.OFFICIAL, day, day]


def statements(org_id: int, on: dt.date) -> list[tuple[str, list[Any]]]:
    """The two statements of a table, with their parameters: the rows under the organization
    (row id, then the columns), and the members attached to the organization itself. Plain
    SQL with %s marks; bench/duckdb_baseline.py runs the same statements in DuckDB."""
    tree_sql, tree_params = walk(org_id, on)
    select, sums, attached = selection(on)
    # Only constant fragments are joined into the SQL; every value is a parameter.
    rows_sql = (
        f"{tree_sql} SELECT t.row_id, {select}{FROM_MEMBERS}"
        f" JOIN tree t ON t.unit_id = a.unit_id WHERE{ATTACHED_ON} GROUP BY t.row_id"
    )
    own_sql = f"SELECT %s, {select}{FROM_MEMBERS} WHERE a.unit_id = %s AND{ATTACHED_ON}"
    return [
        (rows_sql, [*tree_params, *sums, *attached]),
        (own_sql, [org_id, *sums, org_id, *attached]),
    ]


def live_rows(org_id: int, on: dt.date) -> dict[int, list[int]]:
    """Row id → columns, counted from the attachments, members and persons themselves."""
    (rows_sql, rows_params), (own_sql, own_params) = statements(org_id, on)
    found: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(rows_sql, rows_params)
        for row_id, *values in cursor.fetchall():
            found[row_id] = [int(v or 0) for v in values]
        cursor.execute(own_sql, own_params)
        own = cursor.fetchone()
        if own is not None and own[1]:
            found[org_id] = [int(v or 0) for v in own[1:]]
    return found


def statistics(scope: Unit, on: dt.date) -> StatisticsTable:
    """Members on `on` of each organization directly under the scope's party organization
    (with everything under it), by the standard breakdowns; a row for members attached to the
    organization itself where there are any."""
    top = scope_version(scope, on)
    org = party_organization(scope, on)
    from .snapshots import snapshot_rows

    found = snapshot_rows(org.unit_id, on)
    if found is None:
        found = live_rows(org.unit_id, on)
    view = current_access().units("view")
    if view is not None:
        found = {uid: values for uid, values in found.items() if uid in view}
    names = unit_refs(found, on)
    order = sorted(found, key=lambda uid: (uid != org.unit_id, names[uid].name, uid))
    rows = [StatsRow(names[uid], found[uid]) for uid in order]
    width = len(columns())
    totals = [sum(row.values[i] for row in rows) for i in range(width)]
    return StatisticsTable(
        scope=unit_ref(top),
        organization=unit_ref(org),
        on=on,
        columns=columns(),
        rows=rows,
        totals=totals,
    )
