"""The OpenAPI schema documents every answer each operation can give, errors with the shape
of their body, so that a client generated from it expects what the API answers."""

import json

import pytest
from drf_spectacular.generators import SchemaGenerator

from negotiations.domain.vocabulary import CAUSE_CATEGORIES
from tests.factories import opening

ERROR_SHAPES = {
    "400": "InvalidError",
    "401": "Error",
    "404": "Error",
    "409": "ConflictError",
    "429": "Error",
}


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", method, path, operation


def shape(response) -> str:
    return response["content"]["application/json"]["schema"]["$ref"].rpartition("/")[2]


def test_every_operation_documents_auth_failures_and_throttling(schema):
    for label, method, _path, operation in operations(schema):
        for code in ("401", "429", "500"):
            assert code in operation["responses"], (label, code)
            assert shape(operation["responses"][code]) == "Error", label
        # A write's 500 says its `detail` tells whether it was recorded (a generated client
        # found no 500 at all; a review: one after the commit says it was).
        said = operation["responses"]["500"]["description"]
        assert ("whether the write was recorded" in said) == (
            method in ("post", "put", "patch", "delete")
        )


def test_lookups_and_lists_document_404_and_queries_400(schema):
    expected = {
        "GET /api/v1/processes/": {"400", "404"},  # filters, a page past the last
        "GET /api/v1/actors/": {"400", "404"},
        "GET /api/v1/actors/{slug}/": {"404"},
        "GET /api/v1/processes/{ref}/": {"304", "404"},
        "GET /api/v1/processes/{ref}/events/": {"304", "400", "404"},
        "GET /api/v1/processes/{ref}/status/": {"400", "404"},
        "GET /api/v1/status-changes/": {"400", "404"},
        "GET /api/v1/events/": {"400"},
        "POST /api/v1/actors/": {"400", "403", "415"},
        "POST /api/v1/processes/": {"201", "400", "403", "409", "415"},
        "POST /api/v1/processes/{ref}/events/": {"201", "400", "403", "404", "409", "415"},
    }
    documented = {label: set(op["responses"]) for label, _m, _p, op in operations(schema)}
    for label, codes in expected.items():
        assert codes <= documented[label], (label, codes - documented[label])
    assert "409" not in documented["GET /api/v1/processes/{ref}/status/"]


def test_error_bodies_have_their_shape(schema):
    for label, _method, _path, operation in operations(schema):
        for code, name in ERROR_SHAPES.items():
            if code in operation["responses"]:
                assert shape(operation["responses"][code]) == name, (label, code)
    components = schema["components"]["schemas"]
    assert set(components["InvalidError"]["required"]) == {"code", "detail", "errors"}
    assert set(components["Error"]["required"]) == {"code", "detail"}
    conflict = components["ConflictError"]["properties"]
    assert {"status", "allowed", "current_version", "not_before"} <= set(conflict)


def test_reads_need_no_login_and_writes_do(schema):
    # No `security` at all (the schema has no global one) is what generated clients read as
    # "no credentials needed"; webhooks are for editors, reads included.
    assert "security" not in schema
    for label, method, path, operation in operations(schema):
        anonymous_allowed = "security" not in operation
        public = method == "get" and not path.startswith("/api/v1/webhooks/")
        assert anonymous_allowed == public, label
        if not public:
            assert {} not in operation["security"], label


def test_the_documented_errors_are_the_answers(anon, editor_api, geneva):
    # Each documented error, provoked: the body has the documented keys.
    assert anon.get("/api/v1/processes/", {"page": "x"}).json()["errors"] == {
        "page": ["A page number: 1, 2, 3 …"]
    }
    past = anon.get("/api/v1/processes/", {"page": 9})
    assert past.status_code == 404
    assert past.json()["code"] == "not_found"
    assert "Page 9 does not exist" in past.json()["detail"]
    assert anon.get("/api/v1/actors/", {"page_size": "true"}).status_code == 400
    assert anon.get("/api/v1/actors/%20nobody/").json()["code"] == "not_found"
    assert anon.get("/api/v1/processes/", {"overdue": "perhaps"}).status_code == 400
    assert anon.get("/api/v1/processes/", {"overdue": ""}).status_code == 200  # empty: unset
    raw = anon.get("/api/v1/processes/intra-syrian-talks-geneva/events/", {"raw": "-1.5"})
    assert raw.status_code == 400
    assert raw.json()["errors"] == {"raw": ["Must be true or false."]}
    unknown_format = anon.get("/api/v1/processes/", {"format": "xls"})
    assert unknown_format.status_code == 406
    assert "one of" in unknown_format.json()["detail"]


