"""The admin's record forms take the precision of a pause's expected resumption and of
scheduled talks: with "month" the day picked is any day of that month, sent as its 1st, and
the process page shows the month (issue 23, item 14)."""

from negotiations.read.models import Process
from tests.admin.conftest import cause_row, page_url, submit_event

ONE_CAUSE_ROWS = [cause_row("military_escalation", "staffan-de-mistura", "Truce barely alive.")]


def test_a_pause_expected_back_in_may_is_recorded_from_the_form(editor_client, active):
    response = submit_event(
        editor_client,
        active,
        "talks_paused",
        {
            "occurred_on": "2016-04-27",
            "expected_resumption_on": "2016-05-20",  # any day of May: the month is what counts
            "expected_resumption_precision": "month",
        },
        causes=ONE_CAUSE_ROWS,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    process = Process.objects.get(pk=active.pk)
    assert (process.status, process.expected_resumption_on.isoformat()) == ("paused", "2016-05-01")
    assert process.expected_resumption_precision == "month"
    page = editor_client.get(page_url(active)).content.decode()
    assert "Expected resumption</th><td>May 2016</td>" in page
    # The timeline's row too: its 1st of May stored, "May 2016" shown, never a day.
    assert "<div>Expected to resume on: <bdi>May 2016</bdi></div>" in page
    assert "2016-05-01" not in page


def test_talks_scheduled_for_a_month_from_the_form(editor_client, planned):
    response = submit_event(
        editor_client,
        planned,
        "talks_scheduled",
        {
            "occurred_on": "2016-07-26",
            "scheduled_for": "2016-08-01",
            "scheduled_for_precision": "month",
            "venue": "Geneva",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = Process.objects.get(pk=planned.pk).timeline.get(type="talks_scheduled")
    assert (row.recorded["scheduled_for"], row.recorded["scheduled_for_precision"]) == (
        "2016-08-01",
        "month",
    )


def test_left_at_its_default_the_precision_is_the_day(editor_client, active):
    response = submit_event(
        editor_client,
        active,
        "talks_paused",
        {"occurred_on": "2016-04-27", "expected_resumption_on": "2016-05-20"},
        causes=ONE_CAUSE_ROWS,
    )
    assert response.status_code == 302
    process = Process.objects.get(pk=active.pk)
    assert process.expected_resumption_on.isoformat() == "2016-05-20"
    assert process.expected_resumption_precision == "day"
