"""Talks postponed with no new date yet: a `talks_scheduled` without `scheduled_for`.

Ethiopia (AU-led talks, Pretoria, 2022): talks announced for 8 October were postponed on the
7th, "a new date had not yet been scheduled" (Reuters via Al Jazeera); on the 21st they were
set for the 24th, and they convened on the 25th. Before this, the analyst had to invent a
date or leave the postponement out. Recorded over HTTP; read back over HTTP."""

from datetime import date

import icalendar

from tests.api.recording import opened_over_http, recorded, refused
from tests.factories import cause


def ethiopia(editor_api) -> str:
    """The process, opened on the AU's invitation (the demo's actors)."""
    return opened_over_http(
        editor_api,
        name="AU-led talks on the Tigray conflict",
        conflict="Tigray war",
        mediators=["african-union"],
        parties=["ethiopian-government", "tplf"],
        occurred_on="2022-10-01",
    )


def postponed(editor_api, slug: str, on: str = "2022-10-07") -> dict:
    return recorded(
        editor_api, slug, "talks_scheduled", on, venue="South Africa", note="Logistics."
    )


def status(anon, slug: str, **query) -> dict:
    response = anon.get(f"/api/v1/processes/{slug}/status/", query)
    assert response.status_code == 200, response.json()
    return response.json()


def calendar(client, slug: str) -> list[icalendar.Event]:
    response = client.get(f"/processes/{slug}/calendar.ics")
    assert response.status_code == 200
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_postponement_is_recorded_without_a_date(editor_api, actors):
    slug = ethiopia(editor_api)
    recorded(
        editor_api, slug, "talks_scheduled", "2022-10-05", scheduled_for="2022-10-08", venue="SA"
    )
    shown = postponed(editor_api, slug)
    assert shown["scheduled_for"] is None
    assert shown["type"] == "talks_scheduled"
    listed = editor_api.get(f"/api/v1/processes/{slug}/events/").json()["results"]
    assert [e["scheduled_for"] for e in listed if e["type"] == "talks_scheduled"] == [
        "2022-10-08",
        None,
    ]


def test_a_month_without_a_date_is_refused_and_stores_nothing(editor_api, actors):
    slug = ethiopia(editor_api)
    code, error = refused(
        editor_api,
        slug,
        "talks_scheduled",
        "2022-10-07",
        venue="South Africa",
        scheduled_for_precision="month",
    )
    assert code == 400
    assert error["code"] == "invalid"
    assert "scheduled_for_precision" in error["errors"]


def test_ethiopia_2022_calendar_cancels_the_8_october_talks(editor_api, anon, client, actors):
    slug = ethiopia(editor_api)
    recorded(
        editor_api,
        slug,
        "talks_scheduled",
        "2022-10-05",
        scheduled_for="2022-10-08",
        venue="South Africa",
    )
    before = {str(e["UID"]): e for e in calendar(client, slug)}
    (first_uid,) = before
    assert str(before[first_uid]["STATUS"]) == "CONFIRMED"

    postponed(editor_api, slug)
    recorded(
        editor_api,
        slug,
        "talks_scheduled",
        "2022-10-21",
        scheduled_for="2022-10-24",
        venue="Pretoria",
    )
    recorded(editor_api, slug, "talks_convened", "2022-10-25", venue="Pretoria")

    after = {str(e["UID"]): e for e in calendar(client, slug)}
    assert len(after) == 2  # the postponement itself has no day to be on
    first = after[first_uid]
    assert first.decoded("DTSTART") == date(2022, 10, 8)
    assert str(first["STATUS"]) == "CANCELLED"
    assert int(first["SEQUENCE"]) > int(before[first_uid]["SEQUENCE"])
    assert "no new date" in str(first["DESCRIPTION"])
    (second,) = [e for uid, e in after.items() if uid != first_uid]
    assert (second.decoded("DTSTART"), str(second["STATUS"])) == (date(2022, 10, 24), "CONFIRMED")
    # The global calendar says the same.
    everything = client.get("/calendar.ics").content
    assert str(icalendar.Calendar.from_ical(everything).walk("VEVENT")[0]["STATUS"])

    assert status(anon, slug, as_of="2022-10-07")["status"] == "planned"
    assert status(anon, slug, as_of="2022-10-26")["status"] == "active"


def test_the_board_and_atom_tell_the_postponement(editor_api, client, actors):
    slug = ethiopia(editor_api)
    recorded(
        editor_api, slug, "talks_scheduled", "2022-10-05", scheduled_for="2022-10-08", venue="SA"
    )
    postponed(editor_api, slug)
    recorded(editor_api, slug, "talks_convened", "2022-10-25", venue="Pretoria")

    page = client.get(f"/processes/{slug}/").content.decode()
    assert "Talks postponed; no new date set." in page
    assert "None" not in page
    french = client.get(f"/fr/processes/{slug}/").content.decode()
    assert "Pourparlers reportés\u00a0; aucune nouvelle date fixée." in french
    feed = client.get(f"/processes/{slug}/feed.atom")
    assert feed.status_code == 200
    assert b"None" not in feed.content


