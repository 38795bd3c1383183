"""How read-model rows are shown: an event has the shape of the body that records it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from negotiations.domain.body_fields import NOT_A_SLUG, SLUG_MAX, SLUG_PATTERN
from negotiations.domain.history import AMENDMENTS, Entry, View
from negotiations.domain.registry import code_for
from negotiations.domain.vocabulary import (
    CAUSE_CATEGORIES,
    DATE_PRECISIONS,
    THIRD_PARTY_ROLES,
    Status,
)
from negotiations.presentation.refusals import say_again
from negotiations.read import selectors, summaries
from negotiations.read.models import Process, StatusChange, TimelineEntry
from negotiations.read.selectors import is_overdue
from negotiations.read.summaries import SUMMARY_COLUMNS, columns_of, summary
from negotiations.write import actors
from negotiations.write.models import Actor
from negotiations.write.records import jsonable, record_time

from .strict import NoUnknownFields


def event_repr(row: TimelineEntry, *, raw: bool = False) -> dict[str, Any]:
    values = row.recorded if raw or row.current is None else row.current
    return _event(
        row.sequence,
        row.type,
        values,
        row.recorded_at,
        row.recorded_by,
        None if raw else (row.corrections, row.retraction),
    )


def recorded_event_repr(entry: Entry) -> dict[str, Any]:
    """An event as it was just recorded (a write's answer): as its timeline row shows it."""
    amendment = entry.type in AMENDMENTS
    return _event(
        entry.sequence,
        entry.type,
        jsonable(entry.values),
        entry.recorded_at,
        entry.recorded_by,
        None if amendment else ([], None),
    )


def corrected_event_repr(view: View) -> dict[str, Any]:
    """An event as the corrected timeline shows it (from the domain's view of it, as the
    webhooks tell an amended event)."""
    return _event(
        view.entry.sequence,
        view.entry.type,
        jsonable(view.values),
        view.entry.recorded_at,
        view.entry.recorded_by,
        (jsonable(view.corrections), jsonable(view.retraction)),
    )


def _event(
    sequence: int,
    type_: str,
    values: dict[str, Any],
    recorded_at: Any,
    recorded_by: str,
    amended: tuple[list[Any], dict[str, Any] | None] | None,
) -> dict[str, Any]:
    """An event's representation; `amended` its corrections and retraction, or None where
    they are not shown (amendments themselves, and raw histories)."""
    codes = code_for(type_, values)
    out: dict[str, Any] = {
        "sequence": sequence,
        "type": type_,
        **values,
        "recorded_at": _iso(recorded_at),
        "recorded_by": recorded_by,
        "cameo": codes.cameo,
        "plover": codes.plover,
    }
    if amended is not None and type_ not in AMENDMENTS:
        corrections, retraction = amended
        out["corrections"] = corrections
        out["retracted"] = retraction is not None
        if retraction is not None:
            out["retraction_reason"] = retraction["reason"]
    return out


def feed_repr(row: TimelineEntry) -> dict[str, Any]:
    return {
        "position": row.position,
        "process": str(row.process_id),
        "process_slug": row.process.slug,
        **event_repr(row, raw=True),
    }


def status_change_repr(row: StatusChange) -> dict[str, Any]:
    """A row of the status-change log: a status change as recorded, or an amendment that
    changed one (with the change as it now stands; `to_status` null for a retraction)."""
    out = {
        "process": str(row.process_id),
        "process_slug": row.process.slug,
        "kind": row.kind,
        "sequence": row.sequence,
        "from_status": row.from_status,
        "to_status": row.to_status,
        "occurred_on": _date(row.occurred_on),
        "date_precision": row.date_precision,
        "recorded_at": _iso(row.recorded_at),
        "position": row.position,
        "causes": row.causes,
        "expected_resumption_on": _date(row.expected_resumption_on),
        "expected_resumption_precision": (
            row.expected_resumption_precision if row.expected_resumption_on else None
        ),
    }
    if row.kind != "recorded":
        out["amends"] = row.amends
        out["reason"] = row.reason
    return out


def _iso(value) -> str:
    return record_time(value)


def _date(value) -> str | None:
    return value.isoformat() if value else None


class SourceOut(serializers.Serializer):
    """Where the tracker read about it: a cause's source (an event's are in its body)."""

    url = serializers.URLField()
    outlet = serializers.CharField()
    title = serializers.CharField(required=False)
    published_on = serializers.DateField(allow_null=True, required=False)


class CauseOut(serializers.Serializer):
    # Typed, so that a generated client reads them as such (a machine reader's finding: a
    # plain string and a free-form object).
    category = serializers.ChoiceField(choices=list(CAUSE_CATEGORIES))
    description = serializers.CharField()
    stated_by = serializers.CharField()
    stated_by_name = serializers.CharField(required=False)
    # The cause's own field named `source`, not DRF's Field.source (stubs confuse the two).
    source = SourceOut(allow_null=True, required=False)  # type: ignore[assignment]


class ThirdPartyRoleOut(serializers.Serializer):
    """A third party of a process or of an agreement in one of its roles: the actor and the
    role (a component of its own name: the event bodies' schema has a `ThirdParty`)."""

    actor = serializers.CharField(help_text="Its slug.")
    role = serializers.ChoiceField(choices=list(THIRD_PARTY_ROLES))


class PartyOut(serializers.Serializer):
    actor = serializers.CharField()
    participation = serializers.ChoiceField(choices=["active", "withdrawn"])


class RecordTimeField(serializers.DateTimeField):
    """A record time in UTC with its microseconds, whatever TIME_ZONE is."""

    def to_representation(self, value):
        return record_time(value) if value else None


_OVERDUE_AT = SUMMARY_COLUMNS.index("expected_resumption_precision") + 1


class ProcessListSerializer(serializers.ListSerializer):
    """A page of summaries reads the actor registry once, not once per process."""

    def to_representation(self, data):
        processes = list(data.all() if hasattr(data, "all") else data)
        names = summaries.actor_names(columns_of(p) for p in processes)
        self._context["actor_names"] = names  # type: ignore[index]  # a dict
        return super().to_representation(processes)


# The talks' statuses and the dates' precisions, as the schema's enums (`StatusEnum`,
# `DatePrecisionEnum`) for every answer that carries them.
STATUSES = [str(s) for s in Status]
PRECISIONS = list(DATE_PRECISIONS)


class PrecisionOfField(serializers.ChoiceField):
    """A date's precision, null beside no date (the column keeps its default then), as
    `summaries.summary` says the expected resumption's."""

    def __init__(
        self, date_field: str, precision_field: str = "", help_text: str = "null when no date."
    ) -> None:
        self.date_field = date_field
        self.precision_field = precision_field or f"{date_field}_precision"
        super().__init__(choices=PRECISIONS, allow_null=True, source="*", help_text=help_text)

    def to_representation(self, value: Any) -> Any:  # the row, by `source="*"`
        if getattr(value, self.date_field) is None:
            return None
        return super().to_representation(getattr(value, self.precision_field))


class ProcessSummarySerializer(serializers.ModelSerializer):
    """The summary's fields, for the OpenAPI schema; what it writes is `summaries.summary`,
    the one mapping the list and a command's answer use too (built from the row directly,
    without a ModelSerializer's fields for every answer)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: RecordTimeField,
    }
    overdue = serializers.SerializerMethodField()
    status_causes = serializers.SerializerMethodField()
    parties = PartyOut(many=True)
    mediators = serializers.ListField(child=serializers.CharField())
    names = serializers.DictField(
        child=serializers.CharField(),
        help_text="Its name in other languages, by language code (`ar`, `zh-hans`...).",
    )
    # The schema's enums, as the bodies' (the columns are plain text).
    status = serializers.ChoiceField(choices=STATUSES)
    status_since_precision = serializers.ChoiceField(choices=PRECISIONS)
    expected_resumption_precision = PrecisionOfField(
        "expected_resumption_on",
        "expected_resumption_precision",
        "null when no resumption is expected.",
    )
    last_event_on_precision = serializers.ChoiceField(choices=PRECISIONS)

    class Meta:
        model = Process
        list_serializer_class = ProcessListSerializer
        # The columns, with `overdue` after the expected resumption it is computed from.
        fields = [*SUMMARY_COLUMNS[:_OVERDUE_AT], "overdue", *SUMMARY_COLUMNS[_OVERDUE_AT:]]
        read_only_fields = fields

    def get_overdue(self, process: Process) -> bool:
        return is_overdue(process)

    def to_representation(self, process: Process) -> dict[str, Any]:
        row = columns_of(process)
        names = self.context.get("actor_names")
        if names is None:
            names = summaries.actor_names([row])
        return summary(row, names, selectors.today())

    @extend_schema_field(CauseOut(many=True))
    def get_status_causes(self, process: Process) -> list[dict[str, Any]]:
        names = self.context.get("actor_names")
        if names is None:
            names = summaries.actor_names([columns_of(process)])
        return summaries.named_causes(process.status_causes, names)


class ProcessDetailSerializer(ProcessSummarySerializer):
    """A summary with the description, and links to the process's timeline and status."""

    url = serializers.SerializerMethodField()
    events_url = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()
    opened_on_precision = serializers.ChoiceField(choices=PRECISIONS)
    actor_names = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="Its actors' names as given in this process, by actor slug, then language.",
    )
    third_parties = ThirdPartyRoleOut(
        many=True,
        help_text="Who joined it as a third party (a guarantor, a host, "
        "an observer...), one item per actor and role; its mediators are `mediators`.",
    )

    class Meta(ProcessSummarySerializer.Meta):
        fields = [
            *ProcessSummarySerializer.Meta.fields,
            "description",
            "third_parties",
            "actor_names",
            "opened_on",
            "opened_on_precision",
            "created_at",
            "url",
            "events_url",
            "status_url",
        ]
        read_only_fields = fields

    def to_representation(self, process: Process) -> dict[str, Any]:
        return {
            **super().to_representation(process),
            "description": process.description,
            "third_parties": process.third_parties,
            "actor_names": process.actor_names,
            "opened_on": _date(process.opened_on),
            "opened_on_precision": process.opened_on_precision,
            "created_at": record_time(process.created_at) if process.created_at else None,
            "url": self.get_url(process),
            "events_url": self.get_events_url(process),
            "status_url": self.get_status_url(process),
        }

    def _link(self, name: str, process: Process) -> str:
        return reverse(name, args=[process.slug], request=self.context.get("request"))

    @extend_schema_field(serializers.URLField())
    def get_url(self, process: Process) -> str:
        return self._link("api:process-detail", process)

    @extend_schema_field(serializers.URLField(help_text="The timeline (GET), or record (POST)."))
    def get_events_url(self, process: Process) -> str:
        return self._link("api:process-events", process)

    @extend_schema_field(serializers.URLField(help_text="Status on a date: ?as_of=, ?known_at="))
    def get_status_url(self, process: Process) -> str:
        return self._link("api:process-status", process)


class ActorSerializer(NoUnknownFields, serializers.ModelSerializer):
    # The slug an event names an actor by: lowercase letters, digits and hyphens (DRF's
    # SlugField took capitals and underscores, slugs no event could name).
    slug = serializers.RegexField(
        SLUG_PATTERN,
        max_length=SLUG_MAX,
        required=False,
        help_text="Derived from the name when omitted.",
        error_messages={"invalid": gettext_lazy(NOT_A_SLUG)},
    )

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "description"]

    def to_internal_value(self, data):
        # DRF's CharField turns a number into its text; a name sent as 2.2e+88 is a client's
        # mistake the schema calls invalid, so it is refused rather than stored as "2.2e+88".
        if isinstance(data, dict):
            wrong = {
                name: [_("Not a valid string.")]
                for name in ("slug", "name", "kind", "description")
                if data.get(name) is not None and not isinstance(data[name], str)
            }
            if wrong:
                raise serializers.ValidationError(wrong)
        return super().to_internal_value(data)

    def create(self, validated_data):
        try:
            return actors.add_actor(**validated_data)
        except actors.ActorRefused as refused:
            said = say_again(refused.message)
            raise serializers.ValidationError({refused.field: [said]}) from None
