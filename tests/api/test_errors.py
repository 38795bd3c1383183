"""Every refusal is JSON with a code and a detail, and stores nothing."""

import pytest

from tests.api.recording import events_url, recorded, store_snapshot
from tests.api_fixtures import GENEVA, cause, event


@pytest.fixture
def active(editor_api, opened):
    recorded(editor_api, opened["slug"], "talks_convened", "2016-02-01")
    return events_url(opened["slug"])


def post(client, url, body, **headers):
    before = store_snapshot()
    response = client.post(url, body, format="json", headers=headers)
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["code"]
    assert data["detail"]
    if response.status_code >= 400:
        assert store_snapshot() == before, "a refused request changed the store or the read models"
    return response.status_code, data


def test_invalid_transition_names_the_status_and_what_is_allowed(editor_api, active):
    code, data = post(editor_api, active, event("talks_resumed", "2016-02-05"))
    assert (code, data["code"], data["status"]) == (409, "invalid_transition", "active")
    assert set(data["allowed"]) == {
        "talks_paused",
        "talks_suspended",
        "talks_concluded",
        "talks_collapsed",
    }


def test_out_of_order_names_the_date_not_to_precede(editor_api, active):
    code, data = post(editor_api, active, event("talks_suspended", "2016-01-30", causes=[cause()]))
    assert (code, data["code"], data["not_before"]) == (409, "out_of_order", "2016-02-01")


def test_version_conflict_gives_the_current_version(editor_api, active):
    code, data = post(
        editor_api,
        active,
        event("talks_suspended", "2016-02-05", causes=[cause()], expected_version=1),
    )
    assert (code, data["code"], data["current_version"]) == (409, "version_conflict", 2)


