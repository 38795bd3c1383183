"""A consumer generates a Python client from the schema the server serves, and does its work
with the generated models and functions alone: opens a process, records an event with an
Idempotency-Key and retries it, reads the status on a date, and follows both feeds page by
page. The schema must first pass openapi-spec-validator. Generated once per module, into a
temporary folder (never into the repository)."""

from __future__ import annotations

import datetime
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest
from openapi_spec_validator import validate

from tests.api_fixtures import key_for
from tests.factories import SOURCE

PACKAGE = "tracker_client"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def client_package(django_db_setup, live_server, tmp_path_factory):
    """The served schema, validated, and the client generated from it, imported. (The test
    database first: it must outlive the live server's connection to it.)"""
    with urlopen(live_server.url + "/api/v1/schema/?format=json", timeout=30) as response:
        schema = json.load(response)
    validate(schema)  # raises on the first error, naming it
    folder = tmp_path_factory.mktemp("generated")
    (folder / "schema.json").write_text(json.dumps(schema))
    # openapi-python-client formats its output with ruff, which sits beside this Python.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [BIN / "openapi-python-client", "generate", "--path", "schema.json"]
        + ["--output-path", PACKAGE, "--meta", "none"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def generated(name: str):
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_opens_records_replays_and_follows_the_feeds(
    client_package, live_server, editor, actors
):
    token = key_for(editor)
    writer = client_package.AuthenticatedClient(
        base_url=live_server.url, token=token, prefix="Token", raise_on_unexpected_status=True
    )
    reader = client_package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    # Closed at the end: a kept-alive connection would keep a server thread (and its
    # database session) open.
    with writer, reader:
        follow_the_story(writer, reader)


def follow_the_story(writer, reader) -> None:
    models = generated("models")
    processes_create = generated("api.processes.processes_create")
    events_create = generated("api.processes.processes_events_create")
    status_retrieve = generated("api.processes.processes_status_retrieve")
    event_feed = generated("api.events.events_retrieve")
    status_changes = generated("api.status_changes.status_changes_list")

    source = models.Source(url=SOURCE["url"], outlet=SOURCE["outlet"])

    # Open a process: the generated body model, sent as JSON.
    opened = processes_create.sync_detailed(
        client=writer,
        body=models.ProcessOpenedBody(
            name="Astana talks",
            conflict="Syrian civil war",
            mediators=["united-nations"],
            parties=["syrian-government", "hnc"],
            occurred_on=datetime.date(2017, 1, 10),
            sources=[source],
        ),
    )
    assert opened.status_code == 201, opened.content
    process = opened.parsed
    assert isinstance(process, models.ProcessDetail)
    assert process.slug == "astana-talks"

    # Record an event with an Idempotency-Key, then retry it: the same answer, nothing new.
    convened = models.TalksConvenedBody(
        type_=models.TalksConvenedTypeEnum.TALKS_CONVENED,
        occurred_on=datetime.date(2017, 1, 23),
        venue="Astana",
        sources=[source],
    )
    first = events_create.sync_detailed(
        process.slug, client=writer, body=convened, idempotency_key="convene-2017-01-23"
    )
    assert first.status_code == 201, first.content
    again = events_create.sync_detailed(
        process.slug, client=writer, body=convened, idempotency_key="convene-2017-01-23"
    )
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert isinstance(first.parsed, models.RecordedEvent)
    assert again.parsed.to_dict() == first.parsed.to_dict()
    assert isinstance(first.parsed.event, models.TalksConvenedEvent)
    assert first.parsed.event.venue == "Astana"
    assert first.parsed.process.status == models.StatusEnum.ACTIVE

    paused = events_create.sync(
        process.slug,
        client=writer,
        body=models.TalksPausedBody(
            type_=models.TalksPausedTypeEnum.TALKS_PAUSED,
            occurred_on=datetime.date(2017, 1, 24),
            expected_resumption_on=datetime.date(2017, 2, 15),
            sources=[source],
        ),
    )
    assert paused.process.status == models.StatusEnum.PAUSED

    # The status on a date, by an anonymous reader.
    status = status_retrieve.sync(process.slug, client=reader, as_of=datetime.date(2017, 1, 23))
    assert isinstance(status, models.StatusOnDate)
    assert status.status == "active"
    assert status.as_of == datetime.date(2017, 1, 23)
    assert (status.agreements, status.agreements_not_listed) == ([], 0)

    # The global event feed, one row at a time: typed rows, in store order, once each.
    rows, after = [], 0
    while True:
        batch = event_feed.sync(client=reader, after=after, limit=1)
        assert isinstance(batch, models.EventFeed)
        if not batch.results:
            break
        rows += batch.results
        after = batch.next_after
    assert [type(r).__name__ for r in rows] == [
        "ProcessOpenedFeedEvent",
        "TalksConvenedFeedEvent",
        "TalksPausedFeedEvent",
    ]
    assert [r.position for r in rows] == sorted({r.position for r in rows})
    assert rows[1].venue == "Astana"
    assert rows[2].process_slug == process.slug

    # The status-change feed since the process was opened, page by page through `next`.
    opened_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5)
    changes, page = [], 1
    while page:
        answer = status_changes.sync(
            client=reader, since=opened_at, process=process.slug, page=page, page_size=1
        )
        assert isinstance(answer, models.PaginatedStatusChangeRowList)
        changes += answer.results
        page = page + 1 if answer.next_ else 0
    assert all(isinstance(c, models.StatusChangeRow) for c in changes)
    assert [(c.from_status, c.to_status) for c in changes] == [
        (models.StatusEnum.PLANNED, models.StatusEnum.ACTIVE),
        (models.StatusEnum.ACTIVE, models.StatusEnum.PAUSED),
    ]
    assert changes[0].kind == models.StatusChangeKindEnum.RECORDED
