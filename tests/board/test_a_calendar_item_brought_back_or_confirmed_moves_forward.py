"""A subscribed calendar keeps what it was last told unless SEQUENCE rises (RFC 5545, 3.8.7.4).
Two outside readers found it told otherwise:

- a feed reader: talks cancelled because newer talks superseded them came back when those
  were retracted, with SEQUENCE 0 (it had been 2) and LAST-MODIFIED unchanged, so a calendar
  kept them cancelled; likewise a resumption a suspension had cancelled, the suspension
  retracted;
- an analyst recording Kuwait 2016: talks for 18 April announced again on 1 April for the same
  day ("on track") cancelled the meeting and made another item with a new UID. A
  confirmation now keeps the meeting's one item, as last said (its venue, a higher
  SEQUENCE); talks for another day still supersede it."""

from __future__ import annotations

from datetime import datetime

import icalendar
import pytest

from tests.api.recording import opened_over_http, recorded
from tests.factories import cause

pytestmark = pytest.mark.django_db


def items(client, slug: str) -> list[icalendar.Event]:
    response = client.get(f"/processes/{slug}/calendar.ics")
    assert response.status_code == 200
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def told(event: icalendar.Event) -> tuple[str, int, datetime]:
    return str(event["STATUS"]), int(event["SEQUENCE"]), event.decoded("LAST-MODIFIED")


def item(client, slug: str, uid: object) -> icalendar.Event:
    (found,) = [e for e in items(client, slug) if str(e["UID"]) == str(uid)]
    return found


def when(event: dict) -> datetime:
    """An event's recorded_at as LAST-MODIFIED gives it, to the second."""
    return datetime.fromisoformat(event["recorded_at"]).replace(microsecond=0)


def talks(api, slug: str, announced: str, day: str, venue: str = "Geneva") -> dict:
    return recorded(api, slug, "talks_scheduled", announced, scheduled_for=day, venue=venue)


def test_talks_back_after_their_superseder_is_retracted_move_forward(editor_api, anon, actors):
    slug = opened_over_http(editor_api)
    talks(editor_api, slug, "2016-03-01", "2016-03-20")
    later = talks(editor_api, slug, "2016-03-05", "2016-03-25")
    (first,) = [e for e in items(anon, slug) if e.decoded("DTSTART").day == 20]
    cancelled = told(first)
    assert cancelled[0] == "CANCELLED"

    retraction = recorded(
        editor_api, slug, "event_retracted", None, retracts=later["sequence"], reason="Typo"
    )

    status, sequence, modified = told(item(anon, slug, first["UID"]))
    assert status == "CONFIRMED"
    assert sequence > cancelled[1]
    assert modified == when(retraction)  # the change that brought it back


def test_a_resumption_back_after_its_suspension_is_retracted_moves_forward(
    editor_api, anon, actors
):
    slug = opened_over_http(editor_api)
    recorded(editor_api, slug, "talks_convened", "2016-03-01", venue="Geneva")
    recorded(editor_api, slug, "talks_paused", "2016-03-02", expected_resumption_on="2016-03-20")
    suspended = recorded(editor_api, slug, "talks_suspended", "2016-03-05", causes=[cause()])
    (resumption,) = items(anon, slug)
    cancelled = told(resumption)
    assert cancelled[0] == "CANCELLED"

    retracts = suspended["sequence"]
    retraction = recorded(
        editor_api, slug, "event_retracted", None, retracts=retracts, reason="Misread"
    )

    status, sequence, modified = told(item(anon, slug, resumption["UID"]))
    assert status == "CONFIRMED"
    assert sequence > cancelled[1]
    assert modified == when(retraction)


def test_talks_confirmed_for_the_same_day_stay_one_meeting(editor_api, anon, actors):
    slug = opened_over_http(editor_api)
    talks(editor_api, slug, "2016-03-23", "2016-04-18", venue="Kuwait")
    (announced,) = items(anon, slug)
    talks(editor_api, slug, "2016-04-01", "2016-04-18", venue="Kuwait City")

    (meeting,) = items(anon, slug)  # one item: the meeting, not a cancelled one and a new one
    assert str(meeting["UID"]) == str(announced["UID"])
    assert str(meeting["STATUS"]) == "CONFIRMED"
    assert str(meeting["LOCATION"]) == "Kuwait City"  # as last said
    assert "Superseded" not in str(meeting["DESCRIPTION"])
    assert int(meeting["SEQUENCE"]) > int(announced["SEQUENCE"])

    # Talks for another day still supersede the meeting, confirmed or not.
    moved = talks(editor_api, slug, "2016-04-10", "2016-04-21", venue="Kuwait City")
    found = {str(e["UID"]): e for e in items(anon, slug)}
    assert len(found) == 2
    old = found[str(announced["UID"])]
    assert str(old["STATUS"]) == "CANCELLED"
    assert "Superseded by the talks to be held on 21 April 2016." in str(old["DESCRIPTION"])
    assert int(old["SEQUENCE"]) == moved["sequence"] - 2  # the first talks were event 2
    (new,) = [e for uid, e in found.items() if uid != str(announced["UID"])]
    assert str(new["STATUS"]) == "CONFIRMED"


def test_talks_back_after_a_suspension_ends_move_forward(editor_api, anon, actors):
    """A review: talks scheduled for 1 May, a suspension on 20 April (cancelled, SEQUENCE
    1), the talks resumed on 25 April: confirmed again at SEQUENCE 0, LAST-MODIFIED back at
    the scheduling, so a calendar kept the cancellation."""
    slug = opened_over_http(editor_api)
    recorded(editor_api, slug, "talks_convened", "2016-04-01", venue="Geneva")
    talks(editor_api, slug, "2016-04-10", "2016-05-01")
    recorded(editor_api, slug, "talks_suspended", "2016-04-20", causes=[cause()])
    (suspended,) = items(anon, slug)
    cancelled = told(suspended)
    assert cancelled[0] == "CANCELLED"

    resumed = recorded(editor_api, slug, "talks_resumed", "2016-04-25")

    status, sequence, modified = told(item(anon, slug, suspended["UID"]))
    assert status == "CONFIRMED"
    assert sequence > cancelled[1]
    assert modified == when(resumed)


def test_a_retracted_announcement_or_confirmation_keeps_to_its_own(editor_api, anon, actors):
    """A review: the original retracted, its item took the confirmation's venue; the
    confirmation retracted, a never-seen UID appeared, cancelled, beside the meeting."""
    slug = opened_over_http(editor_api)
    first = talks(editor_api, slug, "2016-03-23", "2016-04-18", venue="Kuwait")
    (meeting,) = items(anon, slug)
    again = talks(editor_api, slug, "2016-04-01", "2016-04-18", venue="Kuwait City")
    recorded(editor_api, slug, "event_retracted", None, retracts=again["sequence"], reason="No")

    (still,) = items(anon, slug)  # the meeting alone: no item for the withdrawn confirmation
    assert str(still["UID"]) == str(meeting["UID"])
    assert str(still["STATUS"]) == "CONFIRMED"
    assert str(still["LOCATION"]) == "Kuwait"

    other = opened_over_http(editor_api, name="Other talks")
    first = talks(editor_api, other, "2016-03-23", "2016-04-18", venue="Kuwait")
    talks(editor_api, other, "2016-04-01", "2016-04-18", venue="Kuwait City")
    recorded(editor_api, other, "event_retracted", None, retracts=first["sequence"], reason="No")
    found = {str(e["LOCATION"]): str(e["STATUS"]) for e in items(anon, other)}
    assert found == {"Kuwait": "CANCELLED", "Kuwait City": "CONFIRMED"}
