"""Every error as JSON with a stable `code` and a readable `detail`."""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from negotiations.domain.errors import DomainError, InvalidEvent
from negotiations.presentation.refusals import refusal_detail, refusal_errors
from negotiations.write.commit import CommitOutcomeUnknown

from .negotiation import WRITE_AND_ERROR_FORMATS
from .renderers import JSONRenderer

DOMAIN_STATUS = {
    "invalid": status.HTTP_400_BAD_REQUEST,
    "not_found": status.HTTP_404_NOT_FOUND,
    "version_conflict": status.HTTP_409_CONFLICT,
    "invalid_transition": status.HTTP_409_CONFLICT,
    "out_of_order": status.HTTP_409_CONFLICT,
    "idempotency_conflict": status.HTTP_409_CONFLICT,
    "contended": status.HTTP_503_SERVICE_UNAVAILABLE,  # nothing recorded: send it again
}


def _flatten(detail):
    if isinstance(detail, dict):
        return {str(k): _messages(v) for k, v in detail.items()}
    return {"non_field_errors": _messages(detail)}


def _messages(value: Any) -> list[str]:
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(_messages(v) if isinstance(v, (list, dict)) else [str(v)])
        return out
    if isinstance(value, dict):
        return [f"{k}: {m}" for k, v in value.items() for m in _messages(v)]
    return [str(value)]


def exception_handler(exc, context):
    response = _answer(exc, context)
    request = context.get("request")
    chosen = getattr(request, "accepted_renderer", None)
    if response is not None and chosen is not None and chosen.format not in WRITE_AND_ERROR_FORMATS:
        # An error answers JSON, a CSV read's too: its `errors`, `allowed`, `current_version`
        # have no table form (a CSV error was one "code,detail" row, the fields lost). The
        # browsable API keeps its page.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


def _answer(exc, context):
    if isinstance(exc, RequestDataTooBig):
        most = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)  # it named no limit
        exc = exceptions.ParseError(
            _("The request body is too large (at most %(most)s).") % {"most": most}
        )
    if isinstance(exc, DomainError):
        body = {**exc.as_dict(), "detail": refusal_detail(exc)}  # in the request's language
        if isinstance(exc, InvalidEvent):
            body["errors"] = refusal_errors(exc)
        refused = Response(body, status=DOMAIN_STATUS.get(exc.code, 400))
        if refused.status_code == status.HTTP_503_SERVICE_UNAVAILABLE:
            refused["Retry-After"] = str(OUTCOME_UNKNOWN_RETRY_AFTER)
        return refused
    if isinstance(exc, CommitOutcomeUnknown):
        return outcome_unknown(exc, context)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return _server_error(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        first_field, first = next(iter(errors.items()), ("", [""]))
        detail = first[0] if first_field == "non_field_errors" else f"{first_field}: {first[0]}"
        response.data = {"code": "invalid", "detail": detail, "errors": errors}
    elif isinstance(exc, exceptions.ParseError):
        response.data = {
            "code": "invalid",
            "detail": str(exc.detail),
            "errors": {"non_field_errors": [str(exc.detail)]},
        }
    else:
        code = {
            401: "not_authenticated",
            403: "permission_denied",
            404: "not_found",
            405: "method_not_allowed",
            406: "not_acceptable",
            415: "unsupported_media_type",
            429: "throttled",
        }.get(response.status_code, getattr(exc, "default_code", "error"))
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        response.data = {"code": code, "detail": str(detail)}
    return response


# Seconds a client waits before the keyed retry that learns a write's outcome.
OUTCOME_UNKNOWN_RETRY_AFTER = 1


def _log(exc: BaseException) -> None:
    import logging

    logging.getLogger("django.request").exception("Internal error", exc_info=exc)


def outcome_unknown(exc: BaseException, context) -> Response:
    """503: the write failed at its commit (the connection lost during or after `COMMIT`):
    it may be stored. A retry with the same Idempotency-Key answers the stored event if it
    is, and records it if it is not."""
    _log(exc)
    request = context.get("request")
    keyed = request is not None and bool(request.headers.get("Idempotency-Key"))
    if not _records_events(context):
        how = _(
            "Read it back (the list it would be in) to learn whether it was, before sending "
            "it again: this write takes no Idempotency-Key. A webhook endpoint's secret is "
            "shown only in the answer that made it: if the endpoint is listed, rotate its "
            "secret to get one."
        )
    elif keyed:
        how = _(
            "Retry with the same Idempotency-Key to learn which: it answers the stored event "
            "if it was recorded, and records it once if it was not."
        )
    else:
        how = _(
            "Read the process's timeline to learn whether it was before sending it again "
            "(with an Idempotency-Key, a retry would tell you and never record it twice)."
        )
    response = Response(
        {
            "code": "outcome_unknown",
            "detail": _(
                "The connection to the database was lost while the write was being "
                "committed: it may have been recorded. %(how)s"
            )
            % {"how": how},
        },
        status=503,
    )
    response["Retry-After"] = str(OUTCOME_UNKNOWN_RETRY_AFTER)
    return response


def _records_events(context) -> bool:
    """Whether the write records events (and takes an Idempotency-Key): a process, an event.
    Every other API write (an actor, a webhook endpoint) is one transaction too."""
    return bool(getattr(context.get("view"), "records_events", False))


def _server_error(exc, context):
    """An unexpected failure, still as JSON. A write is one transaction (events, receipt and
    read models together): a failure before its commit has stored nothing and is safe to
    retry; one at the commit is `outcome_unknown` (above); one after the command answered
    (building the 201, `request.recorded` set by the view) says that it was recorded."""
    _log(exc)
    request = context.get("request")
    writing = request is not None and request.method not in ("GET", "HEAD", "OPTIONS")
    stored = writing and getattr(request, "recorded", None) is not None
    if stored and not _records_events(context):
        detail = _(
            "The write was stored, but the server failed to answer: read it back (the list "
            "it is in) instead of sending it again. A webhook endpoint's secret is shown only "
            "in that answer: rotate its secret to get one."
        )
    elif writing and not _records_events(context):
        # Its one transaction (`atomic_unit_of_work`) rolled back: nothing was stored.
        detail = _(
            "The server failed before the write committed: nothing was stored. It is safe "
            "to send it again."
        )
    elif writing and getattr(request, "recorded", None) is not None:
        detail = _(
            "The write was recorded, but the server failed to answer. Retry with the same "
            "Idempotency-Key to get its answer, or read the process's timeline."
        )
    elif writing:
        detail = _(
            "The server failed before the write committed: nothing was recorded. It is safe "
            "to retry (with the same Idempotency-Key)."
        )
    else:
        detail = _("The server failed to answer. Try again shortly.")
    return Response({"code": "server_error", "detail": detail}, status=500)