def test_every_shown_event_matches_its_documented_patterns(schema, anon, editor_api, geneva):
    """Each event the feeds show, a name given to the process included (its `actor` empty),
    matches the patterns its documented component gives each field: a client that validates
    them (a generated one may) reads every row."""
    import re

    from tests.api.recording import recorded

    before = anon.get("/api/v1/events/", {"after": 0, "limit": 1000}).json()["results"]
    name = {"language": "ar", "name": "المحادثات السورية السورية (جنيف)"}
    recorded(editor_api, "intra-syrian-talks-geneva", "name_given", None, **name)
    rows = anon.get("/api/v1/events/", {"after": before[-1]["position"]}).json()["results"]
    rows += anon.get("/api/v1/processes/intra-syrian-talks-geneva/events/").json()["results"]
    components = schema["components"]["schemas"]
    checked = []
    for row in rows:
        kind = "".join(p.capitalize() for p in row["type"].split("_"))
        component = components.get(f"{kind}FeedEvent" if "position" in row else f"{kind}Event")
        for field, spec in component["properties"].items():
            if "pattern" in spec and isinstance(row.get(field), str):
                checked.append((row["type"], field))
                assert re.search(spec["pattern"], row[field]), (row["type"], field, row[field])
    assert ("name_given", "actor") in checked


def test_an_event_type_without_codes_says_so(schema):
    described = {
        name: c.get("description", "") for name, c in schema["components"]["schemas"].items()
    }
    assert "Not coded in CAMEO or PLOVER" in described["NameGivenEvent"]
    empty = [n for n, d in described.items() if "CAMEO  (" in d or "PLOVER ." in d]
    assert empty == []


def test_every_read_documents_min_position_and_its_two_answers(schema, anon, geneva):
    """`min_position` is honoured on every read: a generated client can send it, and reads
    the 400 `position_unknown` and the 503 `projection_behind` it may bring."""
    components = schema["components"]["schemas"]
    reads = [(label, op) for label, method, _, op in operations(schema) if method == "get"]
    assert reads
    for label, operation in reads:
        assert "min_position" in {p["name"] for p in operation.get("parameters", ())}, label
        assert shape(operation["responses"]["400"]) == "InvalidError", label
        assert shape(operation["responses"]["503"]) == "ProjectionBehind", label
    codes = components[components["InvalidError"]["properties"]["code"]["$ref"].rpartition("/")[2]]
    answer = anon.get("/api/v1/processes/", {"min_position": 99999})
    assert answer.status_code == 400
    assert answer.json()["code"] in codes["enum"]
    # The schema lets an optional query parameter be sent empty (allowEmptyValue): sent
    # empty, min_position is not sent (it answered 400 "Must be a non-negative integer").
    for label, operation in reads:
        [documented] = [p for p in operation["parameters"] if p["name"] == "min_position"]
        assert documented["allowEmptyValue"] is True, label
    assert anon.get("/api/v1/processes/", {"min_position": ""}).status_code == 200
    assert anon.get(f"/api/v1/processes/{geneva.slug}/", {"min_position": ""}).status_code == 200
    conflict = components["ConflictError"]["properties"]
    assert "not_before_precision" in conflict


def test_statuses_and_precisions_are_the_enums_the_bodies_use(schema):
    components = schema["components"]["schemas"]
    summary = components["ProcessSummary"]["properties"]
    assert summary["status"] == {"$ref": "#/components/schemas/StatusEnum"}
    assert summary["status_since_precision"] == {"$ref": "#/components/schemas/DatePrecisionEnum"}
    # null when no resumption is expected
    assert summary["expected_resumption_precision"]["oneOf"] == [
        {"$ref": "#/components/schemas/DatePrecisionEnum"},
        {"$ref": "#/components/schemas/NullEnum"},
    ]
    on_date = components["StatusOnDate"]["properties"]["status"]
    assert {"$ref": "#/components/schemas/StatusEnum"} in on_date["oneOf"]


def test_talks_scheduled_may_be_sent_and_shown_without_a_date(schema):
    components = schema["components"]["schemas"]
    body = components["TalksScheduledBodyRequest"]
    scheduled_for = body["properties"]["scheduled_for"]
    assert "scheduled_for" not in body.get("required", [])
    assert scheduled_for["nullable"] is True
    assert "postponed" in scheduled_for["description"]
    assert "no new date" in scheduled_for["description"]
    assert "With no date" in body["properties"]["scheduled_for_precision"]["description"]
    shown = components["TalksScheduledEvent"]["properties"]["scheduled_for"]
    assert shown["nullable"] is True
    assert "postponed" in shown["description"]


