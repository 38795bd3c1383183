"""The `Agreement` a generated client reads is typed as the server sends it: every field
there in every answer (required), its lists typed, `end_reason` an enum, and no number
bounded by one database's integer range (an outside client's test generated a client from
PostgreSQL's schema with `maximum: 2147483647` where SQLite's had none, and read the
lists as "any"). Every agreement of the Havana demo validates against it."""

from __future__ import annotations

from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30Validator


def test_the_agreement_component_is_typed_and_every_answer_matches_it(anon, geneva):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    component = schema["components"]["schemas"]["Agreement"]
    properties = component["properties"]
    assert set(component["required"]) == set(properties)
    for name in ("signatories", "third_parties", "ended_by", "votes", "breaches"):
        assert properties[name]["type"] == "array", name
        assert properties[name]["items"], name
    assert "EndReasonEnum" in str(properties["end_reason"])
    assert "maximum" not in str(component)
    validator = OAS30Validator({**component, "components": schema["components"]})
    answer = anon.get("/api/v1/agreements/", {"page_size": 100}).json()
    assert len(answer["results"]) >= 4
    for item in answer["results"]:
        errors = [(list(e.absolute_path), e.message) for e in validator.iter_errors(item)]
        assert not errors, (item["agreement"], errors)
