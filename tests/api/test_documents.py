"""Legal documents: search without diacritics, and one with the events it is the basis of."""

from __future__ import annotations

import pytest

from tinhgon.registry.models import LegalDocument

from .schema import conforms

pytestmark = pytest.mark.django_db


def test_documents_newest_first_and_searched_without_diacritics(world, client, openapi):
    url = "/api/documents/"
    everything = client.get(url).json()
    conforms(openapi, url, "get", 200, everything)
    assert [d["number"] for d in everything["results"]] == ["1679/NQ-UBTVQH15", "1/QĐ-TEST"]
    found = client.get("/api/documents/?q=don vi hanh chinh cap xa").json()
    assert [d["number"] for d in found["results"]] == ["1679/NQ-UBTVQH15"]
    assert client.get("/api/documents/?q=nghi dinh").json()["results"] == []


def test_one_document_lists_its_events(world, client, openapi):
    document = LegalDocument.objects.get(number="1679/NQ-UBTVQH15")
    url = f"/api/documents/{document.pk}/"
    data = client.get(url).json()
    conforms(openapi, url, "get", 200, data)
    assert (data["kind"], data["signed_on"], data["status"]) == ("resolution", "2025-06-16", "U")
    assert [(e["id"], e["kind"]) for e in data["events"]] == [(world.consolidate.pk, "consolidate")]


def test_an_unknown_document_is_a_404(world, client):
    response = client.get("/api/documents/999999/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "document_not_found"
