"""Thin views: validate the request, call the application or a selector, map refusals."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from negotiations.domain.errors import InvalidEvent, ProcessNotFound, Words
from negotiations.domain.registry import KINDS, OPENING
from negotiations.domain.specs import parse_date
from negotiations.domain.vocabulary import gettext_noop
from negotiations.presentation.refusals import say_again
from negotiations.read import selectors
from negotiations.read.models import Process, TimelineEntry
from negotiations.read.rows import summary_row
from negotiations.read.summaries import SUMMARY_COLUMNS, named_causes, summaries
from negotiations.write.records import record_time
from negotiations.write.runtime import get_application

from . import schemas
from .agreements import AgreementOnDateSerializer
from .filters import ProcessFilter
from .openapi import IDEMPOTENCY_KEY, NOT_MODIFIED, error_responses
from .renderers import JSONRenderer, SpreadsheetCSVRenderer
from .representations import (
    PRECISIONS,
    STATUSES,
    CauseOut,
    ProcessDetailSerializer,
    ProcessSummarySerializer,
    event_repr,
)
from .requests import (
    etag,
    expected_version_of,
    idempotency_key,
    json_body,
    not_modified,
    query_bool,
    query_datetime,
    recorded_response,
)

WITH_CSV = [JSONRenderer, BrowsableAPIRenderer, SpreadsheetCSVRenderer]
ERRORS = error_responses(409)  # every other error answer is added by api.openapi


# -- processes -----------------------------------------------------------------------------

# Spreadsheet columns in the order a reader looks for them (api.renderers).
PROCESS_CSV_COLUMNS = [
    "slug",
    "name",
    "conflict",
    "status",
    "status_since",
    "expected_resumption_on",
    "expected_resumption_precision",
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
# Every field an event of any type may have, in the registry's order, after the four every
# event has: each page of a timeline's CSV has the same columns (they were the fields met on
# the page, so a spreadsheet following `Link: rel=next` got them shifted).
EVENT_CSV_COLUMNS = [
    name
    for name in dict.fromkeys(
        ["sequence", "type", "occurred_on", "date_precision"]
        + [name for kind in KINDS.values() for name in kind.body.model_fields]
    )
    if name not in EVENT_CSV_TRAILING
]


class ProcessListView(generics.ListAPIView):
    """Peace processes with their current status."""

    queryset = selectors.processes()
    serializer_class = ProcessSummarySerializer
    filterset_class = ProcessFilter
    renderer_classes = WITH_CSV
    records_events = True  # its POST may answer 503 outcome_unknown (api.openapi)
    answer_headers = {"POST": {"201": ("Location", "ETag", "X-Position", "Idempotent-Replayed")}}

    def get_renderer_context(self):
        return {**super().get_renderer_context(), "csv_columns": PROCESS_CSV_COLUMNS}

    def list(self, request, *args, **kwargs):
        """A page of summaries read as plain values, not model instances (what a row costs is
        most of what a page costs; the count comes from the tally, api.pagination)."""
        rows = self.filter_queryset(self.get_queryset()).values(*SUMMARY_COLUMNS)
        page = self.paginate_queryset(rows) or []  # it always pages (REST_FRAMEWORK)
        return self.get_paginated_response(summaries(page))

    @extend_schema(
        request=schemas.OPEN_BODY,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: ProcessDetailSerializer, **ERRORS},
    )
    def post(self, request):
        """Open a process (its first event)."""
        if request.headers.get("If-Match"):  # it was ignored (an attacker's outside test)
            no_version = _("A process not yet opened has no version to match.")
            raise ValidationError({"If-Match": [no_version]})
        body = json_body(request)
        given = body.pop("type", None)
        # The schema's one value, or null as left out (the schema says nullable): another
        # would be ignored silently.
        if given not in (None, OPENING):
            raise InvalidEvent(
                {"type": [Words(gettext_noop("Must be %(type)s, or left out."), type=OPENING)]}
            )
        result = get_application().open_process(
            body, recorded_by=request.user.get_username(), idempotency_key=idempotency_key(request)
        )
        request.recorded = result  # a failure from here on is after the commit (api.errors)
        process = summary_row(result.process)
        response = Response(
            ProcessDetailSerializer(process, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
        # Absolute, as the body's `url` and a webhook's `Location` are (an attacker's test).
        where = reverse("api:process-detail", args=[process.slug])
        response["Location"] = request.build_absolute_uri(where)
        response["ETag"] = etag(process.version)
        response["X-Position"] = str(result.position)
        if result.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    description='An ETag held (e.g. "13", or "13.1765110000000000.20261208" for a detail, '
    "whose tag changes with the day as its `overdue` may): 304 while the answer is the same.",
)


class ProcessMixin:
    kwargs: dict[str, Any]  # the URL's, set by the view

    def get_process(self) -> Process:
        return selectors.process_by_ref(self.kwargs["ref"])


class ProcessDetailView(ProcessMixin, APIView):
    answer_headers = {"GET": {"200": ("ETag",), "304": ("ETag",)}}

    @extend_schema(
        parameters=[IF_NONE_MATCH], responses={200: ProcessDetailSerializer, 304: NOT_MODIFIED}
    )
    def get(self, request, ref):
        """A process by UUID or slug, with the causes of its current status."""
        process = self.get_process()
        # Its `overdue` turns true when a day begins (an outside test across midnight got 304
        # and the day before's `false`): the day is part of the tag, as of the board's pages.
        day = selectors.today().strftime("%Y%m%d")
        tag = etag(process.version, selectors.registry_stamp(), day)
        if (cached := not_modified(request, tag)) is not None:
            return cached
        return Response(
            ProcessDetailSerializer(process, context={"request": request}).data,
            headers={"ETag": tag},
        )


RAW = OpenApiParameter("raw", bool, description="The history as recorded, amendments included.")


class ProcessEventsView(ProcessMixin, generics.GenericAPIView):
    paginated = True  # pages by hand: api.openapi documents its page parameters
    filter_backends: list = []
    serializer_class = schemas.BrowsableEventForm
    queryset = TimelineEntry.objects.none()  # the browsable API's filter form asks for one
    renderer_classes = WITH_CSV
    records_events = True  # its POST may answer 503 outcome_unknown (api.openapi)
    answer_headers = {
        "GET": {"200": ("ETag",), "304": ("ETag",)},
        "POST": {"201": ("ETag", "Idempotent-Replayed")},
    }

    def get_renderer_context(self):
        return {
            **super().get_renderer_context(),
            "csv_columns": EVENT_CSV_COLUMNS,
            "csv_trailing": EVENT_CSV_TRAILING,
        }

    @extend_schema(
        parameters=[RAW, IF_NONE_MATCH], responses={200: schemas.EventPage, 304: NOT_MODIFIED}
    )
    def get(self, request, ref):
        """The timeline in sequence order (corrected view unless `raw=true`)."""
        process = self.get_process()
        raw = query_bool(request, "raw")  # a bad request is refused before any 304
        self.paginator.check_query(request)  # type: ignore[union-attr]  # the API's Pagination
        # Its events name actors by slug only; JSON, CSV and the browsable page differ.
        variant = request.accepted_renderer.format
        tag = etag(process.version, *([] if variant == "json" else [variant]))
        if (cached := not_modified(request, tag)) is not None:
            return cached
        page = self.paginate_queryset(selectors.timeline(process, raw=raw)) or []
        response = self.get_paginated_response([event_repr(row, raw=raw) for row in page])
        response["ETag"] = tag
        return response

    @extend_schema(
        request=schemas.EVENT_BODY,
        parameters=[
            IDEMPOTENCY_KEY,
            OpenApiParameter(
                "If-Match",
                str,
                OpenApiParameter.HEADER,
                description='The version the write is for, e.g. "5" (a read\'s ETag is taken: '
                '"5.1765110000000000"), or * (any): as expected_version, a 409 '
                "version_conflict when the process is at another.",
            ),
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
            why = (
                Words(gettext_noop("Required: one of %(types)s."), types=one_of)
                if event_type in (None, "")
                else Words(
                    gettext_noop("Unknown event type %(type)s: one of %(types)s."),
                    type=repr(event_type),
                    types=one_of,
                )
            )
            raise InvalidEvent({"type": [why]})
        expected = expected_version_of(request, body)
        try:
            result = get_application().record_event(
                process_id,
                event_type=event_type,
                body=body,
                recorded_by=request.user.get_username(),
                expected_version=expected,
                idempotency_key=idempotency_key(request),
            )
        except ProcessNotFound:  # said with the reference sent, as a read says it
            raise selectors.process_not_found(ref) from None
        request.recorded = result  # a failure from here on is after the commit (api.errors)
        return recorded_response(result)


class ProcessStatusView(ProcessMixin, APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                description="World date, up to tomorrow (UTC); a later date is a 400, not a "
                "forecast (default: the UTC date of known_at, else today).",
            ),
            OpenApiParameter(
                "known_at",
                OpenApiTypes.DATETIME,
                description="What the tracker said at this record time (default now), up to "
                "now: a later one is a 400; an event recorded at exactly this time counts.",
            ),
        ],
        responses={
            200: inline_serializer(
                "StatusOnDate",
                {
                    "status": serializers.ChoiceField(choices=STATUSES, allow_null=True),
                    "status_since": serializers.DateField(allow_null=True),
                    "status_since_precision": serializers.ChoiceField(
                        choices=PRECISIONS, allow_null=True
                    ),
                    "causes": CauseOut(
                        many=True,
                        help_text="The causes stated for the status on as_of, with each "
                        "stating actor's name.",
                    ),
                    "expected_resumption_on": serializers.DateField(allow_null=True),
                    "expected_resumption_precision": serializers.ChoiceField(
                        choices=PRECISIONS, allow_null=True
                    ),
                    "overdue": serializers.BooleanField(),
                    "as_of": serializers.DateField(),
                    "known_at": serializers.DateTimeField(allow_null=True),
                    "version": serializers.IntegerField(),
                    "agreements": serializers.ListField(
                        child=AgreementOnDateSerializer(),
                        help_text="The process's agreements open on as_of (signed and not "
                        "yet in force, or in force) and the 5 latest closed by then "
                        "(rejected or ended, the latest closed_on first), in signing order, "
                        "each as it stood on that date: its status then, its votes by then, "
                        "what it supersedes and what superseded it (docs/agreements.md).",
                    ),
                    "agreements_in_force": serializers.ListField(
                        child=AgreementOnDateSerializer(),
                        help_text="Those of `agreements` in force on as_of.",
                    ),
                    "agreements_not_listed": serializers.IntegerField(
                        help_text="How many agreements closed by as_of `agreements` leaves "
                        "out (older closures): /api/v1/processes/<ref>/agreements/"
                        "?status_on=<as_of> lists every agreement signed by then.",
                    ),
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
            raise ValidationError({"as_of": [say_again(e.args[0])]})
        known_at = query_datetime(request, "known_at", with_a_time=True)
        found = selectors.status_as_of(process, as_of=as_of, known_at=known_at)
        return Response(
            {
                "status": found.status,
                "status_since": found.status_since,
                "status_since_precision": found.status_since_precision,
                "causes": named_causes(
                    found.causes, selectors.actor_names(c["stated_by"] for c in found.causes)
                ),
                "expected_resumption_on": found.expected_resumption_on,
                "expected_resumption_precision": found.expected_resumption_precision,
                "overdue": found.overdue,
                "as_of": found.as_of,
                "known_at": record_time(found.known_at) if found.known_at else None,
                "version": found.version,
                "agreements": found.agreements,
                "agreements_in_force": found.agreements_in_force,
                "agreements_not_listed": found.agreements_not_listed,
            }
        )
