"""Issue 23, item 1, over HTTP on both databases: talks convened on 1 September, concluded on
15 October and resumed "in October" (month precision). The resumption takes effect on 16
October, the day after the dated conclusion, so the API's status on a date, its fold of what
was known then, and the board's table of periods all keep every recorded change on some date."""

import re

import pytest

from tests.api.recording import opened_over_http, recorded, refused


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


@pytest.mark.parametrize("known", [{}, {"known_at": "2099-01-01T00:00:00Z"}], ids=["now", "fold"])
def test_the_status_on_each_date_keeps_the_conclusion(anon, resumed_in_october, known):
    slug = resumed_in_october
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
    assert concluded[1:7] == ["15", "Oct", "2016", "16", "Oct", "2016"]


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
