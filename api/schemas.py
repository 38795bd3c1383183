"""OpenAPI documentation of event bodies, derived from the domain's pydantic models.

The models in `negotiations.domain.bodies` validate every body (`parse_body`); the schema
here is pydantic's own JSON schema of the same models (drf-spectacular's pydantic support),
so the documented body and the accepted body cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from drf_spectacular.contrib.pydantic import PydanticExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import PolymorphicProxySerializer
from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.json_schema import GenerateJsonSchema, model_json_schema
from rest_framework import serializers

from negotiations.domain.bodies import BODIES, Source
from negotiations.domain.body_fields import optional
from negotiations.domain.codes import code_for
from negotiations.domain.specs import SPECS


class OpenApi30Schema(GenerateJsonSchema):
    """pydantic writes JSON Schema 2020-12; the API's document is OpenAPI 3.0, which says
    "nullable" instead of a null type and has no `const`."""

    def nullable_schema(self, schema: Any) -> Any:
        inner = self.generate_inner(schema["schema"])
        if "$ref" in inner:
            return {"allOf": [inner], "nullable": True}
        return {**inner, "nullable": True}

    def literal_schema(self, schema: Any) -> Any:
        result = super().literal_schema(schema)
        if "const" in result:
            result["enum"] = [result.pop("const")]
        return result

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


class BodyModelExtension(PydanticExtension):
    """drf-spectacular's pydantic support, writing OpenAPI 3.0 (its own writes 3.1)."""

    priority = 1

    def map_serializer(self, auto_schema, direction):
        schema = model_json_schema(
            self.target,
            ref_template="#/components/schemas/{model}",
            schema_generator=OpenApi30Schema,
            mode="validation" if direction == "request" else "serialization",
        )
        for name, sub_schema in schema.pop("$defs", {}).items():
            component = ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, object=name, schema=sub_schema
            )
            auto_schema.registry.register_on_missing(component)
        return schema


def _camel(event_type: str) -> str:
    return "".join(part.capitalize() for part in event_type.split("_"))


def _doc(event_type: str) -> str:
    codes = code_for(event_type)
    return (
        f"{SPECS[event_type].summary} CAMEO {codes.cameo} ({codes.cameo_label}); "
        f"PLOVER {codes.plover}."
    )


def body_model(event_type: str) -> type[BaseModel]:
    """The documented request body of one event type: its model, with `type` (and, for an
    event on a process, `expected_version`)."""
    extra: dict[str, Any] = {"type": (Literal[event_type], ...)}
    if event_type == "process_opened":
        extra["type"] = (Literal[event_type], None)
    else:
        extra["expected_version"] = (
            int | None,
            Field(
                None,
                ge=1,
                description="Refuse with 409 version_conflict unless the process is at "
                "this version.",
            ),
        )
    return create_model(
        _camel(event_type) + "Body", __base__=BODIES[event_type], __doc__=_doc(event_type), **extra
    )


class Correction(BaseModel):
    sequence: int
    changes: dict[str, Any]
    reason: str
    recorded_at: datetime
    recorded_by: str


class _Shown(BaseModel):
    """What every shown event carries besides its body."""

    model_config = ConfigDict(extra="allow")
    sequence: int
    recorded_at: datetime
    recorded_by: str
    corrections: list[Correction] = []
    retracted: bool = False
    retraction_reason: str = ""
    cameo: str = ""
    plover: str = ""


def shown_model(event_type: str) -> type[BaseModel]:
    """A shown event: the body's fields (none required: an amendment may have emptied them,
    an older rule may have let them out) and what recording added."""
    fields: dict[str, Any] = {
        name: optional(info, None if info.is_required() else info.get_default())
        for name, info in BODIES[event_type].model_fields.items()
    }
    return create_model(
        _camel(event_type) + "Event",
        __base__=_Shown,
        __doc__=_doc(event_type),
        type=(Literal[event_type], ...),  # type: ignore[arg-type]  # a Literal built at run time
        **fields,
    )


RECORDABLE = [t for t in SPECS if t != "process_opened"]
OPEN_BODY = body_model("process_opened")

# drf-spectacular's pydantic extension documents models where its stubs expect serializers.
EVENT_BODY = PolymorphicProxySerializer(
    component_name="EventBody",
    serializers={t: body_model(t) for t in RECORDABLE},  # type: ignore[misc]
    resource_type_field_name="type",
)
SHOWN_MODELS = {t: shown_model(t) for t in SPECS}
EVENT_SHOWN = PolymorphicProxySerializer(
    component_name="Event",
    serializers=SHOWN_MODELS,  # type: ignore[arg-type]
    resource_type_field_name="type",
)


class EventPage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PolymorphicProxySerializer(
        component_name="Event",
        serializers=SHOWN_MODELS,  # type: ignore[arg-type]
        resource_type_field_name="type",
        many=True,
    )


class BrowsableEventForm(serializers.Serializer):
    """The browsable API's starting form for recording an event (the schema documents the
    full body of each type)."""

    type = serializers.ChoiceField(choices=RECORDABLE)
    occurred_on = serializers.DateField()
    sources = serializers.ListField(child=serializers.DictField(), help_text=Source.__doc__)
    note = serializers.CharField(required=False, allow_blank=True)
