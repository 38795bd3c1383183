"""A newer scheduled date replaces what a pause expected, in the API's `overdue` (the list,
its filter, and the status on a date) and on the board: the Geneva pause expected the talks
back on 25 February 2016, but talks announced on 8 March for the 14th mean that on 10 March
it was not overdue."""

from datetime import timedelta

from negotiations.domain.specs import utc_day
from tests.api.recording import paused_until, recorded

GENEVA = "/api/v1/processes/intra-syrian-talks-geneva/"


def test_geneva_on_10_march_2016_is_not_overdue(anon, geneva):
    on = anon.get(GENEVA + "status/", {"as_of": "2016-03-10"}).json()
    assert on["status"] == "paused"
    assert on["expected_resumption_on"] == "2016-03-14"
    assert on["overdue"] is False
    # Before any new date was announced, it was.
    on_26 = anon.get(
        GENEVA + "status/", {"as_of": "2016-02-26", "known_at": "2016-02-25T23:00:00Z"}
    )
    assert on_26.json()["overdue"] is True


def test_the_board_on_10_march_2016_says_no_overdue(client, geneva):
    page = client.get("/processes/intra-syrian-talks-geneva/", {"as_of": "2016-03-10"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "(overdue then)" not in text
    assert "14 March 2016" in text


def test_new_talks_end_a_pause_s_overdue_in_the_list(anon, editor_api, actors):
    slug = paused_until(editor_api, "Due three days ago", utc_day() - timedelta(days=3))
    listed = anon.get("/api/v1/processes/").json()["results"]
    assert [p["overdue"] for p in listed if p["slug"] == slug] == [True]

    coming = (utc_day() + timedelta(days=4)).isoformat()
    recorded(
        editor_api,
        slug,
        "talks_scheduled",
        utc_day().isoformat(),
        scheduled_for=coming,
        venue="Geneva",
    )

    (row,) = [p for p in anon.get("/api/v1/processes/").json()["results"] if p["slug"] == slug]
    assert row["overdue"] is False
    assert row["expected_resumption_on"] == coming
    overdue = anon.get("/api/v1/processes/", {"overdue": "true"}).json()["results"]
    assert slug not in {p["slug"] for p in overdue}
