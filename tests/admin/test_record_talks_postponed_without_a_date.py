"""The admin's record form takes talks scheduled with no date: postponed, no new date set
(Ethiopia, 7 October 2022). A month with no date is refused and records nothing."""

from negotiations.read.models import Process
from tests.admin.conftest import cause_row, page_url, submit_event


def test_a_postponement_with_no_date_is_recorded_from_the_form(editor_client, planned):
    """With its stated cause, and no venue: where the talks will be may be unknown too."""
    response = submit_event(
        editor_client,
        planned,
        "talks_scheduled",
        {"occurred_on": "2016-07-26", "scheduled_for": ""},
        causes=[cause_row("procedural", "ban-ki-moon", "Logistical reasons.")],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = Process.objects.get(pk=planned.pk).timeline.get(type="talks_scheduled")
    assert row.recorded["scheduled_for"] is None
    assert row.recorded["venue"] == ""
    assert [c["description"] for c in row.recorded["causes"]] == ["Logistical reasons."]
    page = editor_client.get(page_url(planned)).content.decode()
    assert "Postponed; no new date set." in page
    assert "precision" not in page.partition('id="event-2"')[2].partition("</tr>")[0]


def test_a_month_with_no_date_is_refused(editor_client, planned):
    version = Process.objects.get(pk=planned.pk).version
    response = submit_event(
        editor_client,
        planned,
        "talks_scheduled",
        {
            "occurred_on": "2016-07-26",
            "scheduled_for": "",
            "scheduled_for_precision": "month",
            "venue": "Geneva",
        },
    )
    assert response.status_code == 200
    assert "scheduled_for" in response.content.decode()
    assert Process.objects.get(pk=planned.pk).version == version
