"""Idempotency receipts are aggregates in the event store, stored under their class's topic.
Receipts recorded when the application module was `negotiations.application` still replay
their first answer after the move to `negotiations/write/` (the old topic is registered)."""

from django.db import connection

from negotiations.write import runtime
from tests.api_fixtures import event

OLD_CLASS = "negotiations.application:CommandReceipt"


def test_a_receipt_stored_under_the_old_module_still_replays(editor_api, opened):
    url = f"/api/v1/processes/{opened['slug']}/events/"
    body = event("talks_convened", "2016-02-01")
    first = editor_api.post(url, body, format="json", headers={"Idempotency-Key": "geneva-1"})
    assert first.status_code == 201, first.json()

    app = runtime.get_application()
    schema = getattr(app.recorder.datastore, "schema", "")
    table = f'"{schema}"."{app.recorder.events_table_name}"' if schema else "stored_events"
    new_class = "negotiations.write.receipts:CommandReceipt"
    with connection.cursor() as cursor:  # the row as an older version of the tracker wrote it
        cursor.execute(
            f"SELECT originator_id, originator_version, state FROM {table} WHERE topic = %s",  # noqa: S608 - our table
            [new_class + ".Issued"],
        )
        [(originator, version, state)] = cursor.fetchall()
        old_state = bytes(state).replace(new_class.encode(), OLD_CLASS.encode())
        cursor.execute(
            f"UPDATE {table} SET topic = %s, state = %s"  # noqa: S608 - our table
            " WHERE originator_id = %s AND originator_version = %s",
            [OLD_CLASS + ".Issued", old_state, originator, version],
        )
    if app.repository.cache is not None:  # no cached receipt: it is read from the store
        try:
            app.repository.cache.get(originator, evict=True)
        except KeyError:
            pass

    again = editor_api.post(url, body, format="json", headers={"Idempotency-Key": "geneva-1"})
    assert again.status_code == 201, again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["event"] == first.json()["event"]
    events = editor_api.get(url).json()["results"]
    assert [e["type"] for e in events].count("talks_convened") == 1
