"""The `?overdue=` filter's boundary: a pause whose expected resumption is today is not
overdue yet (the talks may resume today); one due back yesterday is."""

from datetime import timedelta

import pytest

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
