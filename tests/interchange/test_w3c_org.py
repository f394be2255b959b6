"""The W3C Organization Ontology JSON-LD export of the Móng Cái demo, checked as JSON (rdflib is
not a dependency): the @context names the ORG, PROV and tinhgon vocabularies, every event of the
database appears once as an org:ChangeEvent typed by its kind, with the organizations going in
and coming out and its legal basis, and the organizations nest as the registry says."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from click.testing import CliRunner

from tinhgon.cli import cli
from tinhgon.interchange.w3c_org import org_export
from tinhgon.registry.models import Event, EventUnit, UnitVersion

D = dt.date
pytestmark = pytest.mark.django_db
LATER = D(2026, 1, 1)  # after every event of the demo

# Written out here, not taken from the module: each kind's class IRI.
KIND_IRI = {
    "establish": "https://tinhgon.vn/ns#Establishment",
    "dissolve": "https://tinhgon.vn/ns#Dissolution",
    "merge": "https://tinhgon.vn/ns#Merger",
    "consolidate": "https://tinhgon.vn/ns#Consolidation",
    "split": "https://tinhgon.vn/ns#Split",
    "boundary_change": "https://tinhgon.vn/ns#BoundaryChange",
    "transfer": "https://tinhgon.vn/ns#Transfer",
    "rename": "https://tinhgon.vn/ns#Renaming",
    "reclassify": "https://tinhgon.vn/ns#Reclassification",
}
ORG = "http://www.w3.org/ns/org#"


def expand(term: str, context: dict) -> str:  # type: ignore[type-arg]
    prefix, _, local = term.partition(":")
    return context[prefix] + local if prefix in context and local else term


def nodes_of(graph: list[dict], iri: str, context: dict) -> list[dict]:  # type: ignore[type-arg]
    found = []
    for node in graph:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if iri in {expand(t, context) for t in types}:
            found.append(node)
    return found


def unit_ids(refs: list[dict]) -> set[int]:  # type: ignore[type-arg]
    return {int(r["@id"].removeprefix("unit/")) for r in refs}


@pytest.fixture(scope="module")
def later(demo, django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        # Through JSON, as a consumer reads it.
        return json.loads(json.dumps(org_export(LATER)))


def test_the_context_names_the_vocabularies(later):
    context = later["@context"]
    assert context["org"] == ORG
    assert context["prov"] == "http://www.w3.org/ns/prov#"
    assert context["tg"] == "https://tinhgon.vn/ns#"
    assert context["@base"].startswith("https://")


def test_every_event_appears_once_with_its_type_and_organizations(later):
    context = later["@context"]
    events = nodes_of(later["@graph"], ORG + "ChangeEvent", context)
    assert Counter(e["@id"] for e in events) == Counter(
        f"event/{pk}" for pk in Event.objects.values_list("pk", flat=True)
    )
    by_id = {e["@id"]: e for e in events}
    for event in Event.objects.prefetch_related("documents"):
        node = by_id[f"event/{event.pk}"]
        types = {expand(t, context) for t in node["@type"]}
        assert types == {ORG + "ChangeEvent", KIND_IRI[event.kind]}, event
        inputs = set(
            EventUnit.objects.filter(event=event, role="input").values_list("unit_id", flat=True)
        )
        outputs = set(
            EventUnit.objects.filter(event=event, role="output").values_list("unit_id", flat=True)
        )
        assert unit_ids(node["org:originalOrganization"]) == inputs, event
        assert unit_ids(node["org:resultingOrganization"]) == outputs, event
        assert node["prov:startedAtTime"]["@value"].startswith(event.effective_on.isoformat())
        numbers = {d["dct:identifier"] for d in node["tg:legalBasis"]}
        assert numbers == {d.number for d in event.documents.all()}, event


def test_a_known_merger(later, demo):
    """Hòa Lạc ward went into Trần Phú ward on 2024-11-01 (Resolution 1199/NQ-UBTVQH15)."""
    keys = demo.keys
    (node,) = [
        e
        for e in nodes_of(later["@graph"], ORG + "ChangeEvent", later["@context"])
        if unit_ids(e["org:originalOrganization"]) == {keys["hoa_lac"]}
    ]
    assert "tg:Merger" in node["@type"]
    assert node["dct:date"] == {"@value": "2024-11-01", "@type": "xsd:date"}
    assert keys["tran_phu"] in unit_ids(node["org:resultingOrganization"])


def test_organizations_nest_as_the_registry_says(later):
    context = later["@context"]
    orgs = nodes_of(later["@graph"], ORG + "FormalOrganization", context)
    expected = {
        v.unit_id: v.parent_id
        for v in UnitVersion.objects.filter(valid_from__lte=LATER).exclude(valid_to__lte=LATER)
    }
    assert {int(o["@id"].removeprefix("unit/")) for o in orgs} == set(expected)
    for node in orgs:
        parent = expected[int(node["@id"].removeprefix("unit/"))]
        if parent is None:
            assert "org:subOrganizationOf" not in node
        else:
            assert node["org:subOrganizationOf"] == {"@id": f"unit/{parent}"}
    posts = nodes_of(later["@graph"], ORG + "Post", context)
    memberships = nodes_of(later["@graph"], ORG + "Membership", context)
    assert posts and memberships
    assert all(m["org:organization"]["@id"].startswith("unit/") for m in memberships)


def test_events_after_the_date_are_left_out(demo):
    earlier = org_export(D(2020, 1, 1))
    events = [n for n in earlier["@graph"] if "org:ChangeEvent" in n["@type"]]
    expected = Event.objects.filter(effective_on__lte=D(2020, 1, 1)).count()
    assert len(events) == expected < Event.objects.count()


def test_the_cli_and_the_api(demo, tmp_path, client):
    out = tmp_path / "org.jsonld"
    args = ["org", "export", "--on", "2021-01-01", "--scope", "194", "--out", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    answered = client.get("/api/export/org/?on=2021-01-01&scope=194")
    assert answered.status_code == 200
    assert answered.json() == written
    assert "Thành phố Móng Cái" in {n.get("skos:prefLabel") for n in written["@graph"]}
