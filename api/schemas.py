"""OpenAPI documentation of event bodies, generated from the domain's specs.

These serializers document; the domain's `parse_body` validates. Both read the same
`SPECS`, so the documented body and the accepted body cannot drift apart.
"""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from negotiations.domain import specs
from negotiations.domain.codes import code_for
from negotiations.domain.vocabulary import CAUSE_CATEGORIES, DATE_PRECISIONS


class SourceSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=specs.URL_MAX)
    outlet = serializers.CharField(max_length=specs.SHORT_TEXT_MAX)
    title = serializers.CharField(max_length=specs.TEXT_MAX, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)


class StatedCauseSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=list(CAUSE_CATEGORIES))
    description = serializers.CharField(max_length=specs.TEXT_MAX)
    stated_by = serializers.SlugField(help_text="Actor slug.")
    source = SourceSerializer(required=False, allow_null=True)


class CorrectionSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    changes = serializers.DictField()
    reason = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    recorded_by = serializers.CharField()


def _field(spec: specs.FieldSpec, *, output: bool) -> serializers.Field:
    required = spec.required and not output
    common = {"required": required, "help_text": spec.help or None}
    match spec.kind:
        case "text":
            return serializers.CharField(
                max_length=spec.max_length, allow_blank=not spec.required, **common
            )
        case "slug" | "actor":
            return serializers.SlugField(max_length=specs.SLUG_MAX, **common)
        case "date":
            return serializers.DateField(allow_null=not spec.required, **common)
        case "choice":
            return serializers.ChoiceField(
                choices=list(spec.choices), allow_blank=not spec.required, **common
            )
        case "actors":
            return serializers.ListField(
                child=serializers.SlugField(), max_length=specs.LIST_MAX, **common
            )
        case "sequence":
            return serializers.IntegerField(min_value=1, **common)
        case "changes":
            return serializers.DictField(**common)
    raise AssertionError(spec.kind)


def _type_field(event_type: str) -> serializers.Field:
    """`type`, documented as the one value it takes (an inline enum, so each event's schema
    matches its own events only)."""

    @extend_schema_field({"type": "string", "enum": [event_type]})
    class EventTypeField(serializers.CharField):
        pass

    return EventTypeField()


def _camel(event_type: str) -> str:
    return "".join(part.capitalize() for part in event_type.split("_"))


def event_serializer(event_type: str, *, output: bool) -> type[serializers.Serializer]:
    """The documented body (or, with `output`, the shown event) of one event type."""
    spec = specs.SPECS[event_type]
    attrs: dict[str, serializers.Field] = {
        "type": _type_field(event_type),
        "occurred_on": serializers.DateField(
            required=spec.occurred_on_required and not output,
            allow_null=not spec.occurred_on_required,
            help_text="World date (YYYY-MM-DD), not after tomorrow (UTC); with month precision "
            "the day is 01.",
        ),
        "date_precision": serializers.ChoiceField(choices=list(DATE_PRECISIONS), required=False),
        "sources": SourceSerializer(many=True, required=spec.changes_status and not output),
        "note": serializers.CharField(max_length=specs.NOTE_MAX, required=False, allow_blank=True),
    }
    if spec.causes != "none":
        attrs["causes"] = StatedCauseSerializer(
            many=True, required=spec.causes == "required" and not output
        )
    for fspec in spec.fields:
        attrs[fspec.name] = _field(fspec, output=output)
    if output:
        attrs.update(
            sequence=serializers.IntegerField(),
            recorded_at=serializers.DateTimeField(),
            recorded_by=serializers.CharField(),
            corrections=CorrectionSerializer(many=True, required=False),
            retracted=serializers.BooleanField(required=False),
            retraction_reason=serializers.CharField(required=False),
            cameo=serializers.CharField(required=False),
            plover=serializers.CharField(required=False),
        )
    else:
        attrs["expected_version"] = serializers.IntegerField(
            required=False,
            min_value=1,
            help_text="Refuse with 409 version_conflict unless the process is at this version.",
        )
    codes = code_for(event_type)
    doc = f"{spec.summary} CAMEO {codes.cameo} ({codes.cameo_label}); PLOVER {codes.plover}."
    name = _camel(event_type) + ("Event" if output else "Body")
    return type(name, (serializers.Serializer,), {**attrs, "__doc__": doc})


RECORDABLE = [t for t in specs.SPECS if t != "process_opened"]

EVENT_BODY = PolymorphicProxySerializer(
    component_name="EventBody",
    serializers={t: event_serializer(t, output=False) for t in RECORDABLE},
    resource_type_field_name="type",
)
SHOWN_SERIALIZERS = {t: event_serializer(t, output=True) for t in specs.SPECS}
EVENT_SHOWN = PolymorphicProxySerializer(
    component_name="Event", serializers=SHOWN_SERIALIZERS, resource_type_field_name="type"
)


class EventPage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PolymorphicProxySerializer(
        component_name="Event",
        serializers=SHOWN_SERIALIZERS,
        resource_type_field_name="type",
        many=True,
    )


class BrowsableEventForm(serializers.Serializer):
    """The browsable API's starting form for recording an event (the schema documents the
    full body of each type)."""

    type = serializers.ChoiceField(choices=RECORDABLE)
    occurred_on = serializers.DateField()
    sources = SourceSerializer(many=True)
    note = serializers.CharField(required=False, allow_blank=True)
