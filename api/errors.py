"""Every error as JSON with a stable `code` and a readable `detail`."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from negotiations.domain.errors import DomainError

DOMAIN_STATUS = {
    "invalid": status.HTTP_400_BAD_REQUEST,
    "not_found": status.HTTP_404_NOT_FOUND,
    "version_conflict": status.HTTP_409_CONFLICT,
    "invalid_transition": status.HTTP_409_CONFLICT,
    "out_of_order": status.HTTP_409_CONFLICT,
    "idempotency_conflict": status.HTTP_409_CONFLICT,
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
    if isinstance(exc, RequestDataTooBig):
        exc = exceptions.ParseError("The request body is too large.")
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=DOMAIN_STATUS.get(exc.code, 400))
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


def _server_error(exc, context):
    """An unexpected failure, still as JSON. A write is one transaction (events, receipt and
    read models together), so a failed write has stored nothing and is safe to retry."""
    import logging

    logging.getLogger("django.request").exception("Internal error", exc_info=exc)
    request = context.get("request")
    writing = request is not None and request.method not in ("GET", "HEAD", "OPTIONS")
    detail = (
        "The server failed before the write committed: nothing was recorded. It is safe to "
        "retry (with the same Idempotency-Key)."
        if writing
        else "The server failed to answer. Try again shortly."
    )
    return Response({"code": "server_error", "detail": detail}, status=500)