def test_a_version_never_reached_is_not_blamed_on_another_writer(editor_api, active):
    """An attacker's outside test: `expected_version` 99 on a process at 2 answered that
    "someone recorded an event meanwhile"; no one had."""
    body = event("talks_suspended", "2016-02-05", causes=[cause()], expected_version=99)
    code, data = post(editor_api, active, body)
    assert (code, data["code"], data["current_version"]) == (409, "version_conflict", 2)
    assert data["detail"] == (
        "The process is at version 2, not 99: no such version was ever reached. Reload and "
        "try again."
    )
    response = editor_api.post(active, body, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert "meanwhile" not in response.json()["detail"]
    assert "99" in response.json()["detail"]


def test_a_page_past_the_last_says_which_is_the_last(anon, geneva):
    """It said "Page 9 does not exist: That page contains no results" (an attacker's test)."""
    answer = anon.get("/api/v1/processes/", {"page": 9})
    assert answer.status_code == 404
    assert answer.json()["detail"] == "Page 9 does not exist: the last page is 1."
    answer = anon.get("/api/v1/processes/", {"page": 9, "page_size": 2})  # 5 processes
    assert answer.json()["detail"] == "Page 9 does not exist: the last page is 3."


def test_if_match_is_an_alternative_to_expected_version(editor_api, active):
    code, data = post(
        editor_api,
        active,
        event("statement_made", actor="turkey", stance="critical", summary="s"),
        **{"If-Match": '"1"'},
    )
    assert (code, data["code"]) == (409, "version_conflict")
    response = editor_api.post(
        active,
        event("statement_made", actor="turkey", stance="critical", summary="s"),
        format="json",
        headers={"If-Match": '"2"'},
    )
    assert response.status_code == 201
    assert response["ETag"] == '"3"'


def test_if_match_any_is_no_condition_and_a_version_below_1_is_invalid(editor_api, active):
    """`*` matches any current version (RFC 9110; it was a 400); "-1" is invalid, as the same
    expected_version in the body is (it was a 409 version_conflict)."""
    body = event("statement_made", actor="turkey", stance="critical", summary="s")
    for header in ('"-1"', '"0"'):
        code, data = post(editor_api, active, body, **{"If-Match": header})
        assert (code, list(data["errors"])) == (400, ["If-Match"]), header
    answer = editor_api.post(active, body, format="json", headers={"If-Match": "*"})
    assert answer.status_code == 201, answer.json()


def test_precedence_invalid_then_version_then_transition_then_order(editor_api, active):
    # invalid beats version_conflict
    assert (
        post(editor_api, active, event("talks_paused", "2016-02-05", expected_version=1))[1]["code"]
        == "invalid"
    )
    # version_conflict beats invalid_transition
    assert (
        post(editor_api, active, event("talks_resumed", "2016-02-05", expected_version=1))[1][
            "code"
        ]
        == "version_conflict"
    )
    # invalid_transition beats out_of_order
    assert (
        post(editor_api, active, event("talks_resumed", "2016-01-30"))[1]["code"]
        == "invalid_transition"
    )


HOSTILE = [
    ("unknown type", event("talks_teleported"), "type"),
    ("no type", {"occurred_on": "2016-02-05"}, "type"),
    (
        "impossible date",
        event("talks_paused", "2016-02-30", expected_resumption_on="2016-03-01"),
        "occurred_on",
    ),
    (
        "wrong type",
        event("talks_paused", "2016-02-05", expected_resumption_on=20160301),
        "expected_resumption_on",
    ),
    (
        "unknown actor",
        event("statement_made", actor="atlantis", stance="critical", summary="s"),
        "actor",
    ),
    (
        "category outside taxonomy",
        event("talks_suspended", "2016-02-05", causes=[cause(category="weather")]),
        "causes[0].category",
    ),
    (
        "unknown field",
        event("talks_suspended", "2016-02-05", causes=[cause()], mood="grim"),
        "mood",
    ),
    (
        "huge note",
        event("talks_suspended", "2016-02-05", causes=[cause()], note="x" * 200_000),
        "note",
    ),
    ("causes not a list", event("talks_suspended", "2016-02-05", causes="bombing"), "causes"),
    (
        "expected_version not a number",
        event("talks_suspended", "2016-02-05", causes=[cause()], expected_version="two"),
        "expected_version",
    ),
]


@pytest.mark.parametrize(("case", "body", "field"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_bad_input_is_a_400_naming_the_field(editor_api, active, case, body, field):
    code, data = post(editor_api, active, body)
    assert (code, data["code"]) == (400, "invalid")
    assert field in data["errors"], data


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[1, 2]",
        b'{"type": "a", "type": "b"}',
        b"[" * 5000 + b"]" * 5000,
        b"x" * (11 * 1024 * 1024),
    ],
)
def test_malformed_bodies_are_a_400(editor_api, active, raw):
    before = store_snapshot()
    response = editor_api.generic("POST", active, raw, content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert response.json()["code"] == "invalid"
    assert store_snapshot() == before


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b"\xff\xfe{}", "The body is not utf-8 text (at byte 0)."),
        (b'{"n": ' + b"9" * 5000 + b"}", "Malformed JSON: a number has too many digits."),
        (b'{"n": }', "Malformed JSON at line 1, column 7."),
    ],
    ids=["not-utf-8", "5000-digits", "no-value"],
)
def test_a_malformed_body_is_told_in_our_words(editor_api, active, raw, said):
    """Not Python's: "'utf-8' codec can't decode byte 0xff", "use
    sys.set_int_max_str_digits() to increase the limit"."""
    before = store_snapshot()
    response = editor_api.generic("POST", active, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == said
    assert store_snapshot() == before


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "latin-1", "utf-16"])
def test_a_json_body_in_another_charset_than_utf_8_is_a_415(editor_api, active, charset):
    """An attacker's outside test: a charset that is no text codec answered 500 ("safe to send
    it again"), and latin-1 stored UTF-8 bytes as "cafÃ©". JSON is UTF-8 (RFC 8259)."""
    before = store_snapshot()
    body = b'{"type": "talks_resumed", "occurred_on": "2016-02-05", "venue": "caf\xc3\xa9"}'
    content_type = f"application/json; charset={charset}"
    response = editor_api.generic("POST", active, body, content_type=content_type)
    assert response.status_code == 415, response.content[:300]
    assert response.json()["detail"] == (
        f"A JSON body is read as UTF-8 only (the request says charset={charset})."
    )
    assert store_snapshot() == before
    for spelled in ("utf-8", "UTF-8", "utf8"):  # each is UTF-8: read, then judged on its fields
        content_type = f"application/json; charset={spelled}"
        answer = editor_api.generic("POST", active, body, content_type=content_type)
        assert answer.status_code != 415, spelled


