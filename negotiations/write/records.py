"""How record times and event values are written out: UTC, microseconds kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import orjson
from django.core.serializers.json import DjangoJSONEncoder


def record_time(value: datetime) -> str:
    """A record time as shown everywhere: UTC, ISO 8601, always with its microseconds (given
    back as `known_at`, it must include the event it was read from)."""
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(UTC)
    # What `isoformat(timespec="microseconds")` of the naive UTC time writes, at half its cost
    # (a page of the process list writes one per row); an f-string's format specs cost more.
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (  # noqa: UP031
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
    )


class RecordTimeEncoder(DjangoJSONEncoder):
    """The tracker's one JSON encoder: Django's (dates, UUIDs, decimals, lazy text), but
    date-times as `record_time` writes them, microseconds kept (Django's cuts them to
    milliseconds, and a cut record time misses the event it names). It is every JSON field's
    `encoder`, and its `default` is what orjson calls for the same values (`to_json`, the
    API's renderer), so every path writes a value the same way."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return record_time(o)
        return super().default(o)


ENCODER = RecordTimeEncoder()
# What orjson hands to `ENCODER.default` rather than write itself: date-times and dates (its
# own forms differ: `+00:00`, no microseconds when they are 0); keys that are not text are
# written as text, as `json.dumps` does.
ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def jsonable(value: Any) -> Any:
    """Dates to ISO strings, the way the read models store event values."""
    return json.loads(to_json(value))


def to_json(value: Any) -> str:
    """`value` as compact JSON text (UTF-8 unescaped), by orjson with the one encoder's
    `default`: the read-model rows written in bulk."""
    return orjson.dumps(value, default=ENCODER.default, option=ORJSON_OPTIONS).decode()
