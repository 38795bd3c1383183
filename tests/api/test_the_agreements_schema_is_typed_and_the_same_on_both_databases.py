"""The `Agreement` a generated client reads is typed as the server sends it: every field
there in every answer (required), its lists typed, `end_reason` an enum, and no number
bounded by one database's integer range (an outside client's test generated a client from
PostgreSQL's schema with `maximum: 2147483647` where SQLite's had none, and read the
lists as "any"; its votes and breaches stayed untyped objects after that). Every agreement
of the Havana demo validates against it, each vote and breach with only documented keys."""

from __future__ import annotations

from typing import Any

from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30Validator


def nullable_references(node: Any) -> Any:
    """The schema as generated clients read it: drf-spectacular writes a nullable component
    (a cause's `source`) as `allOf: [$ref]` beside `nullable: true`, which a client reads as
    "the component or null", and which OpenAPI 3.0's validator, reading `nullable` only beside
    a `type`, does not: spelled here as the validator takes it."""
    if isinstance(node, list):
        return [nullable_references(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: nullable_references(v) for k, v in node.items()}
    if node.get("nullable") and "allOf" in node and "type" not in node:
        return {"anyOf": [*node.pop("allOf"), {"enum": [None]}]}
    return node


def test_the_agreement_component_is_typed_and_every_answer_matches_it(anon, geneva):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    component = schema["components"]["schemas"]["Agreement"]
    properties = component["properties"]
    assert set(component["required"]) == set(properties)
    for name in ("signatories", "third_parties", "ended_by", "votes", "breaches"):
        assert properties[name]["type"] == "array", name
        assert properties[name]["items"], name
    items = {
        name: schema["components"]["schemas"][properties[name]["items"]["$ref"].split("/")[-1]]
        for name in ("votes", "breaches")
    }
    assert "EndReasonEnum" in str(properties["end_reason"])
    # Its status is an enum too, now and on a date (it was a string named in a description).
    on_date = schema["components"]["schemas"]["AgreementOnDate"]["properties"]
    for status in (properties["status"], on_date["status"]):
        assert status["allOf"] == [{"$ref": "#/components/schemas/AgreementStatusEnum"}]
    assert "maximum" not in str(component)
    components = nullable_references(schema["components"])
    validator = OAS30Validator({**component, "components": components})
    answer = anon.get("/api/v1/agreements/", {"page_size": 100}).json()
    assert len(answer["results"]) >= 4
    for item in answer["results"]:
        errors = [(list(e.absolute_path), e.message) for e in validator.iter_errors(item)]
        assert not errors, (item["agreement"], errors)
    # Each vote and breach sent has only the keys its component names, and all it requires.
    sent = {
        name: [row for item in answer["results"] for row in item[name]]
        for name in ("votes", "breaches")
    }
    assert {vote["kind"] for vote in sent["votes"]} == {"ratification", "referendum"}
    assert sent["breaches"]
    for name, rows in sent.items():
        for row in rows:
            assert set(items[name]["required"]) <= set(row) <= set(items[name]["properties"])
