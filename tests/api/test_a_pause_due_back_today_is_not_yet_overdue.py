"""The `?overdue=` filter's boundary: a pause whose expected resumption is today is not
overdue yet (the talks may resume today); one due back yesterday is."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine

from negotiations.domain.specs import utc_day
from tests.api.recording import paused_until


@pytest.fixture
def pauses(editor_api, actors):
    return {
        "yesterday": paused_until(editor_api, "Due yesterday", utc_day() - timedelta(days=1)),
        "today": paused_until(editor_api, "Due today", utc_day()),
        "tomorrow": paused_until(editor_api, "Due tomorrow", utc_day() + timedelta(days=1)),
    }


def slugs(client, **params) -> set[str]:
    return {p["slug"] for p in client.get("/api/v1/processes/", params).json()["results"]}


def test_only_a_pause_due_back_before_today_is_overdue(anon, pauses):
    assert slugs(anon, overdue="true") == {pauses["yesterday"]}
    assert slugs(anon, overdue="false") == {pauses["today"], pauses["tomorrow"]}


def test_the_summary_agrees_with_the_filter(anon, pauses):
    overdue = {p["slug"]: p["overdue"] for p in anon.get("/api/v1/processes/").json()["results"]}
    assert overdue == {pauses["yesterday"]: True, pauses["today"]: False, pauses["tomorrow"]: False}


def test_a_reader_holding_the_detail_learns_at_midnight_that_it_is_overdue(anon, pauses):
    """The detail's ETag was the version and the actors' stamp only: across midnight a reader
    revalidating got 304, keeping `overdue: false` (a date tester's outside test, a served
    tracker under libfaketime). The tag changes with the day; within a day it still holds."""
    url = f"/api/v1/processes/{pauses['today']}/"
    held = anon.get(url)
    assert held.json()["overdue"] is False
    assert anon.get(url, headers={"If-None-Match": held["ETag"]}).status_code == 304
    tomorrow = datetime.combine(utc_day() + timedelta(days=1), time(0, 0, 30), tzinfo=UTC)
    with time_machine.travel(tomorrow, tick=False):
        again = anon.get(url, headers={"If-None-Match": held["ETag"]})
        assert again.status_code == 200
        assert again.json()["overdue"] is True
        assert again["ETag"] != held["ETag"]
        assert anon.get(url, headers={"If-None-Match": again["ETag"]}).status_code == 304
