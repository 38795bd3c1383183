"""Async mode (PROJECT_AFTER_WRITE=false): a write commits its events and answers at once from
the command; `run_projections` brings the read models up; a read that must see a write
passes its `position` as ?min_position= and waits, or gets 503 projection_behind."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from negotiations.domain.process import process_id_for
from negotiations.read.models import Process
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write.runtime import get_application
from tests.admin.conftest import opened_form, submit_event
from tests.admin.test_open_process_from_the_add_form import opening_data
from tests.api.recording import post_event
from tests.api_fixtures import event
from tests.factories import opening


@pytest.fixture
def async_mode(settings):
    settings.PROJECT_AFTER_WRITE = False
    settings.MIN_POSITION_WAIT_SECONDS = 0.2
    from negotiations.write import runtime

    runtime.reset_application()
    yield
    runtime.reset_application()


def project():
    call_command("run_projections", "--once", stdout=open("/dev/null", "w"))


def test_every_api_write_answers_201_before_the_read_models_have_it(async_mode, editor_api, actors):
    opened = editor_api.post("/api/v1/processes/", opening(), format="json")
    assert opened.status_code == 201, opened.json()
    assert opened.json()["status"] == "planned"
    assert not Process.objects.exists()  # answered from the command, not the read model
    slug = opened.json()["slug"]

    posted = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="c-1")
    assert posted.status_code == 201, posted.json()
    assert posted.json()["process"]["status"] == "active"
    assert posted.json()["process"]["version"] == 2

    # A retry of the same request replays the first answer, still without read models.
    again = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="c-1")
    assert again.status_code == 201
    assert again.json() == posted.json()


def test_a_read_with_min_position_waits_for_the_projection_or_answers_503(
    async_mode, editor_api, actors
):
    slug = editor_api.post("/api/v1/processes/", opening(), format="json").json()["slug"]
    position = post_event(editor_api, slug, "talks_convened", venue="Geneva").json()["position"]

    behind = editor_api.get(f"/api/v1/processes/{slug}/", {"min_position": position})
    assert behind.status_code == 503
    assert behind.json()["code"] == "projection_behind"
    assert int(behind["Retry-After"]) >= 1

    project()
    caught_up = editor_api.get(f"/api/v1/processes/{slug}/", {"min_position": position})
    assert caught_up.status_code == 200
    assert caught_up.json()["status"] == "active"
    assert caught_up.json()["version"] == 2


def test_min_position_must_be_a_position(editor_api, db):
    response = editor_api.get("/api/v1/processes/", {"min_position": "soon"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "min_position" in response.json()["errors"]


def test_in_the_inline_mode_min_position_never_waits(editor_api, opened, settings):
    settings.MIN_POSITION_WAIT_SECONDS = 30
    last = get_application().recorder.max_notification_id()
    response = editor_api.get("/api/v1/processes/", {"min_position": last})
    assert response.status_code == 200


def test_the_projection_of_async_writes_equals_a_clean_rebuild(async_mode, editor_api, actors):
    slug = editor_api.post("/api/v1/processes/", opening(), format="json").json()["slug"]
    url = f"/api/v1/processes/{slug}/events/"
    editor_api.post(url, event("talks_convened", venue="Geneva"), format="json")
    editor_api.post(url, event("talks_paused", expected_resumption_on="2016-02-25"), format="json")
    editor_api.post(
        url, {"type": "event_retracted", "retracts": 3, "reason": "Wrong."}, format="json"
    )
    project()
    incremental = rows_checksum()
    wipe_read_models()
    project()
    assert rows_checksum() == incremental


def test_the_admin_records_in_async_mode_and_says_when_pages_lag(
    async_mode, app, actors, editor_client
):
    url = reverse("admin:negotiations_process_add")
    response = editor_client.post(url, opening_data(opened_form(editor_client, url)))

    # Recorded, and said so; the process page is not there yet, so the list is shown.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:negotiations_process_changelist")
    shown = editor_client.get(response["Location"])
    assert "Recorded #1, Process opened" in shown.content.decode()
    assert "still catching up" in shown.content.decode()
    assert app.get_process(process_id_for("astana-talks")).version == 1

    project()
    process = Process.objects.get(slug="astana-talks")
    response = submit_event(
        editor_client, process, "talks_convened", {"occurred_on": "2017-01-23", "venue": "Astana"}
    )
    assert response.status_code == 302
    assert app.get_process(process.pk).version == 2
