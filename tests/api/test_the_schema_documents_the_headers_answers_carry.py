"""The schema documents the headers answers carry, and answers carry what it documents: a
generated client's outside test found ETag, Link, Location, X-Position and a 429's
Retry-After sent but undocumented, so the client had to read raw headers."""

from __future__ import annotations

from drf_spectacular.generators import SchemaGenerator

from tests.api_fixtures import GENEVA
from tests.factories import opening


def documented(schema, path: str, method: str, code: str) -> set[str]:
    response = schema["paths"][path][method]["responses"][code]
    return set(response.get("headers", {}))


def test_documented_headers_are_sent(anon, editor_api, actors, geneva):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    opened = editor_api.post(
        "/api/v1/processes/", opening(), format="json", HTTP_IDEMPOTENCY_KEY="open-1"
    )
    replayed = editor_api.post(
        "/api/v1/processes/", opening(), format="json", HTTP_IDEMPOTENCY_KEY="open-1"
    )
    answers = [
        ("/api/v1/processes/", "post", "201", replayed),
        ("/api/v1/processes/{ref}/", "get", "200", anon.get(f"/api/v1/processes/{GENEVA}/")),
        ("/api/v1/processes/", "get", "200", anon.get("/api/v1/processes/", {"page_size": 1})),
        ("/api/v1/events/", "get", "200", anon.get("/api/v1/events/", {"limit": 1})),
    ]
    assert opened.status_code == replayed.status_code == 201
    for path, method, code, response in answers:
        names = documented(schema, path, method, code)
        assert names, (path, method, code)
        missing = [name for name in names if name not in response]
        assert not missing, (path, method, code, missing)
    assert documented(schema, "/api/v1/processes/", "get", "429") == {"Retry-After"}
