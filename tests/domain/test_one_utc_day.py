"""Recording, "today" and "after today" are judged on one calendar, UTC's (`utc_day`)."""

import time
from datetime import UTC, date, datetime, timedelta, timezone

from negotiations.domain.specs import utc_day

RIYADH = timezone(timedelta(hours=3))


def test_a_time_is_dated_on_its_utc_day_whatever_its_zone():
    assert utc_day(datetime(2016, 2, 1, 1, 0, tzinfo=RIYADH)) == date(2016, 1, 31)
    assert utc_day(datetime(2016, 2, 1, 23, 30, tzinfo=UTC)) == date(2016, 2, 1)


def test_a_time_without_a_zone_is_utcs_not_the_machines(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # Django sets the process's zone; a script may not
    time.tzset()
    try:
        # Read as Tokyo's, 05:00 would be 31 January, 20:00 UTC.
        assert utc_day(datetime(2016, 2, 1, 5, 0)) == date(2016, 2, 1)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_no_time_is_today_in_utc_not_the_machines(monkeypatch):
    """Run in a zone whose date is not UTC's at this hour (14 hours ahead from 10:00 UTC, 12
    behind before it), so that the machine's own date would be seen."""
    monkeypatch.setenv("TZ", "Etc/GMT-14" if datetime.now(UTC).hour >= 10 else "Etc/GMT+12")
    time.tzset()
    try:
        before = datetime.now(UTC).date()
        assert date.today() != before  # the machine's date is another day here
        assert before <= utc_day() <= datetime.now(UTC).date()
    finally:
        monkeypatch.undo()
        time.tzset()
