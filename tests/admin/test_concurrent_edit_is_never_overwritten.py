"""Two editors on one process: the form remembers the version it was opened at. If someone
recorded something meanwhile, nothing is recorded; the editor sees what changed and submits
again."""

from __future__ import annotations

from tests.admin.conftest import event_data, opened_form, page_url, record_url
from tests.factories import record


def test_the_second_editor_is_told_what_changed_and_resubmits(app, active, editor_client):
    url = record_url(active, "talks_paused")
    control = opened_form(editor_client, url)
    assert control["expected_version"] == 2

    # Meanwhile another editor records a statement.
    record(
        app, active.pk, "statement_made", "2016-02-02", summary="No point to talks.", by="colleague"
    )
    position = app.recorder.max_notification_id()

    data = event_data(
        control, {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-25"}
    )
    response = editor_client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was recorded: someone recorded 1 event(s)" in html
    assert "#3 Statement (2016-02-02), by <bdi>colleague</bdi>" in html
    assert app.recorder.max_notification_id() == position
    assert app.get_process(active.pk).version == 3
    # The form is now at the current version; submitting it again records the pause.
    assert response.context["form"]["expected_version"].value() == "3"
    again = editor_client.post(url, {**data, "expected_version": "3"})
    assert again.status_code == 302
    assert again["Location"] == page_url(active)
    assert app.get_process(active.pk).version == 4
    active.refresh_from_db()
    assert active.status == "paused"