def test_a_body_sent_in_chunks_is_a_411_not_a_missing_field(editor_api, active):
    """Under gunicorn a chunked body has no Content-Length, and WSGI reads none of it: the
    answer said "type: Required" of a body that held it (an attacker's outside test)."""
    before = store_snapshot()
    body = b'{"type": "talks_resumed", "occurred_on": "2016-02-05"}'
    chunked = {"HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_LENGTH": ""}
    response = editor_api.generic("POST", active, body, "application/json", **chunked)
    assert response.status_code == 411, response.content[:300]
    assert response.json() == {
        "code": "length_required",
        "detail": "A body sent in chunks is not read: send it whole, with its Content-Length.",
    }
    assert store_snapshot() == before
    schema = editor_api.get("/api/v1/schema/", {"format": "json"}).json()
    assert "411" in schema["paths"]["/api/v1/processes/{ref}/events/"]["post"]["responses"]
    # In the reader's language, though it is refused before the language is chosen (a review).
    french = editor_api.generic(
        "POST", active, body, "application/json", HTTP_ACCEPT_LANGUAGE="fr", **chunked
    )
    assert french.json()["detail"] == (
        "Un corps envoyé par morceaux n'est pas lu\u00a0: envoyez-le entier, avec son "
        "Content-Length."
    )
    nul = editor_api.get("/api/v1/processes/", {"q": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert nul.json()["errors"] == {
        "q": [
            "Параметр запроса содержит символ NUL или одиночный суррогат, которые нельзя сохранить."
        ]
    }
    # A DELETE reads no body: one sent in chunks, empty, is no reason to refuse it.
    gone = editor_api.generic("DELETE", "/api/v1/webhooks/nothing-here/", b"", **chunked)
    assert gone.status_code == 404, gone.content[:300]


def test_a_field_s_refusal_is_punctuated_as_the_reader_writes(editor_api, active):
    """French puts a no-break space before a colon: "venue : …", not "venue: …" (a review)."""
    body = event("talks_resumed", "2016-02-05", venue="x" * 500)
    answer = editor_api.post(active, body, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.json()["detail"].startswith("venue\u00a0: "), answer.json()


def test_a_malformed_body_is_told_in_the_reader_s_language(editor_api, active):
    before = store_snapshot()
    for raw, language, said in [
        (b'{"n": }', "fr", "JSON mal formé à la ligne 1, colonne 7."),
        (b'{"a": 1, "a": 2}', "ru", "Ключ «a» повторяется в объекте JSON."),
    ]:
        response = editor_api.generic(
            "POST", active, raw, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.json()["detail"] == said, language
    assert store_snapshot() == before


@pytest.mark.parametrize("form", ["multipart", "urlencoded"])
def test_a_form_body_is_a_415(editor_api, active, form):
    """Only JSON is read: a form is refused as such. A multipart one was read by the edge's
    text check first, which left the API an empty body and a 400 "type: Required"."""
    before = store_snapshot()
    if form == "multipart":
        response = editor_api.post(active, {"type": "talks_paused"}, format="multipart")
    else:
        body = "type=talks_paused&occurred_on=2016-02-03"
        response = editor_api.generic("POST", active, body, "application/x-www-form-urlencoded")
    assert response.status_code == 415, response.content[:300]
    assert response.json()["code"] == "unsupported_media_type"
    assert store_snapshot() == before


def test_unknown_process_is_a_404(anon, db):
    for url in (
        "/api/v1/processes/nowhere/",
        "/api/v1/processes/nowhere/events/",
        "/api/v1/processes/00000000-0000-0000-0000-000000000000/status/",
    ):
        response = anon.get(url)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize("url", ["/api/v1/nope/", "/api/v1/processes/x/nope/", "/api/v2/"])
def test_an_address_under_the_api_naming_no_endpoint_answers_in_json(anon, db, url):
    """It answered the board's HTML page; a client reads every API error as JSON."""
    response = anon.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "detail": "Not found."}
    french = anon.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.json()["code"] == "not_found"
    assert french.json()["detail"] != "Not found."  # in the asked language
    assert anon.get("/processes/x/nope/")["Content-Type"].startswith("text/html")


def test_a_write_to_an_unknown_process_is_a_404_naming_it_as_a_read_does(editor_api, actors):
    """The write said the UUID derived from the slug ("No process with id 88f0..."), the read
    of the same address its slug."""
    url = "/api/v1/processes/nowhere/events/"
    before = store_snapshot()
    written = editor_api.post(url, event("talks_convened", "2016-02-01"), format="json")
    assert store_snapshot() == before
    assert written.status_code == 404
    assert (
        written.json()["detail"] == editor_api.get(url).json()["detail"] == "No process 'nowhere'."
    )


def test_a_process_filter_naming_no_process_is_invalid(anon, db):
    response = anon.get("/api/v1/status-changes/", {"process": "nowhere"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


def test_bad_query_parameters_are_invalid(anon, geneva):
    for url, params in [
        (f"/api/v1/processes/{GENEVA}/status/", {"as_of": "2016-02-30"}),
        (f"/api/v1/processes/{GENEVA}/status/", {"known_at": "yesterday"}),
        ("/api/v1/events/", {"after": "-1"}),
        ("/api/v1/events/", {"limit": "many"}),
        # ASCII digits only, as page_size: int() read Arabic-Indic digits, spaces, "1_0".
        ("/api/v1/events/", {"after": "\u0665"}),
        ("/api/v1/events/", {"limit": " 5"}),
        ("/api/v1/events/", {"limit": "1_0"}),
        ("/api/v1/events/", {"after": "--5"}),
        ("/api/v1/processes/", {"min_position": "\u0665"}),
        ("/api/v1/status-changes/", {"since": "soon"}),
        ("/api/v1/processes/", {"status": "sleeping"}),
        ("/api/v1/processes/", {"updated_since": "never"}),
        ("/api/v1/processes/", {"ordering": "secret"}),
    ]:
        response = anon.get(url, params)
        assert (response.status_code, response.json()["code"]) == (400, "invalid"), (url, params)


def test_opening_a_duplicate_slug_is_invalid(editor_api, opened):
    code, data = post(
        editor_api, "/api/v1/processes/", {"name": "Test talks", "conflict": "X", "mediators": []}
    )
    assert (code, data["code"]) == (400, "invalid")
    assert "slug" in data["errors"]


def test_far_out_time_zone_offsets_are_compared_in_utc(anon, geneva):
    # Found by the fuzzer on PostgreSQL, which refuses such offsets in a query.
    for url, name in (
        ("/api/v1/processes/", "updated_since"),
        ("/api/v1/status-changes/", "since"),
        (f"/api/v1/processes/{GENEVA}/status/", "known_at"),
    ):
        response = anon.get(url, {name: "0248-01-20T06:29:19-17:21"})
        assert response.status_code == 200, (url, response.content[:200])
        for out_of_range in ("0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"):
            response = anon.get(url, {name: out_of_range})
            assert response.status_code == 400, (url, response.content[:200])
            # Named as the client sent it (a filter's refusal said `updated_at`, its column).
            assert list(response.json()["errors"]) == [name], response.json()
            assert response.json()["detail"] == f"{name}: Date-time out of range."


def test_a_host_this_tracker_does_not_serve_is_refused_in_the_api_s_shape(anon, settings):
    """An outside client's test got the board's HTML 400 page under /api/."""
    settings.ALLOWED_HOSTS = ["tracker.example.org"]
    response = anon.get("/api/v1/processes/", HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "invalid"
    assert response.json()["detail"].startswith("Requête incorrecte")
    page = anon.get("/about/", HTTP_HOST="evil.example")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


def test_a_body_too_large_says_the_most_taken(editor_api, active, settings):
    """It said "The request body is too large." and no limit (an attacker's outside test)."""
    before = store_snapshot()
    raw = b'{"note": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + b'"}'
    response = editor_api.generic("POST", active, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is too large (at most 2.5\xa0MB)."
    assert store_snapshot() == before
