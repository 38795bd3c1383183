"""Issue 21, item 7: NUL and lone surrogates in a path, a query or a body answer 404 or 400,
never 500, and store nothing; so does a form with more fields than Django takes. PostgreSQL
refuses NUL in text and no database can encode a lone surrogate, so these were 500s there.

The cases of the issue first, then Hypothesis driving the board, the API and the unsubscribe
page with generated text that holds at least one of them among controls and long runs."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from negotiations.write.runtime import get_application
from tests.api_fixtures import GENEVA, event
from tests.factories import opening

NUL, SURROGATE = "\x00", "\ud800"


def encoded(text: str) -> str:
    """`text` percent-encoded as a client sends it: UTF-8 bytes, a lone surrogate included."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def position() -> int:
    return get_application().recorder.max_notification_id() or 0


PATHS = [
    "/processes/{}/",
    "/api/v1/processes/{}/",
    "/api/v1/processes/{}/status/",
    "/api/v1/processes/{}/events/",
    "/api/v1/actors/{}/",
    "/digests/unsubscribe/{}/",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_nul_in_a_path_is_not_found(editor_api, geneva, path):
    before = position()
    response = editor_api.get(path.format("%00"))
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.json()["code"] == "not_found"
    assert position() == before


def test_a_nul_in_the_unsubscribe_path_is_not_found_for_a_post(client, db):
    assert client.post("/digests/unsubscribe/%00/").status_code == 404


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/?q=%00", "q"),
        ("/?conflict=%00", "conflict"),
        ("/api/v1/status-changes/?process=%00", "process"),
        ("/api/v1/processes/?q=a%00b", "q"),
    ],
)
def test_a_nul_in_a_query_is_a_bad_request(anon, geneva, url, name):
    response = anon.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["code"] == "invalid"
        assert name in response.json()["errors"]


@pytest.mark.parametrize("text", ["a\u0000b", "\ud800", "x\udfffy"])
def test_a_json_body_holding_one_is_invalid_naming_the_field(editor_api, geneva, text):
    before = position()
    body = event("talks_resumed", "2016-06-01", note=text)
    body["sources"] = [{"url": "https://example.org/r", "outlet": "Wire", "title": text}]
    response = editor_api.generic(
        "POST", f"/api/v1/processes/{GENEVA}/events/", json.dumps(body), "application/json"
    )
    assert response.status_code == 400, response.content
    data = response.json()
    assert data["code"] == "invalid"
    assert set(data["errors"]) == {"note", "sources[0].title"}, data
    assert position() == before


def test_a_nested_field_is_named_with_its_path(editor_api, geneva):
    """As every other refusal names it (`sources[0].outlet`): a client reads one spelling."""
    body = event("talks_resumed", "2016-06-01")
    body["sources"] = [{"url": "https://example.org/r", "outlet": "W\u0000ire"}]
    response = editor_api.generic(
        "POST", f"/api/v1/processes/{GENEVA}/events/", json.dumps(body), "application/json"
    )
    assert response.status_code == 400
    assert "sources[0].outlet" in response.json()["errors"]
    missing = event("talks_resumed", "2016-06-01")
    missing["sources"] = [{"url": "https://example.org/r"}]
    response = editor_api.generic(
        "POST", f"/api/v1/processes/{GENEVA}/events/", json.dumps(missing), "application/json"
    )
    assert "sources[0].outlet" in response.json()["errors"]


def test_an_escaped_backslash_before_u0000_is_plain_text(editor_api, geneva):
    """`"\\\\u0000"` is a backslash and the text u0000: storable, and recorded."""
    body = event("talks_resumed", "2016-06-01", note="\\u0000 in a note")
    response = editor_api.post(f"/api/v1/processes/{GENEVA}/events/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["event"]["note"] == "\\u0000 in a note"


def test_a_form_body_holding_one_is_invalid(editor_api, geneva):
    before = position()
    response = editor_api.post(
        f"/api/v1/processes/{GENEVA}/events/",
        urlencode({"type": "talks_resumed", "occurred_on": "2016-06-01", "venue": "Gen\0eva"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"venue": [response.json()["errors"]["venue"][0]]}
    assert position() == before


@pytest.mark.parametrize(
    "url", ["/api/v1/processes/", f"/api/v1/processes/{GENEVA}/events/", "/digests/unsubscribe/x/"]
)
def test_ten_thousand_form_fields_are_a_bad_request(editor_api, geneva, url):
    before = position()
    body = "&".join(f"f{i}=v" for i in range(10_000))
    response = editor_api.generic("POST", url, body, "application/x-www-form-urlencoded")
    assert response.status_code == 400, response.content[:300]
    if url.startswith("/api/"):
        assert response.json()["code"] == "invalid"
        assert "1000 fields" in response.json()["detail"]
    assert position() == before


# --- Generated: every entry point, text that no database can store ------------------------

BAD = st.sampled_from([NUL, SURROGATE, "\udc00", "\udfff", "\udbff"])
NOISE = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # control characters
    st.integers(1000, 20_000).map(lambda n: "é" * n),  # long
)
HOSTILE = st.tuples(NOISE, BAD, NOISE, st.lists(BAD, max_size=3)).map(
    lambda parts: parts[0] + parts[1] + parts[2] + "".join(parts[3])
)


def requests(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(method, url, body, content type) sending `text` into each entry point."""
    path, query = encoded(text), urlencode({"q": text.encode("utf-8", "surrogatepass")})
    as_json = "application/json"
    opened = opening(name=text)
    actor = {"slug": "iceland", "name": text, "kind": "state"}
    events = f"/api/v1/processes/{GENEVA}/events/"
    return [
        ("GET", f"/?{query}", None, None),
        ("GET", f"/?conflict={path}", None, None),
        ("GET", f"/processes/{path}/", None, None),
        ("GET", f"/processes/{GENEVA}/?as_of={path}", None, None),
        ("GET", f"/api/v1/processes/{path}/", None, None),
        ("GET", f"/api/v1/processes/{path}/status/", None, None),
        ("GET", f"/api/v1/processes/{path}/events/", None, None),
        ("GET", f"/api/v1/actors/{path}/", None, None),
        ("GET", f"/api/v1/processes/?{query}", None, None),
        ("GET", f"/api/v1/status-changes/?process={path}", None, None),
        ("POST", "/api/v1/processes/", json.dumps(opened), as_json),
        ("POST", "/api/v1/actors/", json.dumps(actor), as_json),
        ("POST", events, json.dumps(event("talks_resumed", "2016-06-01", venue=text)), as_json),
        ("POST", events, json.dumps({"type": text, "occurred_on": "2016-06-01"}), as_json),
        ("POST", events, json.dumps({text: 1}), as_json),
        ("POST", events, f"venue={path}&type=talks_resumed", "application/x-www-form-urlencoded"),
        ("GET", f"/digests/unsubscribe/{path}/", None, None),
        ("POST", f"/digests/unsubscribe/{path}/", None, None),
        ("POST", "/digests/unsubscribe/x/", f"token={path}", "application/x-www-form-urlencoded"),
    ]


@given(text=HOSTILE)
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_unstorable_text_never_fails_and_stores_nothing(editor_api, geneva, text):
    before = position()
    browser = APIClient()
    for method, url, body, content_type in requests(text):
        client = editor_api if url.startswith("/api/") else browser
        if body is None:
            response = client.generic(method, url)
        else:
            response = client.generic(method, url, body, content_type)
        assert response.status_code < 500, (method, url[:200], response.content[:300])
        if method == "POST":
            assert 400 <= response.status_code < 500, (url[:200], response.status_code)
    assert position() == before
