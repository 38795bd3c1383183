"""The admin's "add process" runs the process_opened command."""

from __future__ import annotations

from django.urls import reverse

from negotiations.read.models import Process
from tests.admin.conftest import formset_data, opened_form, page_url
from tests.factories import SOURCE

ADD = "admin:negotiations_process_add"


def opening_data(control, **over):
    return {
        **control,
        "name": "Astana talks",
        "conflict": "Syrian civil war",
        "description": "Talks hosted in Astana.",
        "mediators": ["russia", "turkey", "iran"],
        "parties": ["syrian-government"],
        "occurred_on": "2017-01-23",
        "date_precision": "day",
        **formset_data("sources", [SOURCE]),
        **over,
    }


def test_open_a_process(app, actors, editor_client):
    url = reverse(ADD)
    response = editor_client.post(url, opening_data(opened_form(editor_client, url)))
    process = Process.objects.get(slug="astana-talks")
    assert response.status_code == 302
    assert response["Location"] == page_url(process)
    assert process.status == "planned"
    assert sorted(process.mediators) == ["iran", "russia", "turkey"]
    opened = list(app.repository.event_store.get(process.pk))
    assert [e.event_type for e in opened] == ["process_opened"]
    assert opened[0].recorded_by == "editor"


def test_a_second_process_with_the_same_slug_is_refused(app, actors, editor_client):
    url = reverse(ADD)
    editor_client.post(url, opening_data(opened_form(editor_client, url)))
    before = app.recorder.max_notification_id()
    response = editor_client.post(url, opening_data(opened_form(editor_client, url)))
    assert response.status_code == 200
    assert "A process with the slug &#x27;astana-talks&#x27; already exists." in (
        response.content.decode()
    )
    assert app.recorder.max_notification_id() == before


def test_a_mediator_cannot_also_be_a_party(app, actors, editor_client):
    url = reverse(ADD)
    before = app.recorder.max_notification_id()
    response = editor_client.post(
        url, opening_data(opened_form(editor_client, url), parties=["turkey"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parties"] == ["Listed as mediator and party: turkey."]
    assert app.recorder.max_notification_id() in (before, None)
