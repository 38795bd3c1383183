"""How record times and event values are written out: UTC, microseconds kept."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
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
    """Django's encoder, but date-times keep their microseconds (Django's cuts them to
    milliseconds, and a cut record time misses the event it names)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return record_time(o)
        return super().default(o)


def jsonable(value: Any) -> Any:
    """Dates to ISO strings, the way the read models store event values."""
    return json.loads(json.dumps(value, cls=RecordTimeEncoder))


_ENCODER = RecordTimeEncoder()


def _encoded(o: Any) -> Any:
    """What orjson hands back: dates and date-times (passed through, so that record times keep
    their microseconds as `record_time` writes them) and whatever Django's encoder knows."""
    if type(o) is date:
        return o.isoformat()
    return _ENCODER.default(o)


def to_json(value: Any) -> str:
    """`value` as JSON text, the same values as `json.dumps(value, cls=RecordTimeEncoder)`
    gives (compact, and UTF-8 where that escapes): orjson, several times faster, for the
    read-model rows written in bulk."""
    return orjson.dumps(value, default=_encoded, option=orjson.OPT_PASSTHROUGH_DATETIME).decode()
