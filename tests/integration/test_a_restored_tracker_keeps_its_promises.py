"""Back up a tracker that has answered writes with Idempotency-Keys, restore the backup into a
new, empty database, and the tracker is the same one: a re-sent key answers the first event
(same sequence, same store position) and records nothing, the editor's token still signs in,
the webhook endpoint and the digest subscription are there.

SQLite: `manage.py backup` and `manage.py restore`; PostgreSQL: the real `pg_dump -Fc` and
`pg_restore`. Each runs as its own process, as an operator would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from contextlib import ExitStack, contextmanager

import psycopg
import pytest
from django.db import connections

from negotiations.digests.models import FollowedProcess, Subscription
from negotiations.read.models import Process, TimelineEntry
from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from negotiations.write import eventstore, runtime
from tests.api_fixtures import client_for, event
from tests.factories import opening
from tests.services import require_service
from tests.subprocess_env import manage_command, subprocess_env
from tests.webhooks.receiver import verify

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]

EVENTS = "/api/v1/processes/restored-talks/events/"
COMMANDS = {
    "open-1": ("/api/v1/processes/", opening(name="Restored talks")),
    "convene-1": (EVENTS, event("talks_convened", "2016-02-01", venue="Geneva")),
    "pause-1": (EVENTS, event("talks_paused", "2016-02-03", expected_resumption_on="2016-02-25")),
}
STATEMENT = event("statement_made", "2016-02-04", actor="turkey", stance="critical", summary="s")


def post(client, url, body, key):
    return client.post(url, body, format="json", headers={"Idempotency-Key": key})


def run(*command, env=None):
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
    return done


def fill_the_tracker(editor):
    """What a tracker holds: events answered under keys, a token, a webhook, a subscription."""
    api = client_for(editor)
    answers = {}
    for key, (url, body) in COMMANDS.items():
        answer = post(api, url, body, key)
        assert answer.status_code == 201, (key, answer.json())
        answers[key] = {"body": answer.json(), "position": answer.get("X-Position")}
    assert api.post(EVENTS, STATEMENT, format="json").status_code == 201  # no key
    hook = api.post(
        "/api/v1/webhooks/",
        {"url": "https://newsroom.example.org/hooks/tracker", "kinds": ["event"]},
        format="json",
    )
    assert hook.status_code == 201, hook.json()
    subscription = Subscription.objects.create(email="desk@example.org", name="Desk")
    FollowedProcess.objects.create(subscription=subscription, process=Process.objects.get())
    return answers, api, hook.json()


@contextmanager
def serving_database(name: str):
    """Django (and the event store on its connection) on the database `name` for a while."""
    connection = connections["default"]
    before = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    runtime.reset_application()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = before
        runtime.reset_application()
        # Built again on the test's database, so that the teardown (tests/conftest.py)
        # removes the event store this test committed there.
        runtime.get_application()


def assert_the_same_tracker(answers, api, hook):
    """Run while serving the restored database."""
    app = runtime.get_application()
    stored = app.recorder.max_notification_id()
    assert stored  # the restored database is not the empty one it was
    for key, (url, body) in COMMANDS.items():
        again = post(api, url, body, key)  # the token authenticates: a write needs it
        assert again.status_code == 201, (key, again.json())
        assert again["Idempotent-Replayed"] == "true", key
        assert again.json() == answers[key]["body"], key  # sequence and position included
        assert again.get("X-Position") == answers[key]["position"], key
    assert app.recorder.max_notification_id() == stored  # nothing recorded twice
    assert TimelineEntry.objects.count() == 4
    other = post(api, EVENTS, STATEMENT, "pause-1")  # the key with another body
    assert (other.status_code, other.json()["code"]) == (409, "idempotency_conflict")
    assert client_for(None).post(EVENTS, {}, format="json").status_code == 401
    [endpoint] = Endpoint.objects.all()
    assert (str(endpoint.id), endpoint.secret) == (hook["id"], hook["secret"])
    assert [e["id"] for e in api.get("/api/v1/webhooks/").json()] == [hook["id"]]
    [subscription] = Subscription.objects.all()
    assert subscription.email == "desk@example.org"
    assert [f.process.slug for f in subscription.followed.all()] == ["restored-talks"]


@contextmanager
def restored_copy(tmp_path):
    """Back up the test's database as an operator does (SQLite: `manage.py backup`;
    PostgreSQL: `pg_dump -Fc`), take it on as the test goes on, then restore the backup into
    a new, empty database (`manage.py restore`; `pg_restore`) and serve that inside the block.
    Yields a callable that restores (once) and returns what the restore printed."""
    if connections["default"].vendor == "sqlite":
        backup = tmp_path / "tracker-backup.sqlite3"
        run(*manage_command("backup", str(backup), "--no-progress"), env=subprocess_env())
        fresh = tmp_path / "restored" / "tracker.sqlite3"
        fresh.parent.mkdir()
        env = subprocess_env(DATABASE_URL=f"sqlite:///{fresh}")
        with ExitStack() as serving:

            def restore() -> str:
                restored = run(*manage_command("restore", str(backup), "--no-progress"), env=env)
                serving.enter_context(serving_database(str(fresh)))
                return restored.stdout

            yield restore
        return
    require_service("PostgreSQL", "127.0.0.1", 5432)
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            reason = f"{tool} is not installed (the PostgreSQL client tools)"
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"{reason}: CI must run this test, not skip it")
            pytest.skip(reason)
    db = connections["default"].settings_dict
    login = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    login += ["--username", db.get("USER") or "postgres"]
    dump = tmp_path / "tracker.dump"
    run("pg_dump", "-Fc", *login, "--dbname", db["NAME"], "--file", str(dump))
    fresh = f"tracker_restore_{uuid.uuid4().hex[:10]}"
    admin = eventstore.postgres_conninfo({**db, "NAME": "postgres"})
    try:
        with ExitStack() as serving:

            def restore() -> str:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{fresh}"')
                restored = run(
                    "pg_restore",
                    "--exit-on-error",
                    "--single-transaction",
                    "--no-owner",
                    *login,
                    "--dbname",
                    fresh,
                    str(dump),
                )
                serving.enter_context(serving_database(fresh))
                return restored.stdout

            yield restore
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_a_backup_restored_into_an_empty_database_is_the_same_tracker(editor, actors, tmp_path):
    answers, api, hook = fill_the_tracker(editor)
    with restored_copy(tmp_path) as restore:
        said = restore()
        if connections["default"].vendor == "sqlite":
            assert "Restored" in said
            # What a restore costs receivers is said where it is done, not only in the README.
            assert "webhook" in said
            assert "migrate" not in said  # the same version: nothing to migrate
        assert_the_same_tracker(answers, api, hook)


def test_after_a_restore_receivers_take_new_events_as_new(
    editor, actors, tmp_path, receiver, settings
):
    """An event recorded after the backup was heard of, then lost with the restore; the next
    event recorded at that process takes its sequence. A receiver that drops repeats by
    webhook-id (as Standard Webhooks asks) must not drop that one as a repeat, and must
    still drop the events the backup holds when they are sent again."""
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True  # the receiver listens on loopback
    api = client_for(editor)
    endpoint = services.endpoint_create(url=receiver.url, processes=[], kinds=["event"])
    secret = endpoint.secret
    for url, body in COMMANDS.values():
        assert api.post(url, body, format="json").status_code == 201
    with restored_copy(tmp_path) as restore:
        # The backup was taken before any delivery: the restored endpoint is behind.
        assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"
        lost = api.post(EVENTS, STATEMENT, format="json")
        assert lost.status_code == 201
        assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"
        heard = [verify(r, secret) for r in receiver.received]
        ids = [r.webhook_id for r in receiver.received]
        assert [p["data"]["event"]["sequence"] for p in heard] == [1, 2, 3, 4]

        restore()
        assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"
        again = api.post(EVENTS, event("talks_resumed", "2016-02-25"), format="json")
        assert again.status_code == 201
        assert again.json()["event"]["sequence"] == lost.json()["event"]["sequence"] == 4
        assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"

    after = receiver.received[len(ids) :]
    payloads = [verify(r, secret) for r in after]
    assert [p["data"]["event"]["sequence"] for p in payloads] == [1, 2, 3, 4]
    # What the backup holds goes again under the ids it went under: dropped as repeats.
    assert [r.webhook_id for r in after[:3]] == ids[:3]
    # The new fourth event is not the lost one: its own id, so the receiver takes it.
    assert payloads[3]["data"]["event"]["type"] == "talks_resumed"
    assert after[3].webhook_id not in ids
