"""A write's commit schedules the webhooks' kick (enqueue a dispatch) in both consistency
modes: with the inline projection and without it (PROJECT_AFTER_WRITE=false), so that the
async mode does not wait for beat's sweep."""

import pytest

from negotiations.webhooks import services
from negotiations.write import runtime
from tests.factories import SOURCE, opening


@pytest.mark.parametrize("project_after_write", [True, False])
def test_a_commit_schedules_the_kick(
    project_after_write, settings, actors, django_capture_on_commit_callbacks
):
    settings.PROJECT_AFTER_WRITE = project_after_write
    runtime.reset_application()
    app = runtime.get_application()
    opened = app.open_process(opening(), recorded_by="x")
    with django_capture_on_commit_callbacks() as callbacks:
        app.record_event(
            opened.process_id,
            event_type="talks_convened",
            body={"occurred_on": "2016-02-01", "sources": [SOURCE]},
            recorded_by="x",
        )
    assert services.kick in callbacks
