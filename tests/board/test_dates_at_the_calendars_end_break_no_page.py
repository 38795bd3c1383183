"""A date at the calendar's end (9999-12-31, December 9999) that the API accepted is shown on
every page that draws or lists it. Talks scheduled for it answered 500 on the site's calendar
for every subscriber (the day after it does not exist), and a pause expecting December 9999
broke the process page and its admin page (the picture's margin passed the year 9999); a
retraction left the calendar broken, since retracted talks are still listed as cancelled."""

from __future__ import annotations

import icalendar
import pytest

from negotiations.read.models import Process
from tests.api.recording import opened_over_http, recorded

LAST = "9999-12-31"


@pytest.fixture
def far(editor_api, actors) -> dict[str, str]:
    """Three processes, each with one date at the calendar's end."""
    scheduled = opened_over_http(editor_api, name="Talks scheduled far ahead")
    recorded(editor_api, scheduled, "talks_scheduled", "2020-02-01", scheduled_for=LAST, venue="X")

    signed = opened_over_http(editor_api, name="Agreement in force far ahead")
    recorded(
        editor_api,
        signed,
        "agreement_signed",
        "2020-02-01",
        agreement="far",
        title="Far",
        stage="ceasefire",
        signatories=["hnc"],
        takes_effect_on=LAST,
    )

    paused = opened_over_http(editor_api, name="Paused far ahead")
    recorded(editor_api, paused, "talks_convened", "2020-02-01")
    recorded(
        editor_api,
        paused,
        "talks_paused",
        "2020-02-03",
        expected_resumption_on="9999-12-01",
        expected_resumption_precision="month",
    )
    return {"scheduled": scheduled, "signed": signed, "paused": paused}


def calendar_events(client, path: str) -> list:
    response = client.get(path)
    assert response.status_code == 200, path
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_the_calendars_list_them_with_a_length_instead_of_an_end(anon, far):
    everything = calendar_events(anon, "/calendar.ics")
    last_day = [e for e in everything if str(e["DTSTART"].to_ical(), "ascii") == "99991231"]
    assert len(last_day) == 2  # the talks, and the agreement taking effect
    for event in last_day:
        assert "DTEND" not in event
        assert event["DURATION"].dt.days == 1
    for slug in far.values():
        calendar_events(anon, f"/processes/{slug}/calendar.ics")


def test_a_retraction_of_the_talks_leaves_the_calendar_answering(editor_api, anon, far):
    recorded(editor_api, far["scheduled"], "event_retracted", None, retracts=2, reason="A typo")
    cancelled = [e for e in calendar_events(anon, "/calendar.ics") if e["STATUS"] == "CANCELLED"]
    assert [str(e["DTSTART"].to_ical(), "ascii") for e in cancelled] == ["99991231"]


def test_the_process_pages_and_their_admin_pages_draw_them(anon, client, superuser, far):
    client.force_login(superuser)
    for slug in far.values():
        assert anon.get(f"/processes/{slug}/").status_code == 200, slug
        pk = Process.objects.get(slug=slug).pk
        admin = f"/admin/negotiations/process/{pk}/change/"
        assert client.get(admin).status_code == 200, slug
        chosen = client.get(admin + "?range=dates&from=9999-12-30")
        assert chosen.status_code == 200, slug
