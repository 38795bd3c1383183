"""Actors: an ordinary admin, whose search also feeds the autocomplete of the event forms."""

from __future__ import annotations

from django.urls import reverse

from negotiations.write.models import Actor


def test_editor_adds_an_actor(editor_client, actors):
    response = editor_client.post(
        reverse("admin:negotiations_actor_add"),
        {"slug": "qatar", "name": "Qatar", "kind": "state", "description": ""},
    )
    assert response.status_code == 302
    assert Actor.objects.get(slug="qatar").name == "Qatar"


def test_autocomplete_answers_slugs(editor_client, actors):
    response = editor_client.get(
        reverse("admin:negotiations_actor_slug_autocomplete"), {"term": "mistura"}
    )
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"id": "staffan-de-mistura", "text": str(actors["staffan-de-mistura"])}
    ]


def test_autocomplete_needs_a_staff_login(client, actors):
    response = client.get(reverse("admin:negotiations_actor_slug_autocomplete"), {"term": "a"})
    assert response.status_code == 302


def test_the_event_form_uses_the_admin_autocomplete(editor_client, geneva):
    url = reverse("admin:negotiations_process_record_event", args=[geneva.pk, "talks_paused"])
    html = editor_client.get(url).content.decode()
    assert "admin-autocomplete" in html
    assert reverse("admin:negotiations_actor_slug_autocomplete") in html
    assert "select2" in html
