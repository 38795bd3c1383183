"""OpenAPI documentation of event bodies, derived from the domain's pydantic models.

The models in `negotiations.domain.bodies` validate every body (`parse_body`); the schema
here is pydantic's own JSON schema of the same models (drf-spectacular's pydantic support),
so the documented body and the accepted body cannot drift apart.
"""

from __future__ import annotations

import copy
import functools
import re
import uuid
from datetime import datetime
from typing import Any, Literal

from drf_spectacular.contrib.pydantic import PydanticExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import PolymorphicProxySerializer
from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, model_json_schema
from rest_framework import serializers

from negotiations.domain.bodies import Source
from negotiations.domain.body_fields import optional
from negotiations.domain.codes import CodedBy, EventCodes
from negotiations.domain.registry import BODIES, KINDS, OPENING
from negotiations.domain.specs import SPECS

from .representations import PRECISIONS, STATUSES, CauseOut


def nullable_ref(ref: dict[str, Any]) -> dict[str, Any]:
    """A component or null, in OpenAPI 3.0 (where `allOf` + `nullable` still refuses null:
    the component itself does)."""
    return {"oneOf": [ref, {"type": "object", "nullable": True, "enum": [None]}]}


class OpenApi30Schema(GenerateJsonSchema):
    """pydantic writes JSON Schema 2020-12; the API's document is OpenAPI 3.0, which says
    "nullable" instead of a null type and has no `const`."""

    def nullable_schema(self, schema: Any) -> Any:
        inner = self.generate_inner(schema["schema"])
        if "$ref" in inner:
            return nullable_ref(inner)
        return {**inner, "nullable": True}

    def literal_schema(self, schema: Any) -> Any:
        result = super().literal_schema(schema)
        if "const" in result:
            result["enum"] = [result.pop("const")]
        return result

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def default_schema(self, schema: Any) -> Any:
        """An optional field defaulting to None takes `null` (the body validators read None
        and "" as not sent, `domain.body_fields`): it is nullable, and its default, which
        OpenAPI 3.0 would hold against the type, is left out. A default its own schema
        refuses ("" for a slug) is left out too: leaving the field out means the same."""
        result = super().default_schema(schema)
        if "default" not in result:
            return result
        default = result["default"]
        if default is None:
            result = {k: v for k, v in result.items() if k != "default"}
            if "$ref" in result:
                return nullable_ref(result)
            if "allOf" in result and "nullable" in result:
                return result
            return {**result, "nullable": True}
        return result

    def generate(self, schema: Any, mode: Any = "validation") -> Any:
        """A default its own schema refuses ("" for an optional slug, which the body reads as
        not sent) is left out: leaving the field out means the same."""
        result = super().generate(schema, mode)
        _drop_refused_defaults(result)
        return result


def _drop_refused_defaults(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _drop_refused_defaults(item)
    elif isinstance(node, dict):
        pattern = node.get("pattern")
        refused = (pattern and not re.search(pattern, "")) or node.get("minLength", 0) > 0
        if node.get("default") == "" and refused:
            del node["default"]
        for value in node.values():
            _drop_refused_defaults(value)


class BodyModelExtension(PydanticExtension):
    """drf-spectacular's pydantic support, writing OpenAPI 3.0 (its own writes 3.1)."""

    priority = 1

    def map_serializer(self, auto_schema, direction):
        mode = "validation" if direction == "request" else "serialization"
        # A copy: drf-spectacular's hooks change the components they are given.
        schema = copy.deepcopy(_json_schema(self.target, mode))
        for name, sub_schema in schema.pop("$defs", {}).items():
            component = ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, object=name, schema=sub_schema
            )
            auto_schema.registry.register_on_missing(component)
        return schema


@functools.cache
def _json_schema(model: type[BaseModel], mode: JsonSchemaMode) -> dict[str, Any]:
    """pydantic's schema of one of the models below, made once a process: the models are
    built at import and never change, and each schema document asked for (one a request of
    `/api/v1/schema/`) made the same 69 of them again, 0.6 s of CPU a document."""
    return model_json_schema(
        model,
        ref_template="#/components/schemas/{model}",
        schema_generator=OpenApi30Schema,
        mode=mode,
    )


def _camel(event_type: str) -> str:
    return "".join(part.capitalize() for part in event_type.split("_"))


def _doc(event_type: str) -> str:
    return f"{SPECS[event_type].summary} {_coded(KINDS[event_type].codes)}"


def _coded(codes: EventCodes | CodedBy) -> str:
    """The codes in words: one pair, or each value of the field they depend on (in turn)."""
    if isinstance(codes, EventCodes):
        if not codes.cameo:  # an amendment, a name, or an event CAMEO has no code for
            return f"Not coded in CAMEO or PLOVER ({codes.cameo_label})."
        return f"CAMEO {codes.cameo} ({codes.cameo_label}); PLOVER {codes.plover}."
    by_value = " ".join(f"`{value}`: {_coded(inner)}" for value, inner in codes.variants.items())
    return f"Coded by `{codes.field}`: {by_value}"


def body_model(event_type: str) -> type[BaseModel]:
    """The documented request body of one event type: its model, with `type` (and, for an
    event on a process, `expected_version`)."""
    extra: dict[str, Any] = {"type": (Literal[event_type], ...)}
    if event_type == OPENING:
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
    """What every shown event carries besides its body. These models only document (the
    schema's generation builds them, `defer_build`): no answer is validated by them."""

    model_config = ConfigDict(extra="allow", defer_build=True)
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


