"""The OpenAPI schema tells every answer an operation can give, errors included.

`TrackerAutoSchema` (drf-spectacular's AutoSchema, set as DRF's DEFAULT_SCHEMA_CLASS) adds to
each operation the error answers that the shared machinery can give it, each with the shape
of the error body that `api.errors.exception_handler` writes:

- every operation: 401 (a token that is wrong, or a read without login when reads are not
  public), 406 (an Accept header no renderer satisfies), 429 (too many failed tokens), 500
  `server_error` (on a write, its `detail` says whether it was recorded);
- an operation with query parameters or a body: 400 `invalid`, with `errors` by field;
- an operation on a path with an identifier, or a page of a list: 404 `not_found`;
- a write: 403 (no recording permission), 411 (a body sent in chunks, with no length) and 415
  (a body that is not JSON, or not UTF-8);
- a write: 503 `outcome_unknown` with `Retry-After` (the commit's outcome is unknown). A
  write that records events (`records_events = True` on its view) learns it by a retry with
  the same Idempotency-Key; another (an actor, a webhook endpoint) by reading it back;
- a read: the `min_position` parameter, its 400 `position_unknown` and its 503
  `projection_behind` with `Retry-After`.

A view documents its own further answers (201, 304, 409) with `extend_schema`; those win.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiWebhook, extend_schema
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny

from negotiations.domain.vocabulary import AgreementStatus

from .permissions import ReadPublicWriteRecorders
from .representations import PRECISIONS, STATUSES
from .requests import IDEMPOTENCY_KEY_MAX
from .schemas import WebhookPayload

# An error answers JSON, a CSV read's too (`api.errors`): its fields have no table form.
JSON_ONLY = ["application/json"]
CONFLICT_CODES = ["version_conflict", "invalid_transition", "out_of_order", "idempotency_conflict"]


class ErrorSerializer(serializers.Serializer):
    """Every error: a machine-readable `code` and a sentence for people."""

    code = serializers.CharField(
        help_text="not_authenticated, permission_denied, not_found, not_acceptable, "
        "unsupported_media_type, throttled, …"
    )
    detail = serializers.CharField()


class InvalidErrorSerializer(serializers.Serializer):
    """400: what was wrong, field by field (`non_field_errors` for the whole request);
    `position_unknown` for a read's `min_position` past the store's last position."""

    code = serializers.ChoiceField(choices=["invalid", "position_unknown"])
    detail = serializers.CharField()
    # The error body's field named `errors`, not Serializer.errors (stubs confuse the two).
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField())
    )
    position = serializers.IntegerField(
        required=False, help_text="position_unknown: the event store's last position."
    )


class ConflictErrorSerializer(serializers.Serializer):
    """409: the request is well formed, but the process's state refuses it."""

    code = serializers.ChoiceField(choices=CONFLICT_CODES)
    detail = serializers.CharField()
    # A process's status, or an agreement's where its own change was refused (in_force).
    status = serializers.ChoiceField(
        choices=[*STATUSES, *(str(s) for s in AgreementStatus)],
        required=False,
        help_text="invalid_transition: the status (a process's, or an agreement's).",
    )
    allowed = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="invalid_transition: the status changes allowed now.",
    )
    current_version = serializers.IntegerField(
        required=False, help_text="version_conflict: the process's version now."
    )
    not_before = serializers.DateField(
        required=False, help_text="out_of_order: the date of the latest status change."
    )
    not_before_precision = serializers.ChoiceField(
        choices=PRECISIONS,
        required=False,
        help_text="out_of_order: the precision of `not_before`.",
    )


class ProjectionBehindSerializer(serializers.Serializer):
    """503 on a read: the read models did not reach `min_position` within the wait."""

    code = serializers.ChoiceField(choices=["projection_behind"])
    detail = serializers.CharField()
    position = serializers.IntegerField(help_text="The position the read models are at.")


class OutcomeUnknownSerializer(serializers.Serializer):
    """503: the commit's outcome unknown (`outcome_unknown`), or nothing recorded (`contended`)."""

    code = serializers.ChoiceField(choices=["outcome_unknown", "contended"])
    detail = serializers.CharField()


