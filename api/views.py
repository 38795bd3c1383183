"""Thin views: validate the request, call the application or a selector, map refusals."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.urls import reverse
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from negotiations import selectors
from negotiations.application import Recorded
from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import parse_date
from negotiations.domain.vocabulary import CAUSE_CATEGORIES
from negotiations.models import Actor, Process, TimelineEntry
from negotiations.projections import summary_row, timeline_row
from negotiations.records import record_time
from negotiations.runtime import get_application

from . import schemas
from .filters import ActorFilter, ProcessFilter
from .openapi import NOT_MODIFIED, error_responses
from .renderers import SpreadsheetCSVRenderer
from .representations import (
    SUMMARY_COLUMNS,
    ActorSerializer,
    ProcessDetailSerializer,
    ProcessSummarySerializer,
    event_repr,
    feed_repr,
    status_change_repr,
)

IDEMPOTENCY_KEY_MAX = 200
WITH_CSV = [JSONRenderer, BrowsableAPIRenderer, SpreadsheetCSVRenderer]
FEED_LIMIT_MAX = 1000
ERRORS = error_responses(409)  # every other error answer is added by api.openapi


# -- request helpers ------------------------------------------------------------------------


def json_body(request) -> dict[str, Any]:
    data = request.data  # a too large body is a 400 (see api.errors)
    if hasattr(data, "dict"):  # a form post from the browsable API
        data = data.dict()
    if not isinstance(data, dict):
        raise ParseError("The body must be a JSON object.")
    return dict(data)


def idempotency_key(request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is not None and not (0 < len(key) <= IDEMPOTENCY_KEY_MAX):
        raise ValidationError({"Idempotency-Key": [f"1 to {IDEMPOTENCY_KEY_MAX} characters."]})
    return key


def etag(version: int) -> str:
    return f'"{version}"'


def if_none_match(request, version: int) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in tags or etag(version) in tags


def expected_version_of(request, body: dict[str, Any]) -> int | None:
    expected = body.pop("expected_version", None)
    if expected is not None and (
        isinstance(expected, bool) or not isinstance(expected, int) or expected < 1
    ):
        raise ValidationError({"expected_version": ["Must be a positive integer."]})
    header = request.headers.get("If-Match")
    if header:
        try:
            from_header = int(header.strip().removeprefix("W/").strip('"'))
        except ValueError:
            raise ValidationError({"If-Match": ['Must be the process version, e.g. "5".']})
        if expected is not None and expected != from_header:
            raise ValidationError({"If-Match": ["Disagrees with expected_version."]})
        expected = from_header
    return expected


def query_datetime(request, name: str):
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))
    except ValueError:
        value = None
    if value is None:
        raise ValidationError({name: ["Enter an ISO 8601 date-time, e.g. 2016-02-05T12:00:00Z."]})
    try:  # in UTC: PostgreSQL refuses far-out offsets that ISO 8601 allows
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    except OverflowError:
        raise ValidationError({name: ["Date-time out of range."]})


def query_int(request, name: str, default: int, *, minimum: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: ["Must be an integer."]})
    if value < minimum:
        raise ValidationError({name: [f"Must be at least {minimum}."]})
    return value


def query_bool(request, name: str) -> bool:
    raw = request.query_params.get(name, "").lower()
    if raw not in ("", "1", "0", "true", "false", "yes", "no"):
        raise ValidationError({name: ["Must be true or false."]})
    return raw in ("1", "true", "yes")


def recorded_response(result: Recorded) -> Response:
    """The 201 of a write, built from what the command recorded (never read back)."""
    process = summary_row(result.process)
    response = Response(
        {
            "event": event_repr(timeline_row(process, result.entry, result.position)),
            "process": ProcessSummarySerializer(process).data,
            "position": result.position,
        },
        status=status.HTTP_201_CREATED,
    )
    response["ETag"] = etag(result.sequence)
    if result.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


# -- processes -----------------------------------------------------------------------------

OPEN_BODY = schemas.event_serializer("process_opened", output=False)
# Spreadsheet columns in the order a reader looks for them (api.renderers).
PROCESS_CSV_COLUMNS = [
    "slug",
    "name",
    "conflict",
    "status",
    "status_since",
    "expected_resumption_on",
    "overdue",
    "status_causes",
    "mediators",
    "parties",
    "last_event_on",
    "version",
    "updated_at",
    "id",
]
EVENT_CSV_TRAILING = [
    "causes",
    "sources",
    "note",
    "corrections",
    "retracted",
    "retraction_reason",
    "recorded_at",
    "recorded_by",
    "cameo",
    "plover",
]


class ProcessListView(generics.ListAPIView):
    """Peace processes with their current status."""

    queryset = Process.objects.only(*SUMMARY_COLUMNS)
    serializer_class = ProcessSummarySerializer
    filterset_class = ProcessFilter
    renderer_classes = WITH_CSV

    def get_renderer_context(self):
        return {**super().get_renderer_context(), "csv_columns": PROCESS_CSV_COLUMNS}

    @extend_schema(request=OPEN_BODY, responses={201: ProcessDetailSerializer, **ERRORS})
    def post(self, request):
        """Open a process (`process_opened`)."""
        body = json_body(request)
        body.pop("type", None)
        result = get_application().open_process(
            body, recorded_by=request.user.get_username(), idempotency_key=idempotency_key(request)
        )
        process = summary_row(result.process)
        response = Response(
            ProcessDetailSerializer(process, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
        response["Location"] = reverse("api:process-detail", args=[process.slug])
        response["ETag"] = etag(process.version)
        response["X-Position"] = str(result.position)
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag of a version held (e.g. "13"): 304 while the process is at it.',
)


class ProcessMixin:
    def get_process(self) -> Process:
        return selectors.process_by_ref(self.kwargs["ref"])


class ProcessDetailView(ProcessMixin, APIView):
    @extend_schema(
        parameters=[IF_NONE_MATCH], responses={200: ProcessDetailSerializer, 304: NOT_MODIFIED}
    )
    def get(self, request, ref):
        """A process by UUID or slug, with the causes of its current status."""
        process = self.get_process()
        if if_none_match(request, process.version):
            return Response(
                status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag(process.version)}
            )
        return Response(
            ProcessDetailSerializer(process, context={"request": request}).data,
            headers={"ETag": etag(process.version)},
        )


RAW = OpenApiParameter("raw", bool, description="The history as recorded, amendments included.")


class ProcessEventsView(ProcessMixin, generics.GenericAPIView):
    paginated = True  # pages by hand: api.openapi documents its page parameters
    filter_backends: list = []
    serializer_class = schemas.BrowsableEventForm
    queryset = TimelineEntry.objects.none()  # the browsable API's filter form asks for one
    renderer_classes = WITH_CSV

    def get_renderer_context(self):
        return {
            **super().get_renderer_context(),
            "csv_columns": ["sequence", "type", "occurred_on", "date_precision"],
            "csv_trailing": EVENT_CSV_TRAILING,
        }

    @extend_schema(
        parameters=[RAW, IF_NONE_MATCH], responses={200: schemas.EventPage, 304: NOT_MODIFIED}
    )
    def get(self, request, ref):
        """The timeline in sequence order (corrected view unless `raw=true`)."""
        process = self.get_process()
        raw = query_bool(request, "raw")  # a bad request is refused before any 304
        if if_none_match(request, process.version):
            return Response(
                status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag(process.version)}
            )
        page = self.paginate_queryset(selectors.timeline(process, raw=raw))
        response = self.get_paginated_response([event_repr(row, raw=raw) for row in page])
        response["ETag"] = etag(process.version)
        return response

    @extend_schema(
        request=schemas.EVENT_BODY,
        parameters=[
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER),
            OpenApiParameter("If-Match", str, OpenApiParameter.HEADER),
        ],
        responses={
            201: inline_serializer(
                "RecordedEvent",
                {
                    "event": schemas.EVENT_SHOWN,
                    "process": ProcessSummarySerializer(),
                    "position": serializers.IntegerField(),
                },
            ),
            **ERRORS,
        },
    )
    def post(self, request, ref):
        """Record an event on a process."""
        # The write path reads no read model: the id comes from the reference itself (in
        # the async mode a process just opened may not be projected yet).
        process_id = selectors.process_id_from_ref(ref)
        body = json_body(request)
        event_type = body.pop("type", None)
        if not isinstance(event_type, str) or event_type not in schemas.RECORDABLE:
            one_of = ", ".join(schemas.RECORDABLE)
            why = "Required" if event_type in (None, "") else f"Unknown event type {event_type!r}"
            raise InvalidEvent({"type": [f"{why}: one of {one_of}."]})
        expected = expected_version_of(request, body)
        result = get_application().record_event(
            process_id,
            event_type=event_type,
            body=body,
            recorded_by=request.user.get_username(),
            expected_version=expected,
            idempotency_key=idempotency_key(request),
        )
        return recorded_response(result)


class ProcessStatusView(ProcessMixin, APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                description="World date (default: the UTC date of known_at, else today).",
            ),
            OpenApiParameter(
                "known_at",
                OpenApiTypes.DATETIME,
                description="What the tracker said at this record time (default now); an "
                "event recorded at exactly this time counts.",
            ),
        ],
        responses={
            200: inline_serializer(
                "StatusOnDate",
                {
                    "status": serializers.CharField(allow_null=True),
                    "status_since": serializers.DateField(allow_null=True),
                    "status_since_precision": serializers.ChoiceField(
                        choices=["day", "month"], allow_null=True
                    ),
                    "causes": serializers.ListField(child=serializers.DictField()),
                    "expected_resumption_on": serializers.DateField(allow_null=True),
                    "overdue": serializers.BooleanField(),
                    "as_of": serializers.DateField(),
                    "known_at": serializers.DateTimeField(allow_null=True),
                    "version": serializers.IntegerField(),
                },
            ),
        },
    )
    def get(self, request, ref):
        """The status on a world date, as known at a record time."""
        process = self.get_process()
        as_of = request.query_params.get("as_of")
        try:
            as_of = parse_date(as_of) if as_of else None
        except ValueError as e:
            raise ValidationError({"as_of": [str(e)]})
        known_at = query_datetime(request, "known_at")
        found = selectors.status_as_of(process, as_of=as_of, known_at=known_at)
        return Response(
            {
                "status": found.status,
                "status_since": found.status_since,
                "status_since_precision": found.status_since_precision,
                "causes": found.causes,
                "expected_resumption_on": found.expected_resumption_on,
                "overdue": found.overdue,
                "as_of": found.as_of,
                "known_at": record_time(found.known_at) if found.known_at else None,
                "version": found.version,
            }
        )


# -- feeds ---------------------------------------------------------------------------------


class StatusChangeFeedView(generics.GenericAPIView):
    paginated = True  # pages by hand: api.openapi documents its page parameters
    filter_backends: list = []
    queryset = TimelineEntry.objects.none()  # the browsable API's filter form asks for one

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="Rows recorded at or after this time (each row's own recorded_at).",
            ),
            OpenApiParameter("process", str, description="UUID or slug."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        """The status-change log, newest last: each status change as recorded (`kind`
        `recorded`), and each correction or retraction that changed one (`corrected`,
        `retracted`, with `amends`, `reason` and the change as it now stands, `to_status`
        null for a retraction). Applied in order, the rows give the corrected history."""
        since = query_datetime(request, "since")
        ref = request.query_params.get("process")
        process = None
        if ref:
            try:
                process = selectors.process_by_ref(ref)
            except Exception:
                raise ValidationError({"process": [f"No process '{ref}'."]})
        page = self.paginate_queryset(selectors.status_changes(since=since, process=process))
        return self.get_paginated_response([status_change_repr(p) for p in page])


class EventFeedView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "after",
                {"type": "integer", "minimum": 0},
                description="Position to start after (default 0).",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1},
                description=f"At most {FEED_LIMIT_MAX} rows (more is clipped; default 100).",
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        """Every event in store order, as recorded, for consumers that replicate."""
        after = query_int(request, "after", 0, minimum=0)
        limit = min(query_int(request, "limit", 100, minimum=1), FEED_LIMIT_MAX)
        rows = selectors.event_feed(after=after, limit=limit)
        return Response(
            {
                "results": [feed_repr(r) for r in rows],
                "next_after": rows[-1].position if rows else after,
            }
        )


# -- reference data ------------------------------------------------------------------------


class ActorListView(generics.ListCreateAPIView):
    queryset = Actor.objects.all()
    serializer_class = ActorSerializer
    filterset_class = ActorFilter


class ActorDetailView(generics.RetrieveAPIView):
    queryset = Actor.objects.all()
    serializer_class = ActorSerializer
    lookup_field = "slug"


class CauseTaxonomyView(APIView):
    @extend_schema(
        responses={
            200: inline_serializer(
                "CauseCategory",
                {"category": serializers.CharField(), "label": serializers.CharField()},
                many=True,
            )
        }
    )
    def get(self, request):
        """The fixed taxonomy of stated causes."""
        return Response([{"category": k, "label": v} for k, v in CAUSE_CATEGORIES.items()])
