"""R9 (outcome unknown): a write whose database connection is cut at its COMMIT, from outside
(a TCP proxy between Django and PostgreSQL), answers 503 `outcome_unknown`, never "nothing
was recorded": whether the server committed it or not. A retry with the same Idempotency-Key
tells which, answering the stored event, or recording it, once. A connection cut before the
commit still answers 500 "nothing was recorded", and nothing is.

PostgreSQL only: SQLite runs inside the process, with no connection between the tracker and
its database to cut at the commit (its commit either returns or raises in the process)."""

from __future__ import annotations

import pytest
from django.db import connections

from negotiations.domain.process import process_id_for
from negotiations.write.runtime import get_application
from tests.api.recording import post_event
from tests.reliability.cutting_proxy import CuttingProxy, is_commit, sql_contains
from tests.services import free_port

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def proxy(transactional_db, settings):
    """Django's connection goes through the proxy from here on (the test's own included)."""
    db = connections["default"]
    if db.vendor != "postgresql":
        pytest.skip(
            "R9 cuts the connection between Django and PostgreSQL at its COMMIT; SQLite "
            "runs in the process and has no connection to cut (run with DATABASE_URL=postgres://…)"
        )
    # Statements sent as text every time, so that the proxy can recognise them.
    settings.DATABASE_PREPARED_STATEMENTS = False
    get_application()  # the event store's schema, made before the proxy is in the way
    saved = {key: db.settings_dict.get(key) for key in ("HOST", "PORT", "OPTIONS")}
    cutter = CuttingProxy(free_port(), (saved["HOST"] or "127.0.0.1", int(saved["PORT"] or 5432)))
    db.close()
    db.settings_dict.update(
        HOST="127.0.0.1",
        PORT=str(cutter.port),
        OPTIONS={**(saved["OPTIONS"] or {}), "sslmode": "disable", "gssencmode": "disable"},
    )
    yield cutter
    db.close()
    db.settings_dict.update(saved)
    cutter.close()


def stored_types(slug: str) -> list[str]:
    """The process's events as the store holds them (read afresh, not from the cache)."""
    app = get_application()
    return [entry.type for entry in app.get_process_at(process_id_for(slug), 1_000_000).entries]


def cut_at_its_commit(proxy, editor_api, slug: str, *, forward: bool):
    """POST a convening with a key while the proxy cuts the connection at its COMMIT, after
    passing it on to PostgreSQL (`forward`) or before: the answer, a 503 `outcome_unknown`."""
    proxy.arm(is_commit, forward=forward)
    cut = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="convene-1")
    assert proxy.cut.is_set()
    assert bool(proxy.cut_after_commit) is forward
    assert cut.status_code == 503, cut.content
    assert cut.json()["code"] == "outcome_unknown"
    return cut


def retried(editor_api, slug: str):
    """The client retries with the same key: the answer, event 2 (stored once)."""
    retry = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="convene-1")
    assert retry.status_code == 201, retry.json()
    assert retry.json()["event"]["sequence"] == 2
    assert stored_types(slug) == ["process_opened", "talks_convened"]
    return retry


def test_a_commit_cut_after_the_server_committed_answers_outcome_unknown_and_the_retry_replays(
    proxy, editor_api, opened
):
    slug = opened["slug"]
    # The COMMIT reaches PostgreSQL, which commits; its answer never reaches Django.
    cut = cut_at_its_commit(proxy, editor_api, slug, forward=True)

    assert "may have been recorded" in cut.json()["detail"]
    assert "nothing was recorded" not in cut.json()["detail"]
    assert int(cut["Retry-After"]) >= 1
    assert stored_types(slug) == ["process_opened", "talks_convened"]  # it was

    # The retry answers the stored event, not a second one.
    assert retried(editor_api, slug)["Idempotent-Replayed"] == "true"


def test_a_commit_cut_before_the_server_got_it_answers_outcome_unknown_and_the_retry_records(
    proxy, editor_api, opened
):
    slug = opened["slug"]
    # The COMMIT never reaches PostgreSQL: the server rolls the transaction back.
    cut_at_its_commit(proxy, editor_api, slug, forward=False)

    assert stored_types(slug) == ["process_opened"]  # it was not

    # The retry records it.
    assert "Idempotent-Replayed" not in retried(editor_api, slug)


