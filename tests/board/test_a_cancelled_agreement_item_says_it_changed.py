"""An agreement's calendar item (the day it is to take effect) turned CANCELLED when it ended
before that day, with its SEQUENCE, LAST-MODIFIED and the calendar's Last-Modified where the
signing had left them: a calendar asking "changed since?" was told 304 and kept the talks'
truce on (a feed subscriber's outside test, with icalendar and vobject). Every event of the
agreement, and the retraction of one, moves them forward."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import time_machine

from tests.factories import cause, record

URL = "/processes/intra-syrian-talks-geneva/calendar.ics"


def later() -> datetime:
    """A minute from now: after the test's actors were made (the registry's last change is
    part of the calendar's Last-Modified)."""
    return datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)


def read(client, **headers: str):
    """The calendar as read an hour from now, after every change the test records (the
    calendar's Last-Modified is sent once the second of its last change is over)."""
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=1), tick=False):
        return client.get(URL, headers=headers)


def truce(client) -> tuple[icalendar.Event, str]:
    answer = read(client)
    assert answer.status_code == 200
    events = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    (item,) = [e for e in events if "Truce two" in str(e["SUMMARY"])]
    return item, answer["Last-Modified"]


def test_an_ending_and_its_retraction_move_the_item_forward(app, geneva, client):
    start = later()
    with time_machine.travel(start, tick=False):
        signed = record(
            app,
            geneva.pk,
            "agreement_signed",
            "2016-05-01",
            agreement="truce-two",
            title="Truce two",
            takes_effect_on="2016-06-01",
        )
    item, modified = truce(client)
    assert str(item["STATUS"]) == "CONFIRMED"

    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        ended = record(
            app,
            geneva.pk,
            "agreement_ended",
            "2016-05-10",
            agreement="truce-two",
            end_reason="collapsed",
            causes=[cause()],
        )
    assert read(client, **{"If-Modified-Since": modified}).status_code == 200
    cancelled, cancelled_modified = truce(client)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["SEQUENCE"] > item["SEQUENCE"]
    assert cancelled["LAST-MODIFIED"].dt > item["LAST-MODIFIED"].dt
    assert cancelled_modified != modified

    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        record(
            app,
            geneva.pk,
            "event_retracted",
            "2016-05-11",
            retracts=ended.sequence,
            reason="Misreported.",
        )
    assert read(client, **{"If-Modified-Since": cancelled_modified}).status_code == 200
    back, _ = truce(client)
    assert str(back["STATUS"]) == "CONFIRMED"
    assert back["SEQUENCE"] > cancelled["SEQUENCE"]
    assert signed.sequence < ended.sequence
