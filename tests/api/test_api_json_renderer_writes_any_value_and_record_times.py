"""The API's JSON (api.renderers.JSONRenderer: orjson with the tracker's one encoder) writes
any value an answer may hold as JSON that reads back as DRF's would, record times with their
microseconds, and indented JSON when asked for."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

import pytest
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from api.renderers import JSONRenderer

# Every character up to U+07FF (the controls, ASCII, Latin, ...), the separators JavaScript
# reads as line ends, the byte-order mark, the last of the BMP and characters beyond it.
TEXT = "".join(map(chr, range(0x800))) + "\u2028\u2029\ufeff\uffff\U0001f600\U0010ffff"


@pytest.mark.parametrize(
    "value",
    [
        {"text": TEXT, "keys": {TEXT: TEXT}},
        {"count": 2**64 - 1, "small": -(2**63), "wide": 2**70, "flags": [True, False, None]},
        {"nested": [[], {}, [[{"a": [1, "b"]}]]], "tuple": (1, "two")},
        {"detail": ErrorDetail("Not found.", code="not_found")},
        {"on": date(2016, 2, 1)},
        {"id": UUID("d69a0caf-97cf-512b-8988-bc732a3ebb58")},
        {1: "a key that is not text"},
        [],
        "text alone",
    ],
)
def test_any_value_reads_back_as_drf_writes_it(value):
    assert json.loads(JSONRenderer().render(value)) == json.loads(DRFJSONRenderer().render(value))
    indented = "application/json; indent=4"
    assert JSONRenderer().render(value, indented) == DRFJSONRenderer().render(value, indented)


def test_a_record_time_keeps_its_microseconds_in_utc():
    at = datetime(2026, 3, 1, 10, 0, 0, 123456, tzinfo=UTC)
    on_the_second = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    written = json.loads(JSONRenderer().render({"at": at, "second": on_the_second}))
    assert written == {"at": "2026-03-01T10:00:00.123456Z", "second": "2026-03-01T10:00:00.000000Z"}
    # Beside an integer only `json` can write, the same.
    wide = json.loads(JSONRenderer().render({"at": at, "wide": 2**70}))
    assert wide == {"at": "2026-03-01T10:00:00.123456Z", "wide": 2**70}


def test_a_decimal_is_written_exactly_as_text():
    # Django's encoder's way (DRF's writes a float, 0.1 + 0.2 style surprises included).
    assert json.loads(JSONRenderer().render({"amount": Decimal("1.50")})) == {"amount": "1.50"}


def test_nothing_is_written_for_no_data():
    assert JSONRenderer().render(None) == b""