def test_a_commit_cut_without_a_key_says_how_to_learn_the_outcome(proxy, editor_api, opened):
    proxy.arm(is_commit, forward=True)
    cut = post_event(editor_api, opened["slug"], "talks_convened", venue="Geneva")

    assert cut.status_code == 503, cut.content
    assert cut.json()["code"] == "outcome_unknown"
    assert "timeline" in cut.json()["detail"]


def test_a_connection_cut_before_the_commit_answers_that_nothing_was_recorded(
    proxy, editor_api, opened
):
    slug = opened["slug"]
    # Cut at the event store's insert (its table lock goes first), inside the transaction.
    proxy.arm(sql_contains(b"LOCK TABLE"), forward=False)
    cut = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="convene-1")

    assert proxy.cut.is_set()
    assert cut.status_code == 500, cut.content
    assert cut.json()["code"] == "server_error"
    assert "nothing was recorded" in cut.json()["detail"]
    assert stored_types(slug) == ["process_opened"]

    retry = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="convene-1")
    assert retry.status_code == 201, retry.json()
    assert stored_types(slug) == ["process_opened", "talks_convened"]


def test_the_admin_form_cut_at_its_commit_says_so_and_a_second_submit_tells_which(
    proxy, editor, opened
):
    from django.test import Client

    from negotiations.read.models import Process
    from tests.admin.conftest import event_data, opened_form, record_url

    editor.is_staff = True
    editor.save()
    editor_client = Client()
    editor_client.force_login(editor)

    url = record_url(Process.objects.get(slug=opened["slug"]), "talks_convened")
    data = event_data(
        opened_form(editor_client, url), {"occurred_on": "2016-02-01", "venue": "Geneva"}
    )
    proxy.arm(is_commit, forward=True)
    cut = editor_client.post(url, data)

    assert proxy.cut_after_commit
    assert cut.status_code == 503
    assert "may have been recorded" in cut.content.decode()
    assert stored_types(opened["slug"]) == ["process_opened", "talks_convened"]

    # The analyst submits the same form again: told it was recorded, and recorded once.
    again = editor_client.post(url, data, follow=True)
    assert "was recorded once, not twice" in again.content.decode()
    assert stored_types(opened["slug"]) == ["process_opened", "talks_convened"]


HOOK = {"url": "https://receiver.example.org/hook", "processes": [], "kinds": ["event"]}


def test_an_endpoint_registered_as_its_commit_is_cut_is_never_said_to_be_unrecorded(
    proxy, editor_api
):
    """The operator's finding: a webhook registered while the connection was cut after its
    COMMIT answered 500 "nothing was recorded", and its advised retry stored a second
    endpoint beside a first whose secret nobody saw. Every API write is one unit of work now:
    this one answers 503 `outcome_unknown`, saying to read it back (it takes no key)."""
    from negotiations.webhooks.models import Endpoint

    proxy.arm(is_commit, forward=True)
    cut = editor_api.post("/api/v1/webhooks/", HOOK, format="json")

    assert proxy.cut_after_commit
    assert cut.status_code == 503, cut.content
    assert cut.json()["code"] == "outcome_unknown"
    assert "Read it back" in cut.json()["detail"]
    assert "rotate its secret" in cut.json()["detail"]  # shown only in the lost answer
    assert "nothing was" not in cut.json()["detail"]
    assert Endpoint.objects.filter(url=HOOK["url"]).count() == 1  # it was stored


def test_an_actor_cut_before_its_commit_is_said_to_be_unstored_and_is(proxy, editor_api):
    from negotiations.write.models import Actor

    proxy.arm(sql_contains(b"INSERT"), forward=False)
    cut = editor_api.post("/api/v1/actors/", {"name": "Cut Actor", "kind": "person"}, format="json")

    assert proxy.cut.is_set()
    assert cut.status_code == 500, cut.content
    assert "nothing was stored" in cut.json()["detail"]
    assert not Actor.objects.filter(name="Cut Actor").exists()


def test_an_actor_cut_at_its_commit_answers_outcome_unknown(proxy, editor_api):
    proxy.arm(is_commit, forward=True)
    cut = editor_api.post(
        "/api/v1/actors/", {"name": "Kept Actor", "kind": "person"}, format="json"
    )

    assert cut.status_code == 503, cut.content
    assert cut.json()["code"] == "outcome_unknown"
