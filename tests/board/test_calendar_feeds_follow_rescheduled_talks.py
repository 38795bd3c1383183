"""The iCalendar feeds (RFC 5545), read with the icalendar library: scheduled talks and
expected resumptions with stable UIDs, so that a subscribed calendar follows a rescheduled
meeting (same UID, higher SEQUENCE) and a cancelled or superseded one (STATUS:CANCELLED)."""

from datetime import date

import icalendar

from tests.factories import record

GENEVA = "/processes/intra-syrian-talks-geneva/"


def events(client, url: str) -> dict[str, icalendar.Event]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"]
    out = {}
    for event in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE", "STATUS"):
            assert prop in event, prop
        out[str(event["UID"])] = event
    return out


def by_summary(found: dict, text: str) -> icalendar.Event:
    return next(e for e in found.values() if text in str(e["SUMMARY"]))


def test_scheduled_talks_and_expected_resumptions_are_events(client, geneva):
    found = events(client, GENEVA + "calendar.ics")
    rows = geneva.timeline.order_by("sequence")
    scheduled = [r.current or r.recorded for r in rows.filter(type="talks_scheduled")]
    pauses = [r.current or r.recorded for r in rows.filter(type="talks_paused")]
    assert scheduled
    assert pauses
    # Every talk the demo scheduled, on its date and at its venue.
    talks = [e for e in found.values() if str(e["SUMMARY"]).startswith("Talks in ")]
    assert sorted((e.decoded("DTSTART"), str(e["LOCATION"])) for e in talks) == sorted(
        (date.fromisoformat(v["scheduled_for"]), v["venue"]) for v in scheduled
    )
    # The venue and the name isolated (U+2068...U+2069), as a feed's title isolates them.
    assert all(
        str(e["SUMMARY"]) == f"Talks in \u2068{e['LOCATION']}\u2069: \u2068{geneva.name}\u2069"
        for e in talks
    )
    # Every expected resumption; that of the pause of 3 February 2016 was superseded by the
    # talks announced on 26 February (see test_superseded_meetings_are_cancelled).
    resumptions = {
        e.decoded("DTSTART"): e for e in found.values() if "Expected resumption" in e["SUMMARY"]
    }
    assert set(resumptions) == {date.fromisoformat(v["expected_resumption_on"]) for v in pauses}
    first = resumptions[date.fromisoformat(pauses[0]["expected_resumption_on"])]
    assert first.decoded("DTSTART") == date(2016, 2, 25)
    assert str(first["STATUS"]) == "CANCELLED"
    in_force = [e for e in found.values() if str(e["SUMMARY"]).startswith("Takes effect: ")]
    assert len(found) == len(talks) + len(resumptions) + len(in_force)
    assert set(found) <= set(events(client, "/calendar.ics"))


def test_a_rescheduled_meeting_keeps_its_uid_with_a_higher_sequence(client, app, geneva):
    scheduled = record(
        app, geneva.pk, "talks_scheduled", "2017-02-01", scheduled_for="2017-02-20", venue="Geneva"
    )
    before = {
        uid: e
        for uid, e in events(client, GENEVA + "calendar.ics").items()
        if e.decoded("DTSTART") == date(2017, 2, 20)
    }
    [(uid, first)] = before.items()
    postponed = {"scheduled_for": "2017-02-23"}
    reason = "Postponed by three days."
    correction = {"corrects": scheduled.sequence, "changes": postponed, "reason": reason}
    record(app, geneva.pk, "event_corrected", "2017-02-10", **correction)
    after = events(client, GENEVA + "calendar.ics")[uid]
    assert after.decoded("DTSTART") == date(2017, 2, 23)
    assert int(after["SEQUENCE"]) > int(first["SEQUENCE"])
    assert str(after["STATUS"]) == "CONFIRMED"
    assert after.decoded("DTSTAMP") >= first.decoded("DTSTAMP")

    app.retract_event(
        geneva.pk,
        occurred_on="2017-02-12",
        retracts=scheduled.sequence,
        reason="Called off.",
        recorded_by="x",
    )
    cancelled = events(client, GENEVA + "calendar.ics")[uid]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(after["SEQUENCE"])
    assert "Called off." in str(cancelled["DESCRIPTION"])


def test_a_pause_that_became_a_suspension_cancels_its_expected_resumption(client, app, geneva):
    # The demo's talks end suspended: a resumption is the status change they can take.
    record(app, geneva.pk, "talks_resumed", "2017-02-23")
    record(app, geneva.pk, "talks_paused", "2017-03-03", expected_resumption_on="2017-03-23")
    [(uid, pending)] = [
        (u, e)
        for u, e in events(client, GENEVA + "calendar.ics").items()
        if e.decoded("DTSTART") == date(2017, 3, 23)
    ]
    assert str(pending["STATUS"]) == "CONFIRMED"
    record(app, geneva.pk, "talks_suspended", "2017-03-10")  # with a stated cause
    superseded = events(client, GENEVA + "calendar.ics")[uid]
    assert str(superseded["STATUS"]) == "CANCELLED"
    assert int(superseded["SEQUENCE"]) > int(pending["SEQUENCE"])


def test_talks_overtaken_by_a_collapse_are_cancelled(client, app, geneva):
    # The demo's talks end suspended: a resumption is the status change they can take.
    record(app, geneva.pk, "talks_resumed", "2017-02-23")
    record(
        app, geneva.pk, "talks_scheduled", "2017-02-24", scheduled_for="2017-04-10", venue="Astana"
    )
    record(app, geneva.pk, "talks_collapsed", "2017-03-01")  # with a stated cause
    astana = by_summary(events(client, GENEVA + "calendar.ics"), "Astana")
    assert str(astana["STATUS"]) == "CANCELLED"
