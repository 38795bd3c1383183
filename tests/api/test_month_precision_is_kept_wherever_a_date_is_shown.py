"""A month-precise date keeps its precision wherever the API shows it: a `*_precision` field
(`day` or `month`) beside the date. The Havana talks returned to the table "in October 2016"
after the plebiscite of the 2nd: on 2 October they were not "active since 1 October"."""

from datetime import UTC, datetime

import pytest

from tests.api.recording import (
    RESUMED_IN_OCTOBER,
    havana_over_http,
    recorded,
    refused,
    turkey_said,
)


@pytest.fixture
def havana(editor_api, actors):
    rejected = turkey_said(
        "2016-10-02", "rejecting", "The agreement is rejected in the plebiscite."
    )
    return havana_over_http(editor_api, rejected, RESUMED_IN_OCTOBER)


def test_status_on_the_day_after_a_month_precise_change_says_since_which_month(anon, havana):
    status = anon.get(f"/api/v1/processes/{havana}/status/", {"as_of": "2016-10-02"}).json()
    assert (status["status"], status["status_since"], status["status_since_precision"]) == (
        "active",
        "2016-10-01",
        "month",
    )
    before = anon.get(f"/api/v1/processes/{havana}/status/", {"as_of": "2016-09-30"}).json()
    assert (before["status"], before["status_since_precision"]) == ("concluded", "day")
    # The same through the fold of what was known at a time.
    then = anon.get(
        f"/api/v1/processes/{havana}/status/",
        {"as_of": "2016-10-02", "known_at": f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%S.%fZ}"},
    ).json()
    assert (then["status_since"], then["status_since_precision"]) == ("2016-10-01", "month")


def test_summaries_and_the_status_change_feed_carry_the_precision(anon, havana):
    detail = anon.get(f"/api/v1/processes/{havana}/").json()
    assert (detail["status_since"], detail["status_since_precision"]) == ("2016-10-01", "month")
    assert (detail["last_event_on"], detail["last_event_on_precision"]) == ("2016-10-02", "day")
    assert (detail["opened_on"], detail["opened_on_precision"]) == ("2012-08-01", "day")
    (listed,) = anon.get("/api/v1/processes/", {"q": "Havana"}).json()["results"]
    assert listed["status_since_precision"] == "month"
    feed = anon.get("/api/v1/status-changes/", {"process": havana}).json()["results"]
    assert [(r["occurred_on"], r["date_precision"]) for r in feed] == [
        ("2012-10-18", "day"),
        ("2016-08-24", "day"),
        ("2016-10-01", "month"),
    ]


def test_a_month_precise_change_is_in_order_after_a_later_day_of_its_month(
    anon, editor_api, havana
):
    recorded(editor_api, havana, "talks_concluded", "2016-11-12", outcome="agreement")
    # Known later: the talks met again in November, day unknown.
    recorded(editor_api, havana, "talks_resumed", "2016-11-01", date_precision="month")
    code, error = refused(
        editor_api, havana, "talks_paused", "2016-10-31", expected_resumption_on="2016-12-01"
    )
    assert (code, error["code"], error["not_before"], error["not_before_precision"]) == (
        409,
        "out_of_order",
        "2016-11-01",
        "month",
    )
