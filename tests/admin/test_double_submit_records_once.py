"""A double click or a browser resubmit sends the same form twice: one event is recorded."""

from __future__ import annotations

from tests.admin.conftest import event_data, opened_form, page_url, record_url


def test_the_same_form_submitted_twice_records_one_event(app, active, editor_client):
    url = record_url(active, "talks_paused")
    control = opened_form(editor_client, url)
    data = event_data(
        control, {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-25"}
    )

    first = editor_client.post(url, data)
    second = editor_client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert app.get_process(active.pk).version == 3
    events = [e.event_type for e in app.repository.event_store.get(active.pk)]
    assert events.count("talks_paused") == 1
    page = editor_client.get(page_url(active))
    assert [i["row"].type for i in page.context["timeline"]].count("talks_paused") == 1


def test_the_resubmit_says_it_was_recorded_once(app, active, editor_client):
    url = record_url(active, "talks_paused")
    data = event_data(
        opened_form(editor_client, url),
        {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-25"},
    )
    editor_client.post(url, data)
    response = editor_client.post(url, data, follow=True)
    assert "was recorded once, not twice" in response.content.decode()


def test_two_openings_of_the_form_are_two_events(app, active, editor_client):
    # Each opening of a form gets its own key: a second statement is a second event.
    url = record_url(active, "statement_made")
    fields = {
        "occurred_on": "2016-02-03",
        "actor": "turkey",
        "stance": "critical",
        "summary": "Again.",
    }
    for _ in range(2):
        control = opened_form(editor_client, url)
        control["expected_version"] = ""
        assert editor_client.post(url, event_data(control, fields)).status_code == 302
    assert app.get_process(active.pk).version == 4
