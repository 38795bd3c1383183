"""A published calendar's DTSTAMP is when the file was made (RFC 5545, 3.8.7.2, with
METHOD:PUBLISH), each event's LAST-MODIFIED when it last changed; every calendar, an empty one
included, carries Last-Modified and answers conditional GETs. Its ETag is weak: the bytes
change with each DTSTAMP, the calendar does not."""

from datetime import UTC, datetime, timedelta

import icalendar
from django.utils.http import http_date, parse_http_date

from negotiations.read.models import Process
from tests.board.conftest import second_over
from tests.factories import opening

GENEVA = "/processes/intra-syrian-talks-geneva/calendar.ics"


def test_dtstamp_is_when_the_calendar_was_made(client, geneva, settled):
    before = datetime.now(UTC).replace(microsecond=0)
    response = client.get(GENEVA)
    after = datetime.now(UTC)
    cal = icalendar.Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert events
    for event in events:
        stamp = event.decoded("DTSTAMP")
        assert before <= stamp <= after, stamp
        # The demo's events were recorded in 2016: that is their LAST-MODIFIED.
        assert event.decoded("LAST-MODIFIED") < datetime(2017, 1, 1, tzinfo=UTC)
    # Its Last-Modified: its items' latest, or the actor registry's last change (the names it
    # shows) when later, as here: the test's actors were made now.
    last = max(max(e.decoded("LAST-MODIFIED") for e in events), registry_changed())
    assert parse_http_date(response["Last-Modified"]) == int(last.timestamp())


def test_the_etag_is_weak_and_answers_304(client, geneva, settled):
    first = client.get(GENEVA)
    assert first["ETag"].startswith('W/"')
    again = client.get(GENEVA, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(GENEVA, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_an_empty_calendar_has_last_modified_too(client, app, actors, settled):
    everything = client.get("/calendar.ics")  # no process at all
    assert everything.status_code == 200
    assert b"BEGIN:VEVENT" not in everything.content
    assert everything["Last-Modified"] == http_date(registry_changed().timestamp())
    assert (
        client.get("/calendar.ics", HTTP_IF_MODIFIED_SINCE=everything["Last-Modified"]).status_code
        == 304
    )

    app.open_process(opening(), recorded_by="editor")  # opened, nothing scheduled
    process = Process.objects.get()
    with second_over():
        one = client.get(f"/processes/{process.slug}/calendar.ics")
        assert b"BEGIN:VEVENT" not in one.content
        assert one["Last-Modified"] == http_date(
            max(process.updated_at, registry_changed()).timestamp()
        )
        assert (
            client.get(
                f"/processes/{process.slug}/calendar.ics", HTTP_IF_NONE_MATCH=one["ETag"]
            ).status_code
            == 304
        )
        later = http_date((process.updated_at + timedelta(seconds=1)).timestamp())
        assert client.get("/calendar.ics", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
        assert client.get("/calendar.ics")["Last-Modified"] == one["Last-Modified"]


def registry_changed() -> datetime:
    """The actor registry's last change (the test's actors, made as it began)."""
    from negotiations.write.models import Actor

    return Actor.objects.latest("changed_at").changed_at


def test_a_304_is_answered_before_the_calendar_is_made(client, geneva, settled):
    """A 304 built the whole calendar to tag it: 0.9 s with 189 processes, and six readers
    at once held every worker (an outside reader's test). It reads what the calendar is made
    from (the processes' versions and last change, the actors' names) and no item."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in ("/calendar.ics", GENEVA):
        first = client.get(url)
        with CaptureQueriesContext(connection) as made:
            client.get(url)
        with CaptureQueriesContext(connection) as answered:
            again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert len(answered) <= 3, [q["sql"] for q in answered.captured_queries]
        assert len(answered) < len(made) / 2, (len(answered), len(made))
