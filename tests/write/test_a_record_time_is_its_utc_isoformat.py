"""`record_time` writes a record time by hand for speed (the process list writes one per
row); it must say exactly what `isoformat` of the time in UTC says, microseconds always."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from negotiations.write.records import record_time

TIMES = [
    datetime(2026, 11, 25, 21, 55, 7, 823937),
    datetime(2026, 11, 25, 21, 55, 7),
    datetime(999, 1, 2, 3, 4, 5, 6),
    datetime(1, 1, 1),
    datetime(9999, 12, 31, 23, 59, 59, 999999),
]
ZONES = [
    None,
    UTC,
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
]
ZONES += [ZoneInfo("Europe/London"), ZoneInfo("America/Bogota")]


@pytest.mark.parametrize("zone", ZONES, ids=str)
@pytest.mark.parametrize("time", TIMES, ids=str)
def test_a_record_time_is_the_isoformat_of_the_utc_time(time, zone):
    value = time.replace(tzinfo=zone)
    try:
        utc = value.astimezone(UTC) if zone is not None else value
    except OverflowError:
        with pytest.raises(OverflowError):
            record_time(value)
        return
    expected = utc.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
    assert record_time(value) == expected
