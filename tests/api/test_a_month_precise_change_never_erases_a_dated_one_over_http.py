"""Issue 23, item 1, over HTTP on both databases: talks convened on 1 September, concluded on
15 October and resumed "in October" (month precision). The resumption takes effect on 16
October, the day after the dated conclusion, so the API's status on a date, its fold of what
was known then, and the board's table of periods all keep every recorded change on some date."""

import re
from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from negotiations.read.models import Process
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.api.recording import opened_over_http, recorded, refused
from tests.api.test_events_older_rules_accepted_still_fold import append_as_older_code_did
from tests.api_fixtures import event
from tests.factories import body_for, opening


@pytest.fixture
def resumed_in_october(editor_api, actors):
    slug = opened_over_http(editor_api, name="Autumn talks", occurred_on="2016-08-01")
    recorded(editor_api, slug, "talks_convened", "2016-09-01")
    recorded(editor_api, slug, "talks_concluded", "2016-10-15", outcome="no_agreement")
    recorded(editor_api, slug, "talks_resumed", "2016-10-01", date_precision="month")
    return slug


def status(client, slug, as_of, **known):
    answer = client.get(f"/api/v1/processes/{slug}/status/", {"as_of": as_of, **known})
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    return body["status"], body["status_since"], body["status_since_precision"]


@pytest.mark.parametrize("fold", [False, True], ids=["now", "fold"])
def test_the_status_on_each_date_keeps_the_conclusion(anon, resumed_in_october, fold):
    slug = resumed_in_october
    # Known at the end of today: after everything recorded (a date after tomorrow, 2099,
    # is refused now: a knowledge still to come is no answer).
    known = {"known_at": f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%S.%fZ}"} if fold else {}
    assert status(anon, slug, "2016-10-10", **known) == ("active", "2016-09-01", "day")
    assert status(anon, slug, "2016-10-15", **known) == ("concluded", "2016-10-15", "day")
    assert status(anon, slug, "2016-10-16", **known) == ("active", "2016-10-01", "month")


def test_the_board_lists_the_conclusion_for_a_day(anon, resumed_in_october):
    page = anon.get(f"/processes/{resumed_in_october}/").content.decode()
    table = page[page.index('id="periods"') : page.index("</table>", page.index('id="periods"'))]
    rows = [
        re.sub(r"<[^>]+>|\s+", " ", row).split()
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    ]
    concluded = next(r for r in rows if r[0] == "Concluded")
    # Until the resumption "in October": its month, not the 16th the fold gave it so that
    # the conclusion holds on one date (written as a day, it told a day nobody recorded).
    assert concluded[1:6] == ["15", "Oct", "2016", "Oct", "2016"]
    active = [r for r in rows if r[0] == "Active"][-1]
    assert active[1:3] == ["Oct", "2016"]
    assert not [r for r in rows if "16" in r], rows


def test_a_month_precise_convening_in_the_opening_s_month_reads_as_that_month(
    editor_api, anon, actors
):
    """An analyst's Havana: opened "in February 2012" and convened "in February 2012", both
    month-precise. The convening takes effect on the 2nd (the day after the opening, so that
    the planned talks hold on one date), and the board wrote "Planned from February 2012 to
    2 February 2012", "Active from 2 February 2012": a day no source gave."""
    slug = opened_over_http(
        editor_api, name="Exploratory talks", occurred_on="2012-02-01", date_precision="month"
    )
    recorded(editor_api, slug, "talks_convened", "2012-02-01", date_precision="month")
    page = anon.get(f"/processes/{slug}/").content.decode()
    text = re.sub(r"<[^>]+>|\s+", " ", page)
    assert "2 Feb" not in text
    assert "2012-02-02" not in page
    titles = re.findall(r"<title>([^<]*)</title>", page)
    assert "Planned from February 2012 to February 2012" in titles, titles
    assert any(t.startswith("Active from February 2012 to now") for t in titles), titles


def test_a_dated_change_before_the_month_precise_one_took_effect_is_refused(
    editor_api, resumed_in_october
):
    code, error = refused(
        editor_api,
        resumed_in_october,
        "talks_paused",
        "2016-10-15",
        expected_resumption_on="2016-11-01",
    )
    assert (code, error["code"], error["not_before"], error["not_before_precision"]) == (
        409,
        "out_of_order",
        "2016-10-16",
        "day",
    )


