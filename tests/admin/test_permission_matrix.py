"""Who may do what in the admin: anonymous and non-staff users are sent to the login page;
staff may browse; only holders of negotiations.record_event (Editors) see and post the
forms. A refused post records nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.admin.conftest import event_data, page_url, record_url

PAUSE = {"occurred_on": "2016-02-03", "expected_resumption_on": "2016-02-25"}
CONTROL = {"expected_version": "", "idempotency_key": "matrix-key"}


@pytest.fixture
def clients(db, reader, staff, editor_staff, superuser):
    def logged_in(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return {
        "anonymous": logged_in(None),
        "non_staff": logged_in(reader),
        "staff": logged_in(staff),
        "editor": logged_in(editor_staff),
        "superuser": logged_in(superuser),
    }


def urls(process):
    return {
        "list": reverse("admin:negotiations_process_changelist"),
        "page": page_url(process),
        "record_form": record_url(process, "talks_paused"),
        "correct_form": reverse("admin:negotiations_process_correct", args=[process.pk, 2]),
        "retract_form": reverse("admin:negotiations_process_retract", args=[process.pk, 2]),
        "open_form": reverse("admin:negotiations_process_add"),
    }


# Expected status of GET on each page: 302 is the redirect to the login page.
GET_MATRIX = {
    "anonymous": dict.fromkeys(
        ["list", "page", "record_form", "correct_form", "retract_form", "open_form"], 302
    ),
    "non_staff": dict.fromkeys(
        ["list", "page", "record_form", "correct_form", "retract_form", "open_form"], 302
    ),
    "staff": {
        "list": 200,
        "page": 200,
        "record_form": 403,
        "correct_form": 403,
        "retract_form": 403,
        "open_form": 403,
    },
    "editor": dict.fromkeys(
        ["list", "page", "record_form", "correct_form", "retract_form", "open_form"], 200
    ),
    "superuser": dict.fromkeys(
        ["list", "page", "record_form", "correct_form", "retract_form", "open_form"], 200
    ),
}


@pytest.mark.parametrize("who", list(GET_MATRIX))
def test_pages(clients, active, who):
    client = clients[who]
    for name, url in urls(active).items():
        response = client.get(url)
        assert response.status_code == GET_MATRIX[who][name], (who, name)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("non_staff", 302), ("staff", 403), ("editor", 302), ("superuser", 302)],
)
def test_recording_a_pause(app, clients, active, who, status):
    before = app.recorder.max_notification_id()
    response = clients[who].post(record_url(active, "talks_paused"), event_data(CONTROL, PAUSE))
    assert response.status_code == status
    recorded = app.recorder.max_notification_id() > before
    assert recorded == (who in ("editor", "superuser"))
    if recorded:
        assert response["Location"] == page_url(active)
        assert list(app.repository.event_store.get(active.pk))[-1].recorded_by == (
            "editor" if who == "editor" else "root"
        )


@pytest.mark.parametrize("who", ["anonymous", "non_staff", "staff"])
def test_no_amendment_or_opening_without_the_permission(app, clients, active, who):
    before = app.recorder.max_notification_id()
    u = urls(active)
    posts = [
        (u["retract_form"], {**CONTROL, "reason": "Wrong."}),
        (u["correct_form"], {**CONTROL, "reason": "Wrong.", "occurred_on": "2016-02-02"}),
        (u["open_form"], {**CONTROL, "name": "Other talks", "conflict": "Other"}),
    ]
    for url, data in posts:
        assert clients[who].post(url, data).status_code in (302, 403)
    assert app.recorder.max_notification_id() == before


def test_staff_browse_without_the_forms(clients, active):
    html = clients["staff"].get(page_url(active)).content.decode()
    assert "Intra" not in html  # not the demo: the fresh process
    assert "Test talks" in html
    assert "Record an event" not in html
    assert "/correct/" not in html
    assert "/retract/" not in html
    listing = clients["staff"].get(reverse("admin:negotiations_process_changelist"))
    assert "Add process" not in listing.content.decode()


def test_editors_see_the_forms(clients, active):
    html = clients["editor"].get(page_url(active)).content.decode()
    assert "Record an event" in html
    assert reverse("admin:negotiations_process_correct", args=[active.pk, 2]) in html
    assert reverse("admin:negotiations_process_retract", args=[active.pk, 2]) in html
    # The opening can be corrected but never retracted.
    assert reverse("admin:negotiations_process_retract", args=[active.pk, 1]) not in html
