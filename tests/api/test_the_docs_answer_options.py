"""OPTIONS on the schema and its two readers (Swagger UI, Redoc) is answered as on every other
API view: 200, the view's description in JSON and the methods it allows; never a 500 (the
Swagger UI's template rendered with no template), an HTML page or YAML under the OpenAPI
schema's media type."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

DOCS = [
    "/api/v1/schema/",
    "/api/v1/schema/?format=json",
    "/api/v1/schema/?lang=fr",
    "/api/v1/docs/",
    "/api/v1/docs/?script",
    "/api/v1/docs/?lang=ar",
    "/api/v1/redoc/",
]


@pytest.fixture
def client(db, settings) -> APIClient:
    settings.DEBUG = False
    return APIClient(raise_request_exception=False)  # a 500 is answered, as in production


@pytest.mark.parametrize("url", DOCS)
def test_options_on_the_docs_answers_as_every_api_view(client, url):
    response = client.options(url)

    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["name"]
    assert "application/json" in body["parses"]
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
def test_options_with_an_unknown_language_is_refused_in_json(client, url):
    response = client.options(url, QUERY_STRING="lang=xx")

    assert response.status_code == 400
    assert json.loads(response.content)["code"] == "invalid"


def test_another_api_view_answers_options_the_same_way(client):
    response = client.options("/api/v1/processes/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["name"] == "Process List"
