import json

import pytest
from django.urls import Resolver404, resolve


def test_openapi_document_describes_every_api_route(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.1")
    assert {"/api/v1/search", "/api/v1/projects/", "/api/v1/projects/{id}/"} <= set(document["paths"])
    for path in document["paths"]:
        try:
            resolve(path.replace("{id}", "1"))
        except Resolver404:
            pytest.fail(f"{path} is described but not routed")


def test_every_schema_reference_resolves(client):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    schemas = document["components"]["schemas"]
    text = json.dumps(document)
    refs = {part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]}
    assert refs and refs <= set(schemas), refs - set(schemas)
