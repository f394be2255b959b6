"""The built-in rules, as data: the post catalogue, terms, unification policies, deputy caps,
age rules and composition targets. Each row carries its source status (rules.md: V verified,
S secondary, U unverified); unverified values are configurable defaults, not facts.

They are written to the database after every `migrate` (and test flush) by `seed_builtins`,
only where missing: a built-in row that a user ended (valid_to) stays ended. Users add their
own rows through the services (`policy_define`, `deputy_rule_define`, `target_define`…).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connections
from django.utils.translation import gettext_noop

from tinhgon.registry.kinds import SourceStatus as S
from tinhgon.registry.kinds import UnitKind as K

from .kinds import DeputyMode, Metric, PostFunction, PostType, RelatedBy, Track

D = dt.date
ALWAYS = D(1945, 9, 2)  # catalogue rows hold for as long as the records go back

P = PostType
SINGLE = True
MULTI = False

# kind of unit → (post type, single holder)
CATALOGUE: dict[str, list[tuple[str, bool]]] = {
    K.PARTY_COMMITTEE: [
        (P.SECRETARY, SINGLE),
        (P.DEPUTY_SECRETARY, MULTI),
        (P.STANDING_COMMITTEE_MEMBER, MULTI),
        (P.COMMITTEE_MEMBER, MULTI),
    ],
    K.GRASSROOTS_PARTY_COMMITTEE: [
        (P.SECRETARY, SINGLE),
        (P.DEPUTY_SECRETARY, MULTI),
        (P.STANDING_COMMITTEE_MEMBER, MULTI),
        (P.COMMITTEE_MEMBER, MULTI),
    ],
    K.PARTIAL_PARTY_COMMITTEE: [
        (P.SECRETARY, SINGLE),
        (P.DEPUTY_SECRETARY, MULTI),
        (P.COMMITTEE_MEMBER, MULTI),
    ],
    K.GRASSROOTS_PARTY_CELL: [
        (P.SECRETARY, SINGLE),
        (P.DEPUTY_SECRETARY, MULTI),
        (P.COMMITTEE_MEMBER, MULTI),
    ],
    K.PARTY_CELL: [(P.SECRETARY, SINGLE), (P.DEPUTY_SECRETARY, MULTI), (P.COMMITTEE_MEMBER, MULTI)],
    K.PARTY_BOARD: [(P.HEAD, SINGLE), (P.DEPUTY_HEAD, MULTI), (P.MEMBER, MULTI)],
    K.PEOPLES_COUNCIL: [
        (P.CHAIR, SINGLE),
        (P.VICE_CHAIR, MULTI),
        (P.HEAD, MULTI),
        (P.DEPUTY_HEAD, MULTI),
        (P.MEMBER, MULTI),
    ],
    K.PEOPLES_COMMITTEE: [(P.CHAIR, SINGLE), (P.VICE_CHAIR, MULTI), (P.MEMBER, MULTI)],
    K.SPECIALIZED_OFFICE: [
        (P.HEAD, SINGLE),
        (P.DEPUTY_HEAD, MULTI),
        (P.DIRECTOR, SINGLE),
        (P.DEPUTY_DIRECTOR, MULTI),
    ],
    K.FATHERLAND_FRONT: [(P.CHAIR, SINGLE), (P.VICE_CHAIR, MULTI), (P.MEMBER, MULTI)],
    K.SOCIO_POLITICAL_ORG: [
        (P.CHAIR, SINGLE),
        (P.VICE_CHAIR, MULTI),
        (P.SECRETARY, SINGLE),
        (P.DEPUTY_SECRETARY, MULTI),
    ],
    K.SHARED_ADVISORY_OFFICE: [(P.HEAD, SINGLE), (P.DEPUTY_HEAD, MULTI)],
    K.PUBLIC_SERVICE_UNIT: [
        (P.DIRECTOR, SINGLE),
        (P.DEPUTY_DIRECTOR, MULTI),
        (P.HEAD, SINGLE),
        (P.DEPUTY_HEAD, MULTI),
    ],
    K.SCHOOL: [(P.PRINCIPAL, SINGLE), (P.VICE_PRINCIPAL, MULTI)],
    K.VILLAGE: [(P.VILLAGE_HEAD, SINGLE), (P.DEPUTY_VILLAGE_HEAD, MULTI)],
}

# Terms of office. The start and end days are the middle of the congress season of each
# track (unverified: congresses of one term are held over several months, level by level).
TERMS: list[dict[str, Any]] = [
    {
        "code": "party-2015-2020",
        "name": "2015–2020",
        "track": Track.PARTY,
        "valid_from": D(2015, 7, 1),
        "valid_to": D(2020, 7, 1),
        "status": S.UNVERIFIED,
    },
    {
        "code": "party-2020-2025",
        "name": "2020–2025",
        "track": Track.PARTY,
        "valid_from": D(2020, 7, 1),
        "valid_to": D(2025, 7, 1),
        "status": S.UNVERIFIED,
    },
    {
        "code": "party-2025-2030",
        "name": "2025–2030",
        "track": Track.PARTY,
        "valid_from": D(2025, 7, 1),
        "valid_to": D(2030, 7, 1),
        "status": S.UNVERIFIED,
    },
    {
        # Villages elect their heads for 2.5 years (mong-cai.md: "the village-head term
        # 2025–2027"); party cells under grassroots committees hold congresses on the same
        # calendar (rules.md §3: twice every 5 years).
        "code": "village-2025-2027",
        "name": "2025–2027",
        "track": Track.VILLAGE,
        "valid_from": D(2025, 1, 1),
        "valid_to": D(2027, 7, 1),
        "status": S.UNVERIFIED,
    },
    {
        "code": "party-cell-2025-2027",
        "name": "2025–2027",
        "track": Track.PARTY_CELL,
        "valid_from": D(2025, 1, 1),
        "valid_to": D(2027, 7, 1),
        "status": S.UNVERIFIED,
    },
]

# Names of the built-in policies: the database keeps the English, `policy_label` translates.
POLICY_NAMES = {
    "cell-secretary-village-head": gettext_noop("The party-cell secretary is the village head"),
    "commune-secretary-committee-chair": gettext_noop(
        "The commune party secretary chairs the People's Committee"
    ),
    "commune-deputy-secretary-council-chair": gettext_noop(
        "The commune deputy party secretary chairs the People's Council"
    ),
    "mobilization-head-front-chair": gettext_noop(
        "The Mass Mobilization Board head chairs the Fatherland Front committee"
    ),
    "propaganda-head-training-director": gettext_noop(
        "The Propaganda Board head directs the political training centre"
    ),
    "organization-head-home-affairs-head": gettext_noop(
        "The Organization Board head heads the Home Affairs office"
    ),
}

POLICIES: list[dict[str, Any]] = [
    {
        "code": "cell-secretary-village-head",
        "lead_unit_kind": K.PARTY_CELL,
        "lead_place_kind": K.VILLAGE,
        "lead_post_type": P.SECRETARY,
        "related_by": RelatedBy.TERRITORY,
        "related_unit_kind": K.VILLAGE,
        "related_post_type": P.VILLAGE_HEAD,
        "basis": "Thực tiễn địa phương (mong-cai.md); chỉ tiêu chưa xác minh (rules.md §5)",
        "status": S.UNVERIFIED,
    },
    {
        "code": "commune-secretary-committee-chair",
        "lead_unit_kind": K.GRASSROOTS_PARTY_COMMITTEE,
        "lead_place_kind": K.COMMUNE,
        "lead_post_type": P.SECRETARY,
        "related_by": RelatedBy.SAME_PLACE,
        "related_unit_kind": K.PEOPLES_COMMITTEE,
        "related_post_type": P.CHAIR,
        "basis": "18-NQ/TW (25/10/2017)",
        "status": S.VERIFIED,
    },
    {
        "code": "commune-deputy-secretary-council-chair",
        "lead_unit_kind": K.GRASSROOTS_PARTY_COMMITTEE,
        "lead_place_kind": K.COMMUNE,
        "lead_post_type": P.DEPUTY_SECRETARY,
        "related_by": RelatedBy.SAME_PLACE,
        "related_unit_kind": K.PEOPLES_COUNCIL,
        "related_post_type": P.CHAIR,
        "basis": "1874-QĐ/TU (Đề án 25, Quảng Ninh); thực tiễn cấp huyện (rules.md §5)",
        "status": S.SECONDARY,
    },
    {
        "code": "mobilization-head-front-chair",
        "lead_unit_kind": K.PARTY_BOARD,
        "lead_post_type": P.HEAD,
        "lead_function": PostFunction.MASS_MOBILIZATION,
        "related_by": RelatedBy.SAME_PLACE,
        "related_unit_kind": K.FATHERLAND_FRONT,
        "related_post_type": P.CHAIR,
        "basis": "Kết luận của Bộ Chính trị về thí điểm mô hình (sau 18-NQ/TW)",
        "status": S.VERIFIED,
    },
    {
        "code": "propaganda-head-training-director",
        "lead_unit_kind": K.PARTY_BOARD,
        "lead_post_type": P.HEAD,
        "lead_function": PostFunction.PROPAGANDA,
        "related_by": RelatedBy.SAME_PLACE,
        "related_unit_kind": K.PUBLIC_SERVICE_UNIT,
        "related_post_type": P.DIRECTOR,
        "related_function": PostFunction.POLITICAL_TRAINING,
        "basis": "Thực tiễn cấp huyện (rules.md §5)",
        "status": S.VERIFIED,
    },
    {
        "code": "organization-head-home-affairs-head",
        "lead_unit_kind": K.PARTY_BOARD,
        "lead_post_type": P.HEAD,
        "lead_function": PostFunction.ORGANIZATION,
        "related_by": RelatedBy.SAME_PLACE,
        "related_unit_kind": K.SPECIALIZED_OFFICE,
        "related_post_type": P.HEAD,
        "related_function": PostFunction.HOME_AFFAIRS,
        "basis": "18-NQ/TW (văn bản chưa truy xuất, rules.md §5)",
        "status": S.UNVERIFIED,
    },
]
POLICIES_FROM = D(2015, 1, 1)

# Deputy caps (rules.md §6). Averages are checked over a scope by `queries.deputy_check`;
# maxima also by the services when someone is appointed.
DEPUTY_RULES: list[dict[str, Any]] = [
    {
        "code": "nd108-2020-district-offices",
        "unit_kind": K.SPECIALIZED_OFFICE,
        "place_kind": K.DISTRICT,
        "post_type": P.DEPUTY_HEAD,
        "mode": DeputyMode.AVERAGE,
        "number": Decimal(2),
        "basis": "108/2020/NĐ-CP",
        "status": S.SECONDARY,  # the rule is verified, its dates are not
        "valid_from": D(2020, 11, 25),
        "valid_to": D(2025, 7, 1),
    },
    {
        "code": "nd107-2020-departments",
        "unit_kind": K.SPECIALIZED_OFFICE,
        "place_kind": K.PROVINCE,
        "post_type": P.DEPUTY_DIRECTOR,
        "mode": DeputyMode.AVERAGE,
        "number": Decimal(3),
        "basis": "107/2020/NĐ-CP",
        "status": S.VERIFIED,
        "valid_from": D(2020, 11, 25),
        "valid_to": D(2026, 1, 1),
    },
    {
        "code": "nd370-2025-departments",
        "unit_kind": K.SPECIALIZED_OFFICE,
        "place_kind": K.PROVINCE,
        "post_type": P.DEPUTY_DIRECTOR,
        "mode": DeputyMode.AVERAGE,
        "number": Decimal(3),
        "merged_bonus": 2,
        "basis": "370/2025/NĐ-CP",
        "status": S.VERIFIED,
        "valid_from": D(2026, 1, 1),
        "valid_to": None,
    },
]

# Directive 45-CT/TW (14/4/2025) for the congresses of the 2025–2030 term (rules.md §3): age
# counted at a reference month by level; first time on a committee: at least one full term
# (60 months) of work left; re-election: at least 48 months.
AGE_RULES: list[dict[str, Any]] = [
    {
        "code": "ct45-grassroots",
        "unit_kinds": [K.GRASSROOTS_PARTY_COMMITTEE, K.GRASSROOTS_PARTY_CELL, K.PARTY_CELL],
        "place_kind": "",
        "reference_date": D(2025, 4, 1),
    },
    {
        "code": "ct45-commune",
        "unit_kinds": [K.GRASSROOTS_PARTY_COMMITTEE, K.PARTY_COMMITTEE],
        "place_kind": K.COMMUNE,
        "reference_date": D(2025, 7, 1),
    },
    {
        "code": "ct45-province",
        "unit_kinds": [K.PARTY_COMMITTEE],
        "place_kind": K.PROVINCE,
        "reference_date": D(2025, 9, 1),
    },
]
AGE_RULE_COMMON: dict[str, Any] = {
    "term": "party-2025-2030",
    "first_time_months": 60,
    "reelection_months": 48,
    "basis": "45-CT/TW (14/4/2025)",
    "status": S.VERIFIED,
    "valid_from": D(2025, 4, 14),
}

# Succession-planning targets (quy hoạch cán bộ). The values are defaults to be checked
# against the current regulation (not retrieved for rules.md): configure them per term.
TARGETS: list[dict[str, Any]] = [
    {"code": "women-share", "metric": Metric.WOMEN_SHARE, "value": Decimal("0.25")},
    {"code": "under-40-share", "metric": Metric.UNDER_40_SHARE, "value": Decimal("0.15")},
    {"code": "min-per-post", "metric": Metric.MIN_PER_POST, "value": Decimal(2)},
    {"code": "max-per-post", "metric": Metric.MAX_PER_POST, "value": Decimal(4)},
    {"code": "max-posts-per-person", "metric": Metric.MAX_POSTS_PER_PERSON, "value": Decimal(3)},
]
TARGETS_FROM = D(2015, 1, 1)


def seed_builtins(using: str = "default", **kwargs: Any) -> None:
    """Write the built-in rows that are missing (post_migrate handler; safe to call again)."""
    from .models import (
        AgeRule,
        CatalogueEntry,
        CompositionTarget,
        DeputyRule,
        Term,
        UnificationPolicy,
    )

    try:
        tables = set(connections[using].introspection.table_names())
    except DatabaseError:
        return
    if not {Term._meta.db_table, AgeRule._meta.db_table} <= tables:
        return  # the app's migrations are not applied (e.g. migrating backwards)

    known = set(CatalogueEntry.objects.using(using).values_list("unit_kind", "post_type"))
    CatalogueEntry.objects.using(using).bulk_create(
        [
            CatalogueEntry(
                unit_kind=kind,
                post_type=post_type,
                single_holder=single,
                valid_from=ALWAYS,
                builtin=True,
            )
            for kind, rows in CATALOGUE.items()
            for post_type, single in rows
            if (kind, post_type) not in known
        ]
    )

    def missing(model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        codes = set(model.objects.using(using).values_list("code", flat=True))
        return [row for row in rows if row["code"] not in codes]

    Term.objects.using(using).bulk_create(
        [Term(**row, builtin=True) for row in missing(Term, TERMS)]
    )
    UnificationPolicy.objects.using(using).bulk_create(
        [
            UnificationPolicy(
                **row,
                name=POLICY_NAMES[row["code"]],
                requires_official_member=True,
                builtin=True,
                valid_from=POLICIES_FROM,
            )
            for row in missing(UnificationPolicy, POLICIES)
        ]
    )
    DeputyRule.objects.using(using).bulk_create(
        [DeputyRule(**row, builtin=True) for row in missing(DeputyRule, DEPUTY_RULES)]
    )
    terms = {t.code: t for t in Term.objects.using(using).all()}
    age_rows = []
    for row in missing(AgeRule, AGE_RULES):
        fields = {**AGE_RULE_COMMON, **row}
        term = terms.get(fields.pop("term"))
        if term is not None:
            age_rows.append(AgeRule(**fields, term=term, builtin=True))
    AgeRule.objects.using(using).bulk_create(age_rows)
    CompositionTarget.objects.using(using).bulk_create(
        [
            CompositionTarget(
                **row,
                basis="Quy hoạch cán bộ: giá trị mặc định, chưa xác minh",
                status=S.UNVERIFIED,
                valid_from=TARGETS_FROM,
                builtin=True,
            )
            for row in missing(CompositionTarget, TARGETS)
        ]
    )