ERROR_RESPONSES: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(InvalidErrorSerializer, "Invalid request (code `invalid`)."),
    401: OpenApiResponse(
        ErrorSerializer, "Not authenticated: a wrong token, or a read without login."
    ),
    403: OpenApiResponse(ErrorSerializer, "No permission to record events (the Editors group)."),
    404: OpenApiResponse(ErrorSerializer, "No such resource, or no such page (`not_found`)."),
    406: OpenApiResponse(ErrorSerializer, "No representation matches the Accept header."),
    409: OpenApiResponse(
        ConflictErrorSerializer,
        "Refused by the process's state: version_conflict (with current_version), "
        "invalid_transition (with status and allowed), out_of_order (with not_before) or "
        "idempotency_conflict.",
    ),
    411: OpenApiResponse(
        ErrorSerializer,
        "A body sent in chunks, with no Content-Length (`length_required`): send it whole.",
    ),
    415: OpenApiResponse(
        ErrorSerializer, "The body is not JSON (Content-Type: application/json), or not UTF-8."
    ),
    429: OpenApiResponse(ErrorSerializer, "Too many failed token attempts: wait and retry."),
    500: OpenApiResponse(ErrorSerializer, "An error of the server (`server_error`)."),
    503: OpenApiResponse(
        OutcomeUnknownSerializer,
        "`outcome_unknown`: the connection to the database was lost during the commit, so "
        "it may be recorded. A write of events: retry with the same Idempotency-Key after "
        "`Retry-After` seconds: it answers the stored event, or records it once. Another "
        "write (an actor, a webhook endpoint) takes no key: read it back (the list) before "
        "sending it again. (A failure before the commit is a 500 `server_error`: nothing "
        "was recorded.) `contended` (a write of events): too many writes to the process at "
        "once, nothing was recorded; send it again after `Retry-After` seconds.",
    ),
}
# A write's 500 says what it means for the data: every API write is one transaction, and
# its `detail` says which side of the commit it failed on.
WRITE_FAILED = OpenApiResponse(
    ErrorSerializer,
    "An error of the server (`server_error`); its `detail` says whether the write was "
    "recorded: before the commit nothing was (safe to send again); after it, it was (a "
    "write of events: retry with the same Idempotency-Key for its answer; another: read it "
    "back, do not send it again).",
)
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer", "minimum": 1},
        "description": "Seconds to wait before retrying.",
    }
}
NOT_MODIFIED = OpenApiResponse(None, "Not modified: the answer is the one whose ETag was sent.")
# The headers an answer carries, by name (a generated client's outside test found none of
# them documented but the 503's Retry-After). A view names its own in `answer_headers`
# ({status: names}); a page of a list carries Link, a 429 Retry-After.
HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "schema": {"type": "string"},
        "description": 'The version ("13"), and what else the answer depends on ("13.csv"; '
        'a detail: "13.<the actor registry\'s last change>"): send it as If-None-Match for a '
        "304, or as If-Match to write at that version.",
    },
    "Location": {"schema": {"type": "string"}, "description": "The address of what was made."},
    "X-Position": {
        "schema": {"type": "integer"},
        "description": "The event store position of what was recorded (for `min_position`).",
    },
    "Idempotent-Replayed": {
        "schema": {"type": "string", "enum": ["true"]},
        "description": "The answer of an earlier write with the same Idempotency-Key.",
    },
    "Link": {
        "schema": {"type": "string"},
        "description": 'The next and previous pages (RFC 8288: rel="next", rel="prev").',
    },
    **RETRY_AFTER,
}
PROJECTION_BEHIND = OpenApiResponse(
    ProjectionBehindSerializer,
    "Projection behind (`projection_behind`): the read models did not reach `min_position` "
    "within MIN_POSITION_WAIT_SECONDS, or too many reads wait already. Retry after "
    "`Retry-After` seconds.",
)
# Every write that records takes it (`api.requests.idempotency_key` refuses another length).
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": IDEMPOTENCY_KEY_MAX},
    OpenApiParameter.HEADER,
    description="A key of your own for this write: a retry with the same key and body "
    "answers what the first recorded, and never records it twice.",
)
# Every read takes it (negotiations.read.consistency.MinPositionMiddleware).
MIN_POSITION = {
    "name": "min_position",
    "in": "query",
    "required": False,
    "schema": {"type": "integer", "minimum": 0},
    "description": "Answer only once the read models include this store position (a "
    "write's `position`): read your own write in the asynchronous mode. Past the store's "
    "last position: 400 `position_unknown`; not reached in time: 503 `projection_behind`.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """For a view's `extend_schema(responses=...)`: these error answers, documented."""
    return {code: ERROR_RESPONSES[code] for code in codes}


class TrackerAutoSchema(AutoSchema):
    def get_auth(self):
        """A public read (PUBLIC_READS on, the API's own permission) has no security
        requirement at all: `[]` leaves `security` out of the operation, and the schema has no
        global one. OpenAPI's other spelling, `{}` among the schemes, reads the same to
        people but generated clients (openapi-python-client) still demand credentials."""
        if self.public_read():
            return []
        return super().get_auth()

    def public_read(self) -> bool:
        permissions = self.view.get_permissions()
        return (
            not self.writes
            and settings.PUBLIC_READS
            and bool(permissions)
            and all(isinstance(p, (ReadPublicWriteRecorders, AllowAny)) for p in permissions)
        )

    @property
    def writes(self) -> bool:
        """A write (POST, PUT, PATCH, DELETE): it answers JSON only, and its own errors."""
        return self.method not in SAFE_METHODS

    def _paginated(self) -> bool:
        """A list page: a list view, or a view that pages by hand (`paginated = True`)."""
        if self.method != "GET" or getattr(self.view, "pagination_class", None) is None:
            return False
        return self._is_list_view() or getattr(self.view, "paginated", False)

    def _get_parameters(self):
        parameters = super()._get_parameters()
        names = {p["name"] for p in parameters}
        if self._paginated() and not self._is_list_view():
            paginator = self.view.pagination_class()  # type: ignore[attr-defined]  # paginated
            for parameter in paginator.get_schema_operation_parameters(self.view):
                if parameter["name"] not in names:
                    parameters.append(parameter)
        if self.method == "GET" and "min_position" not in names:
            parameters.append(dict(MIN_POSITION))
        for parameter in parameters:
            if parameter["name"] == "page_size" and parameter["in"] == "query":
                paginator = getattr(self.view, "pagination_class", None)
                most = getattr(paginator, "max_page_size", None)
                parameter["schema"] = {**parameter.get("schema", {}), "minimum": 1}
                if most:  # past it is refused, not cut (`api.pagination`)
                    parameter["schema"]["maximum"] = most
            # An optional query parameter sent empty (as an HTML form sends an unfilled
            # field, the browsable API's filter forms included) counts as not sent.
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        return parameters

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        if body is not None and self.method == "POST":
            body["required"] = True  # every write takes a body; none is a 400
        return body

    def map_renderers(self, attribute: str) -> list[Any]:
        """A write answers JSON whatever it asks (`api.negotiation`)."""
        found = super().map_renderers(attribute)
        if not self.writes:
            return found
        return [m for m in found if m in ("application/json", "json")]

    def _answers_errors(self) -> list[int]:
        codes = [401, 406, 429, 500]
        has_query = bool(self.get_override_parameters()) or bool(
            self.get_filter_backends() and getattr(self.view, "filterset_class", None)
        )
        paginated = self._paginated()
        if self.writes or has_query or paginated or self.method == "GET":  # GET: min_position
            codes.append(400)
        if "{" in self.path or paginated:
            codes.append(404)
        if self.writes:
            codes += [403, 411, 415, 503]
        return sorted(codes)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":  # a webhook's receiver (EVENT_WEBHOOK) answers, not us
            return responses
        for code in self._answers_errors():
            if str(code) not in responses:
                answer = ERROR_RESPONSES[code]
                if code == 500 and self.writes:
                    answer = WRITE_FAILED
                responses[str(code)] = self._get_response_for_code(
                    answer, str(code), JSON_ONLY, direction=direction
                )
                if code == 503:
                    responses[str(code)]["headers"] = RETRY_AFTER
        for response in responses.values():
            # A CSV answer is text (one row a line), not the JSON object beside it: a client
            # generated from the schema parsed it as JSON and failed.
            if "text/csv" in response.get("content", {}):
                response["content"]["text/csv"] = {"schema": {"type": "string"}}
        if self.method == "GET" and "503" not in responses:
            responses["503"] = self._get_response_for_code(
                PROJECTION_BEHIND, "503", JSON_ONLY, direction=direction
            )
            responses["503"]["headers"] = RETRY_AFTER
        self._add_headers(responses)
        return dict(sorted(responses.items()))

    def _add_headers(self, responses: dict[str, Any]) -> None:
        named: dict[str, tuple[str, ...]] = {"429": ("Retry-After",)}
        if self._paginated():
            named["200"] = ("Link",)
        own = getattr(self.view, "answer_headers", {}).get(self.method, {})
        for code, names in own.items():
            named[code] = (*named.get(code, ()), *names)
        for code, names in named.items():
            if code in responses:
                headers = responses[code].setdefault("headers", {})
                headers.update({name: HEADERS[name] for name in names})


# -- webhooks ------------------------------------------------------------------------------

WEBHOOK_HEADERS = [
    {
        "name": "webhook-id",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": "The same on every retry of one event to one endpoint: drop repeats by "
        "it (a redelivery an editor asks for has a new one, and `redelivery: true`).",
    },
    {
        "name": "webhook-timestamp",
        "in": "header",
        "required": True,
        "schema": {"type": "integer"},
        "description": "Seconds since the epoch when this attempt was signed; refuse one "
        "more than 5 minutes off.",
    },
    {
        "name": "webhook-signature",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": "`v1,` + base64 HMAC-SHA256 of `webhook-id.webhook-timestamp.body` under "
        "the secret's decoded bytes (Standard Webhooks); several may come, space-separated.",
    },
]

EVENT_WEBHOOK = OpenApiWebhook(
    name="event",
    decorator=extend_schema(
        summary="An event, POSTed to each endpoint that asked for its kind",
        description="Signed per Standard Webhooks (https://www.standardwebhooks.com/); "
        "delivered at least once, each endpoint in the event store's order.",
        request=WebhookPayload,
        responses={
            204: OpenApiResponse(
                description="Any 2xx acknowledges the event; anything else is retried."
            )
        },
    ),
)


def webhooks_as_extension(result, generator, request, public):
    """drf-spectacular writes `webhooks` (OpenAPI 3.1) into this 3.0 document, whose root takes
    no such key: it becomes `x-webhooks` (which Redoc shows), each operation with the
    signature headers and the receiver's answer only."""
    webhooks = result.pop("webhooks", None)
    if webhooks:
        for path_item in webhooks.values():
            for operation in path_item.values():
                operation["parameters"] = WEBHOOK_HEADERS
                operation["responses"] = {
                    code: answer
                    for code, answer in operation["responses"].items()
                    if code.startswith("2")
                }
        result["x-webhooks"] = webhooks
    return result
