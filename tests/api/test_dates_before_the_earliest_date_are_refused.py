"""Issue 21, item 9: a date before EARLIEST_DATE (1900-01-01 unless set) in a new command is
a typo (0001-01-01 was accepted), refused with 400 naming the field and storing nothing, for
every date a body carries. Stored events are never validated again by it."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from tests.api.recording import (
    correction_of,
    opened_over_http,
    recorded,
    refused,
    store_snapshot,
)
from tests.api_fixtures import GENEVA, event
from tests.factories import SOURCE, opening

PAUSE = 10  # the pause of 3 February 2016 in the demo


@pytest.mark.parametrize(
    ("type_", "occurred_on", "fields", "field"),
    [
        ("talks_resumed", "0001-01-01", {}, "occurred_on"),
        ("talks_resumed", "1899-12-31", {}, "occurred_on"),
        (
            "talks_scheduled",
            "2016-06-01",
            {"scheduled_for": "1066-10-14", "venue": "Hastings"},
            "scheduled_for",
        ),
        (
            "talks_resumed",
            "2016-06-01",
            {"sources": [{**SOURCE, "published_on": "0001-01-01"}]},
            "sources[0].published_on",
        ),
    ],
)
def test_a_date_before_the_floor_is_refused_naming_it(
    editor_api, geneva, type_, occurred_on, fields, field
):
    status, error = refused(editor_api, GENEVA, type_, occurred_on, **fields)
    assert status == 400
    assert error["code"] == "invalid"
    assert field in error["errors"], error
    assert "1900-01-01" in error["errors"][field][0]


def test_a_pause_expected_back_before_the_floor_is_refused(editor_api, geneva):
    # The Geneva talks are paused at the end of the demo: resume, then pause.
    recorded(editor_api, GENEVA, "talks_resumed", "2016-06-01")
    status, error = refused(
        editor_api, GENEVA, "talks_paused", "2016-06-02", expected_resumption_on="0001-01-01"
    )
    assert status == 400
    assert "before 1900-01-01" in error["errors"]["expected_resumption_on"][0]


def test_opening_a_process_before_the_floor_is_refused(editor_api, actors):
    before = store_snapshot()
    response = editor_api.post(
        "/api/v1/processes/", opening(occurred_on="0001-01-01"), format="json"
    )
    assert response.status_code == 400
    assert "occurred_on" in response.json()["errors"]
    assert store_snapshot() == before


def test_a_correction_to_a_date_before_the_floor_is_refused(editor_api, geneva):
    correction = correction_of(PAUSE, "typo", expected_resumption_on="0001-01-01")
    status, error = refused(editor_api, GENEVA, "event_corrected", "2016-02-05", **correction)
    assert status == 400
    assert "changes.expected_resumption_on" in error["errors"], error


def test_the_floor_is_a_setting(editor_api, actors, settings):
    settings.EARLIEST_DATE = datetime.date(1814, 9, 1)
    assert opened_over_http(editor_api, name="Congress of Vienna", occurred_on="1814-09-18")
    early = opening(name="Earlier", occurred_on="1814-08-31")
    assert editor_api.post("/api/v1/processes/", early, format="json").status_code == 400


def test_stored_events_before_a_raised_floor_are_still_read(editor_api, actors, settings):
    slug = opened_over_http(editor_api, name="Old talks", occurred_on="1950-01-05")
    settings.EARLIEST_DATE = datetime.date(2000, 1, 1)
    # Read, and written after: the stored opening of 1950 is not checked again.
    assert APIClient().get(f"/api/v1/processes/{slug}/events/").status_code == 200
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    late = editor_api.post(
        f"/api/v1/processes/{slug}/events/", event("talks_paused", "1999-12-31"), format="json"
    )
    assert late.status_code == 400