RECORDABLE = [t for t in SPECS if t != OPENING]
STATUS_CHANGE_KINDS = ["recorded", "corrected", "retracted"]
OPEN_BODY = body_model(OPENING)

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


# -- the feeds -----------------------------------------------------------------------------


def feed_model(event_type: str) -> type[BaseModel]:
    """A row of the global event feed: the event as recorded, with where it is."""
    return create_model(
        _camel(event_type) + "FeedEvent",
        __base__=SHOWN_MODELS[event_type],
        __doc__=_doc(event_type),
        position=(int, Field(..., ge=1, description="The event store position.")),
        process=(uuid.UUID, ...),
        process_slug=(str, ...),
    )


FEED_MODELS = {t: feed_model(t) for t in SPECS}


def by_type(component_name: str, models: dict, **kwargs: Any) -> PolymorphicProxySerializer:
    """One schema per event type, told apart by `type` (OpenAPI's oneOf with a discriminator)."""
    return PolymorphicProxySerializer(
        component_name=component_name,
        serializers=models,
        resource_type_field_name="type",
        **kwargs,
    )


def feed_event(*, many: bool = False) -> PolymorphicProxySerializer:
    return by_type("FeedEvent", FEED_MODELS, many=many)


class EventFeed(serializers.Serializer):
    """A batch of the global event feed, in store order; ask for the next one with
    `after=next_after`."""

    results = feed_event(many=True)
    next_after = serializers.IntegerField(
        help_text="The position of the last row (or `after` when there is none)."
    )


class StatusChangeRow(serializers.Serializer):
    """A row of the status-change log (`kind` recorded, corrected or retracted)."""

    process = serializers.UUIDField()
    process_slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=STATUS_CHANGE_KINDS)
    sequence = serializers.IntegerField(
        help_text="The status change's sequence; for an amendment, its own."
    )
    from_status = serializers.ChoiceField(choices=STATUSES, allow_null=True)
    to_status = serializers.ChoiceField(
        choices=STATUSES, allow_null=True, help_text="null: the amended change is retracted."
    )
    occurred_on = serializers.DateField(allow_null=True)
    date_precision = serializers.ChoiceField(choices=PRECISIONS, allow_null=True)
    recorded_at = serializers.DateTimeField()
    position = serializers.IntegerField(
        help_text="The store position of the event that made this row: `after` polls from it."
    )
    causes = CauseOut(many=True)
    expected_resumption_on = serializers.DateField(allow_null=True)
    expected_resumption_precision = serializers.ChoiceField(
        choices=PRECISIONS, allow_null=True, help_text="null when no resumption is expected."
    )
    amends = serializers.IntegerField(
        required=False, help_text="corrected, retracted: the sequence of the amended change."
    )
    reason = serializers.CharField(required=False, help_text="corrected, retracted: why.")


# -- what a webhook receiver gets -----------------------------------------------------------


WEBHOOK_TYPES = [
    "status.changed",
    "event.recorded",
    "event.corrected",
    "event.retracted",
    "agreement.signed",
    "agreement.status_changed",
]


def _shown_event(help_text: str, **kwargs: Any) -> PolymorphicProxySerializer:
    return by_type("Event", SHOWN_MODELS, help_text=help_text, **kwargs)


class WebhookProcess(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    name = serializers.CharField()


class WebhookAgreement(serializers.Serializer):
    slug = serializers.SlugField(help_text="The agreement's slug within the process.")
    title = serializers.CharField()
    concluded = serializers.ChoiceField(
        choices=["signed", "agreed"],
        help_text="'agreed': the parties agreed to it and no signing was reported; its "
        "`agreement.signed` says it was concluded, not that it was signed.",
    )
    status_before = serializers.ChoiceField(
        choices=["signed", "in_force", "rejected", "ended"],
        allow_null=True,
        help_text="null: the event signed it.",
    )
    status_after = serializers.ChoiceField(choices=["signed", "in_force", "rejected", "ended"])


class WebhookData(serializers.Serializer):
    version = serializers.IntegerField(help_text="The payload's shape: 2 (this one).")
    position = serializers.IntegerField(help_text="The event store position.")
    process = WebhookProcess()
    event = _shown_event(
        "The event as recorded (as the global feed shows it, without its position and "
        "process, which are above)."
    )
    status_before = serializers.ChoiceField(
        choices=STATUSES, allow_null=True, help_text="The process's status before the event."
    )
    status_after = serializers.ChoiceField(
        choices=STATUSES, allow_null=True, help_text="The process's status after it."
    )
    amended = serializers.DictField(
        required=False,
        help_text="event.corrected, event.retracted: the amended event as it now stands (as "
        "the corrected timeline shows it).",
    )
    agreement = WebhookAgreement(
        required=False,
        help_text="An agreement's event: the agreement and its lifecycle status before and "
        "after it (agreement.signed, agreement.status_changed; docs/agreements.md).",
    )
    actors = serializers.DictField(
        child=serializers.CharField(), help_text="The name of each actor slug the event names."
    )
    redelivery = serializers.BooleanField(
        help_text="true when an editor asked for it again (it then has a new webhook-id)."
    )


class WebhookPayload(serializers.Serializer):
    """The JSON body POSTed to a webhook endpoint for each event it asked for: the Standard
    Webhooks envelope."""

    type = serializers.ChoiceField(choices=WEBHOOK_TYPES)
    timestamp = serializers.DateTimeField(help_text="When the event was recorded (UTC).")
    data = WebhookData()  # type: ignore[assignment]  # a field named as the envelope names it
