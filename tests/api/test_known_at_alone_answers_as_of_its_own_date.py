"""Given only `known_at`, `status/` answers as of the UTC date of `known_at`: what the tracker
said that day about that day. Given only `as_of`, `known_at` is now."""

import time_machine

from tests.api.recording import opened_over_http, recorded
from tests.api_fixtures import cause


def record_the_geneva_week_as_it_happened(editor_api) -> str:
    # Each event is recorded on the day it was reported.
    with time_machine.travel("2016-01-25T10:00:00Z", tick=False):
        slug = opened_over_http(editor_api)
    with time_machine.travel("2016-02-01T18:00:00Z", tick=False):
        recorded(editor_api, slug, "talks_convened", "2016-02-01", venue="Geneva")
    with time_machine.travel("2016-02-03T19:30:00Z", tick=False):
        recorded(
            editor_api,
            slug,
            "talks_paused",
            "2016-02-03",
            expected_resumption_on="2016-02-25",
            causes=[cause()],
        )
    with time_machine.travel("2016-03-14T09:00:00Z", tick=False):
        recorded(editor_api, slug, "talks_resumed", "2016-03-14")
    return slug


def test_known_at_without_as_of_answers_as_of_the_date_of_known_at(anon, editor_api, actors):
    slug = record_the_geneva_week_as_it_happened(editor_api)
    url = f"/api/v1/processes/{slug}/status/"

    then = anon.get(url, {"known_at": "2016-02-05T12:00:00Z"}).json()
    assert then["as_of"] == "2016-02-05"
    assert (then["status"], then["status_since"], then["overdue"]) == (
        "paused",
        "2016-02-03",
        False,  # on 5 February the pause was not yet due to end
    )
    assert then["known_at"] == "2016-02-05T12:00:00.000000Z"
    assert then["version"] == 3

    # A time zone offset is a UTC date: 23:30 on 2 March in New York is 3 March in UTC.
    later = anon.get(url, {"known_at": "2016-03-02T23:30:00-05:00"}).json()
    assert (later["as_of"], later["status"], later["overdue"]) == ("2016-03-03", "paused", True)


def test_as_of_without_known_at_answers_with_everything_known_now(anon, editor_api, actors):
    slug = record_the_geneva_week_as_it_happened(editor_api)
    now = anon.get(f"/api/v1/processes/{slug}/status/", {"as_of": "2016-03-20"}).json()
    assert (now["status"], now["known_at"], now["version"]) == ("active", None, 4)
