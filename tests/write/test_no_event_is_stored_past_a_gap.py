"""A process's events are numbered 1, 2, 3... with no gap: the store refuses an event whose
process's previous event it does not hold. An operator's outside test restored a SQLite
backup under a running server: a worker's cached process was two events ahead of the
restored store, its next writes were stored as 22, 23... after 19, and the process could
never be loaded again ("safe to retry" answered for ever). Now the database refuses such an
event, and the command drops its cached process and tries again from the store, as it does
after another writer's event."""

from __future__ import annotations

import io
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from eventsourcing.persistence import IntegrityError, StoredEvent

from negotiations.write import runtime
from tests.api_fixtures import client_for
from tests.factories import body_for


def stored_versions(app, process_id) -> list[int]:
    return [e.originator_version for e in app.recorder.select_events(process_id)]


def test_the_store_refuses_an_event_after_a_gap(app, geneva):
    versions = stored_versions(app, geneva.pk)
    last = app.recorder.select_events(geneva.pk, desc=True, limit=1)[0]
    ahead = StoredEvent(
        originator_id=geneva.pk,
        originator_version=versions[-1] + 2,
        topic=last.topic,
        state=last.state,
    )
    with pytest.raises(IntegrityError, match="event_store_gap"), transaction.atomic():
        app.recorder.insert_events([ahead])  # an integrity error: the writer tries again
    assert stored_versions(app, geneva.pk) == versions


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_under_a_running_server_leaves_no_gap(
    app, geneva, editor, tmp_path, monkeypatch
):
    if connections["default"].vendor != "sqlite":
        pytest.skip("a SQLite backup restored in place (PostgreSQL restores into a new database)")
    api = client_for(editor)
    url = f"/api/v1/processes/{geneva.slug}/events/"

    def state(summary: str):
        body = {
            "type": "statement_made",
            **body_for("statement_made", "2016-02-06", summary=summary),
        }
        return api.post(url, body, format="json")

    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("backup", str(tmp_path / "b.sqlite3"), "--no-progress", **quiet)
    with sqlite3.connect(tmp_path / "b.sqlite3") as older:  # as an older version's backup
        older.execute("DROP TRIGGER stored_events_follow_on")
    backed_up = stored_versions(app, geneva.pk)
    for n in range(2):  # this server's cached process is now two events ahead of the backup
        assert state(f"after the backup {n}").status_code == 201
    with monkeypatch.context() as running:
        # The restore drops its own process's cached processes; a running server's are in
        # processes of their own, which it cannot reach: this one's are kept, as theirs.
        running.setattr(runtime, "reset_application", lambda: None)
        call_command("restore", str(tmp_path / "b.sqlite3"), "--force", "--no-progress", **quiet)
    assert stored_versions(app, geneva.pk) == backed_up

    # The database refuses the event past the gap; the command drops its cached process
    # and, as after another writer's event, tries again from the store.
    written = state("after the restore")
    assert written.status_code == 201, written.json()
    assert written.json()["event"]["sequence"] == backed_up[-1] + 1
    assert stored_versions(app, geneva.pk) == [*backed_up, backed_up[-1] + 1]
    assert app.get_process(geneva.pk).version == backed_up[-1] + 1
