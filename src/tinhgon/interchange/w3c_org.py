"""The apparatus at a date as JSON-LD in the W3C Organization Ontology
(https://www.w3.org/TR/vocab-org/): organizations (`org:FormalOrganization`, nested with
`org:subOrganizationOf`), posts (`org:Post`), memberships (`org:Membership`, the holdings on the
date) and one `org:ChangeEvent` for every registry event up to the date, typed by its kind with
tinhgon's own vocabulary (`tg:Merger`…), with the organizations going in
(`org:originalOrganization`) and coming out (`org:resultingOrganization`), its date
(`prov:startedAtTime`) and its legal basis (`tg:legalBasis`).

Events: those in which a unit of the scope (or of the user's scope, without one) took part.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch

from tinhgon.accounts.access import restrict
from tinhgon.people.labels import post_label
from tinhgon.registry.kinds import EventKind, Role
from tinhgon.registry.models import Event, EventUnit, LegalDocument, Unit

from .apparatus import Apparatus, last_day, read_apparatus

BASE = "https://tinhgon.vn/id/"
VOCABULARY = "https://tinhgon.vn/ns#"
CONTEXT: dict[str, Any] = {
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "tg": VOCABULARY,
    "@base": BASE,
}
# The class of each kind of event in tinhgon's vocabulary (each a subclass of org:ChangeEvent).
EVENT_CLASS: dict[str, str] = {
    EventKind.ESTABLISH: "tg:Establishment",
    EventKind.DISSOLVE: "tg:Dissolution",
    EventKind.MERGE: "tg:Merger",
    EventKind.CONSOLIDATE: "tg:Consolidation",
    EventKind.SPLIT: "tg:Split",
    EventKind.BOUNDARY_CHANGE: "tg:BoundaryChange",
    EventKind.TRANSFER: "tg:Transfer",
    EventKind.RENAME: "tg:Renaming",
    EventKind.RECLASSIFY: "tg:Reclassification",
}


def _date(day: dt.date) -> dict[str, str]:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _ref(kind: str, pk: int) -> dict[str, str]:
    return {"@id": f"{kind}/{pk}"}


def _interval(start: dt.date, valid_to: dt.date | None) -> dict[str, Any]:
    interval: dict[str, Any] = {"@type": "time:Interval", "time:hasBeginning": _date(start)}
    end = last_day(valid_to)
    if end is not None:
        interval["time:hasEnd"] = _date(end)
    return interval


def _organization(apparatus: Apparatus, uid: int) -> dict[str, Any]:
    version = apparatus.current[uid]
    node: dict[str, Any] = {
        "@id": f"unit/{uid}",
        "@type": ["org:Organization", "org:FormalOrganization"],
        "skos:prefLabel": version.name,
        "org:classification": {"@id": f"tg:{version.kind}"},
        "org:identifier": [f"{c.scheme}:{c.code}" for c in apparatus.codes.get(uid, [])],
    }
    if version.parent_id is not None:
        node["org:subOrganizationOf"] = _ref("unit", version.parent_id)
    return node


def _post(apparatus: Apparatus) -> list[dict[str, Any]]:
    held: dict[int, list[dict[str, str]]] = {}
    for holding in apparatus.holdings:
        held.setdefault(holding.post_id, []).append(_ref("person", holding.person_id))
    return [
        {
            "@id": f"post/{p.pk}",
            "@type": "org:Post",
            "skos:prefLabel": post_label(p.post_type, p.function, p.title),
            "org:role": {"@id": f"tg:{p.post_type}"},
            "org:postIn": _ref("unit", p.unit_id),
            "org:heldBy": held.get(p.pk, []),
        }
        for p in apparatus.posts
    ]


def _people(apparatus: Apparatus) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = [
        {"@id": f"person/{p.pk}", "@type": "foaf:Person", "foaf:name": p.full_name}
        for p in apparatus.persons.values()
    ]
    posts = {p.pk: p for p in apparatus.posts}
    for h in apparatus.holdings:
        nodes.append(
            {
                "@id": f"holding/{h.pk}",
                "@type": "org:Membership",
                "org:member": _ref("person", h.person_id),
                "org:organization": _ref("unit", h.unit_id),
                "org:role": {"@id": f"tg:{posts[h.post_id].post_type}"},
                "tg:post": _ref("post", h.post_id),
                "org:memberDuring": _interval(h.valid_from, h.valid_to),
            }
        )
    for a in apparatus.attachments:
        nodes.append(
            {
                "@id": f"party-attachment/{a.pk}",
                "@type": "org:Membership",
                "org:member": _ref("person", a.member.person_id),
                "org:organization": _ref("unit", a.unit_id),
                "org:role": {"@id": "tg:party_member"},
                "org:memberDuring": _interval(a.valid_from, a.valid_to),
            }
        )
    return nodes


def _document(document: LegalDocument) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": f"document/{document.pk}",
        "@type": "tg:LegalDocument",
        "dct:identifier": document.number,
        "dct:publisher": document.issuer,
        "dct:issued": _date(document.signed_on),
        "tg:sourceStatus": document.status,
    }
    if document.title:
        node["dct:title"] = document.title
    if document.effective_on:
        node["tg:effectiveOn"] = _date(document.effective_on)
    return node


def _events(apparatus: Apparatus) -> list[dict[str, Any]]:
    links = restrict(EventUnit.objects.all())
    if apparatus.scope is not None:
        links = links.filter(unit_id__in=sorted(apparatus.current))
    qs = (
        Event.objects.filter(effective_on__lte=apparatus.on, pk__in=links.values("event_id"))
        .order_by("effective_on", "id")
        .prefetch_related(
            Prefetch("participants", queryset=EventUnit.objects.order_by("id")), "documents"
        )
    )
    nodes = []
    for event in qs:
        parts = list(event.participants.all())
        node: dict[str, Any] = {
            "@id": f"event/{event.pk}",
            "@type": ["org:ChangeEvent", EVENT_CLASS.get(event.kind, "org:ChangeEvent")],
            "prov:startedAtTime": {
                "@value": f"{event.effective_on.isoformat()}T00:00:00",
                "@type": "xsd:dateTime",
            },
            "dct:date": _date(event.effective_on),
            "org:originalOrganization": [
                _ref("unit", p.unit_id) for p in parts if p.role == Role.INPUT
            ],
            "org:resultingOrganization": [
                _ref("unit", p.unit_id) for p in parts if p.role == Role.OUTPUT
            ],
            "tg:legalBasis": [_document(d) for d in event.documents.all()],
        }
        if event.title:
            node["dct:title"] = event.title
        nodes.append(node)
    return nodes


def org_document(apparatus: Apparatus) -> dict[str, Any]:
    ordered = sorted(apparatus.current, key=lambda uid: (apparatus.current[uid].name, uid))
    graph = [_organization(apparatus, uid) for uid in ordered]
    graph += _post(apparatus) + _people(apparatus) + _events(apparatus)
    return {"@context": CONTEXT, "@graph": graph}


def org_export(on: dt.date, scope: Unit | None = None) -> dict[str, Any]:
    """The apparatus of `scope` (or everything the user sees) on `on` as W3C ORG JSON-LD."""
    return org_document(read_apparatus(on, scope))