def test_every_write_that_records_documents_its_idempotency_key(schema, editor_api, actors):
    """With the lengths the server takes: a generated client sent an empty key, which the
    schema allowed and the server refused."""
    for path in ("/api/v1/processes/", "/api/v1/processes/{ref}/events/"):
        [key] = [
            p for p in schema["paths"][path]["post"]["parameters"] if p["name"] == "Idempotency-Key"
        ]
        assert key["in"] == "header"
        assert key["schema"] == {"type": "string", "minLength": 1, "maxLength": 200}
    for bad in ("", "k" * 201):
        response = editor_api.post(
            "/api/v1/processes/", opening(), format="json", HTTP_IDEMPOTENCY_KEY=bad
        )
        assert response.status_code == 400, bad
    good = editor_api.post(
        "/api/v1/processes/", opening(), format="json", HTTP_IDEMPOTENCY_KEY="k" * 200
    )
    assert good.status_code == 201


def test_an_agreement_s_precisions_are_the_enum_and_null_beside_no_date(schema, anon, geneva):
    """They were plain strings in the schema, and "day" beside `in_force_on: null`, where the
    README has null beside no date."""
    properties = schema["components"]["schemas"]["Agreement"]["properties"]
    for name in ("signed_on_precision", "in_force_on_precision", "closed_on_precision"):
        assert "DatePrecisionEnum" in json.dumps(properties[name]), (name, properties[name])
        assert properties[name].get("nullable") is True, name
    rows = anon.get("/api/v1/agreements/", {"page_size": 100}).json()["results"]
    assert rows
    for row in rows:
        for day in ("signed_on", "in_force_on", "closed_on"):
            precision = row[f"{day}_precision"]
            assert (precision is None) == (row[day] is None), (row["agreement"], day, precision)
            assert precision in (None, "day", "month")
    assert any(row["closed_on"] is None for row in rows)
    # And the status on a date tells its agreements alike.
    status = anon.get(f"/api/v1/processes/{geneva.slug}/status/", {"as_of": "2016-02-28"})
    told = status.json()["agreements"]
    assert told
    for row in told:
        for day in ("signed_on", "in_force_on", "closed_on"):
            assert (row[f"{day}_precision"] is None) == (row[day] is None), (row, day)


def test_the_status_on_a_date_tells_typed_agreements(schema, anon, geneva):
    """Its agreements were untyped objects in the schema: a generated client handed back raw
    dicts. Each is an AgreementOnDate now, every key of the answer documented and required."""
    components = schema["components"]["schemas"]
    status = components["StatusOnDate"]["properties"]
    for name in ("agreements", "agreements_in_force"):
        assert status[name]["items"] == {"$ref": "#/components/schemas/AgreementOnDate"}, name
    shape = components["AgreementOnDate"]
    assert shape["properties"]["votes"]["items"] == {"$ref": "#/components/schemas/AgreementVote"}
    answer = anon.get(f"/api/v1/processes/{geneva.slug}/status/", {"as_of": "2016-02-28"}).json()
    assert answer["agreements_in_force"]
    for item in answer["agreements"]:
        assert set(item) == set(shape["properties"]) == set(shape["required"]), item


def test_the_status_on_a_date_tells_typed_causes_with_names(schema, anon, geneva):
    """Its causes were untyped objects in the schema. Each is a CauseOut now, with the
    stating actor's name beside the slug, as the process's own status causes are."""
    components = schema["components"]["schemas"]
    causes = components["StatusOnDate"]["properties"]["causes"]
    assert causes["items"] == {"$ref": "#/components/schemas/CauseOut"}
    shape = components["CauseOut"]
    # Its category an enum and its source an object of known fields, not a free string and
    # a free-form object (a generated client's Any).
    assert shape["properties"]["category"] == {"$ref": "#/components/schemas/CategoryEnum"}
    assert components["CategoryEnum"]["enum"] == list(CAUSE_CATEGORIES)
    assert shape["properties"]["source"]["allOf"] == [{"$ref": "#/components/schemas/SourceOut"}]
    assert set(components["SourceOut"]["properties"]) == {"url", "outlet", "title", "published_on"}
    answer = anon.get(f"/api/v1/processes/{geneva.slug}/status/", {"as_of": "2016-02-10"}).json()
    assert answer["status"] == "paused"
    assert answer["causes"]
    for cause in answer["causes"]:
        assert set(shape["required"]) <= set(cause) <= set(shape["properties"]), cause
        assert cause["stated_by_name"], cause
        assert cause["stated_by_name"] != cause["stated_by"], cause


def test_a_correction_s_changes_take_at_least_one_field(schema):
    """`"changes": {}` is refused (nothing to correct): the schema says so, as a fuzzer
    found it did not."""
    components = schema["components"]["schemas"]
    body = components["EventCorrectedBodyRequest"]
    assert body["properties"]["changes"]["minProperties"] == 1, body


def test_an_opening_s_precision_is_the_precisions_enum(schema):
    """`opened_on_precision` was a plain string where every other precision is the enum."""
    detail = schema["components"]["schemas"]["ProcessDetail"]["properties"]
    assert detail["opened_on_precision"] == {"$ref": "#/components/schemas/DatePrecisionEnum"}
