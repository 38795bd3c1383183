"""Havana, autumn 2012: paused on 18 October "until 15 November"; on 13 November the talks
were scheduled for 19 November, and resumed that day. The status on a date said 19 November
after the 13th, but the same page's periods table, the picture's marks and hover text, and
the admin's table said only 15 November. Each now tells both, in the order announced."""

import re

import pytest

from tests.api.recording import opened_over_http, recorded


def record_rescheduled(editor_api) -> str:
    slug = opened_over_http(editor_api, name="Autumn rounds", occurred_on="2012-08-26")
    recorded(editor_api, slug, "talks_convened", "2012-10-16")
    recorded(editor_api, slug, "talks_paused", "2012-10-18", expected_resumption_on="2012-11-15")
    recorded(
        editor_api,
        slug,
        "talks_scheduled",
        "2012-11-13",
        scheduled_for="2012-11-19",
        venue="Havana",
    )
    recorded(editor_api, slug, "talks_resumed", "2012-11-19")
    return slug


@pytest.fixture
def rescheduled(editor_api, actors):
    return record_rescheduled(editor_api)


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_board_s_table_and_picture_tell_both_dates(anon, rescheduled):
    page = anon.get(f"/processes/{rescheduled}/").content.decode()
    table = page[page.index('id="periods"') : page.index("</table>", page.index('id="periods"'))]
    assert "expected to resume on 15 November 2012, then on 19 November 2012" in words(table)
    # The status and what it expected read as two phrases, not one (an analyst's outside
    # test heard "En pause reprise attendue le…"): a separator screen readers say, not drawn.
    assert "Paused ; expected to resume on 15 November" in words(table)
    assert '<span class="visually-hidden">; </span>' in table
    titles = re.findall(r"<title>([^<]*)</title>", page)
    paused = next(t for t in titles if t.startswith("Paused from"))
    assert "Expected to resume: 15 November 2012, then 19 November 2012" in paused, paused
    # A mark for each date (labelled where there is room; its hover text always).
    assert "Expected to resume on 15 November 2012" in titles, titles
    assert "Expected to resume on 19 November 2012" in titles, titles


def test_the_status_on_a_date_tells_what_was_expected_then(anon, rescheduled):
    def expected(as_of: str) -> str:
        url = f"/api/v1/processes/{rescheduled}/status/"
        return anon.get(url, {"as_of": as_of}).json()["expected_resumption_on"]

    assert expected("2012-11-10") == "2012-11-15"
    assert expected("2012-11-14") == "2012-11-19"


def test_a_pause_left_unrescheduled_keeps_its_one_date(anon, rescheduled, editor_api):
    recorded(
        editor_api, rescheduled, "talks_paused", "2012-12-20", expected_resumption_on="2013-01-14"
    )
    page = anon.get(f"/processes/{rescheduled}/").content.decode()
    table = words(page[page.index('id="periods"') :])
    assert "expected to resume on 14 January 2013 " in table
    assert "then on 14 January" not in table


def test_talks_that_only_confirm_the_date_are_not_told_again(anon, editor_api, actors):
    slug = opened_over_http(editor_api, name="Confirmed rounds", occurred_on="2012-08-26")
    recorded(editor_api, slug, "talks_convened", "2012-10-16")
    recorded(editor_api, slug, "talks_paused", "2012-10-18", expected_resumption_on="2012-11-15")
    for day in ("2012-11-13", "2012-11-14"):  # announced, then confirmed
        recorded(
            editor_api, slug, "talks_scheduled", day, scheduled_for="2012-11-19", venue="Havana"
        )
    page = anon.get(f"/processes/{slug}/").content.decode()
    table = words(page[page.index('id="periods"') :])
    assert "expected to resume on 15 November 2012, then on 19 November 2012 " in table
