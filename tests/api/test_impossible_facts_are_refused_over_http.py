"""Over HTTP, what cannot have happened is a 400 `invalid` naming the field, and stores
nothing: an event dated in the future, a pause expected to end before it began, and the
same through a correction, which passes every rule of a new event."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.api.recording import (
    correction_of,
    events_url,
    opened_over_http,
    recorded,
    refused,
    store_snapshot,
)
from tests.factories import opening


@pytest.fixture
def active(editor_api, actors):
    slug = opened_over_http(editor_api)
    recorded(editor_api, slug, "talks_convened", "2016-02-01")  # 2
    return slug


def test_a_status_change_dated_2031_is_refused(anon, editor_api, active):
    code, error = refused(editor_api, active, "talks_concluded", "2031-01-01", outcome="agreement")
    assert (code, error["code"]) == (400, "invalid")
    assert "in the future" in error["errors"]["occurred_on"][0]
    detail = anon.get(f"/api/v1/processes/{active}/").json()
    assert (detail["status"], detail["status_since"]) == ("active", "2016-02-01")


def test_a_process_opened_in_the_future_is_refused(editor_api, actors):
    before = store_snapshot()
    after_tomorrow = (datetime.now(UTC).date() + timedelta(days=2)).isoformat()
    response = editor_api.post(
        "/api/v1/processes/", opening(occurred_on=after_tomorrow), format="json"
    )
    assert response.status_code == 400
    assert "occurred_on" in response.json()["errors"]
    assert store_snapshot() == before


def test_a_future_date_is_invalid_before_a_version_conflict(editor_api, active):
    body = {"actor": "turkey", "stance": "critical", "summary": "No point to talks."}
    code, error = refused(
        editor_api, active, "statement_made", "2031-01-01", expected_version=1, **body
    )
    assert (code, error["code"], list(error["errors"])) == (400, "invalid", ["occurred_on"])
    code, error = refused(
        editor_api, active, "statement_made", "2016-02-02", expected_version=1, **body
    )
    assert (code, error["code"]) == (409, "version_conflict")


def test_a_pause_expected_to_end_before_it_began_is_refused(editor_api, active):
    code, error = refused(
        editor_api, active, "talks_paused", "2016-02-03", expected_resumption_on="2016-01-15"
    )
    assert (code, list(error["errors"])) == (400, ["expected_resumption_on"])


def test_a_correction_putting_the_resumption_before_the_pause_is_refused(editor_api, active):
    pause = recorded(
        editor_api, active, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25"
    )
    correction = correction_of(pause["sequence"], expected_resumption_on="2016-01-15")
    code, error = refused(editor_api, active, "event_corrected", "2016-02-05", **correction)
    assert (code, list(error["errors"])) == (400, ["changes.expected_resumption_on"])


def test_a_correction_cannot_give_month_precision_to_an_event_dated_the_12th(editor_api, active):
    said = {"actor": "turkey", "stance": "critical", "summary": "No point to talks."}
    statement = recorded(editor_api, active, "statement_made", "2016-02-12", **said)
    correction = correction_of(
        statement["sequence"], "Only the month is sure", date_precision="month"
    )
    code, error = refused(editor_api, active, "event_corrected", "2016-02-13", **correction)
    assert (code, error["errors"]) == (
        400,
        {"changes.occurred_on": ["With month precision the day is sent as 01."]},
    )
    # Both fields in the changes: the same rule, on the corrected event as a whole.
    both = correction_of(
        statement["sequence"], "February", occurred_on="2016-02-03", date_precision="month"
    )
    code, error = refused(editor_api, active, "event_corrected", "2016-02-13", **both)
    assert (code, error["errors"]) == (
        400,
        {"changes.occurred_on": ["With month precision the day is sent as 01."]},
    )


def test_a_retraction_is_recorded_without_a_date_of_its_own(anon, editor_api, active):
    response = editor_api.post(
        events_url(active),
        {"type": "event_retracted", "retracts": 2, "reason": "Reported in error"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["event"]["occurred_on"] is None
    assert response.json()["process"]["status"] == "planned"


def test_talks_cannot_be_convened_before_the_process_was_opened(anon, editor_api, actors):
    slug = opened_over_http(editor_api, name="Late file", occurred_on="2016-03-01")
    code, error = refused(editor_api, slug, "talks_convened", "2016-02-01")
    assert (code, error["code"]) == (400, "invalid")
    assert "before the process was opened (1 March 2016)" in error["errors"]["occurred_on"][0]
    answer = anon.get(f"/api/v1/processes/{slug}/status/", {"as_of": "2016-02-10"}).json()
    assert answer["status"] is None  # not "active" on a date before the process existed


def test_talks_cannot_be_scheduled_for_a_day_before_their_announcement(anon, editor_api, active):
    code, error = refused(
        editor_api,
        active,
        "talks_scheduled",
        "2016-03-10",
        scheduled_for="2016-03-01",
        venue="Geneva",
    )
    assert (code, error["code"]) == (400, "invalid")
    assert "before the announcement itself" in error["errors"]["scheduled_for"][0]
    assert "20160301" not in anon.get(f"/processes/{active}/calendar.ics").content.decode()
