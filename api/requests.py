"""What every API view reads from a request the same way: the JSON body, the Idempotency-Key,
expected versions and ETags, typed query parameters; and the 201 of a recorded command."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.response import Response

from negotiations.domain.body_fields import digits
from negotiations.read.summaries import recorded_summary
from negotiations.write.application import Recorded

from .representations import recorded_event_repr

IDEMPOTENCY_KEY_MAX = 200


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
        raise ValidationError(
            {"Idempotency-Key": [_("1 to %(most)s characters.") % {"most": IDEMPOTENCY_KEY_MAX}]}
        )
    return key


def etag(version: int, *qualifiers: object) -> str:
    """`"<version>"`, the answer of a write (what `If-Match` takes), or the version and what
    else the answer depends on: for a read that names actors, the actor registry's last
    change (a renamed actor changes the answer without an event: a client revalidating got
    304 and the old name); for a representation other than JSON, its format (`"40.csv"`:
    CSV and JSON were one strong ETag). `If-Match` takes any of them (the version)."""
    return '"' + ".".join(map(str, (version, *qualifiers))) + '"'


def not_modified(request, tag: str) -> HttpResponse | None:
    """Django's conditional GET on the tag: a 304 (carrying it) while the reader holds it,
    else None."""
    response = get_conditional_response(request, etag=tag)
    if response is not None:
        response["ETag"] = tag
    return response


def expected_version_of(request, body: dict[str, Any]) -> int | None:
    expected = body.pop("expected_version", None)
    if expected is not None and (
        isinstance(expected, bool) or not isinstance(expected, int) or expected < 1
    ):
        raise ValidationError({"expected_version": [_("Must be a positive integer.")]})
    header = (request.headers.get("If-Match") or "").strip()
    if header == "*":  # RFC 9110: any current version (a process that does not exist is a 404)
        header = ""
    if header:
        # W/ is taken too: a gzipped answer's ETag is weak (Django's GZipMiddleware).
        try:
            from_header = int(header.removeprefix("W/").strip('"').split(".")[0])
        except ValueError:
            from_header = 0
        if from_header < 1:  # as expected_version: a version is a positive integer
            raise ValidationError({"If-Match": [_('Must be the process version, e.g. "5".')]})
        if expected is not None and expected != from_header:
            raise ValidationError({"If-Match": [_("Disagrees with expected_version.")]})
        expected = from_header
    return expected


def query_datetime(request, name: str, *, with_a_time: bool = False):
    """A date-time query parameter in UTC, or None. `with_a_time`: a day alone (2016-02-05,
    20160205, 2016-W05-5, whatever Python reads as a date) is refused, not read as its first
    instant (`known_at`: "as known that day" it is not, a date tester's outside test)."""
    raw = request.query_params.get(name)
    if not raw:
        return None
    if with_a_time and _is_a_day(raw):
        said = _("Give a time too: as known at the end of that day is %(day)sT23:59:59Z.")
        raise ValidationError({name: [said % {"day": date.fromisoformat(raw).isoformat()}]})
    try:
        value = parse_datetime(raw.replace(" ", "+"))
    except ValueError:
        value = None
    if value is None:
        raise ValidationError(
            {name: [_("Enter an ISO 8601 date-time, e.g. 2016-02-05T12:00:00Z.")]}
        )
    try:  # in UTC: PostgreSQL refuses far-out offsets that ISO 8601 allows
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    except OverflowError:
        raise ValidationError({name: [_("Date-time out of range.")]})


def query_int(request, name: str, default: int, *, minimum: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    if not digits(raw):
        raise ValidationError(
            {name: [_("Must be a whole number of at least %(minimum)s.") % {"minimum": minimum}]}
        )
    value = int(raw)
    if value < minimum:
        raise ValidationError({name: [_("Must be at least %(minimum)s.") % {"minimum": minimum}]})
    return value


def query_bool(request, name: str) -> bool:
    raw = request.query_params.get(name, "").lower()
    if raw not in ("", "1", "0", "true", "false", "yes", "no"):
        raise ValidationError({name: [_("Must be true or false.")]})
    return raw in ("1", "true", "yes")


def recorded_response(result: Recorded) -> Response:
    """The 201 of a write, built from what the command recorded (never read back)."""
    response = Response(
        {
            "event": recorded_event_repr(result.entry),
            "process": recorded_summary(result.process),
            "position": result.position,
        },
        status=status.HTTP_201_CREATED,
    )
    response["ETag"] = etag(result.sequence)
    if result.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _is_a_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
