"""The process list's JSON is written by orjson (api.renderers.PlainJSONRenderer), not by
DRF's renderer: for any answer without floats, the bytes must be DRF's, whether orjson writes
them or hands them back to DRF (values it does not write the same way, indented JSON)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

import pytest
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer

from api.renderers import PlainJSONRenderer

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
        {"on": date(2016, 2, 1), "at": datetime(2026, 3, 1, 10, 0, tzinfo=UTC)},
        {"id": UUID("d69a0caf-97cf-512b-8988-bc732a3ebb58"), "amount": Decimal("1.50")},
        {1: "a key that is not text"},
        [],
        "text alone",
    ],
)
def test_the_bytes_are_drf_s(value):
    assert PlainJSONRenderer().render(value) == JSONRenderer().render(value)
    indented = "application/json; indent=4"
    assert PlainJSONRenderer().render(value, indented) == JSONRenderer().render(value, indented)


def test_nothing_is_written_for_no_data():
    assert PlainJSONRenderer().render(None) == b""