def test_a_pause_no_longer_expects_its_date_after_a_postponement(editor_api, anon, actors):
    slug = ethiopia(editor_api)
    recorded(editor_api, slug, "talks_convened", "2022-10-25", venue="Pretoria")
    pause = recorded(
        editor_api,
        slug,
        "talks_paused",
        "2022-10-28",
        expected_resumption_on="2022-11-05",
        causes=[cause("procedural", "african-union")],
    )
    shown = postponed(editor_api, slug, "2022-11-02")

    day_before = status(anon, slug, as_of="2022-11-01")
    assert (day_before["expected_resumption_on"], day_before["overdue"]) == ("2022-11-05", False)
    for after in ("2022-11-02", "2022-11-10"):
        on = status(anon, slug, as_of=after)
        assert on["status"] == "paused"
        assert (on["expected_resumption_on"], on["overdue"]) == (None, False), after
        assert on["expected_resumption_precision"] is None
    # As the tracker knew it before the postponement was recorded, the pause was overdue.
    then = status(
        anon,
        slug,
        as_of="2022-11-10",
        known_at=pause["recorded_at"],
    )
    assert (then["expected_resumption_on"], then["overdue"]) == ("2022-11-05", True)
    known_after = status(anon, slug, as_of="2022-11-10", known_at=shown["recorded_at"])
    assert (known_after["expected_resumption_on"], known_after["overdue"]) == (None, False)

    (row,) = [p for p in anon.get("/api/v1/processes/").json()["results"] if p["slug"] == slug]
    assert (row["expected_resumption_on"], row["overdue"]) == (None, False)

    # A new date, set later, is what the pause expects from then on.
    recorded(
        editor_api,
        slug,
        "talks_scheduled",
        "2022-11-08",
        scheduled_for="2022-11-15",
        venue="Nairobi",
    )
    assert status(anon, slug, as_of="2022-11-03")["expected_resumption_on"] is None
    assert status(anon, slug, as_of="2022-11-09")["expected_resumption_on"] == "2022-11-15"


def test_a_correction_that_takes_the_date_away_cancels_the_item(editor_api, client, actors):
    slug = ethiopia(editor_api)
    talks = recorded(
        editor_api, slug, "talks_scheduled", "2022-10-01", scheduled_for="2022-10-08", venue="SA"
    )
    recorded(
        editor_api,
        slug,
        "event_corrected",
        "2022-10-07",
        corrects=talks["sequence"],
        changes={"scheduled_for": None},
        reason="Postponed, not set for the 8th: no date had been fixed.",
    )
    (item,) = calendar(client, slug)
    assert item.decoded("DTSTART") == date(2022, 10, 8)  # where subscribers have it
    assert (str(item["STATUS"]), int(item["SEQUENCE"])) == ("CANCELLED", 1)
    assert "no new date" in str(item["DESCRIPTION"])


def test_a_postponement_gives_its_causes_and_may_not_know_the_venue(editor_api, anon, actors):
    """The Ethiopia sheet codes the 7 October postponement as one `talks_scheduled` with its
    causes, each attributed (logistics; no consultation before the invitations); a
    postponement with no new date may not know where the talks will be either."""
    slug = ethiopia(editor_api)
    recorded(
        editor_api, slug, "talks_scheduled", "2022-10-05", scheduled_for="2022-10-08", venue="SA"
    )
    logistics = cause("procedural", "african-union", description="Logistical reasons.")
    consulted = cause("participation_dispute", "tplf", description="Not consulted.")
    shown = recorded(
        editor_api, slug, "talks_scheduled", "2022-10-07", causes=[logistics, consulted]
    )
    assert shown["venue"] == ""
    assert [c["category"] for c in shown["causes"]] == ["procedural", "participation_dispute"]
    timeline = anon.get(f"/api/v1/processes/{slug}/events/").json()["results"]
    assert [c["stated_by"] for c in timeline[-1]["causes"]] == ["african-union", "tplf"]

    # A date still needs its venue: refused, nothing stored, the field named.
    code, error = refused(
        editor_api, slug, "talks_scheduled", "2022-10-21", scheduled_for="2022-10-24"
    )
    assert code == 400
    assert "venue" in error["errors"], error
    # And a correction may not take the venue from a dated one (the event as corrected).
    code, error = refused(
        editor_api,
        slug,
        "event_corrected",
        "2022-10-05",
        corrects=2,
        changes={"venue": ""},
        reason="r",
    )
    assert code == 400, error
    assert "Say where the talks are to be held" in str(error), error
