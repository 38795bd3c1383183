"""An inline write whose earlier events are not applied yet (written by an async node or an
import) cannot claim the tracking position: its rows are not written as they are, the
projection catches up from the tracking position instead, its own event included, and the
read models equal a clean rebuild."""

import pytest
from django.core.management import call_command

from negotiations.read.models import ProjectionPosition, TimelineEntry
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write import runtime
from tests.api.recording import post_event


@pytest.fixture
def one_async_write(editor_api, opened):
    """The talks convened (inline), then paused as a node in the async mode writes: the
    event stored, not projected."""
    assert post_event(editor_api, opened["slug"], "talks_convened").status_code == 201
    app = runtime.get_application()
    inline, app.projection = app.projection, None
    try:
        paused = post_event(
            editor_api, opened["slug"], "talks_paused", expected_resumption_on="2016-02-25"
        )
    finally:
        app.projection = inline
    assert paused.status_code == 201, paused.json()
    return paused.json()


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("statement_made", {"actor": "turkey", "stance": "critical", "summary": "s"}),
        ("talks_resumed", {}),
    ],
)
def test_the_next_inline_write_applies_both(app, editor_api, opened, one_async_write, kind, fields):
    tracked = ProjectionPosition.objects.get(name="read_models").position
    assert one_async_write["position"] > tracked  # not applied yet

    posted = post_event(editor_api, opened["slug"], kind, **fields)

    assert posted.status_code == 201, posted.json()
    rows = TimelineEntry.objects.filter(process_id=posted.json()["process"]["id"])
    assert list(rows.order_by("sequence").values_list("sequence", flat=True)) == [1, 2, 3, 4]
    position = ProjectionPosition.objects.get(name="read_models").position
    assert position == posted.json()["position"]
    incremental = rows_checksum()
    wipe_read_models()
    call_command("run_projections", "--once", stdout=open("/dev/null", "w"))
    assert rows_checksum() == incremental
