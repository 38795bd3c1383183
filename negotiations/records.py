"""Conversions between stored read-model rows and the domain's entries."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from .domain.history import Entry
from .domain.specs import parse_body
from .models import TimelineEntry


def jsonable(value: Any) -> Any:
    """Dates to ISO strings, the way the read models store event values."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def entry_from_row(row: TimelineEntry) -> Entry:
    return Entry(
        row.sequence, row.type, parse_body(row.type, row.recorded), row.recorded_at, row.recorded_by
    )