def test_a_month_precise_change_after_the_last_day_of_its_month_is_refused(editor_api, actors):
    slug = opened_over_http(editor_api, name="Halloween talks", occurred_on="2016-08-01")
    recorded(editor_api, slug, "talks_convened", "2016-09-01")
    recorded(editor_api, slug, "talks_concluded", "2016-10-31", outcome="no_agreement")
    code, error = refused(editor_api, slug, "talks_resumed", "2016-10-01", date_precision="month")
    assert (code, error["code"]) == (400, "invalid")
    assert "Record it with its day" in error["errors"]["occurred_on"][0]


@pytest.fixture
def paused_in_march(editor_api, actors):
    """Convened on 1 February, paused "in March" (month precision): the pause takes effect
    on 1 March, the first day it can have happened."""
    slug = opened_over_http(editor_api, name="Spring talks", occurred_on="2016-01-01")
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    recorded(
        editor_api,
        slug,
        "talks_paused",
        "2016-03-01",
        date_precision="month",
        expected_resumption_on="2016-04-01",
    )
    return slug


def test_a_dated_change_on_the_day_a_month_precise_one_took_effect_is_refused(
    editor_api, anon, paused_in_march
):
    """A resumption on 1 March would leave the pause "in March" holding on no date (it could
    only have happened that day, which nobody recorded): refused, nothing stored, the pause
    still holds on 1 March, and the refusal says how to record it."""
    code, error = refused(editor_api, paused_in_march, "talks_resumed", "2016-03-01")
    assert (code, error["code"]) == (400, "invalid")
    [message] = error["errors"]["occurred_on"]
    assert "2016-03-01" in message
    assert "correct it to that day first" in message
    in_french = editor_api.post(
        f"/api/v1/processes/{paused_in_march}/events/",
        event("talks_resumed", "2016-03-01"),
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    ).json()
    assert "corrigez-le d'abord à ce jour" in in_french["errors"]["occurred_on"][0]
    assert status(anon, paused_in_march, "2016-03-01") == ("paused", "2016-03-01", "month")
    changes = anon.get("/api/v1/status-changes/", {"process": paused_in_march}).json()
    assert [r["to_status"] for r in changes["results"]] == ["active", "paused"]


def test_a_resumption_after_that_day_or_in_that_month_leaves_the_pause_a_day(
    editor_api, anon, paused_in_march
):
    recorded(editor_api, paused_in_march, "talks_resumed", "2016-03-01", date_precision="month")
    assert status(anon, paused_in_march, "2016-03-01") == ("paused", "2016-03-01", "month")
    assert status(anon, paused_in_march, "2016-03-02") == ("active", "2016-03-01", "month")


def test_the_month_precise_pause_corrected_to_its_day_takes_a_resumption_that_day(
    editor_api, anon, paused_in_march
):
    recorded(
        editor_api,
        paused_in_march,
        "event_corrected",
        "2016-03-01",
        corrects=3,
        changes={"date_precision": "day"},
        reason="The pause was on 1 March.",
    )
    recorded(editor_api, paused_in_march, "talks_resumed", "2016-03-01")
    assert status(anon, paused_in_march, "2016-03-01") == ("active", "2016-03-01", "day")


def test_a_stored_change_on_that_day_still_folds_and_rebuilds(app, actors):
    """The rule binds new events only: a resumption older code stored on the day a
    month-precise pause took effect is read, projected and rebuilt as recorded."""
    pid = app.open_process(opening(occurred_on="2016-01-01"), recorded_by="analyst").process_id
    append_as_older_code_did(app, pid, "talks_convened", body_for("talks_convened", "2016-02-01"))
    paused = body_for(
        "talks_paused", "2016-03-01", date_precision="month", expected_resumption_on="2016-04-01"
    )
    append_as_older_code_did(app, pid, "talks_paused", paused)
    append_as_older_code_did(app, pid, "talks_resumed", body_for("talks_resumed", "2016-03-01"))
    slug = Process.objects.get(id=pid).slug
    assert status(APIClient(), slug, "2016-03-01") == ("active", "2016-03-01", "day")
    before = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == before
