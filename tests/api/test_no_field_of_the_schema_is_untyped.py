"""Every property of every component of the schema has a type (or names a component): a
generated client declares an untyped one `Any`. An outside client found seven so: a
process's `names` and `actor_names` (JSON columns), a webhook endpoint's `processes` and
`kinds`, and, before them, an agreement's votes and breaches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drf_spectacular.generators import SchemaGenerator

TYPED = ("type", "$ref", "allOf", "oneOf", "anyOf")


def untyped(node: dict[str, Any], path: str) -> Iterator[str]:
    for name, prop in (node.get("properties") or {}).items():
        if not any(key in prop for key in TYPED):
            yield f"{path}.{name}"
        yield from untyped(prop, f"{path}.{name}")
    for key in ("items", "additionalProperties"):
        inner = node.get(key)
        if isinstance(inner, dict):
            if key == "items" and not any(k in inner for k in TYPED):
                yield f"{path}[]"
            yield from untyped(inner, f"{path}[]")


def test_every_property_of_every_component_is_typed(db):
    components = SchemaGenerator().get_schema(request=None, public=True)["components"]
    found = [u for name, c in components["schemas"].items() for u in untyped(c, name)]

    assert found == []


def test_the_names_of_a_process_are_typed_by_language(db):
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    detail = schemas["ProcessDetail"]["properties"]

    assert detail["names"]["additionalProperties"] == {"type": "string"}
    assert detail["actor_names"]["additionalProperties"]["additionalProperties"] == {
        "type": "string"
    }
    assert schemas["EndpointOut"]["properties"]["kinds"]["items"] == {
        "$ref": "#/components/schemas/KindsEnum"
    }
