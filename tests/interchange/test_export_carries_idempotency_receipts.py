"""A tracker moved by export and import keeps its idempotency promises: a re-sent,
already-acknowledged Idempotency-Key answers the event it recorded, and nothing twice."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from negotiations.read.models import Process
from negotiations.read.rebuild import wipe_read_models
from negotiations.write.runtime import get_application
from tests.api_fixtures import event
from tests.factories import opening
from tests.interchange.helpers import export, run_import, switch_to_an_empty_event_store

OPENING = opening(name="Receipt talks")
EVENTS = "/api/v1/processes/receipt-talks/events/"
CONVENE = event("talks_convened", "2016-02-01", venue="Geneva")
PAUSE = event("talks_paused", "2016-02-03", expected_resumption_on="2016-02-25")
STATEMENT = event("statement_made", "2016-02-04", actor="turkey", stance="critical", summary="s")


def post(client, url, body, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(url, body, format="json", headers=headers)


def refused_import(path, count: int) -> str:
    """Import `path`, which must be refused for `count` bad lines; what it said of them."""
    err = io.StringIO()
    with pytest.raises(CommandError, match=f"{count} bad line"):
        call_command("import_events", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def record_with_keys(editor_api):
    """Open a process and record on it over HTTP, three of the four commands with a key."""
    answers = {
        "open-1": post(editor_api, "/api/v1/processes/", OPENING, "open-1"),
        "convene-1": post(editor_api, EVENTS, CONVENE, "convene-1"),
        "pause-1": post(editor_api, EVENTS, PAUSE, "pause-1"),
    }
    assert post(editor_api, EVENTS, STATEMENT).status_code == 201  # no key: no receipt
    for key, answer in answers.items():
        assert answer.status_code == 201, (key, answer.json())
    return {key: answer.json() for key, answer in answers.items()}


def test_an_acknowledged_key_answers_its_first_event_after_export_and_import(
    editor_api, actors, tmp_path, settings
):
    first = record_with_keys(editor_api)
    exported = export(tmp_path / "all.ndjson")
    receipts = [line for line in exported if line["type"] == "receipt"]
    assert [(r["key"], r["sequence"], r["user"]) for r in receipts] == [
        ("open-1", 1, "editor"),
        ("convene-1", 2, "editor"),
        ("pause-1", 3, "editor"),
    ]
    # Each receipt comes right after the event its command recorded.
    kinds = [line["type"] for line in exported if line["type"] != "actor"]
    assert kinds == [
        "process_opened",
        "receipt",
        "talks_convened",
        "receipt",
        "talks_paused",
        "receipt",
        "statement_made",
    ]

    # An empty tracker (a new event store, no read models) imports the export.
    wipe_read_models()
    switch_to_an_empty_event_store(settings)
    run_import(tmp_path / "all.ndjson")
    app = get_application()
    stored = app.recorder.max_notification_id()

    for key, url, body in (
        ("open-1", "/api/v1/processes/", OPENING),
        ("convene-1", EVENTS, CONVENE),
        ("pause-1", EVENTS, PAUSE),
    ):
        again = post(editor_api, url, body, key)
        assert again.status_code == 201, (key, again.json())
        assert again["Idempotent-Replayed"] == "true", key
        answer = again.json()
        # The first answer, but for the event's position: its place in this store.
        position = answer.pop("position", None) or int(again["X-Position"])  # an opening's
        assert answer == {k: v for k, v in first[key].items() if k != "position"}, key
        sequence = answer["event"]["sequence"] if "event" in answer else 1
        assert position == app.recorder.position_of(Process.objects.get().id, sequence), key
    assert app.recorder.max_notification_id() == stored  # nothing recorded twice
    assert Process.objects.get().version == 4
    # Another body under an acknowledged key is still a conflict.
    conflict = post(editor_api, EVENTS, STATEMENT, "pause-1")
    assert (conflict.status_code, conflict.json()["code"]) == (409, "idempotency_conflict")
    # And the moved tracker exports what it was given, receipts in place.
    assert export(tmp_path / "again.ndjson") == exported


def test_export_of_one_process_or_a_period_carries_its_receipts_only(editor_api, actors, tmp_path):
    record_with_keys(editor_api)
    other = opening(name="Other talks")
    assert post(editor_api, "/api/v1/processes/", other, "other-1").status_code == 201
    only = export(tmp_path / "one.ndjson", "--process", "receipt-talks")
    keys = [line["key"] for line in only if line["type"] == "receipt"]
    assert keys == ["open-1", "convene-1", "pause-1"]
    everything = export(tmp_path / "all.ndjson")
    assert [line["key"] for line in everything if line["type"] == "receipt"][-1] == "other-1"
    since = everything[-1]["recorded_at"]  # the receipt of the last command
    later = export(tmp_path / "later.ndjson", "--since", since)
    assert [line["key"] for line in later if line["type"] == "receipt"] == ["other-1"]
    assert not [
        line
        for line in export(tmp_path / "none.ndjson", "--since", "2999-01-01")
        if line["type"] == "receipt"
    ]


def receipt(**over):
    line = {
        "type": "receipt",
        "format": 1,
        "process": "receipt-talks",
        "sequence": 2,
        "user": "import",
        "key": "k-1",
        "fingerprint": "0" * 64,
        "recorded_at": "2016-02-01T12:00:00.000000Z",
    }
    line.update(over)
    return line


def test_bad_receipt_lines_are_named_and_nothing_is_recorded(app, actors, tmp_path):
    post_lines = [
        {"type": "process_opened", **OPENING},
        {"process": "receipt-talks", **CONVENE},
        receipt(),  # good: event 2, recorded by the import's user
        receipt(format=2, key="k-2"),  # 4
        receipt(sequence=9, key="k-3"),  # 5: no such event
        receipt(user="somebody", key="k-4"),  # 6: event 2 was not recorded by them
        receipt(key="k-1"),  # 7: the key of line 3 again
        receipt(sequence=3, key="k-5"),  # 8: the event is on line 9, after it
        {"process": "receipt-talks", **PAUSE},
        receipt(fingerprint="xyz", key="k-6", extra=1),  # 10
        receipt(process="nowhere", key="k-7"),  # 11
    ]
    path = tmp_path / "bad.ndjson"
    path.write_text("\n".join(json.dumps(line) for line in post_lines) + "\n")
    stored = app.recorder.max_notification_id()
    err = refused_import(path, 7)
    for line, says in (
        (4, "format: 1"),
        (5, "no event 9 of 'receipt-talks'"),
        (6, "recorded by 'import', not by 'somebody'"),
        (7, "is on line 3 already"),
        (8, "on line 9, after its receipt"),
        (10, "unknown fields extra; fingerprint"),
        (11, "no process 'nowhere'"),
    ):
        [said] = [x for x in err.splitlines() if x.startswith(f"bad.ndjson:{line}: ")]
        assert says in said, (line, says, err)
    assert "bad.ndjson:3:" not in err
    assert app.recorder.max_notification_id() == stored
    assert not Process.objects.exists()


def test_a_key_the_tracker_holds_already_is_refused(editor_api, actors, tmp_path):
    record_with_keys(editor_api)
    exported = export(tmp_path / "all.ndjson")
    [convene_receipt] = [line for line in exported if line.get("key") == "convene-1"]
    path = tmp_path / "again.ndjson"
    path.write_text(json.dumps(convene_receipt) + "\n")
    stored = get_application().recorder.max_notification_id()
    err = refused_import(path, 1)
    assert "key 'convene-1' of 'editor' is in the tracker already" in err
    assert get_application().recorder.max_notification_id() == stored
